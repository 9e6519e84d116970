/**
 * Scenario 4 — live status feeds: delivery latency, throughput and memory with a
 * hundred to ten thousand subscribers on one replica. The gateway runs as deployed
 * (its own process, a fresh one per size so its memory before subscribing is a clean
 * baseline) over a real cloud-node and mock cloud; the subscribers are graphql-ws
 * clients in this process, many subscriptions per WebSocket connection, with two
 * distinct selections (so two hydrations per event). Each event is a power operation
 * through the API; latency is from sending the mutation to a subscriber receiving it.
 *
 * The subscribers stay in this process: on two cores a child would add no core, only
 * IPC, and this process's CPU per event (subscribers plus the node and mock cloud) is
 * reported beside the gateway's so a receiving-side bottleneck shows.
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
import type { BenchChild } from '../lib/procs';
import { envNumber, printTable, writeResults } from '../lib/report';

const SIZES = benchEnv().BENCH_SUBSCRIBERS ?? [100, 1000, 3000, 10_000];
const SELECTIONS = ['vm { id name powerState }', 'vm { name cloud { name } }'];
/** Events delivered to everyone before measuring: the first proves every subscription is registered, the rest warm the JIT. */
const WARMUP_EVENTS = 3;
/** How long every subscriber may take to receive one event before the run fails. */
const EVENT_CAP_MS = 10_000;
/** Toggles tried (one per EVENT_CAP_MS at most) until every subscription is registered. */
const REGISTER_ATTEMPTS = 20;

/** About 50 subscriptions per socket, between 50 and 200 sockets: 200 at 10,000. */
export function connectionsFor(subscribers: number): number {
  return Math.min(subscribers, Math.max(50, Math.min(200, Math.ceil(subscribers / 50))));
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A graphql-ws client error: an Error, a CloseEvent, or GraphQL errors. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'code' in err)
    return `socket closed ${String(err.code)} ${String((err as { reason?: unknown }).reason ?? '')}`;
  return JSON.stringify(err);
}

async function until(check: () => boolean, capMs: number): Promise<boolean> {
  const end = Date.now() + capMs;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
  return check();
}

interface SizeResult {
  subscribers: number;
  connections: number;
  events: number;
  deliveries: number;
  p50: number;
  p99: number;
  deliveriesPerSecond: number;
  gatewayCpuMsPerEvent: number;
  benchCpuMsPerEvent: number;
  gatewayRssBeforeMiB: number;
  gatewayRssMiB: number;
  /** (gateway RSS with the subscribers, after the events − before any client connected) ÷ subscribers. */
  gatewayRssKiBPerSubscriber: number;
}

async function runSize(
  gateway: BenchChild,
  size: number,
  events: number,
  token: string,
  toggle: () => Promise<number>,
): Promise<SizeResult> {
  const rssBefore = gateway.rssMiB();
  const connections = connectionsFor(size);
  const failures: unknown[] = [];
  let connected = 0;
  const clients: Client[] = Array.from({ length: connections }, () =>
    createClient({
      url: gateway.info.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      // Connected before any subscribes: a socket's init waiting behind 10,000 subscribes would time out (4408).
      lazy: false,
      onNonLazyError: (err) => void failures.push(err),
      on: { connected: () => void connected++ },
      connectionParams: { authorization: `Bearer ${token}` },
    }),
  );
  if (!(await until(() => connected === connections || failures.length > 0, EVENT_CAP_MS)) || failures.length)
    throw new Error(`subscriptions: only ${connected} of ${connections} sockets connected (${failures.map(describe).join('; ')})`);
  // Counted, not scanned: at 10,000 subscribers a scan per poll would cost more than the deliveries.
  const received = new Int32Array(size);
  let fewest = 0; // how many subscribers have received at least `fewestOf` events
  let fewestOf = 0;
  // times[s * events + e]: when subscriber s received measured event e
  const times = new Float64Array(size * events);
  let measuring = false;
  const disposers = Array.from({ length: size }, (_, s) =>
    clients[s % connections]!.subscribe(
      { query: `subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { type ${SELECTIONS[s % SELECTIONS.length]} } }` },
      {
        next: () => {
          const n = ++received[s]!;
          if (measuring && n <= events) times[s * events + n - 1] = performance.now();
          if (n === fewestOf) fewest++;
        },
        error: (err) => void failures.push(err),
        complete: () => undefined,
      },
    ),
  );
  const fail = (what: string): never => {
    throw new Error(
      `subscriptions: at ${size} subscribers on ${connections} sockets, ${what}` +
        (failures.length ? ` (${failures.length} subscriber errors, the first: ${describe(failures[0])})` : ''),
    );
  };
  /** Whether every subscriber received `count` events within the cap (counted as they arrive); a subscriber's error fails the run. */
  const reached = async (count: number): Promise<boolean> => {
    fewestOf = count;
    fewest = received.reduce((sum, n) => sum + (n >= count ? 1 : 0), 0);
    const all = await until(() => fewest === size || failures.length > 0, EVENT_CAP_MS);
    if (failures.length) fail('a subscription failed');
    return all;
  };
  try {
    // Every subscription registered: toggles until one event reached everyone.
    let registered = false;
    for (let attempt = 0; attempt < REGISTER_ATTEMPTS && !registered; attempt++) {
      received.fill(0);
      await toggle();
      registered = await reached(1);
    }
    if (!registered) fail(`only ${fewest} received an event after ${REGISTER_ATTEMPTS} tries`);
    for (let w = 1; w < WARMUP_EVENTS; w++) {
      await toggle();
      if (!(await reached(w + 1))) fail(`warm-up event ${w} reached only ${fewest} within ${EVENT_CAP_MS} ms`);
    }
    received.fill(0);
    fewestOf = 0;
    measuring = true;
    const cpuBefore = gateway.cpuMs();
    const benchCpuBefore = process.cpuUsage();
    const sent: number[] = [];
    for (let e = 0; e < events; e++) {
      sent.push(await toggle());
      // One event at a time: each latency is that of one event, not of a queue.
      if (!(await reached(e + 1))) fail(`event ${e} reached only ${fewest} within ${EVENT_CAP_MS} ms`);
    }
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const cpuPerEvent = (gateway.cpuMs() - cpuBefore) / events;
    const rss = gateway.rssMiB();
    const latencies = times.map((t, i) => t - sent[i % events]!).sort();
    const lastReceive = times.reduce((a, b) => Math.max(a, b), 0);
    return {
      subscribers: size,
      connections,
      events,
      deliveries: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      deliveriesPerSecond: latencies.length / ((lastReceive - sent[0]!) / 1000),
      gatewayCpuMsPerEvent: cpuPerEvent,
      benchCpuMsPerEvent: (benchCpu.user + benchCpu.system) / 1000 / events,
      gatewayRssBeforeMiB: rssBefore,
      gatewayRssMiB: rss,
      gatewayRssKiBPerSubscriber: ((rss - rssBefore) * 1024) / size,
    };
  } finally {
    disposers.forEach((d) => d());
    await Promise.all(clients.map((c) => c.dispose()));
  }
}

export async function subscriptions(): Promise<void> {
  const events = envNumber('BENCH_EVENTS', 20, 200);
  const topology = await startTopology({
    seed: { clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'DC East' }], vdcsPerCloud: 2, vmsPerVdc: 10 },
    watchIntervalMs: 0,
  });
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  const token = await topology.tokenFor({ subject: 'bench', role: 'provider-admin' });
  const vm = `dc-east:${topology.seed.clouds[0]!.vms[0]!.nativeId}`;
  let on = topology.seed.clouds[0]!.vms[0]!.powerState === 'POWERED_ON';
  const results: SizeResult[] = [];
  try {
    for (const size of SIZES) {
      const gateway = await startGatewayProcess(topology, join(dir, `gateway-${size}.json`));
      const toggle = async (): Promise<number> => {
        on = !on;
        const sent = performance.now();
        await postGraphQL(gateway.info.url, `mutation { ${on ? 'powerOnVm' : 'powerOffVm'}(id: "${vm}") { id } }`, undefined, token);
        return sent;
      };
      try {
        results.push(await runSize(gateway, size, events, token, toggle));
      } finally {
        await gateway.stop();
      }
    }
  } finally {
    await topology.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    'Subscriptions: one power operation at a time, each event to every subscriber (2 distinct selections); a fresh gateway per size',
    [
      'subscribers',
      'sockets',
      'events',
      'deliveries',
      'p50 ms',
      'p99 ms',
      'deliveries/s',
      'gateway CPU ms/event',
      'bench CPU ms/event',
      'gateway RSS MiB',
      'RSS KiB/subscriber',
    ],
    results.map((r) => [
      r.subscribers,
      r.connections,
      r.events,
      r.deliveries,
      r.p50,
      r.p99,
      r.deliveriesPerSecond,
      r.gatewayCpuMsPerEvent,
      r.benchCpuMsPerEvent,
      r.gatewayRssMiB,
      r.gatewayRssKiBPerSubscriber,
    ]),
  );
  console.log(
    '\nRSS KiB/subscriber: (gateway RSS after the events − RSS before any client connected) ÷ subscribers; includes each one’s share of the sockets and uncollected garbage.' +
      '\nbench CPU: this process — the subscribers, and the cloud-node and mock cloud the hydrations reach.',
  );
  console.log(`\nresults: ${writeResults('subscriptions', { results })}`);
}
