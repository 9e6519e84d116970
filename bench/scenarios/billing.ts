/**
 * Scenario 5 — billing at fleet scale: 1,000 VMs metered hourly over a calendar month.
 *
 * One multi-tenant (director) mock cloud seeded with 10 tenants × 2 VDCs × 50 VMs, its
 * cloud-node and sp-node, in this process on loopback (test/support/topology.ts); the
 * gateway measured is gateway/main.ts in a process of its own, so its memory is its own,
 * with background metering off and the first metered hour, like the mock's usage
 * history, at the start of the previous UTC month. Three measurements:
 *
 * 1. metering: one `meterUsage` (every uncollected hour, through the sp-node's
 *    `orgUsage` and the mock operations manager's stats history), records/s = records
 *    stored ÷ seconds, and the gateway's peak RSS;
 * 2. a month's charges of every tenant (`tenants { charges(period) { total } }`, as
 *    the billing role): median seconds of a few runs and peak RSS;
 * 3. the month's FOCUS export (GET /export/focus, CSV and JSON lines) read as a
 *    stream: rows, bytes, seconds, and the gateway's RSS before, during (min/max) and
 *    after, to show whether it stays flat while streaming.
 *
 * The meter collects up to the current hour, so it stores the month and the hours of
 * this month so far; both are counted (from the charges' per-VM hours, which are the
 * records rated) and checked against the seed's usage history. RSS is sampled from
 * /proc every 100 ms. Everything is bounded: every request has a deadline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import type { SeedOptions } from '../../mocks/seed';
import { cloudHistory } from '../../mocks/usageHistory';
import { HOUR_MS, hourStart, hoursInMonth, isoSeconds, monthOf, monthStartOf, nextMonthStart, type HourRange } from '../../schema/hours';
import { startTopology, type Topology } from '../../test/support/topology';
import { benchEnv } from '../lib/env';
import { assertLoopback } from '../lib/load';
import { readRssMiB, startChild, type BenchChild } from '../lib/procs';
import { envNumber, median, printTable, RESULTS_DIR, writeResults } from '../lib/report';

const CLOUD_ID = 'vcd-bench';
const SEED: SeedOptions = { tenants: 10, vdcsPerOrg: 2, vmsPerVdc: 50, clouds: [{ id: CLOUD_ID, kind: 'director' }] };
/** Hours the gateway asks of a node per request: the configuration's default, written here so the report can say it. */
const WINDOW_HOURS = 24;
/** Longest a measured request may take before the scenario fails (metering all of a month is the long one). */
const METER_DEADLINE_MS = 280_000;
const QUERY_DEADLINE_MS = 120_000;
const SAMPLE_EVERY_MS = 100;
/** A measured run longer than this is not repeated (BENCH_ROUNDS), to keep the scenario within about five minutes. */
const SLOW_RUN_SECONDS = 10;

/** The gateway's RSS while something runs: before, min, max, after (MiB). */
interface RssTrace {
  before: number;
  min: number;
  max: number;
  after: number;
  samples: number;
}

/** Sample `pid`'s resident memory every SAMPLE_EVERY_MS while `work` runs. */
async function traced<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; rss: RssTrace; seconds: number }> {
  const before = readRssMiB(pid);
  let min = before;
  let max = before;
  let samples = 1;
  const sample = () => {
    const now = readRssMiB(pid);
    min = Math.min(min, now);
    max = Math.max(max, now);
    samples++;
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    sample();
    return { result, seconds, rss: { before, min, max, after: readRssMiB(pid), samples } };
  } finally {
    clearInterval(timer);
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POST a query with a deadline; fail naming `what` on an HTTP error or GraphQL errors. */
async function graphql<T>(url: string, token: string, what: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  assertLoopback(url);
  const deadline = what === 'meterUsage' ? METER_DEADLINE_MS : QUERY_DEADLINE_MS;
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    headersTimeout: deadline,
    bodyTimeout: deadline,
  });
  const body = (await res.body.json()) as GraphQLAnswer<T>;
  if (res.statusCode !== 200 || body.errors?.length || !body.data)
    throw new Error(`${what}: HTTP ${res.statusCode} ${JSON.stringify(body.errors ?? body.data).slice(0, 400)}`);
  return body.data;
}

/** The export read as a stream: bytes and line ends counted per chunk, nothing kept. */
async function readExport(url: string, token: string): Promise<{ bytes: number; lines: number; firstByteSeconds: number }> {
  assertLoopback(url);
  const started = performance.now();
  const res = await request(url, {
    headers: { authorization: `Bearer ${token}` },
    headersTimeout: QUERY_DEADLINE_MS,
    bodyTimeout: QUERY_DEADLINE_MS,
  });
  const firstByteSeconds = (performance.now() - started) / 1000;
  if (res.statusCode !== 200) throw new Error(`FOCUS export: HTTP ${res.statusCode} ${(await res.body.text()).slice(0, 400)}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return { bytes, lines, firstByteSeconds };
}

/** Records the seed's history holds for `range`: one per VM and hour it existed. */
function expectedRecords(topology: Topology, historyStart: Date, range: HourRange): number {
  let count = 0;
  for (const cloud of topology.seed.clouds) {
    for (const { createdAt } of cloudHistory(cloud, historyStart)) {
      const from = Math.max(range.start.getTime(), createdAt);
      if (from < range.end.getTime()) count += (range.end.getTime() - from) / HOUR_MS;
    }
  }
  return count;
}

const CHARGES = `query Charges($p: PeriodInput!) { tenants { id charges(period: $p) { total } } }`;
const CHARGED_HOURS = `query ChargedHours($p: PeriodInput!) { tenants { id charges(period: $p) { clouds { vdcs { vms { hours } } } } } }`;

type ChargedHoursAnswer = { tenants: Array<{ charges: { clouds: Array<{ vdcs: Array<{ vms: Array<{ hours: number }> }> }> } }> };

/** The records rated over `range`, every tenant: each VM line's hours is the count of its records. */
async function storedRecords(url: string, token: string, range: HourRange): Promise<number> {
  if (range.end <= range.start) return 0;
  const data = await graphql<ChargedHoursAnswer>(url, token, 'record count', CHARGED_HOURS, { p: period(range) });
  return data.tenants.flatMap((t) => t.charges.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms))).reduce((sum, vm) => sum + vm.hours, 0);
}

const period = (range: HourRange) => ({ start: isoSeconds(range.start), end: isoSeconds(range.end) });

export async function billing(): Promise<void> {
  const rounds = Math.max(1, Math.min(Math.round(envNumber('BENCH_ROUNDS', 3, 5)), 5));
  // The previous calendar month, whatever its length (the report says which and how many hours).
  const monthStart = monthStartOf(new Date(monthStartOf(new Date()).getTime() - 1));
  const month: HourRange = { start: monthStart, end: nextMonthStart(monthStart) };
  const monthName = monthOf(monthStart);
  const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-billing-'));
  let topology: Topology | undefined;
  let gateway: BenchChild | undefined;
  process.setMaxListeners(0);
  try {
    const setupStarted = performance.now();
    // Long node and cloud deadlines: one window is 24 hours × 1,000 VMs from the stats history.
    topology = await startTopology({
      seed: SEED,
      nodeTimeoutMs: 60_000,
      cloudTimeoutMs: 60_000,
      watchIntervalMs: 0,
      historyStart: monthStart,
      billing: { meter: { enabled: false, from: monthStart.toISOString(), windowHours: WINDOW_HOURS } },
    });
    const vms = topology.seed.clouds.reduce((n, c) => n + c.vms.length, 0);
    const config = { ...topology.gatewayConfig(), host: '127.0.0.1', logLevel: 'warn' };
    const configPath = join(dir, 'gateway.json');
    writeFileSync(configPath, JSON.stringify(config));
    // BENCH_CPU_PROF=1: the gateway writes a V8 CPU profile to bench/results/profiles when it stops.
    const nodeArgs = benchEnv().BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', join(RESULTS_DIR, 'profiles')] : [];
    gateway = await startChild('gateway (billing)', 'gateway/main.ts', { OVERCAST_CONFIG: configPath }, nodeArgs);
    const url = gateway.info.url;
    const admin = await topology.tokenFor({ subject: 'bench-admin', role: 'provider-admin' });
    const billingToken = await topology.tokenFor({ subject: 'bench-billing', role: 'billing' });
    console.log(
      `billing: ${vms} VMs in ${topology.seed.tenants.length} tenants on one director cloud (sp-node + operations-manager history mock, in this process); ` +
        `gateway in its own process; month ${monthName} = ${hoursInMonth(monthStart)} h; ${WINDOW_HOURS} h per node request; ` +
        `set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    // 1. Metering: every hour from the month's start to the current hour, in one run.
    const meteredUntil = hourStart(new Date());
    const idle = gateway.rssMiB();
    const gatewayCpuBefore = gateway.cpuMs();
    const benchCpuBefore = process.cpuUsage();
    const meter = await traced(gateway.pid, () =>
      graphql<{ meterUsage: Array<{ cloudId: string }> }>(url, admin, 'meterUsage', 'mutation { meterUsage { cloudId } }'),
    );
    const gatewayCpuSeconds = (gateway.cpuMs() - gatewayCpuBefore) / 1000;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const nodesCpuSeconds = (benchCpu.user + benchCpu.system) / 1e6;
    if (meter.result.meterUsage.length) throw new Error(`meterUsage left gaps: ${JSON.stringify(meter.result.meterUsage)}`);
    if (hourStart(new Date()).getTime() !== meteredUntil.getTime())
      console.log('  (an hour began while metering: the counts below are checked up to the hour the run began)');
    const after: HourRange = { start: month.end, end: meteredUntil };
    const counted = await traced(gateway.pid, async () => [
      await storedRecords(url, billingToken, month),
      await storedRecords(url, billingToken, after),
    ]);
    const [monthRecords, afterRecords] = counted.result as [number, number];
    console.log(
      `  counted the stored records (charges with per-VM hours) in ${counted.seconds.toFixed(1)} s, gateway peak RSS ${counted.rss.max.toFixed(0)} MiB`,
    );
    const stored = monthRecords + afterRecords;
    const expected = { month: expectedRecords(topology, monthStart, month), after: expectedRecords(topology, monthStart, after) };
    if (monthRecords !== expected.month || afterRecords !== expected.after)
      throw new Error(`stored records ${monthRecords} + ${afterRecords}, the seed's history holds ${expected.month} + ${expected.after}`);
    const metering = {
      vms,
      hours: (meteredUntil.getTime() - monthStart.getTime()) / HOUR_MS,
      monthRecords,
      afterMonthRecords: afterRecords,
      records: stored,
      seconds: meter.seconds,
      recordsPerSecond: stored / meter.seconds,
      idleRssMiB: idle,
      peakRssMiB: meter.rss.max,
      afterRssMiB: meter.rss.after,
      nodeRequests: await topology.nodeRequests(CLOUD_ID, 'sp-node'),
      gatewayCpuSeconds,
      nodesCpuSeconds,
    };
    console.log(
      `  metered ${stored} records (${monthRecords} in ${monthName}, ${afterRecords} since) in ${meter.seconds.toFixed(1)} s: ` +
        `${metering.recordsPerSecond.toFixed(0)} records/s, gateway RSS ${idle.toFixed(0)} → peak ${meter.rss.max.toFixed(0)} MiB; ` +
        `CPU s: gateway ${gatewayCpuSeconds.toFixed(0)}, sp-node + mock ${nodesCpuSeconds.toFixed(0)}`,
    );

    // 2. The month's charges of every tenant, as a billing integration asks.
    const chargeRuns: Array<{ seconds: number; rss: RssTrace; total: number }> = [];
    for (let round = 0; round < rounds; round++) {
      // A slow run is not repeated: the whole scenario must stay within about five minutes.
      if (round > 0 && chargeRuns[0]!.seconds > SLOW_RUN_SECONDS) break;
      const run = await traced(gateway.pid, () =>
        graphql<{ tenants: Array<{ id: string; charges: { total: number } }> }>(url, billingToken, 'charges', CHARGES, {
          p: period(month),
        }),
      );
      const total = run.result.tenants.reduce((sum, t) => sum + t.charges.total, 0);
      if (run.result.tenants.length !== topology.seed.tenants.length || !(total > 0))
        throw new Error(`charges: ${run.result.tenants.length} tenants, total ${total}`);
      chargeRuns.push({ seconds: run.seconds, rss: run.rss, total });
      console.log(`  charges run ${round + 1}: ${run.seconds.toFixed(1)} s, gateway RSS peak ${run.rss.max.toFixed(0)} MiB`);
    }
    const charges = {
      tenants: topology.seed.tenants.length,
      records: monthRecords,
      rounds: chargeRuns.length,
      seconds: median(chargeRuns.map((r) => r.seconds)),
      recordsPerSecond: monthRecords / median(chargeRuns.map((r) => r.seconds)),
      peakRssMiB: Math.max(...chargeRuns.map((r) => r.rss.max)),
      total: chargeRuns[0]!.total,
      runs: chargeRuns,
    };

    // 3. The FOCUS export of the month, read as a stream.
    const exports: Array<{
      format: string;
      round: number;
      rows: number;
      bytes: number;
      seconds: number;
      firstByteSeconds: number;
      rss: RssTrace;
    }> = [];
    for (let round = 1; round <= rounds; round++) {
      if (round > 1 && exports.some((e) => e.seconds > SLOW_RUN_SECONDS)) break;
      for (const format of ['csv', 'jsonl'] as const) {
        const exportUrl = `${url.replace(/\/graphql$/, '')}/export/focus?month=${monthName}&format=${format}`;
        const run = await traced(gateway.pid, () => readExport(exportUrl, billingToken));
        // CSV: a header line, then one line per row; JSON lines: one line per row.
        const rows = run.result.lines - (format === 'csv' ? 1 : 0);
        exports.push({
          format,
          round,
          rows,
          bytes: run.result.bytes,
          seconds: run.seconds,
          firstByteSeconds: run.result.firstByteSeconds,
          rss: run.rss,
        });
        console.log(
          `  FOCUS ${format} run ${round}: ${rows} rows in ${run.seconds.toFixed(1)} s, gateway RSS ${run.rss.min.toFixed(0)}–${run.rss.max.toFixed(0)} MiB`,
        );
      }
    }
    const rowCounts = new Set(exports.map((e) => e.rows));
    if (rowCounts.size !== 1 || !(exports[0]!.rows > 0)) throw new Error(`FOCUS exports disagree on rows: ${[...rowCounts].join(', ')}`);

    printTable(
      `Billing: metering ${vms} VMs hourly from ${isoSeconds(monthStart)} to ${isoSeconds(meteredUntil)} (one meterUsage, ${WINDOW_HOURS} h per node request)`,
      [
        'VMs',
        'hours',
        `records (${monthName})`,
        'records (total)',
        'seconds',
        'records/s',
        'gateway RSS idle MiB',
        'peak MiB',
        'after MiB',
      ],
      [
        [
          vms,
          metering.hours,
          monthRecords,
          stored,
          metering.seconds,
          Math.round(metering.recordsPerSecond),
          idle,
          metering.peakRssMiB,
          metering.afterRssMiB,
        ],
      ],
    );
    printTable(
      `Billing: ${monthName} charges of all ${charges.tenants} tenants (tenants { charges(period) { total } }, billing role; median of ${charges.rounds})`,
      ['records rated', 'seconds', 'records/s', 'gateway peak RSS MiB'],
      [[monthRecords, charges.seconds, Math.round(charges.recordsPerSecond), charges.peakRssMiB]],
    );
    printTable(
      `Billing: FOCUS export of ${monthName}, all tenants, read as a stream (gateway RSS sampled every ${SAMPLE_EVERY_MS} ms)`,
      ['format', 'run', 'rows', 'bytes', 'seconds', 'first byte s', 'rows/s', 'RSS before', 'min', 'max', 'after'],
      exports.map((e) => [
        e.format,
        e.round,
        e.rows,
        e.bytes,
        e.seconds,
        e.firstByteSeconds,
        Math.round(e.rows / e.seconds),
        e.rss.before,
        e.rss.min,
        e.rss.max,
        e.rss.after,
      ]),
    );
    const file = writeResults('billing', {
      seed: SEED,
      month: { name: monthName, hours: hoursInMonth(monthStart) },
      meteredUntil: isoSeconds(meteredUntil),
      windowHours: WINDOW_HOURS,
      rssSampleMs: SAMPLE_EVERY_MS,
      metering,
      meterRss: meter.rss,
      charges,
      exports,
    });
    console.log(`\nresults: ${file}`);
  } finally {
    await gateway?.stop();
    await topology?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
