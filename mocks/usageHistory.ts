/**
 * The seed's usage history: what each simulated cloud's accounting API reports for
 * the past (vSphere performance statistics, the operations manager's stats history,
 * Nova's simple tenant usage). Deterministic: a pure function of the seeded VM, its
 * position in its cloud and the history's start, so tests compute the expected
 * figures from here independently of what the gateway metered.
 *
 * - The history starts at `start` (the demo's: the first day of the previous UTC
 *   month, so a fresh demo can bill the last full month). Every fourth VM was created
 *   later, on a whole hour 10 days and some hours in; the others existed from the start.
 * - Allocation is the seed's, except in a director cloud, where every fourth VM (the
 *   second of each group, with more than one vCPU) ran with half its vCPUs for the
 *   first 10 days and was then resized up: what makes `max` and `avg` rollups differ.
 * - A VM that is powered off or suspended in the seed never ran: no used samples.
 *   A running VM has a 5-minute sample in every slot, except in about one hour in 50,
 *   when the collector missed the whole hour (an hour without a sample).
 */
import type { SeedCloud, SeedVm } from './seed';

export const SAMPLE_MS = 300_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface VmAllocation {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

export interface UsageSample {
  cpuUsedMhz: number;
  memoryUsedMb: number;
  storageUsedGb: number;
  /** Kilobits per second. */
  networkKbps: number;
}

/** One VM over one whole hour, as the accounting APIs roll it up. */
export interface HourUsage {
  /** The hour's start (ms). */
  hour: number;
  allocation: { max: VmAllocation; avg: VmAllocation };
  /** The mean of the hour's samples; null when the hour has none. */
  used: UsageSample | null;
}

export interface VmHistory {
  vm: SeedVm;
  /** When the VM came to exist (ms, a whole hour). */
  createdAt: number;
  /** Its allocation at instant `t` (ms); valid from `createdAt`. */
  allocationAt(t: number): VmAllocation;
  /** The 5-minute sample of the slot starting at `t` (a multiple of SAMPLE_MS); null when the VM did not run then. */
  sampleAt(t: number): UsageSample | null;
  /** The hour starting at `hour` (ms); null when the VM did not exist in it. */
  hourUsage(hour: number): HourUsage | null;
}

/** The demo's history start for a cloud started at `now`: the first instant of the previous UTC month. */
export function defaultHistoryStart(now: Date = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
}

/** A small integer hash to [0, 1): the same inputs, the same value (splitmix-style mixing). */
function unit(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** The history of the VM at `index` in `cloud.vms`. */
export function vmHistory(cloud: SeedCloud, index: number, start: Date): VmHistory {
  const vm = cloud.vms[index];
  if (!vm) throw new Error(`cloud ${cloud.id} has no VM at index ${index}`);
  const origin = start.getTime();
  const createdAt = index % 4 === 3 ? origin + 10 * DAY + (index % 24) * HOUR : origin;
  const resizedAt = cloud.kind === 'director' && index % 4 === 1 && vm.cpuCount > 1 ? origin + 10 * DAY : undefined;
  const runs = vm.powerState === 'POWERED_ON';
  const allocationAt = (t: number): VmAllocation => ({
    vcpu: resizedAt !== undefined && t < resizedAt ? vm.cpuCount / 2 : vm.cpuCount,
    memoryMb: vm.memoryMb,
    storageGb: vm.storageGb,
  });
  const missedHour = (hour: number): boolean => unit(index * 7919 + 17, Math.floor(hour / HOUR)) < 0.02;
  const sampleAt = (t: number): UsageSample | null => {
    if (!runs || t < createdAt || missedHour(t - (t % HOUR))) return null;
    const slot = Math.floor(t / SAMPLE_MS);
    const r = unit(index * 104729 + 3, slot);
    const m = vm.metrics;
    return {
      cpuUsedMhz: Math.round(m.cpuUsageMhz * (0.5 + r)),
      memoryUsedMb: Math.round(m.memoryUsedMb * (0.75 + r / 2)),
      storageUsedGb: m.storageUsedGb,
      networkKbps: Math.round(m.networkKbps * (0.25 + 1.5 * unit(index * 15485863 + 5, slot))),
    };
  };
  const hourUsage = (hour: number): HourUsage | null => {
    if (hour + HOUR <= createdAt) return null;
    const slots = Array.from({ length: HOUR / SAMPLE_MS }, (_, i) => hour + i * SAMPLE_MS).filter((t) => t >= createdAt);
    const allocations = slots.map(allocationAt);
    const samples = slots.map(sampleAt).filter((s): s is UsageSample => s !== null);
    const pick = (key: keyof VmAllocation, how: 'max' | 'avg'): number =>
      how === 'max' ? Math.max(...allocations.map((a) => a[key])) : allocations.reduce((sum, a) => sum + a[key], 0) / allocations.length;
    const both = (how: 'max' | 'avg'): VmAllocation => ({
      vcpu: pick('vcpu', how),
      memoryMb: pick('memoryMb', how),
      storageGb: pick('storageGb', how),
    });
    const mean = (key: keyof UsageSample): number => samples.reduce((sum, s) => sum + s[key], 0) / samples.length;
    return {
      hour,
      allocation: { max: both('max'), avg: both('avg') },
      used: samples.length
        ? {
            cpuUsedMhz: mean('cpuUsedMhz'),
            memoryUsedMb: mean('memoryUsedMb'),
            storageUsedGb: mean('storageUsedGb'),
            networkKbps: mean('networkKbps'),
          }
        : null,
    };
  };
  return { vm, createdAt, allocationAt, sampleAt, hourUsage };
}

/** Every VM's history in a cloud, in `cloud.vms` order. */
export function cloudHistory(cloud: SeedCloud, start: Date): VmHistory[] {
  return cloud.vms.map((_, index) => vmHistory(cloud, index, start));
}
