/**
 * Scenario 1 — gateway overhead on standard federation workloads: two query shapes ×
 * three gateways.
 *
 * Four subgraphs (bench/federation) in one child process, composed here with
 * @apollo/composition; three gateways over the same supergraph file, each in its own
 * child process: Overcast's (supergraph mode, fixed subgraph URLs), a plain
 * @apollo/gateway + @apollo/server (startStandaloneServer, default data source), and
 * Hive Gateway through its CLI (bench/lib/hiveGateway.ts). Shapes: "shop" (BENCH_QUERY,
 * two fetch levels) and "deep" (DEEP_QUERY: four sequential levels whose `_entities`
 * fetches carry the same products many times).
 *
 * All three must give the same answer to both shapes before anything is timed. Then a
 * fixed rate (shop) for all three, then saturation per shape after a warm-up; rounds
 * alternate between targets (A B C A B C) so that machine drift shows in every column.
 * autocannon runs in a process of its own, 50 connections. The subgraphs count what
 * they receive (GET /__stats): upstream calls per response, and for one response the
 * `_entities` calls and representations. Every gateway's sockets are watched while it
 * runs; a peer off loopback fails the scenario.
 */
import { composeServices } from '@apollo/composition';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { BENCH_QUERY, DEEP_QUERY, DIRECT_QUERY, SUBGRAPH_NAMES, subgraphTypeDefs } from '../federation/subgraphs';
import type { SubgraphStats } from '../federation/subgraphServer';
import { benchEnv } from '../lib/env';
import { CONNECTIONS, logRun, measure, readStats, statsDelta, summarize, type Run, type Subgraphs, type Target } from '../lib/gatewayRuns';
import { startHiveGateway } from '../lib/hiveGateway';
import { runLoad } from '../lib/load';
import { startChild, type BenchChild } from '../lib/procs';
import { RESULTS_DIR, envNumber, printTable, writeResults, type Cell } from '../lib/report';

const GATEWAYS = ['overcast', 'apollo', 'hive'] as const;

const SHAPES = [
  { name: 'shop', title: 'shop: topProducts × reviews × users × inventory', query: BENCH_QUERY },
  { name: 'deep', title: 'deep: topProducts → reviews → author → reviews → product → inventory', query: DEEP_QUERY },
] as const;
type ShapeName = (typeof SHAPES)[number]['name'];

/** The goals of issue 18, checked in the ratio table. */
const GOALS = { rpsVsApollo: 3, rpsVsHive: 1.5, p99VsApollo: 0.5, rssPeakVsApollo: 1 };

async function post(url: string, body: string): Promise<unknown> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const json = (await res.body.json()) as { errors?: unknown };
  if (res.statusCode !== 200 || json.errors) throw new Error(`${url} answered ${res.statusCode}: ${JSON.stringify(json).slice(0, 500)}`);
  return json;
}

/** What the subgraphs received for one response of `target`. */
async function oneResponse(target: Target, subgraphs: Subgraphs): Promise<SubgraphStats> {
  const before = await subgraphs.stats();
  await post(target.url, target.body);
  return statsDelta(await subgraphs.stats(), before);
}

function failOffLoopback(run: Run): void {
  if (run.offLoopback.length) throw new Error(`${run.target} had peers off loopback: ${run.offLoopback.join(', ')}`);
}

export async function gatewayOverhead(): Promise<void> {
  const durationSec = envNumber('BENCH_DURATION', 8, 60);
  const rounds = Math.round(envNumber('BENCH_ROUNDS', 3, 10));
  // Fewer deep rounds by default, to keep the scenario within ~6 minutes.
  const deepRounds = Math.min(rounds, 2);
  const warmupSec = envNumber('BENCH_WARMUP', 4, 30);
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-'));
  const children: BenchChild[] = [];
  try {
    console.log(
      `gateway-overhead: ${CONNECTIONS} connections, ${rounds} rounds (shop) and ${deepRounds} (deep) × ${durationSec} s per target, after ${warmupSec} s warm-up each`,
    );
    const subgraphsChild = await startChild('subgraphs', 'bench/federation/subgraphsMain.ts');
    children.push(subgraphsChild);
    const urls = subgraphsChild.info.urls as Record<string, string>;
    const subgraphs: Subgraphs = { child: subgraphsChild, stats: () => readStats(Object.values(urls)) };
    const composed = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name]!, typeDefs: subgraphTypeDefs(name) })));
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    const supergraphPath = join(dir, 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);

    const env = { BENCH_SUPERGRAPH: supergraphPath };
    // BENCH_CPU_PROF=1: the gateways write a V8 CPU profile when they stop (summary: bench/lib/profile.ts).
    const profileDir = join(RESULTS_DIR, 'profiles');
    const nodeArgs = benchEnv().BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    // One after the other: starting them at once would only make them compete for the CPU.
    const started = (child: BenchChild) => (children.push(child), child);
    const gateways: Record<(typeof GATEWAYS)[number], BenchChild> = {
      overcast: started(await startChild('overcast', 'bench/federation/overcastMain.ts', env, nodeArgs)),
      apollo: started(await startChild('apollo', 'bench/federation/apolloMain.ts', env, nodeArgs)),
      hive: started(await startHiveGateway(supergraphPath, dir, nodeArgs)),
    };
    const rssIdle = Object.fromEntries(GATEWAYS.map((g) => [g, gateways[g].rssMiB()]));

    const targetsOf = (query: string): Target[] =>
      GATEWAYS.map((name) => ({ name, url: gateways[name].info.url, body: JSON.stringify({ query }), child: gateways[name] }));
    const direct: Target = { name: 'direct (products only)', url: urls.products!, body: JSON.stringify({ query: DIRECT_QUERY }) };
    const targets: Record<ShapeName, Target[]> = { shop: [...targetsOf(BENCH_QUERY), direct], deep: targetsOf(DEEP_QUERY) };

    // The three gateways give the same, complete answer to both shapes before anything is timed.
    const responseBytes = {} as Record<ShapeName, number>;
    const received = {} as Record<ShapeName, Record<string, SubgraphStats>>;
    for (const shape of SHAPES) {
      const gatewayTargets = targets[shape.name].filter((t) => t.child);
      const answers = await Promise.all(gatewayTargets.map((t) => post(t.url, t.body).then((a) => JSON.stringify(a))));
      answers.forEach((answer, i) => {
        if (answer !== answers[0])
          throw new Error(`${shape.name}: ${gatewayTargets[i]!.name} disagrees with ${gatewayTargets[0]!.name}:\n${answers[0]}\n${answer}`);
      });
      responseBytes[shape.name] = Buffer.byteLength(answers[0]!);
      received[shape.name] = {};
      for (const t of gatewayTargets) received[shape.name][t.name] = await oneResponse(t, subgraphs);
    }
    await post(direct.url, direct.body);
    printTable(
      'One response: its size, and what the subgraphs received for it',
      ['shape', 'gateway', 'bytes', 'upstream requests', '_entities calls', 'representations', 'distinct'],
      SHAPES.flatMap((shape) =>
        GATEWAYS.map((g): Cell[] => {
          const s = received[shape.name][g]!;
          return [shape.name, g, responseBytes[shape.name], s.requests, s.entitiesCalls, s.representations, s.distinctRepresentations];
        }),
      ),
    );
    console.log('(distinct: representations distinct within their own _entities call, summed over calls)\n');

    // Equal work first, while all processes are fresh: a fixed rate that all sustain, so
    // that memory and latency compare at the same load (saturation below runs each gateway
    // at its own pace, and a heap grown there would not shrink back in time).
    const rate = envNumber('BENCH_RATE', 150, 10_000);
    const atRateTargets = targets.shop.filter((t) => t.child);
    for (const target of atRateTargets)
      await runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec: warmupSec, rate });
    const fixedRate: Run[] = [];
    const fixedRounds = Math.min(rounds, 2);
    for (let round = 1; round <= fixedRounds; round++) {
      for (const target of atRateTargets) {
        const run = await measure(target, subgraphs, durationSec, round, rate);
        failOffLoopback(run);
        fixedRate.push(run);
        logRun(run, `shop ${target.name} @ ${rate} req/s`);
      }
    }

    // Then saturation, shape by shape: as fast as each target goes, after a warm-up at full speed.
    const runs: Record<ShapeName, Run[]> = { shop: [], deep: [] };
    for (const shape of SHAPES) {
      for (const target of targets[shape.name])
        await runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec: warmupSec });
      for (let round = 1; round <= (shape.name === 'deep' ? deepRounds : rounds); round++) {
        for (const target of targets[shape.name]) {
          const run = await measure(target, subgraphs, durationSec, round);
          failOffLoopback(run);
          runs[shape.name].push(run);
          logRun(run, `${shape.name} ${target.name}`);
        }
      }
    }

    const summary = Object.fromEntries(
      SHAPES.map((shape) => [
        shape.name,
        targets[shape.name].map((t) => ({ ...summarize(runs[shape.name], t.name), rssIdleMiB: rssIdle[t.name] ?? NaN })),
      ]),
    ) as Record<ShapeName, Array<ReturnType<typeof summarize> & { rssIdleMiB: number }>>;
    for (const shape of SHAPES) {
      const n = shape.name === 'deep' ? deepRounds : rounds;
      printTable(
        `Saturation, ${shape.title} (${responseBytes[shape.name]} B), ${CONNECTIONS} connections (median of ${n} alternating runs of ${durationSec} s)`,
        [
          'target',
          'req/s',
          'p50 ms',
          'p99 ms',
          'RSS idle MiB',
          'RSS peak MiB',
          'CPU µs/req',
          'subgraphs CPU µs/req',
          'upstream/resp',
          'failed',
        ],
        summary[shape.name].map((s) => [
          s.target,
          s.rps,
          s.p50,
          s.p99,
          s.rssIdleMiB,
          s.rssPeakMiB,
          s.cpuUsPerRequest,
          s.subgraphCpuUsPerRequest,
          s.upstreamPerResponse,
          s.failed,
        ]),
      );
    }
    const atRate = atRateTargets.map((t) => ({ ...summarize(fixedRate, t.name), rate }));
    printTable(
      `Same load for all: shop at ${rate} req/s over ${CONNECTIONS} connections, fresh processes (median of ${fixedRounds} alternating runs of ${durationSec} s)`,
      ['target', 'req/s', 'p50 ms', 'p99 ms', 'RSS peak MiB', 'CPU µs/req', 'upstream/resp'],
      atRate.map((s) => [s.target, s.rps, s.p50, s.p99, s.rssPeakMiB, s.cpuUsPerRequest, s.upstreamPerResponse]),
    );

    const of = <T extends { target: string }>(list: readonly T[], name: string): T => list.find((s) => s.target === name)!;
    const ratios = SHAPES.flatMap((shape) =>
      (['apollo', 'hive'] as const).map((other) => {
        const o = of(summary[shape.name], 'overcast');
        const p = of(summary[shape.name], other);
        // The fixed rate is run with the shop shape only.
        const atRateRatio = (f: (s: (typeof atRate)[number]) => number) =>
          shape.name === 'shop' ? f(of(atRate, 'overcast')) / f(of(atRate, other)) : NaN;
        const r = {
          shape: shape.name,
          versus: other,
          rps: o.rps / p.rps,
          p99: o.p99 / p.p99,
          rssPeak: o.rssPeakMiB / p.rssPeakMiB,
          p99AtRate: atRateRatio((s) => s.p99),
          rssPeakAtRate: atRateRatio((s) => s.rssPeakMiB),
        };
        const missed =
          other === 'apollo'
            ? [r.rps < GOALS.rpsVsApollo && 'req/s', r.p99 > GOALS.p99VsApollo && 'p99', r.rssPeak > GOALS.rssPeakVsApollo && 'RSS']
            : [r.rps < GOALS.rpsVsHive && 'req/s'];
        return { ...r, goals: missed.some(Boolean) ? `missed: ${missed.filter(Boolean).join(', ')}` : 'met' };
      }),
    );
    printTable(
      `Overcast ÷ the others (goals on both shapes: req/s ≥ ${GOALS.rpsVsApollo} × Apollo's and ≥ ${GOALS.rpsVsHive} × Hive's, ` +
        `p99 ≤ ${GOALS.p99VsApollo} × Apollo's, RSS peak ≤ Apollo's at saturation)`,
      ['shape', 'ratio', 'req/s', 'p99', 'RSS peak', `p99 @ ${rate} req/s`, `RSS peak @ ${rate} req/s`, 'goals'],
      ratios.map((r) => [r.shape, `overcast / ${r.versus}`, r.rps, r.p99, r.rssPeak, r.p99AtRate, r.rssPeakAtRate, r.goals]),
    );
    console.log('\noff-loopback peers of the gateways during every run: none (their sockets read from /proc every 500 ms)');

    const file = writeResults('gateway-overhead', {
      connections: CONNECTIONS,
      durationSec,
      rounds,
      deepRounds,
      warmupSec,
      rate,
      shapes: Object.fromEntries(
        SHAPES.map((s) => [s.name, { query: s.query, responseBytes: responseBytes[s.name], oneResponse: received[s.name] }]),
      ),
      rssIdleMiB: rssIdle,
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
