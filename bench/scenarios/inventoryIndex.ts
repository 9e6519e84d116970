/**
 * Scenario 3 — inventory index scale: the embedded store (the same repositories
 * the gateway uses, over mingo) holding 10k, 100k and 1M indexed VMs: how long a
 * full sync write takes, how much memory an indexed VM costs, and the latency of a
 * 100-item page (first, deep via cursor, filtered). In process: the store is the
 * thing measured, not HTTP.
 */
import { performance } from 'node:perf_hooks';
import { createMemoryStore } from '../../gateway/store';
import type { IndexedVm, VmPageRequest } from '../../gateway/store/types';
import { benchEnv } from '../lib/env';
import { printTable, writeResults } from '../lib/report';

const SIZES = benchEnv().BENCH_INDEX_SIZES ?? [10_000, 100_000, 1_000_000];
const CLOUDS = 10;
const samplesFor = (size: number): number => (size >= 1_000_000 ? 5 : 15);
const TENANTS = ['acme', 'globex', 'initech', 'umbrella'];
const STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'];

function vmsOf(cloud: number, count: number, syncedAt: Date): IndexedVm[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `cloud-${cloud}:vm-${i}`,
    cloudId: `cloud-${cloud}`,
    vdcId: `cloud-${cloud}:vdc-${i % 20}`,
    name: `vm-${String((i * 7919) % count).padStart(7, '0')}-c${cloud}`,
    powerState: STATES[i % 3]!,
    cpuCount: 1 << (i % 4),
    memoryMb: 1024 << (i % 5),
    tenantId: TENANTS[(cloud + i) % TENANTS.length]!,
    orgId: null,
    syncedAt,
  }));
}

const heapMb = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function inventoryIndex(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  const results: unknown[] = [];
  for (const size of SIZES) {
    const store = await createMemoryStore();
    const before = heapMb();
    const syncedAt = new Date();
    const writeStarted = performance.now();
    for (let c = 0; c < CLOUDS; c++) await store.inventory.replaceCloud(`cloud-${c}`, vmsOf(c, size / CLOUDS, syncedAt), syncedAt);
    const writeMs = performance.now() - writeStarted;
    const bytesPerVm = ((heapMb() - before) * 2 ** 20) / size;

    const time = async (request: VmPageRequest): Promise<{ p50: number; p99: number; items: number }> => {
      const samples: number[] = [];
      let items = 0;
      for (let i = 0; i < samplesFor(size); i++) {
        const started = performance.now();
        items = (await store.inventory.page(request)).items.length;
        samples.push(performance.now() - started);
      }
      samples.sort((a, b) => a - b);
      return { p50: percentile(samples, 50), p99: percentile(samples, 99), items };
    };
    const byName = { field: 'NAME', direction: 'ASC' } as const;
    const first = await time({ filter: {}, orderBy: byName, first: 100 });
    // A cursor from half-way through the index: keyset paging must not cost more deep down.
    const middle = (await store.inventory.page({ filter: {}, orderBy: byName, first: Math.min(size / 2, 50_000) })).endCursor ?? undefined;
    const deep = await time({ filter: {}, orderBy: byName, first: 100, ...(middle ? { after: middle } : {}) });
    const filtered = await time({ filter: { tenantId: 'acme', powerState: 'POWERED_ON' }, orderBy: byName, first: 100 });
    const search = await time({ filter: { nameContains: '00042' }, orderBy: byName, first: 100 });
    rows.push([size, writeMs / 1000, Math.round(bytesPerVm), first.p50, first.p99, deep.p50, filtered.p50, search.p50]);
    results.push({ size, writeSeconds: writeMs / 1000, bytesPerVm, first, deep, filtered, search });
    await store.close();
  }
  printTable(
    'Inventory index on the embedded store (100-item pages; ms)',
    ['indexed VMs', 'write all (s)', 'bytes/VM', 'first p50', 'first p99', 'deep p50', 'tenant+state p50', 'nameContains p50'],
    rows,
  );
  console.log(`\ntarget: a 100-item page over 1M VMs under 50 ms. results: ${writeResults('inventory-index', { results })}`);
}
