/**
 * The gateway's event collector against real cloud-nodes (test/support/topology.ts):
 * events from every cloud arrive once; nodes that come and go are followed; a
 * dropped connection resumes where it stopped; a restarted node is read from its
 * new start; garbage is dropped; stop() closes everything.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { SeedCloud } from '../../../mocks/seed';
import type { NodeEvent } from '../../../schema/events';
import { EventCollector } from '../../../gateway/events/collector';
import { LiveRegistry } from '../../../gateway/nodes/liveRegistry';
import { createNodeTransport } from '../../../gateway/nodes/transport';
import type { NodeInstance, NodeRegistry } from '../../../gateway/registry';
import { createAdapter } from '../../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../../subgraphs/cloud-node/server';

import { waitFor } from '../../support/waitFor';
import { startTopology, type Topology } from '../../support/topology';
import { liveVm, otherPowerState, snapshotOf } from '../../support/vmEvents';

/** A TCP relay to a node, to cut and restore the collector's connection while the node keeps running. */
async function startRelay(targetPort: number, port = 0): Promise<{ url: (path: string) => string; port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: (path) => `http://127.0.0.1:${bound}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('gateway event collector', () => {
  let topology: Topology;
  let collector: EventCollector | undefined;
  let received: NodeEvent[];
  let errors: string[];
  const extraNodes: RunningCloudNode[] = [];
  const transport = createNodeTransport({ timeoutMs: 2000 });

  const collect = (registry: NodeRegistry): EventCollector => {
    received = [];
    errors = [];
    collector = new EventCollector(registry, transport, {
      onEvent: (event) => received.push(event),
      onError: (_node, err) => errors.push(err.message),
      backoff: { initialMs: 20, maxMs: 200 },
      refreshIntervalMs: 20,
    });
    collector.start();
    return collector;
  };
  const connected = (id: string, epoch?: string) => () =>
    collector!.status().some((s) => s.nodeId === id && s.connected && (epoch === undefined || s.epoch === epoch));
  const fromCloud = (cloudId: string) => received.filter((e) => e.cloudId === cloudId);
  const seed = (id: string): SeedCloud => topology.seed.clouds.find((c) => c.id === id)!;
  /** Flip a VM's power in the mock; the expected event, from the seed. */
  const flip = (cloudId: string, index: number) => {
    const vm = seed(cloudId).vms[index]!;
    const live = liveVm(topology.cloud(cloudId).mock.cloud, vm.nativeId);
    const previous = live.powerState;
    live.powerState = otherPowerState(previous);
    return {
      type: 'POWER_STATE_CHANGED',
      vm: snapshotOf(seed(cloudId), { ...vm, powerState: live.powerState }),
      previous: { powerState: previous },
    };
  };
  const received1 = (expected: { vm: { id: string }; previous: { powerState: string } }) => () =>
    received.some((e) => e.kind === 'vm' && e.vm.id === expected.vm.id && e.previous?.powerState === expected.previous.powerState);
  const seqs = (events: NodeEvent[]) => events.map((e) => e.seq);
  const consecutive = (values: number[]) => values.every((v, i) => i === 0 || v === values[i - 1]! + 1);

  beforeAll(async () => {
    topology = await startTopology({ watchIntervalMs: 20 });
    await Promise.all([...topology.clouds.values()].map((c) => c.node.watcher.baselined()));
  });
  afterEach(async () => {
    await collector?.stop();
    collector = undefined;
  });
  afterAll(async () => {
    for (const node of extraNodes) await node.close();
    await transport.close();
    await topology.close();
  });

  it('delivers the events of every cloud, each once', async () => {
    const c = collect(topology.gateway.registry);
    await waitFor('a stream to every cloud-node', () => c.status().length === topology.clouds.size && c.status().every((s) => s.connected));
    const east = flip('dc-east', 0);
    const nova = flip('nova-eu', 0);
    await waitFor('both events', () => received1(east)() && received1(nova)());
    expect(fromCloud('dc-east')).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#1$/), seq: 1, kind: 'vm', ...east }),
    ]);
    expect(fromCloud('nova-eu')).toEqual([
      expect.objectContaining({ id: expect.stringMatching(/^nova-eu\/cloud-node@[0-9a-f]{16}#1$/), seq: 1, kind: 'vm', ...nova }),
    ]);
    expect(fromCloud('vcd-nl')).toEqual([]);
  });

  it('follows the registry: a node registered later is read, a deregistered one let go; stop() closes all', async () => {
    const registry = new LiveRegistry([]);
    const c = collect(registry);
    const east = topology.gateway.registry.find('cloud-node', 'dc-east')!;
    const node = topology.cloud('dc-east').node;
    const readers = node.events.listenerCount;
    registry.put({ cloudId: east.cloudId, kind: east.kind, url: east.url, secret: east.secret });
    await waitFor('the new node to be read', connected('dc-east/cloud-node'));
    await waitFor('the node to see the reader', () => node.events.listenerCount === readers + 1);
    // What the node had before the collector came: its buffer, from the start.
    await waitFor('the buffered event', () => fromCloud('dc-east').length >= 1);
    registry.remove('dc-east/cloud-node');
    await waitFor('the node to be let go', () => c.status().length === 0 && node.events.listenerCount === readers);

    registry.put({ cloudId: east.cloudId, kind: east.kind, url: east.url, secret: east.secret });
    await waitFor('the reader again', () => node.events.listenerCount === readers + 1);
    await c.stop();
    await waitFor('stop() to close the stream', () => node.events.listenerCount === readers);
    expect(c.status()).toEqual([]);
  });

  it('resumes a dropped connection after the last event seen: nothing lost, nothing repeated', async () => {
    const east = topology.gateway.registry.find('cloud-node', 'dc-east')!;
    const node = topology.cloud('dc-east').node;
    let relay = await startRelay(Number(new URL(east.url).port));
    const c = collect(new LiveRegistry([{ ...east, url: relay.url('/graphql') }]));
    try {
      await waitFor('the stream', connected('dc-east/cloud-node'));
      const before = flip('dc-east', 1);
      await waitFor('the event before the cut', received1(before));

      await relay.close();
      await waitFor('the collector to notice', () => !connected('dc-east/cloud-node')());
      const seqBefore = node.events.lastSeq;
      const during = flip('dc-east', 2);
      await waitFor('the node to log the change while cut off', () => node.events.lastSeq > seqBefore);

      relay = await startRelay(Number(new URL(east.url).port), relay.port);
      await waitFor('the event missed while cut off', received1(during));
      const after = flip('dc-east', 3);
      await waitFor('a live event after the resume', received1(after));

      const events = fromCloud('dc-east');
      expect(seqs(events)).toEqual(seqs(node.events.since(0)));
      expect(consecutive(seqs(events))).toBe(true);
      expect(events.slice(-3)).toEqual([before, during, after].map((e) => expect.objectContaining(e)));
    } finally {
      await c.stop();
      await relay.close();
    }
  });

  it('reads a node killed and restarted on the same port, with the same secret, from its new start', async () => {
    const east = topology.gateway.registry.find('cloud-node', 'dc-east')!;
    const cloud = topology.cloud('dc-east');
    collect(topology.gateway.registry);
    await waitFor('the stream', connected('dc-east/cloud-node', cloud.node.events.epoch));
    // At least one event in the old log, whatever ran before: its seqs must not hide the new log's.
    await waitFor('an event of the old log', received1(flip('dc-east', 2)));
    const old = cloud.node.events.since(0);
    await waitFor('the old buffer', () => fromCloud('dc-east').length === old.length);

    await cloud.node.close();
    const restarted = await startCloudNode({
      cloud: { id: 'dc-east', name: seed('dc-east').name, kind: 'vsphere' },
      adapter: createAdapter('vsphere', { baseUrl: cloud.mock.url, ...cloud.mock.credentials, timeoutMs: 2000 }),
      secret: east.secret,
      port: Number(new URL(east.url).port),
      watchIntervalMs: 20,
    });
    extraNodes.push(restarted);
    await restarted.watcher.baselined();
    await waitFor('the stream to the restarted node', connected('dc-east/cloud-node', restarted.events.epoch));
    const change = flip('dc-east', 0);
    await waitFor('the first event of the restarted node', received1(change));

    // The old log's events once each, then the new log's from seq 1.
    expect(seqs(fromCloud('dc-east'))).toEqual([...seqs(old), 1]);
    expect(fromCloud('dc-east').at(-1)).toEqual(
      expect.objectContaining({ id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#1$/), ...change }),
    );
  });

  describe('against a node that sends garbage', () => {
    let server: Server;
    let node: NodeInstance;
    const valid = {
      id: 'x-cloud/cloud-node@0123456789abcdef#1',
      seq: 1,
      at: new Date(0).toISOString(),
      cloudId: 'x-cloud',
      kind: 'task',
      task: { id: 'x-cloud:task-1', operation: 'POWER_ON', vmId: 'x-cloud:vm-1', state: 'RUNNING', progress: 0 },
    };

    beforeAll(async () => {
      server = createHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const lines = [
          'data: not json',
          `data: ${JSON.stringify({ ...valid, kind: 'nonsense' })}`,
          `data: ${JSON.stringify({ ...valid, seq: 'one' })}`,
          `data: ${JSON.stringify({ ...valid, cloudId: 'dc-east', id: 'dc-east/cloud-node@0123456789abcdef#1' })}`,
          `data: ${JSON.stringify({ ...valid, extra: 'dropped field' })}`,
          `data: ${JSON.stringify(valid)}`,
        ];
        res.write(lines.map((line) => `${line}\n\n`).join(''));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      node = {
        cloudId: 'x-cloud',
        kind: 'cloud-node',
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
        secret: 'x'.repeat(32),
      };
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('delivers only well-formed events of its own cloud, once, without unknown fields', async () => {
      collect(new LiveRegistry([node]));
      await waitFor('the stream to be read', () => received.length >= 1 && errors.length >= 4);
      expect(received).toEqual([valid]);
      expect(errors.filter((e) => e.startsWith('dropped'))).toHaveLength(4);
    });
  });
});
