/**
 * Scenario 4 — live status feeds: delivery latency and throughput with hundreds to
 * thousands of subscribers. The gateway runs as deployed (its own process) over a
 * real cloud-node and mock cloud; the subscribers are graphql-ws clients in this
 * process, many subscriptions per WebSocket connection, with two distinct selections
 * (so two hydrations per event). Each event is a power operation through the API;
 * latency is from sending the mutation to a subscriber receiving the event.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL, startTopology } from '../../test/support/topology';
import { benchEnv } from '../lib/env';
import { startGatewayProcess } from '../lib/gatewayProcess';
import { envNumber, printTable, writeResults } from '../lib/report';

const SIZES = benchEnv().BENCH_SUBSCRIBERS ?? [100, 1000, 3000];
const CONNECTIONS = 50;
const SELECTIONS = ['vm { id name powerState }', 'vm { name cloud { name } }'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function until(check: () => boolean, capMs: number): Promise<boolean> {
  const end = Date.now() + capMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return check();
}

export async function subscriptions(): Promise<void> {
  const events = envNumber('BENCH_EVENTS', 20, 200);
  const topology = await startTopology({
    seed: { clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'DC East' }], vdcsPerCloud: 2, vmsPerVdc: 10 },
    watchIntervalMs: 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  const gateway = await startGatewayProcess(topology, join(dir, 'gateway.json'));
  const token = await topology.tokenFor({ subject: 'bench', role: 'provider-admin' });
  const vm = `dc-east:${topology.seed.clouds[0]!.vms[0]!.nativeId}`;
  let on = topology.seed.clouds[0]!.vms[0]!.powerState === 'POWERED_ON';
  const rows: Array<Array<string | number>> = [];
  const results: unknown[] = [];
  try {
    for (const size of SIZES) {
      const clients: Client[] = Array.from({ length: Math.min(CONNECTIONS, size) }, () =>
        createClient({
          url: gateway.info.url.replace(/^http/, 'ws'),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams: { authorization: `Bearer ${token}` },
        }),
      );
      // received[s] = times subscriber s got an event
      const received: number[][] = Array.from({ length: size }, () => []);
      const disposers = received.map((times, s) =>
        clients[s % clients.length]!.subscribe(
          { query: `subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { type ${SELECTIONS[s % SELECTIONS.length]} } }` },
          { next: () => void times.push(performance.now()), error: () => undefined, complete: () => undefined },
        ),
      );
      const toggle = async (): Promise<number> => {
        on = !on;
        const sent = performance.now();
        await postGraphQL(gateway.info.url, `mutation { ${on ? 'powerOnVm' : 'powerOffVm'}(id: "${vm}") { id } }`, undefined, token);
        return sent;
      };
      // Warm-up event: also proves every subscription is registered before measuring.
      let expected = 1;
      for (let attempt = 0; attempt < 20 && !(await until(() => received.every((t) => t.length >= expected), 1000)); attempt++) {
        await toggle();
        expected = Math.max(...received.map((t) => t.length)) || expected;
      }
      received.forEach((t) => (t.length = 0));
      const cpuBefore = gateway.cpuMs();
      const sent: number[] = [];
      for (let e = 0; e < events; e++) {
        sent.push(await toggle());
        // One event at a time: each latency is that of one event, not of a queue.
        await until(() => received.every((t) => t.length > e), 10_000);
      }
      const latencies = received.flatMap((times) => times.map((t, e) => t - sent[e]!)).sort((a, b) => a - b);
      const deliveries = latencies.length;
      const lastReceive = Math.max(...received.flatMap((t) => t));
      const perSecond = deliveries / ((lastReceive - sent[0]!) / 1000);
      const cpuPerEvent = (gateway.cpuMs() - cpuBefore) / events;
      rows.push([size, events, deliveries, percentile(latencies, 50), percentile(latencies, 99), perSecond, cpuPerEvent, gateway.rssMiB()]);
      results.push({
        subscribers: size,
        events,
        deliveries,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        deliveriesPerSecond: perSecond,
        gatewayCpuMsPerEvent: cpuPerEvent,
        gatewayRssMiB: gateway.rssMiB(),
      });
      disposers.forEach((d) => d());
      await Promise.all(clients.map((c) => c.dispose()));
    }
  } finally {
    await gateway.stop();
    await topology.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    'Subscriptions: one power operation at a time, each event to every subscriber (2 distinct selections)',
    ['subscribers', 'events', 'deliveries', 'p50 ms', 'p99 ms', 'deliveries/s', 'gateway CPU ms/event', 'gateway RSS MiB'],
    rows,
  );
  console.log(`\nresults: ${writeResults('subscriptions', { connections: CONNECTIONS, results })}`);
}
