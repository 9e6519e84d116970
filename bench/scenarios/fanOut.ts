/**
 * Scenario 2 — fan-out across clouds.
 *
 * Real mock clouds, real cloud-nodes and sp-nodes, wired by test/support/topology.ts
 * in this process on loopback (every mock cloud answers after a fixed latency), for
 * 1, 10, 50 and 100 clouds (mocks/seed.ts manyClouds: vSphere, Director and Nova round
 * robin, small VDC and VM counts), plus 10 clouds with ten times the VMs. The gateway
 * measured is the real one started as in production (gateway/main.ts, OVERCAST_CONFIG)
 * in a process of its own, over the topology's nodes, so its CPU per query is its own.
 * Two queries: a tenant's cumulative VDC (as the tenant) and the cross-cloud inventory
 * (as the provider admin). autocannon, in its own process, sends one request at a
 * time, so the figures are latencies, not queueing.
 *
 * Upstream requests per query are counted exactly, for one query after the warm-up:
 * gateway → nodes from each node's /metrics, nodes → cloud APIs from the mock clouds'
 * request logs. They must grow with the number of clouds and not with VMs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manyClouds, type SeedOptions } from '../../mocks/seed';
import { postGraphQL, startTopology, type Topology } from '../../test/support/topology';
import { benchEnv } from '../lib/env';
import { runLoad } from '../lib/load';
import { startGatewayProcess } from '../lib/gatewayProcess';
import type { BenchChild } from '../lib/procs';
import { envNumber, median, printTable, writeResults } from '../lib/report';

const MOCK_LATENCY_MS = 5;

const QUERIES = {
  cumulative: {
    label: "tenant's cumulative VDC",
    query: `query Cumulative($tenant: ID!) { tenant(id: $tenant) { cumulativeVdc {
      vdcCount vmCount poweredOnVmCount vcpuCount memoryMb cpuLimitMhz cpuUsedMhz memoryLimitMb
      parts { cloud { id } source vmCount cpuLimitMhz } } } }`,
    variables: { tenant: 'acme' },
    /** Asked by the tenant itself: tenant isolation runs too. */
    principal: { subject: 'bench-acme', role: 'tenant-viewer' as const, tenantId: 'acme' },
  },
  inventory: {
    label: 'cross-cloud inventory',
    query: '{ clouds { id name kind vdcs { id name vms { id name powerState cpuCount memoryMb } } } }',
    variables: {},
    principal: { subject: 'bench-admin', role: 'provider-admin' as const },
  },
} as const;
type QueryName = keyof typeof QUERIES;

interface Setup {
  name: string;
  clouds: number;
  seed: SeedOptions;
}

const small = { vdcsPerOrg: 1, vdcsPerCloud: 1, vmsPerVdc: 2 };
const SETUPS: Setup[] = [
  { name: '1 cloud', clouds: 1, seed: { clouds: manyClouds(1), ...small } },
  { name: '10 clouds', clouds: 10, seed: { clouds: manyClouds(10), ...small } },
  { name: '50 clouds', clouds: 50, seed: { clouds: manyClouds(50), ...small } },
  { name: '100 clouds', clouds: 100, seed: { clouds: manyClouds(100), ...small } },
  { name: '10 clouds, 10× VMs', clouds: 10, seed: { clouds: manyClouds(10), ...small, vmsPerVdc: 20 } },
];

interface Measured {
  setup: string;
  clouds: number;
  vms: number;
  query: QueryName;
  round: number;
  p50: number;
  p90: number;
  p99: number;
  rps: number;
  requests: number;
  /** CPU of the gateway process per query, ms. */
  gatewayCpuMsPerQuery: number;
  /** CPU of every node and mock cloud (this process) per query, ms. */
  cloudsCpuMsPerQuery: number;
}

interface Upstream {
  setup: string;
  query: QueryName;
  /** Requests the gateway sent to cloud-nodes and sp-nodes. */
  nodeRequests: number;
  /** Requests the nodes sent to the cloud APIs (mocks). */
  cloudApiRequests: number;
}

async function nodeRequestTotal(topology: Topology): Promise<number> {
  const counts = await Promise.all(
    [...topology.clouds.keys()].flatMap((cloudId) => [
      topology.nodeRequests(cloudId, 'cloud-node'),
      topology.nodeRequests(cloudId, 'sp-node'),
    ]),
  );
  return counts.reduce((a, b) => a + b, 0);
}

function cloudApiRequestTotal(topology: Topology): number {
  return [...topology.clouds.values()].reduce((sum, c) => sum + c.mock.countRequests(), 0);
}

export async function fanOut(): Promise<void> {
  // Shorter than gateway-overhead by default: ten setup × query pairs per round, and all of
  // `npm run bench` must stay within 10 minutes.
  const durationSec = envNumber('BENCH_DURATION', 5, 60);
  const warmupSec = Math.min(envNumber('BENCH_WARMUP', 4, 30), 2);
  const rounds = Math.min(Math.round(envNumber('BENCH_ROUNDS', 3, 10)), 2);
  const topologies: Array<{ setup: Setup; topology: Topology; gateway: BenchChild; tokens: Record<QueryName, string> }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  // Every node's Apollo Server adds its own SIGINT/SIGTERM handlers: hundreds of them here.
  process.setMaxListeners(0);
  try {
    console.log(
      `fan-out: mock cloud latency ${MOCK_LATENCY_MS} ms; 1 connection; ${rounds} alternating rounds × ${durationSec} s per setup and query`,
    );
    // BENCH_SETUPS=1,100: only the setups with these cloud counts (while investigating).
    const only = benchEnv().BENCH_SETUPS;
    for (const setup of SETUPS.filter((s) => !only || only.includes(s.clouds))) {
      const started = Date.now();
      // Limits as configured by default: the check below fails if they refuse a bench query.
      // No change watching: its polls would load the clouds and be counted as upstream requests.
      const topology = await startTopology({ seed: setup.seed, nodeTimeoutMs: 5000, cloudTimeoutMs: 5000, watchIntervalMs: 0 });
      const tokens = {
        cumulative: await topology.tokenFor(QUERIES.cumulative.principal),
        inventory: await topology.tokenFor(QUERIES.inventory.principal),
      };
      for (const cloud of topology.clouds.values()) cloud.mock.setFaults({ latencyMs: MOCK_LATENCY_MS });
      const gateway = await startGatewayProcess(topology, join(dir, `${topologies.length}.json`));
      topologies.push({ setup, topology, gateway, tokens });
      console.log(
        `  started ${setup.name}: ${topology.seed.clouds.length} mock clouds and their nodes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }

    // Every query answers completely (no error, nothing refused by the request limits) before anything is timed.
    for (const { setup, gateway, tokens } of topologies) {
      for (const name of Object.keys(QUERIES) as QueryName[]) {
        const q = QUERIES[name];
        const res = await postGraphQL(gateway.info.url, q.query, { ...q.variables }, tokens[name]);
        if (res.status !== 200 || res.errors?.length || !res.data) {
          throw new Error(`${setup.name}, ${q.label}: HTTP ${res.status} ${JSON.stringify(res.errors ?? res.data).slice(0, 400)}`);
        }
      }
    }

    const load = (gateway: BenchChild, name: QueryName, token: string, seconds: number) =>
      runLoad({
        url: gateway.info.url,
        body: JSON.stringify({ query: QUERIES[name].query, variables: QUERIES[name].variables }),
        headers: { authorization: `Bearer ${token}` },
        connections: 1,
        durationSec: seconds,
      });

    for (const { gateway, tokens } of topologies)
      for (const name of Object.keys(QUERIES) as QueryName[]) await load(gateway, name, tokens[name], warmupSec);

    // Exact counts for one query each (caches warm, as in steady state).
    const upstream: Upstream[] = [];
    for (const { setup, topology, gateway, tokens } of topologies) {
      for (const name of Object.keys(QUERIES) as QueryName[]) {
        const q = QUERIES[name];
        await postGraphQL(gateway.info.url, q.query, { ...q.variables }, tokens[name]);
        const nodesBefore = await nodeRequestTotal(topology);
        for (const cloud of topology.clouds.values()) cloud.mock.resetRequests();
        await postGraphQL(gateway.info.url, q.query, { ...q.variables }, tokens[name]);
        upstream.push({
          setup: setup.name,
          query: name,
          nodeRequests: (await nodeRequestTotal(topology)) - nodesBefore,
          cloudApiRequests: cloudApiRequestTotal(topology),
        });
      }
    }

    const measured: Measured[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const { setup, topology, gateway, tokens } of topologies) {
        for (const name of Object.keys(QUERIES) as QueryName[]) {
          const cpu = process.cpuUsage();
          const gatewayCpu = gateway.cpuMs();
          const r = await load(gateway, name, tokens[name], durationSec);
          const used = process.cpuUsage(cpu);
          const gatewayMs = gateway.cpuMs() - gatewayCpu;
          for (const cloud of topology.clouds.values()) cloud.mock.resetRequests(); // the logs only grow otherwise
          const row: Measured = {
            setup: setup.name,
            clouds: setup.clouds,
            vms: topology.seed.clouds.reduce((n, c) => n + c.vms.length, 0),
            query: name,
            round,
            p50: r.p50,
            p90: r.p90,
            p99: r.p99,
            rps: r.rps,
            requests: r.requests,
            gatewayCpuMsPerQuery: gatewayMs / Math.max(1, r.requests),
            cloudsCpuMsPerQuery: (used.user + used.system) / 1000 / Math.max(1, r.requests),
          };
          measured.push(row);
          console.log(
            `  round ${round} ${setup.name.padEnd(20)} ${name.padEnd(10)} p50 ${r.p50} ms  p99 ${r.p99} ms  ${r.rps.toFixed(1)} q/s  CPU ms/query: gateway ${row.gatewayCpuMsPerQuery.toFixed(1)}, nodes+clouds ${row.cloudsCpuMsPerQuery.toFixed(1)}${r.non2xx + r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`,
          );
        }
      }
    }

    const summary = topologies.flatMap(({ setup }) =>
      (Object.keys(QUERIES) as QueryName[]).map((name) => {
        const mine = measured.filter((m) => m.setup === setup.name && m.query === name);
        const up = upstream.find((u) => u.setup === setup.name && u.query === name)!;
        return {
          setup: setup.name,
          query: name,
          clouds: setup.clouds,
          vms: mine[0]!.vms,
          p50: median(mine.map((m) => m.p50)),
          p90: median(mine.map((m) => m.p90)),
          p99: median(mine.map((m) => m.p99)),
          gatewayCpuMsPerQuery: median(mine.map((m) => m.gatewayCpuMsPerQuery)),
          cloudsCpuMsPerQuery: median(mine.map((m) => m.cloudsCpuMsPerQuery)),
          nodeRequests: up.nodeRequests,
          cloudApiRequests: up.cloudApiRequests,
        };
      }),
    );
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      const rows = summary.filter((s) => s.query === name);
      const base = rows[0]!;
      printTable(
        `Fan-out: ${QUERIES[name].label}, mock latency ${MOCK_LATENCY_MS} ms, 1 connection (median of ${rounds} alternating runs of ${durationSec} s)`,
        [
          'setup',
          'VMs',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          '× p50 of 1 cloud',
          'gateway CPU ms/query',
          'nodes+clouds CPU ms/query',
          'gateway→node requests',
          'node→cloud API requests',
        ],
        rows.map((s) => [
          s.setup,
          s.vms,
          s.p50,
          s.p90,
          s.p99,
          s.p50 / base.p50,
          s.gatewayCpuMsPerQuery,
          s.cloudsCpuMsPerQuery,
          s.nodeRequests,
          s.cloudApiRequests,
        ]),
      );
    }
    const file = writeResults('fan-out', {
      mockLatencyMs: MOCK_LATENCY_MS,
      durationSec,
      rounds,
      warmupSec,
      queries: QUERIES,
      summary,
      upstream,
      measured,
    });
    console.log(`\nresults: ${file}`);
  } finally {
    for (const { topology, gateway } of topologies.reverse()) {
      await gateway.stop();
      await topology.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The gateway as deployed: gateway/main.ts with a configuration file naming the
 * topology's nodes (and their secrets), tenants and client-token secret.
 */
