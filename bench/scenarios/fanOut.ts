/**
 * Scenario 2 — fan-out across clouds.
 *
 * Real mock clouds, real cloud-nodes and sp-nodes (test/support/topology.ts), every mock
 * cloud answering after a fixed latency, for 1, 10, 50 and 100 clouds (mocks/seed.ts
 * manyClouds: vSphere, Director and Nova round robin, small VDC and VM counts), plus 10
 * clouds with ten times the VMs. The clouds and nodes of a setup run in child processes
 * of their own (bench/fanout/, up to CLOUDS_PER_SHARD clouds each), the gateway measured
 * is the real one started as in production (gateway/main.ts, OVERCAST_CONFIG) in another,
 * and autocannon in a third: each side's CPU per query is its own, and the gateway's CPU
 * per query against the latency is its share of it. Two queries: a tenant's cumulative
 * VDC (as the tenant) and the cross-cloud inventory (as the provider admin), one request
 * at a time, so the figures are latencies, not queueing.
 *
 * Upstream requests per query are counted exactly, for one query after the warm-up:
 * gateway → nodes from each node's /metrics, nodes → cloud APIs from the mock clouds'
 * request logs (asked of each shard's control endpoint). They must grow with the number
 * of clouds and not with VMs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../../gateway/auth/tokens';
import { manyClouds, type SeedOptions } from '../../mocks/seed';
import { postGraphQL } from '../../test/support/topology';
import { startShardedClouds, type ShardedClouds } from '../fanout/shard';
import { benchEnv } from '../lib/env';
import { runLoad } from '../lib/load';
import { startGatewayOver } from '../lib/gatewayProcess';
import type { BenchChild } from '../lib/procs';
import { envNumber, median, printTable, writeResults } from '../lib/report';

const MOCK_LATENCY_MS = 5;
/**
 * Clouds per shard process. On two cores, two shards at 100 clouds let the nodes' work
 * use both cores while the gateway waits on them; more only add processes that compete.
 */
const CLOUDS_PER_SHARD = 50;

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
  /** CPU of every node and mock cloud (the shard processes) per query, ms. */
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

export async function fanOut(): Promise<void> {
  // Shorter than gateway-overhead by default: ten setup × query pairs per round, and all of
  // `npm run bench` must stay within 10 minutes.
  const durationSec = envNumber('BENCH_DURATION', 5, 60);
  const warmupSec = Math.min(envNumber('BENCH_WARMUP', 4, 30), 2);
  const rounds = Math.min(Math.round(envNumber('BENCH_ROUNDS', 3, 10)), 2);
  const running: Array<{ setup: Setup; clouds: ShardedClouds; gateway: BenchChild; tokens: Record<QueryName, string> }> = [];
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  try {
    console.log(
      `fan-out: mock cloud latency ${MOCK_LATENCY_MS} ms; clouds and nodes in shard processes of up to ${CLOUDS_PER_SHARD} clouds; 1 connection; ${rounds} alternating rounds × ${durationSec} s per setup and query`,
    );
    // BENCH_SETUPS=1,100: only the setups with these cloud counts (while investigating).
    const only = benchEnv().BENCH_SETUPS;
    for (const setup of SETUPS.filter((s) => !only || only.includes(s.clouds))) {
      const started = Date.now();
      const clouds = await startShardedClouds(setup.name, setup.seed, Math.ceil(setup.clouds / CLOUDS_PER_SHARD), MOCK_LATENCY_MS);
      // Client tokens are the gateway's alone: the shards' own (idle) gateways never see them.
      const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
      const tokens = {
        cumulative: await issueToken(auth, QUERIES.cumulative.principal),
        inventory: await issueToken(auth, QUERIES.inventory.principal),
      };
      let gateway: BenchChild;
      try {
        gateway = await startGatewayOver(
          { nodes: clouds.nodes, tenants: clouds.tenants, auth, clouds: setup.clouds },
          join(dir, `${running.length}.json`),
        );
      } catch (err) {
        await clouds.stop();
        throw err;
      }
      running.push({ setup, clouds, gateway, tokens });
      console.log(
        `  started ${setup.name}: ${setup.clouds} mock clouds and their nodes in ${clouds.shards.length} process(es), and the gateway, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }

    // Every query answers completely (no error, nothing refused by the request limits) before anything is timed.
    for (const { setup, gateway, tokens } of running) {
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

    for (const { gateway, tokens } of running)
      for (const name of Object.keys(QUERIES) as QueryName[]) await load(gateway, name, tokens[name], warmupSec);

    // Exact counts for one query each (caches warm, as in steady state).
    const upstream: Upstream[] = [];
    for (const { setup, clouds, gateway, tokens } of running) {
      for (const name of Object.keys(QUERIES) as QueryName[]) {
        const q = QUERIES[name];
        await postGraphQL(gateway.info.url, q.query, { ...q.variables }, tokens[name]);
        const before = await clouds.counts();
        await clouds.resetCloudRequests();
        await postGraphQL(gateway.info.url, q.query, { ...q.variables }, tokens[name]);
        const after = await clouds.counts();
        upstream.push({
          setup: setup.name,
          query: name,
          nodeRequests: after.nodeRequests - before.nodeRequests,
          cloudApiRequests: after.cloudApiRequests,
        });
      }
    }

    const measured: Measured[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const { setup, clouds, gateway, tokens } of running) {
        for (const name of Object.keys(QUERIES) as QueryName[]) {
          const cloudsCpu = clouds.cpuMs();
          const gatewayCpu = gateway.cpuMs();
          const r = await load(gateway, name, tokens[name], durationSec);
          const cloudsMs = clouds.cpuMs() - cloudsCpu;
          const gatewayMs = gateway.cpuMs() - gatewayCpu;
          await clouds.resetCloudRequests(); // the logs only grow otherwise
          const row: Measured = {
            setup: setup.name,
            clouds: setup.clouds,
            vms: clouds.vms,
            query: name,
            round,
            p50: r.p50,
            p90: r.p90,
            p99: r.p99,
            rps: r.rps,
            requests: r.requests,
            gatewayCpuMsPerQuery: gatewayMs / Math.max(1, r.requests),
            cloudsCpuMsPerQuery: cloudsMs / Math.max(1, r.requests),
          };
          measured.push(row);
          console.log(
            `  round ${round} ${setup.name.padEnd(20)} ${name.padEnd(10)} p50 ${r.p50} ms  p99 ${r.p99} ms  ${r.rps.toFixed(1)} q/s  CPU ms/query: gateway ${row.gatewayCpuMsPerQuery.toFixed(1)}, nodes+clouds ${row.cloudsCpuMsPerQuery.toFixed(1)}${r.non2xx + r.errors ? `  (${r.non2xx} non-2xx, ${r.errors} errors)` : ''}`,
          );
        }
      }
    }

    const summary = running.flatMap(({ setup, clouds }) =>
      (Object.keys(QUERIES) as QueryName[]).map((name) => {
        const mine = measured.filter((m) => m.setup === setup.name && m.query === name);
        const up = upstream.find((u) => u.setup === setup.name && u.query === name)!;
        return {
          setup: setup.name,
          query: name,
          clouds: setup.clouds,
          shards: clouds.shards.length,
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
      // Ratios against the 1-cloud setup, or the smallest one run (BENCH_SETUPS).
      const base = rows.reduce((min, s) => (s.clouds < min.clouds ? s : min), rows[0]!);
      printTable(
        `Fan-out: ${QUERIES[name].label}, mock latency ${MOCK_LATENCY_MS} ms, 1 connection (median of ${rounds} alternating runs of ${durationSec} s); ratios against ${base.setup}`,
        [
          'setup',
          'VMs',
          'shard processes',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          '× p50',
          'gateway CPU ms/query',
          '× gateway CPU',
          // With one request at a time, the gateway's CPU per query is time on the query's path.
          'gateway CPU ÷ p50',
          'nodes+clouds CPU ms/query',
          'gateway→node requests',
          'node→cloud API requests',
        ],
        rows.map((s) => [
          s.setup,
          s.vms,
          s.shards,
          s.p50,
          s.p90,
          s.p99,
          s.p50 / base.p50,
          s.gatewayCpuMsPerQuery,
          s.gatewayCpuMsPerQuery / base.gatewayCpuMsPerQuery,
          `${Math.round((100 * s.gatewayCpuMsPerQuery) / s.p50)}%`,
          s.cloudsCpuMsPerQuery,
          s.nodeRequests,
          s.cloudApiRequests,
        ]),
      );
    }
    const file = writeResults('fan-out', {
      mockLatencyMs: MOCK_LATENCY_MS,
      cloudsPerShard: CLOUDS_PER_SHARD,
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
    for (const { clouds, gateway } of running.reverse()) {
      await gateway.stop();
      await clouds.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
