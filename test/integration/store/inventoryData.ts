/**
 * Inventory test data and the expected answers, computed here in plain JavaScript
 * (filter, sort, slice), independently of the store and of mingo.
 */
import type { IndexedVm, VmFilter, VmOrderField, VmPageRequest } from '../../../gateway/store/types';

export const SYNCED = new Date('2025-03-01T12:00:00.000Z');

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLOUDS = ['dc-east', 'vcd-nl', 'nova-eu'] as const;
const TENANTS = ['acme', 'globex', null] as const;
const STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] as const;
/** Mixed case, shared stems (many equal names: ties), and regex-special characters. */
const STEMS = ['web', 'Web', 'DB', 'db(1)', 'cache.01', 'cacheX01', 'a+b', 'x*y', '[edge]', 'Mail', 'zeta', 'App$'] as const;

function pick<T>(items: readonly T[], next: () => number): T {
  return items[Math.floor(next() * items.length)]!;
}

/** `count` VMs spread over three clouds; names, CPU counts and memory repeat a lot, so ties abound. */
export function makeVms(count: number, seed = 7): IndexedVm[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const cloudId = pick(CLOUDS, next);
    const stem = pick(STEMS, next);
    return {
      id: `${cloudId}:vm-${String(i).padStart(5, '0')}`,
      cloudId,
      vdcId: `${cloudId}:vdc-${i % 4}`,
      // One in three has a bare stem, so identical names are common.
      name: next() < 0.33 ? stem : `${stem}-${Math.floor(next() * 40)}`,
      powerState: pick(STATES, next),
      cpuCount: 1 + Math.floor(next() * 8),
      memoryMb: 512 * (1 + Math.floor(next() * 16)),
      tenantId: pick(TENANTS, next),
      orgId: null,
      syncedAt: SYNCED,
    };
  });
}

/** The VMs of one cloud, for applySync. */
export function ofCloud(vms: readonly IndexedVm[], cloudId: string): IndexedVm[] {
  return vms.filter((vm) => vm.cloudId === cloudId);
}

export function matches(vm: IndexedVm, filter: VmFilter): boolean {
  return (
    (filter.tenantId === undefined || vm.tenantId === filter.tenantId) &&
    (filter.cloudId === undefined || vm.cloudId === filter.cloudId) &&
    (filter.powerState === undefined || vm.powerState === filter.powerState) &&
    (filter.nameContains === undefined || vm.name.toLowerCase().includes(filter.nameContains.toLowerCase()))
  );
}

const VALUE: Record<VmOrderField, (vm: IndexedVm) => string | number> = {
  NAME: (vm) => vm.name,
  ID: (vm) => vm.id,
  CPU_COUNT: (vm) => vm.cpuCount,
  MEMORY_MB: (vm) => vm.memoryMb,
};

/** Plain `<` on strings: UTF-16 code units, the same as byte order for these ASCII names. */
function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** All matching VMs in the order of `orderBy`, ties broken by id in the same direction. */
export function expectedOrder(vms: readonly IndexedVm[], filter: VmFilter, orderBy: VmPageRequest['orderBy']): IndexedVm[] {
  const sign = orderBy.direction === 'ASC' ? 1 : -1;
  const value = VALUE[orderBy.field];
  return vms.filter((vm) => matches(vm, filter)).sort((a, b) => sign * (cmp(value(a), value(b)) || cmp(a.id, b.id)));
}

export const ORDERINGS: VmPageRequest['orderBy'][] = (['NAME', 'ID', 'CPU_COUNT', 'MEMORY_MB'] as const).flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);
