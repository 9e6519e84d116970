/**
 * Scenario 1 — gateway overhead on a standard federation workload.
 *
 * Four subgraphs (bench/federation) in one child process, composed here with
 * @apollo/composition; two gateways over the same supergraph, each in its own child
 * process: Overcast's (supergraph mode, fixed subgraph URLs) and a plain
 * @apollo/gateway + @apollo/server (startStandaloneServer, default data source).
 * After a warm-up, rounds alternate Overcast, plain, and the ceiling (one subgraph
 * queried directly), so that machine drift shows up in every column rather than in
 * one. autocannon runs in a process of its own, 50 connections.
 */
import { composeServices } from '@apollo/composition';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { BENCH_QUERY, DIRECT_QUERY, SUBGRAPH_NAMES, subgraphTypeDefs } from '../federation/subgraphs';
import { benchEnv } from '../lib/env';
import { runLoad, type LoadResult } from '../lib/load';
import { sampleRss, startChild, type BenchChild } from '../lib/procs';
import { RESULTS_DIR, envNumber, median, printTable, writeResults } from '../lib/report';

const CONNECTIONS = 50;

interface Target {
  name: string;
  url: string;
  body: string;
  /** The process measured (the gateway); none for the direct ceiling. */
  child?: BenchChild;
}

interface Run extends LoadResult {
  target: string;
  round: number;
  /** Peak RSS of the target process during the run, MiB. */
  rssPeakMiB?: number;
  /** CPU time of the target process per request, µs. */
  cpuUsPerRequest?: number;
  /** CPU time of the subgraphs' process per request, µs. */
  subgraphCpuUsPerRequest: number;
}

async function post(url: string, body: string): Promise<unknown> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.body.json()) as { errors?: unknown };
  if (res.statusCode !== 200 || json.errors) throw new Error(`${url} answered ${res.statusCode}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

async function measure(target: Target, subgraphs: BenchChild, durationSec: number, round: number, rate?: number): Promise<Run> {
  const load = () => runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec, rate });
  const perRequest = (ms: number, requests: number) => (ms * 1000) / Math.max(1, requests);
  const subgraphCpu = subgraphs.cpuMs();
  if (!target.child) {
    const result = await load();
    return { target: target.name, round, ...result, subgraphCpuUsPerRequest: perRequest(subgraphs.cpuMs() - subgraphCpu, result.requests) };
  }
  const cpuBefore = target.child.cpuMs();
  const { result, peakMiB } = await sampleRss([target.child.pid], load);
  return {
    target: target.name,
    round,
    ...result,
    rssPeakMiB: peakMiB[0],
    cpuUsPerRequest: perRequest(target.child.cpuMs() - cpuBefore, result.requests),
    subgraphCpuUsPerRequest: perRequest(subgraphs.cpuMs() - subgraphCpu, result.requests),
  };
}

export async function gatewayOverhead(): Promise<void> {
  const durationSec = envNumber('BENCH_DURATION', 8, 60);
  const rounds = Math.round(envNumber('BENCH_ROUNDS', 3, 10));
  const warmupSec = envNumber('BENCH_WARMUP', 4, 30);
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  const children: BenchChild[] = [];
  try {
    console.log(
      `gateway-overhead: ${CONNECTIONS} connections, ${rounds} rounds × ${durationSec} s per target after ${warmupSec} s warm-up each`,
    );
    const subgraphs = await startChild('subgraphs', 'bench/federation/subgraphsMain.ts');
    children.push(subgraphs);
    const urls = subgraphs.info.urls as Record<string, string>;
    const composed = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name]!, typeDefs: subgraphTypeDefs(name) })));
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    const supergraphPath = join(dir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);

    const env = { BENCH_SUPERGRAPH: supergraphPath };
    // BENCH_CPU_PROF=1: both gateways write a V8 CPU profile when they stop (summary: bench/lib/profile.ts).
    const profileDir = join(RESULTS_DIR, 'profiles');
    const nodeArgs = benchEnv().BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    // One after the other: starting both at once would only make them compete for the CPU.
    const overcast = await startChild('overcast', 'bench/federation/overcastMain.ts', env, nodeArgs);
    children.push(overcast);
    const apollo = await startChild('apollo', 'bench/federation/apolloMain.ts', env, nodeArgs);
    children.push(apollo);
    const idleRss = { overcast: overcast.rssMiB(), apollo: apollo.rssMiB() };

    const body = JSON.stringify({ query: BENCH_QUERY });
    const targets: Target[] = [
      { name: 'overcast', url: overcast.info.url, body, child: overcast },
      { name: 'apollo', url: apollo.info.url, body, child: apollo },
      { name: 'direct (products only)', url: urls.products!, body: JSON.stringify({ query: DIRECT_QUERY }) },
    ];
    // Both gateways give the same, complete answer before anything is timed.
    const [a, b] = await Promise.all([post(overcast.info.url, body), post(apollo.info.url, body)]);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the gateways disagree:\n${JSON.stringify(a)}\n${JSON.stringify(b)}`);
    await post(urls.products!, targets[2]!.body);

    // Equal work first, while both processes are fresh: a fixed rate that both sustain, so
    // that memory and latency compare at the same load (saturation below runs each gateway
    // at its own pace, and a heap grown there would not shrink back in time).
    const rate = envNumber('BENCH_RATE', 150, 10_000);
    for (const target of targets.slice(0, 2))
      await runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec: warmupSec, rate });
    const fixedRate: Run[] = [];
    const fixedRounds = Math.min(rounds, 2);
    for (let round = 1; round <= fixedRounds; round++) {
      for (const target of targets.slice(0, 2)) {
        const run = await measure(target, subgraphs, durationSec, round, rate);
        fixedRate.push(run);
        console.log(
          `  round ${round} ${`${target.name} @ ${rate} req/s`.padEnd(24)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  RSS ${run.rssPeakMiB!.toFixed(0)} MiB  CPU ${run.cpuUsPerRequest!.toFixed(0)} µs/req`,
        );
      }
    }

    // Then saturation: as fast as each target goes, after a warm-up at full speed.
    for (const target of targets) await runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec: warmupSec });
    const runs: Run[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const run = await measure(target, subgraphs, durationSec, round);
        runs.push(run);
        console.log(
          `  round ${round} ${target.name.padEnd(24)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms` +
            (run.rssPeakMiB !== undefined ? `  RSS ${run.rssPeakMiB.toFixed(0)} MiB  CPU ${run.cpuUsPerRequest!.toFixed(0)} µs/req` : '') +
            `  subgraphs ${run.subgraphCpuUsPerRequest.toFixed(0)} µs/req` +
            (run.non2xx + run.errors + run.timeouts ? `  (${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts)` : ''),
        );
      }
    }

    const summary = targets.map((t) => {
      const mine = runs.filter((r) => r.target === t.name);
      const pick = (f: (r: Run) => number | undefined) => median(mine.map((r) => f(r) ?? NaN));
      return {
        target: t.name,
        rps: pick((r) => r.rps),
        p50: pick((r) => r.p50),
        p99: pick((r) => r.p99),
        rssIdleMiB: t.name === 'overcast' ? idleRss.overcast : t.name === 'apollo' ? idleRss.apollo : NaN,
        rssPeakMiB: pick((r) => r.rssPeakMiB),
        cpuUsPerRequest: pick((r) => r.cpuUsPerRequest),
        subgraphCpuUsPerRequest: pick((r) => r.subgraphCpuUsPerRequest),
        failed: mine.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
      };
    });
    printTable(
      `Gateway overhead: topProducts × reviews × users × inventory, ${CONNECTIONS} connections (median of ${rounds} alternating runs of ${durationSec} s)`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'RSS idle MiB', 'RSS peak MiB', 'CPU µs/req', 'subgraphs CPU µs/req', 'failed'],
      summary.map((s) => [
        s.target,
        s.rps,
        s.p50,
        s.p99,
        s.rssIdleMiB,
        s.rssPeakMiB,
        s.cpuUsPerRequest,
        s.subgraphCpuUsPerRequest,
        s.failed,
      ]),
    );
    const atRate = targets.slice(0, 2).map((t) => {
      const mine = fixedRate.filter((r) => r.target === t.name);
      const pick = (f: (r: Run) => number | undefined) => median(mine.map((r) => f(r) ?? NaN));
      return {
        target: t.name,
        rate,
        rps: pick((r) => r.rps),
        p50: pick((r) => r.p50),
        p99: pick((r) => r.p99),
        rssPeakMiB: pick((r) => r.rssPeakMiB),
        cpuUsPerRequest: pick((r) => r.cpuUsPerRequest),
      };
    });
    printTable(
      `Same load for both: ${rate} req/s over ${CONNECTIONS} connections, fresh processes (median of ${fixedRounds} alternating runs of ${durationSec} s)`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'RSS peak MiB', 'CPU µs/req'],
      atRate.map((s) => [s.target, s.rps, s.p50, s.p99, s.rssPeakMiB, s.cpuUsPerRequest]),
    );
    const [o, p] = summary;
    const [oRate, pRate] = atRate;
    const ratios = {
      rps: o!.rps / p!.rps,
      p99: o!.p99 / p!.p99,
      rssPeak: o!.rssPeakMiB / p!.rssPeakMiB,
      p99AtRate: oRate!.p99 / pRate!.p99,
      rssPeakAtRate: oRate!.rssPeakMiB / pRate!.rssPeakMiB,
    };
    printTable(
      'Overcast ÷ plain gateway (targets: req/s ≥ 1.5, p99 ≤ 0.6, RSS ≤ 1)',
      ['ratio', 'req/s', 'p99', 'RSS peak', `p99 @ ${rate} req/s`, `RSS peak @ ${rate} req/s`],
      [['overcast / apollo', ratios.rps, ratios.p99, ratios.rssPeak, ratios.p99AtRate, ratios.rssPeakAtRate]],
    );
    const file = writeResults('gateway-overhead', {
      connections: CONNECTIONS,
      durationSec,
      rounds,
      warmupSec,
      query: BENCH_QUERY,
      rate,
      summary,
      atRate,
      ratios,
      runs,
      fixedRate,
    });
    console.log(`\nresults: ${file}`);
    if (nodeArgs.length) console.log(`CPU profiles (written as the gateways stop): ${profileDir}`);
  } finally {
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
