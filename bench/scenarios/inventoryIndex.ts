/**
 * Scenario 3 — inventory index scale: the durable embedded store (the same
 * repositories the gateway uses; mingo collections with ordered indexes, journaled
 * to SQLite) holding 10k, 100k and 1M indexed VMs: how long a first sync takes
 * (every entry new), a re-sync with 1% changed, a reopen (what a restart costs),
 * how much memory and disk an indexed VM costs, and the latency of a 100-item page
 * (first, deep via cursor, filtered, searched). In process: the store is the thing
 * measured, not HTTP.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDurableStore } from '../../gateway/store';
import { STORE_FILE } from '../../gateway/store/durable/database';
import type { IndexedVm, Store, VmPageRequest } from '../../gateway/store/types';
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

type Timing = { p50: number; p99: number; items: number };

export async function inventoryIndex(): Promise<void> {
  const rows: Array<Array<string | number>> = [];
  const results: unknown[] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), 'overcast-bench-index-'));
    try {
      const baseline = heapMb();
      let store = await openDurableStore(dir);
      const syncedAt = new Date();
      const writeStarted = performance.now();
      for (let c = 0; c < CLOUDS; c++) await sync(store, c, vmsOf(c, size / CLOUDS, syncedAt), syncedAt);
      const writeSeconds = (performance.now() - writeStarted) / 1000;
      // A later sync of one cloud where 1% of its VMs changed: only those are written.
      const changed = vmsOf(0, size / CLOUDS, syncedAt).map((vm, i) =>
        i % 100 === 0 ? { ...vm, powerState: 'SUSPENDED', cpuCount: 64 } : vm,
      );
      const resyncStarted = performance.now();
      const outcome = await sync(store, 0, changed, new Date());
      const resyncSeconds = (performance.now() - resyncStarted) / 1000;
      await store.close();

      // What a restart costs: read the file back and build every index.
      const reopenStarted = performance.now();
      store = await openDurableStore(dir);
      const reopenSeconds = (performance.now() - reopenStarted) / 1000;
      const bytesPerVm = ((heapMb() - baseline) * 2 ** 20) / size;
      const fileBytesPerVm = statSync(join(dir, STORE_FILE)).size / size;

      const time = async (request: VmPageRequest): Promise<Timing> => {
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
      // A cursor half-way through the index: keyset paging must not cost more deep down.
      const middle = (await store.inventory.page({ filter: {}, orderBy: byName, first: size / 2 })).endCursor!;
      const timings: Record<string, Timing> = {
        first: await time({ filter: {}, orderBy: byName, first: 100 }),
        deep: await time({ filter: {}, orderBy: byName, first: 100, after: middle }),
        tenant: await time({ filter: { tenantId: 'acme' }, orderBy: byName, first: 100 }),
        tenantState: await time({ filter: { tenantId: 'acme', powerState: 'POWERED_ON' }, orderBy: byName, first: 100 }),
        tenantByMemory: await time({ filter: { tenantId: 'acme' }, orderBy: { field: 'MEMORY_MB', direction: 'DESC' }, first: 100 }),
        // No index leads with cloudId and goes on with cpuCount: the CPU index is walked, testing the cloud.
        cloudByCpu: await time({ filter: { cloudId: 'cloud-3' }, orderBy: { field: 'CPU_COUNT', direction: 'DESC' }, first: 100 }),
        nameContains: await time({ filter: { nameContains: '00042' }, orderBy: byName, first: 100 }),
      };
      rows.push([
        size,
        writeSeconds,
        resyncSeconds,
        reopenSeconds,
        Math.round(bytesPerVm),
        Math.round(fileBytesPerVm),
        ...Object.values(timings).map((t) => t.p50),
      ]);
      results.push({
        size,
        writeSeconds,
        resync: { seconds: resyncSeconds, outcome },
        reopenSeconds,
        bytesPerVm,
        fileBytesPerVm,
        ...timings,
      });
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(
    'Inventory index on the durable embedded store (100-item pages, p50 ms)',
    [
      'indexed VMs',
      'first sync (s)',
      're-sync, 1% changed (s)',
      'reopen (s)',
      'heap B/VM',
      'file B/VM',
      'first',
      'deep (half-way)',
      'tenant',
      'tenant+state',
      'tenant by memory desc',
      'cloud by CPU desc',
      'nameContains',
    ],
    rows,
  );
  console.log(`\ntarget: a 100-item page over 1M VMs under 50 ms. results: ${writeResults('inventory-index', { results })}`);
}

/** One sync of a cloud as the gateway's loop does it: a generation, then the VMs it read. */
async function sync(store: Store, cloud: number, vms: IndexedVm[], syncedAt: Date): Promise<unknown> {
  const cloudId = `cloud-${cloud}`;
  return store.inventory.applySync(cloudId, await store.inventory.beginSync(cloudId), vms, syncedAt);
}
