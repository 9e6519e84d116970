/**
 * One measured run of gateway-overhead and the medians over its rounds: the load from
 * autocannon, and around it what the processes spent (RSS peak, CPU time of the target
 * and of the subgraphs) and what the subgraphs received (GET /__stats), per response.
 * While a gateway runs, its sockets are watched: any peer off loopback is recorded.
 */
import { request } from 'undici';
import type { SubgraphStats } from '../federation/subgraphServer';
import { runLoad, type LoadResult } from './load';
import { sampleRss, type BenchChild } from './procs';
import { median } from './report';
import { offLoopbackPeers } from './sockets';

export interface Target {
  name: string;
  url: string;
  body: string;
  /** The process measured (the gateway); none for the direct ceiling. */
  child?: BenchChild;
}

/** The subgraphs' process and the sum of its four servers' counters. */
export interface Subgraphs {
  child: BenchChild;
  stats(): Promise<SubgraphStats>;
}

export interface Run extends LoadResult {
  target: string;
  round: number;
  /** Peak RSS of the target process during the run, MiB. */
  rssPeakMiB?: number;
  /** CPU time of the target process per request, µs. */
  cpuUsPerRequest?: number;
  /** CPU time of the subgraphs' process per request, µs. */
  subgraphCpuUsPerRequest: number;
  /** Subgraph requests during the run ÷ responses. */
  upstreamPerResponse: number;
  /** Peers of the target process off loopback, seen during the run (must stay empty). */
  offLoopback: string[];
}

export interface Summary {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  rssPeakMiB: number;
  cpuUsPerRequest: number;
  subgraphCpuUsPerRequest: number;
  upstreamPerResponse: number;
  failed: number;
}

export const CONNECTIONS = 50;

/** The four servers' counters summed (each answers GET /__stats beside its /graphql). */
export async function readStats(urls: readonly string[]): Promise<SubgraphStats> {
  const all = await Promise.all(
    urls.map(async (url) => (await request(new URL('/__stats', url)).then((res) => res.body.json())) as SubgraphStats),
  );
  return all.reduce((sum, s) => ({
    requests: sum.requests + s.requests,
    entitiesCalls: sum.entitiesCalls + s.entitiesCalls,
    representations: sum.representations + s.representations,
    distinctRepresentations: sum.distinctRepresentations + s.distinctRepresentations,
  }));
}

export function statsDelta(after: SubgraphStats, before: SubgraphStats): SubgraphStats {
  return {
    requests: after.requests - before.requests,
    entitiesCalls: after.entitiesCalls - before.entitiesCalls,
    representations: after.representations - before.representations,
    distinctRepresentations: after.distinctRepresentations - before.distinctRepresentations,
  };
}

/** `offLoopbackPeers` every 500 ms while `work` runs, and once after it. */
async function watchPeers<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peers: string[] }> {
  const peers = new Set<string>();
  const look = () => offLoopbackPeers(pid).forEach((p) => peers.add(p));
  const timer = setInterval(look, 500);
  try {
    const result = await work();
    look();
    return { result, peers: [...peers] };
  } finally {
    clearInterval(timer);
  }
}

export async function measure(target: Target, subgraphs: Subgraphs, durationSec: number, round: number, rate?: number): Promise<Run> {
  const load = () => runLoad({ url: target.url, body: target.body, connections: CONNECTIONS, durationSec, rate });
  const perRequest = (ms: number, requests: number) => (ms * 1000) / Math.max(1, requests);
  const statsBefore = await subgraphs.stats();
  const subgraphCpu = subgraphs.child.cpuMs();
  const cpuBefore = target.child?.cpuMs();
  let result: LoadResult;
  let rssPeakMiB: number | undefined;
  let peers: string[] = [];
  if (target.child) {
    const { pid } = target.child;
    const watched = await watchPeers(pid, () => sampleRss([pid], load));
    ({ result } = watched.result);
    rssPeakMiB = watched.result.peakMiB[0];
    peers = watched.peers;
  } else {
    result = await load();
  }
  const subgraphCpuMs = subgraphs.child.cpuMs() - subgraphCpu;
  const upstream = statsDelta(await subgraphs.stats(), statsBefore).requests;
  return {
    target: target.name,
    round,
    ...result,
    rssPeakMiB,
    cpuUsPerRequest: target.child ? perRequest(target.child.cpuMs() - cpuBefore!, result.requests) : undefined,
    subgraphCpuUsPerRequest: perRequest(subgraphCpuMs, result.requests),
    upstreamPerResponse: upstream / Math.max(1, result.requests),
    offLoopback: peers,
  };
}

/** Medians over `target`'s runs (NaN where the target has no process); failures summed. */
export function summarize(runs: readonly Run[], target: string): Summary {
  const mine = runs.filter((r) => r.target === target);
  const pick = (f: (r: Run) => number | undefined) => median(mine.map((r) => f(r) ?? NaN));
  return {
    target,
    rps: pick((r) => r.rps),
    p50: pick((r) => r.p50),
    p99: pick((r) => r.p99),
    rssPeakMiB: pick((r) => r.rssPeakMiB),
    cpuUsPerRequest: pick((r) => r.cpuUsPerRequest),
    subgraphCpuUsPerRequest: pick((r) => r.subgraphCpuUsPerRequest),
    upstreamPerResponse: pick((r) => r.upstreamPerResponse),
    failed: mine.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/** One line per run, as it finishes. */
export function logRun(run: Run, label: string): void {
  const failed = run.non2xx + run.errors + run.timeouts;
  console.log(
    `  round ${run.round} ${label.padEnd(28)} ${run.rps.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms` +
      (run.rssPeakMiB !== undefined ? `  RSS ${run.rssPeakMiB.toFixed(0)} MiB  CPU ${run.cpuUsPerRequest!.toFixed(0)} µs/req` : '') +
      `  subgraphs ${run.subgraphCpuUsPerRequest.toFixed(0)} µs/req  upstream ${run.upstreamPerResponse.toFixed(2)}/resp` +
      (failed ? `  (${run.non2xx} non-2xx, ${run.errors} errors, ${run.timeouts} timeouts)` : ''),
  );
}
