/**
 * Entry point of one fan-out shard: a slice of the simulated clouds (mock clouds, their
 * cloud-nodes and sp-nodes, test/support/topology.ts) in a process of its own, so the
 * gateway under test shares no process with them and each side's CPU can be read apart.
 *
 * FANOUT_SHARD is the shard's JSON (`ShardSpec`). Ready, it prints one JSON line
 * (`ShardListening`): its control URL, its nodes with their secrets, and the clouds'
 * owners and VM counts. The control endpoint (loopback) answers the bench's counts:
 * GET /counts → `ShardCounts`; POST /reset → empties the mock clouds' request logs.
 *
 * startTopology also starts a gateway in here; it stays idle (its loops are off).
 */
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTopology, type Topology } from '../../test/support/topology';
import type { ShardCounts, ShardListening, ShardSpec } from './shard';

async function counts(topology: Topology): Promise<ShardCounts> {
  const perNode = await Promise.all(
    [...topology.clouds.keys()].flatMap((id) => [topology.nodeRequests(id, 'cloud-node'), topology.nodeRequests(id, 'sp-node')]),
  );
  return {
    nodeRequests: perNode.reduce((a, b) => a + b, 0),
    cloudApiRequests: [...topology.clouds.values()].reduce((sum, c) => sum + c.mock.countRequests(), 0),
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.FANOUT_SHARD ?? '') as ShardSpec;
  // Every node's Apollo Server adds its own SIGINT/SIGTERM handlers: dozens of them here.
  process.setMaxListeners(0);
  // No change watching: its polls would load the clouds and be counted as upstream requests.
  const topology = await startTopology({ seed: spec.seed, nodeTimeoutMs: 5000, cloudTimeoutMs: 5000, watchIntervalMs: 0 });
  for (const cloud of topology.clouds.values()) cloud.mock.setFaults({ latencyMs: spec.latencyMs });

  const control = createServer((req, res) => {
    const answer = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET' && req.url === '/counts') {
      counts(topology).then(
        (c) => answer(200, c),
        (err: unknown) => answer(500, { error: (err as Error).message }),
      );
    } else if (req.method === 'POST' && req.url === '/reset') {
      for (const cloud of topology.clouds.values()) cloud.mock.resetRequests();
      answer(200, {});
    } else answer(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

  const listening: ShardListening = {
    event: 'listening',
    url: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    nodes: topology.gateway.registry.all().map(({ cloudId, kind, url, secret }) => ({ cloudId, kind, url, secret })),
    clouds: topology.seed.clouds.map((c) => ({
      id: c.id,
      ...(c.ownerTenantId ? { ownerTenantId: c.ownerTenantId } : {}),
      vms: c.vms.length,
    })),
    tenants: topology.seed.tenants.map(({ id, name }) => ({ id, name })),
  };
  console.log(JSON.stringify(listening));

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    control.close();
    topology.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
