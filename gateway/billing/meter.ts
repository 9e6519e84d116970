/**
 * The usage meter: pulls every whole hour not collected yet from each cloud's node
 * (cloudUsage of a cloud-node, orgUsage of an sp-node, which knows whose each VM is)
 * through the internal client, and stores it as one record per (VM, hour).
 *
 * What makes it safe to run anywhere, any number of times:
 * - every record is an upsert on its natural key `<vmId>@<hour>`, so a window collected
 *   twice (two gateway replicas, a meter restarted mid-run, a retry) writes the same
 *   records again instead of adding any;
 * - an hour is marked collected only after its records are stored, so a meter that
 *   dies between the two leaves the hour uncollected and the next run asks for it
 *   again (and rewrites the same records);
 * - only whole hours are asked for, never the current one: a cloud's figures of an
 *   hour still running would be partial, and a collected hour is never asked again.
 */
import type { Logger } from 'pino';
import { HOUR_MS, hourStart, hoursIn, isoSeconds, monthOf, parseHour } from '../../schema/hours';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { InternalClient, OperationResult } from '../internal/client';
import type { MeteredHourRepository, UsageRepository } from '../store/types';
import type { UsageFigures, UsageGapModel, UsageRecord } from './model';

export interface MeterDeps {
  /** The gateway's internal client; every read names SYSTEM_PRINCIPAL. */
  client: InternalClient;
  usage: UsageRepository;
  meteredHours: MeteredHourRepository;
  /** The clouds to meter now: a cloud with an sp-node is metered through it (orgUsage), else through its cloud-node (cloudUsage). */
  clouds(): Array<{ cloudId: string; via: 'cloud-node' | 'sp-node' }>;
  /** Whose a VM's hour is: the tenant of its organization (multi-tenant cloud) or of its dedicated cloud; null when none. */
  tenantOf(cloudId: string, orgId: string | null): string | null;
  /** The first hour to meter (cut to its whole hour). */
  from: Date;
  /** Most hours asked of a node in one request. */
  windowHours: number;
  /**
   * How long after an hour ends it is collected: the clouds publish an hour's samples and
   * rollups minutes late, and a collected hour is not asked again. @default 0
   */
  settleMs?: number;
  now?: () => Date;
  logger: Logger;
}

type Via = 'cloud-node' | 'sp-node';

const FIGURES = `vmId vmName vdcId hour vcpuMax vcpuAvg memoryMbMax memoryMbAvg storageGbMax storageGbAvg
      cpuUsedMhz memoryUsedMb storageUsedGb networkKbps`;

/** The documents the meter sends: the field aliased `usage`, so both answers read alike. */
const QUERIES: Record<Via, string> = {
  'cloud-node': `query MeterCloudUsage($cloudId: ID!, $start: String!, $end: String!) {
    usage: cloudUsage(cloudId: $cloudId, start: $start, end: $end) { ${FIGURES} }
  }`,
  'sp-node': `query MeterOrgUsage($cloudId: ID!, $start: String!, $end: String!) {
    usage: orgUsage(cloudId: $cloudId, start: $start, end: $end) { ${FIGURES} orgId }
  }`,
};

/** The figures of a row: each a finite number ≥ 0, or null where the schema allows it. */
const FIGURE_KEYS = [
  'vcpuMax',
  'vcpuAvg',
  'memoryMbMax',
  'memoryMbAvg',
  'storageGbMax',
  'storageGbAvg',
  'cpuUsedMhz',
  'memoryUsedMb',
  'storageUsedGb',
  'networkKbps',
] as const satisfies ReadonlyArray<keyof UsageFigures>;

/** One row of cloudUsage or orgUsage, as the schema types it (orgId only from an sp-node). */
type UsageRow = UsageFigures & { vmId: string; vmName: string; vdcId: string; hour: string; orgId?: string | null };

interface Window {
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** A window the node did not answer: why, for the log. */
class WindowFailed extends Error {
  override name = 'WindowFailed';
}

export class UsageMeter {
  private readonly from: Date;
  private readonly now: () => Date;
  private running: Promise<UsageGapModel[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Moved on by stop(): a run begun before ends after the window it is in, so a gateway shutting down does not wait out a backfill. */
  private generation = 0;
  /** A wake() is waiting for the run in progress. */
  private woken = false;

  constructor(private readonly deps: MeterDeps) {
    if (!Number.isInteger(deps.windowHours) || deps.windowHours < 1)
      throw new Error(`windowHours must be a positive integer, got ${deps.windowHours}`);
    this.from = hourStart(deps.from);
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Collect every uncollected whole hour of every cloud; the gaps left. One run at a
   * time per meter: a call while one runs gets that run's answer (the timer and an
   * operator's meterUsage would otherwise ask the nodes for the same windows twice).
   */
  run(): Promise<UsageGapModel[]> {
    this.running ??= this.collect().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Per cloud, the uncollected hours in [from, the current hour), merged into ranges. */
  async gaps(cloudId?: string): Promise<UsageGapModel[]> {
    return this.gapsUntil(this.lastEnd(), cloudId);
  }

  /** Run now, then every `intervalMs` (the timer does not keep the process alive); a failed run is logged, never thrown. */
  start(intervalMs: number): void {
    if (this.timer) return;
    const tick = () => {
      this.run().catch((err: unknown) => this.deps.logger.error({ err }, 'usage metering failed'));
    };
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    tick();
  }

  /**
   * A node came up: run again soon (after the run in progress, which may have found its
   * cloud unavailable), rather than an interval later. Only while started; several wakes
   * before that run make one.
   */
  wake(): void {
    if (!this.timer || this.woken) return;
    this.woken = true;
    void (this.running ?? Promise.resolve([]))
      .catch(() => undefined)
      .then(() => {
        this.woken = false;
        return this.run();
      })
      .catch((err: unknown) => this.deps.logger.error({ err }, 'usage metering failed'));
  }

  /** Stop the timer, and wait for a run in progress to end after its current window (what it left stays a gap). */
  async stop(): Promise<void> {
    this.generation++;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async collect(): Promise<UsageGapModel[]> {
    // Fixed once per run: every cloud is collected up to the same hour.
    const end = this.lastEnd();
    const generation = this.generation;
    for (const cloud of this.deps.clouds()) {
      if (generation !== this.generation) break;
      try {
        await this.collectCloud(cloud.cloudId, cloud.via, end, generation);
      } catch (err) {
        // Once per cloud per run: the first failed window ends this cloud's run (a node that
        // fails one window mostly fails the next), and its hours stay gaps for the next run.
        this.deps.logger.warn({ err, cloudId: cloud.cloudId, via: cloud.via }, 'usage of a cloud not collected; its hours stay gaps');
      }
    }
    return this.gapsUntil(end);
  }

  private async collectCloud(cloudId: string, via: Via, end: Date, generation: number): Promise<void> {
    for (const window of windowsOf(await this.missing(cloudId, end), this.deps.windowHours)) {
      if (generation !== this.generation) return;
      const rows = await this.ask(cloudId, via, window);
      const meteredAt = this.now();
      const records = new Map<string, UsageRecord>();
      // Keyed: a row repeated in one answer is one record, and counted once.
      for (const row of rows) {
        const record = this.recordOf(cloudId, via, row, meteredAt);
        records.set(record.key, record);
      }
      await this.deps.usage.upsert([...records.values()]);
      // Only after the records are stored: dying in between leaves the hours to collect again.
      const perHour = new Map<number, number>();
      for (const record of records.values()) perHour.set(record.hour.getTime(), (perHour.get(record.hour.getTime()) ?? 0) + 1);
      // Every hour of the window, those without a VM too: the node answered for them.
      await this.deps.meteredHours.mark(
        hoursOf(window).map((hour) => ({
          key: meteredHourKey(cloudId, hour),
          cloudId,
          hour,
          records: perHour.get(hour.getTime()) ?? 0,
          meteredAt,
        })),
      );
    }
  }

  /** The node's rows of one window, each hour checked to be a whole hour inside it; WindowFailed when the answer is not one. */
  private async ask(cloudId: string, via: Via, window: Window): Promise<UsageRow[]> {
    const variables = { cloudId, start: isoSeconds(window.start), end: isoSeconds(window.end) };
    const result: OperationResult = await this.deps.client.execute(QUERIES[via], variables, { principal: SYSTEM_PRINCIPAL });
    const span = `${variables.start}/${variables.end}`;
    if (result.errors?.length) {
      const codes = result.errors.map((error) => String(error.extensions?.code ?? 'no code')).join(', ');
      throw new WindowFailed(`${via} answered ${span} with errors (${codes}): ${result.errors[0]!.message}`);
    }
    const rows = result.data?.usage;
    if (!Array.isArray(rows)) throw new WindowFailed(`${via} answered ${span} without usage data`);
    for (const row of rows as UsageRow[]) {
      // Another cloud's VM, or a figure that is no figure, would be billed wrongly or break rating for everyone: refuse the answer.
      if (
        typeof row.vmId !== 'string' ||
        !row.vmId.startsWith(`${cloudId}:`) ||
        typeof row.vdcId !== 'string' ||
        !row.vdcId.startsWith(`${cloudId}:`)
      )
        throw new WindowFailed(`${via} answered ${span} with a VM or VDC id not of ${cloudId}`);
      const bad = FIGURE_KEYS.find((key) => {
        const value = row[key];
        return value !== null && value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value >= 0);
      });
      if (bad) throw new WindowFailed(`${via} answered ${span} with ${bad} ${String(row[bad])} for ${row.vmId}`);
      const hour = parseHour(row.hour);
      // An hour outside what was asked would be marked by no window: refuse the answer rather than store it.
      if (!hour || hour < window.start || hour >= window.end)
        throw new WindowFailed(`${via} answered ${span} with hour "${row.hour}" outside it`);
    }
    return rows as UsageRow[];
  }

  private recordOf(cloudId: string, via: Via, row: UsageRow, meteredAt: Date): UsageRecord {
    const hour = parseHour(row.hour)!;
    // A cloud-node knows no organizations: its cloud is dedicated, or its VMs are nobody's.
    const orgId = via === 'sp-node' ? (row.orgId ?? null) : null;
    return {
      key: usageKey(row.vmId, hour),
      vmId: row.vmId,
      vmName: row.vmName,
      cloudId,
      vdcId: row.vdcId,
      orgId,
      tenantId: this.deps.tenantOf(cloudId, orgId),
      hour,
      month: monthOf(hour),
      vcpuMax: row.vcpuMax,
      vcpuAvg: row.vcpuAvg,
      memoryMbMax: row.memoryMbMax,
      memoryMbAvg: row.memoryMbAvg,
      storageGbMax: row.storageGbMax,
      storageGbAvg: row.storageGbAvg,
      cpuUsedMhz: row.cpuUsedMhz ?? null,
      memoryUsedMb: row.memoryUsedMb ?? null,
      storageUsedGb: row.storageUsedGb ?? null,
      networkKbps: row.networkKbps ?? null,
      meteredAt,
    };
  }

  /** The hours of `cloudId` in [from, end) not collected yet, ascending. */
  /** The end of the last hour to collect now: the last whole hour that has settled. */
  private lastEnd(): Date {
    return hourStart(this.now().getTime() - (this.deps.settleMs ?? 0));
  }

  private async missing(cloudId: string, end: Date): Promise<Date[]> {
    if (end <= this.from) return [];
    const collected = new Set((await this.deps.meteredHours.collected(cloudId, this.from, end)).map((hour) => hour.getTime()));
    return hoursOf({ start: this.from, end }).filter((hour) => !collected.has(hour.getTime()));
  }

  private async gapsUntil(end: Date, cloudId?: string): Promise<UsageGapModel[]> {
    const gaps: UsageGapModel[] = [];
    for (const cloud of this.deps.clouds()) {
      if (cloudId !== undefined && cloud.cloudId !== cloudId) continue;
      for (const range of windowsOf(await this.missing(cloud.cloudId, end), Infinity)) {
        gaps.push({
          cloudId: cloud.cloudId,
          start: range.start,
          end: range.end,
          hours: hoursIn(range),
        });
      }
    }
    return gaps;
  }
}

/** A usage record's natural key: the VM and the hour. */
export function usageKey(vmId: string, hour: Date): string {
  return `${vmId}@${isoSeconds(hour)}`;
}

/** A metered hour's natural key: the cloud and the hour. */
export function meteredHourKey(cloudId: string, hour: Date): string {
  return `${cloudId}@${isoSeconds(hour)}`;
}

/** Every hour in a window. */
function hoursOf({ start, end }: Window): Date[] {
  const hours: Date[] = [];
  for (let at = start.getTime(); at < end.getTime(); at += HOUR_MS) hours.push(new Date(at));
  return hours;
}

/** Consecutive hours (ascending) as windows of at most `maxHours`. */
export function windowsOf(hours: readonly Date[], maxHours: number): Window[] {
  const windows: Window[] = [];
  let current: { start: number; end: number } | undefined;
  for (const hour of hours) {
    const at = hour.getTime();
    if (current && current.end === at && (current.end - current.start) / HOUR_MS < maxHours) {
      current.end = at + HOUR_MS;
      continue;
    }
    if (current) windows.push({ start: new Date(current.start), end: new Date(current.end) });
    current = { start: at, end: at + HOUR_MS };
  }
  if (current) windows.push({ start: new Date(current.start), end: new Date(current.end) });
  return windows;
}
