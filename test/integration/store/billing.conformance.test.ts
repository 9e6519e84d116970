/**
 * Billing persistence on every backend of ./backends: hourly usage (upserts on the
 * (VM, hour) key, keyset scans and pages), the metered hours, rate cards, invoices and
 * the billing periods' closing claim. The durable store's reopen test is at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOUR_MS, isoSeconds, monthOf } from '../../../schema/hours';
import type { InvoiceRecord, RateCardRecord, UsageRecord } from '../../../gateway/billing/model';
import { InvalidCursorError, openDurableStore } from '../../../gateway/store';
import type { Store, UsageQuery } from '../../../gateway/store/types';
import { backends } from './backends';

/** 2026-01-31T20:00Z: four hours before February, so the data spans two months. */
const H0 = Date.UTC(2026, 0, 31, 20);
const hourAt = (i: number) => new Date(H0 + i * HOUR_MS);

function usage(vmId: string, i: number, overrides: Partial<UsageRecord> = {}): UsageRecord {
  const hour = hourAt(i);
  const [cloudId] = vmId.split(':') as [string];
  return {
    key: `${vmId}@${isoSeconds(hour)}`,
    vmId,
    vmName: vmId.split(':')[1]!,
    cloudId,
    vdcId: `${cloudId}:vdc-1`,
    orgId: null,
    tenantId: cloudId === 'dc-east' ? 'acme' : 'globex',
    hour,
    month: monthOf(hour),
    vcpuMax: 2,
    vcpuAvg: 2,
    memoryMbMax: 4096,
    memoryMbAvg: 4096,
    storageGbMax: 40,
    storageGbAvg: 40,
    cpuUsedMhz: 100 + i,
    memoryUsedMb: 1000,
    storageUsedGb: 10,
    networkKbps: null,
    meteredAt: new Date(H0 + 100 * HOUR_MS),
    ...overrides,
  };
}

const VMS = ['dc-east:vm-b', 'dc-east:vm-a', 'nova-eu:vm-c'];
const HOURS = 8; // 4 in January, 4 in February
const ALL: UsageRecord[] = VMS.flatMap((vmId) => Array.from({ length: HOURS }, (_, i) => usage(vmId, i)));
const RANGE = { start: hourAt(0), end: hourAt(HOURS) };

/** The order scan promises, computed here: (month, vmId, hour). */
const scanOrder = (records: UsageRecord[]) =>
  [...records].sort((a, b) =>
    a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.vmId !== b.vmId ? (a.vmId < b.vmId ? -1 : 1) : +a.hour - +b.hour,
  );
/** The order page promises: (hour, vmId). */
const pageOrder = (records: UsageRecord[]) =>
  [...records].sort((a, b) => +a.hour - +b.hour || (a.vmId < b.vmId ? -1 : a.vmId > b.vmId ? 1 : 0));
const inQuery = (q: UsageQuery) => (r: UsageRecord) =>
  r.hour >= q.start &&
  r.hour < q.end &&
  (q.tenantId === undefined || r.tenantId === q.tenantId) &&
  (q.cloudId === undefined || r.cloudId === q.cloudId) &&
  (q.vmId === undefined || r.vmId === q.vmId);

async function scanAll(store: Store, query: UsageQuery, batchSize: number): Promise<{ batches: number[]; records: UsageRecord[] }> {
  const batches: number[] = [];
  const records: UsageRecord[] = [];
  for await (const batch of store.usage.scan(query, batchSize)) {
    batches.push(batch.length);
    records.push(...batch);
  }
  return { batches, records };
}

async function pageAll(store: Store, query: UsageQuery, first: number): Promise<UsageRecord[]> {
  const records: UsageRecord[] = [];
  let after: string | undefined;
  for (let pages = 0; ; pages++) {
    if (pages > 100) throw new Error('paging did not end after 100 pages');
    const page = await store.usage.page(query, first, after);
    records.push(...page.records);
    if (!page.hasNextPage) return records;
    after = page.endCursor!;
  }
}

function card(id: string, overrides: Partial<RateCardRecord> = {}): RateCardRecord {
  return {
    id,
    name: id.toUpperCase(),
    currency: 'EUR',
    isDefault: false,
    allocatedRollup: 'MAX',
    assignments: [],
    details: [
      { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: [{ start: 0, finish: null, fixedRate: 0, variableRate: 0.01 }] },
    ],
    updatedAt: new Date(H0),
    ...overrides,
  };
}

function invoice(tenantId: string, month: string, total: number): InvoiceRecord {
  return {
    id: `inv-${tenantId}-${month}`,
    tenantId,
    month,
    periodStart: new Date(`${month}-01T00:00:00Z`),
    periodEnd: new Date(`${month}-28T00:00:00Z`),
    currency: 'EUR',
    issuedAt: new Date(H0),
    lines: [],
    total,
  };
}

describe.each(backends)('billing repositories on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.openStore();
  });
  afterEach(() => backend.cleanup());

  describe('usage', () => {
    it('an upsert of the same (VM, hour) twice is one record with the later figures', async () => {
      await store.usage.upsert([usage('dc-east:vm-a', 1)]);
      const later = usage('dc-east:vm-a', 1, { vcpuMax: 8, cpuUsedMhz: 999, meteredAt: new Date(H0 + 200 * HOUR_MS) });
      await store.usage.upsert([later]);
      const query = { start: hourAt(0), end: hourAt(HOURS) };
      expect(await store.usage.count(query)).toBe(1);
      expect((await store.usage.page(query, 10)).records).toEqual([later]);
    });

    it('an upsert larger than one write part stores every record once', async () => {
      const many = Array.from({ length: 1200 }, (_, i) => usage(`dc-east:vm-${String(i % 40).padStart(2, '0')}`, Math.floor(i / 40)));
      await store.usage.upsert(many);
      await store.usage.upsert(many.slice(0, 700));
      const query = { start: hourAt(0), end: hourAt(30) };
      expect(await store.usage.count(query)).toBe(many.length);
      expect((await scanAll(store, query, 500)).records).toEqual(scanOrder(many));
    });

    it('scan returns (month, vmId, hour) order over two months across batch boundaries, in batches of at most batchSize', async () => {
      // Written in reverse so insertion order cannot pass for the promised one.
      await store.usage.upsert([...ALL].reverse());
      const batchSize = 5;
      const { batches, records } = await scanAll(store, RANGE, batchSize);
      expect(records).toEqual(scanOrder(ALL));
      expect(new Set(records.map((r) => r.month))).toEqual(new Set(['2026-01', '2026-02']));
      // A month at a time, each in full batches and one remainder: no batch holds more than batchSize.
      const perMonth = ['2026-01', '2026-02'].map((month) => ALL.filter((r) => r.month === month).length);
      const expected = perMonth.flatMap((n) => [
        ...Array<number>(Math.floor(n / batchSize)).fill(batchSize),
        ...(n % batchSize ? [n % batchSize] : []),
      ]);
      expect(batches).toEqual(expected);
    });

    it('scan and count narrow by tenant, cloud, VM and a range cutting both months', async () => {
      await store.usage.upsert(ALL);
      const queries: UsageQuery[] = [
        { start: hourAt(2), end: hourAt(6), tenantId: 'acme' },
        { start: hourAt(0), end: hourAt(HOURS), cloudId: 'nova-eu' },
        { start: hourAt(1), end: hourAt(7), vmId: 'dc-east:vm-b' },
        { start: hourAt(4), end: hourAt(HOURS), tenantId: 'globex', cloudId: 'nova-eu' },
        { start: hourAt(0), end: hourAt(HOURS), tenantId: 'nobody' },
      ];
      for (const query of queries) {
        const expected = scanOrder(ALL.filter(inQuery(query)));
        expect((await scanAll(store, query, 2)).records).toEqual(expected);
        expect(await store.usage.count(query)).toBe(expected.length);
      }
    });

    it('pages in (hour, vmId) order across months with opaque cursors, and refuses a cursor it did not issue', async () => {
      await store.usage.upsert([...ALL].reverse());
      for (const query of [RANGE, { ...RANGE, tenantId: 'acme' }, { start: hourAt(3), end: hourAt(5), vmId: 'nova-eu:vm-c' }]) {
        expect(await pageAll(store, query, 4)).toEqual(pageOrder(ALL.filter(inQuery(query))));
      }
      const full = await store.usage.page(RANGE, ALL.length);
      expect(full).toEqual({ records: pageOrder(ALL), endCursor: expect.any(String), hasNextPage: false });
      expect(await store.usage.page(RANGE, 0)).toEqual({ records: [], endCursor: null, hasNextPage: true });
      await expect(store.usage.page(RANGE, 2, 'not a cursor!')).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(store.usage.page(RANGE, 2, Buffer.from('{"x":1}').toString('base64url'))).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  describe('metered hours', () => {
    it('marks each (cloud, hour) once and answers the collected hours of one cloud in a range, ascending', async () => {
      const mark = (cloudId: string, i: number, records: number) => ({
        key: `${cloudId}@${isoSeconds(hourAt(i))}`,
        cloudId,
        hour: hourAt(i),
        records,
        meteredAt: new Date(H0),
      });
      await store.meteredHours.mark([mark('dc-east', 3, 2), mark('dc-east', 1, 2), mark('nova-eu', 2, 1)]);
      await store.meteredHours.mark([mark('dc-east', 3, 5), mark('dc-east', 5, 0)]);
      expect(await store.meteredHours.collected('dc-east', hourAt(0), hourAt(HOURS))).toEqual([hourAt(1), hourAt(3), hourAt(5)]);
      expect(await store.meteredHours.collected('dc-east', hourAt(1), hourAt(5))).toEqual([hourAt(1), hourAt(3)]);
      expect(await store.meteredHours.collected('nova-eu', hourAt(0), hourAt(HOURS))).toEqual([hourAt(2)]);
    });
  });

  describe('rate cards', () => {
    it('lists the default first then by id, keeps one default, replaces by id and removes', async () => {
      await store.rateCards.put(card('zeta'));
      await store.rateCards.putDefault(card('mid'));
      await store.rateCards.put(card('alpha'));
      expect((await store.rateCards.list()).map((c) => [c.id, c.isDefault])).toEqual([
        ['mid', true],
        ['alpha', false],
        ['zeta', false],
      ]);
      await store.rateCards.putDefault(card('zeta', { name: 'Zeta 2' }));
      expect((await store.rateCards.list()).map((c) => [c.id, c.isDefault])).toEqual([
        ['zeta', true],
        ['alpha', false],
        ['mid', false],
      ]);
      expect(await store.rateCards.get('zeta')).toEqual(card('zeta', { name: 'Zeta 2', isDefault: true }));
      expect(await store.rateCards.get('none')).toBeNull();
      expect(await store.rateCards.remove('alpha')).toBe(true);
      expect(await store.rateCards.remove('alpha')).toBe(false);
      expect((await store.rateCards.list()).map((c) => c.id)).toEqual(['zeta', 'mid']);
    });
  });

  describe('invoices', () => {
    it('replaces by id and lists newest month first, then tenant, filtered by tenant or month', async () => {
      await store.invoices.put(invoice('globex', '2026-01', 1));
      await store.invoices.put(invoice('acme', '2026-01', 2));
      await store.invoices.put(invoice('acme', '2026-02', 3));
      await store.invoices.put(invoice('acme', '2026-01', 4));
      expect((await store.invoices.list({})).map((i) => [i.id, i.total])).toEqual([
        ['inv-acme-2026-02', 3],
        ['inv-acme-2026-01', 4],
        ['inv-globex-2026-01', 1],
      ]);
      expect((await store.invoices.list({ tenantId: 'acme' })).map((i) => i.id)).toEqual(['inv-acme-2026-02', 'inv-acme-2026-01']);
      expect((await store.invoices.list({ month: '2026-01' })).map((i) => i.id)).toEqual(['inv-acme-2026-01', 'inv-globex-2026-01']);
      expect(await store.invoices.get('inv-acme-2026-01')).toEqual(invoice('acme', '2026-01', 4));
      expect(await store.invoices.get('inv-nobody-2026-01')).toBeNull();
    });
  });

  describe('billing periods', () => {
    const t = (seconds: number) => new Date(H0 + seconds * 1000);

    it('claims an open month once; a held one is refused until its lease expires, then taken over', async () => {
      expect(await store.billingPeriods.claim('2026-01', t(0), 60_000)).toEqual(t(60));
      expect(await store.billingPeriods.get('2026-01')).toEqual({ month: '2026-01', state: 'CLOSING', closedAt: null, leaseUntil: t(60) });
      expect(await store.billingPeriods.claim('2026-01', t(59), 60_000)).toBeNull();
      expect(await store.billingPeriods.claim('2026-01', t(60), 60_000)).toEqual(t(120));
      expect(await store.billingPeriods.get('2026-01')).toMatchObject({ state: 'CLOSING', leaseUntil: t(120) });
    });

    it('two closers racing for an open month: exactly one wins', async () => {
      const results = await Promise.all([1, 2, 3].map(() => store.billingPeriods.claim('2026-02', t(0), 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('finish makes it CLOSED for good, and lists newest first', async () => {
      const lease = (await store.billingPeriods.claim('2026-01', t(0), 60_000))!;
      // Only the holder of the lease finishes it: a closer whose month was taken over is told so.
      expect(await store.billingPeriods.finish('2026-01', t(5), [card('std')], t(1))).toBe(false);
      expect(await store.billingPeriods.finish('2026-01', t(5), [card('std')], lease)).toBe(true);
      await store.billingPeriods.claim('2026-02', t(0), 60_000);
      expect(await store.billingPeriods.get('2026-01')).toEqual({
        month: '2026-01',
        state: 'CLOSED',
        closedAt: t(5),
        rateCards: [card('std')],
      });
      expect(await store.billingPeriods.claim('2026-01', t(3600), 60_000)).toBeNull();
      expect((await store.billingPeriods.list()).map((p) => [p.month, p.state])).toEqual([
        ['2026-02', 'CLOSING'],
        ['2026-01', 'CLOSED'],
      ]);
    });
  });
});

describe('billing records in the durable store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'overcast-billing-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps usage, metered hours, cards, invoices and periods across a reopen', async () => {
    const first = await openDurableStore(dir);
    await first.usage.upsert(ALL);
    await first.meteredHours.mark([
      { key: `dc-east@${isoSeconds(hourAt(0))}`, cloudId: 'dc-east', hour: hourAt(0), records: 2, meteredAt: new Date(H0) },
    ]);
    await first.rateCards.putDefault(card('std'));
    await first.invoices.put(invoice('acme', '2026-01', 7));
    const lease = (await first.billingPeriods.claim('2026-01', new Date(H0), 60_000))!;
    await first.billingPeriods.finish('2026-01', new Date(H0), [card('std')], lease);
    await first.close();

    const second = await openDurableStore(dir);
    try {
      expect((await scanAll(second, RANGE, 5)).records).toEqual(scanOrder(ALL));
      expect(await second.meteredHours.collected('dc-east', hourAt(0), hourAt(1))).toEqual([hourAt(0)]);
      expect(await second.rateCards.list()).toEqual([card('std', { isDefault: true })]);
      expect(await second.invoices.get('inv-acme-2026-01')).toEqual(invoice('acme', '2026-01', 7));
      expect(await second.billingPeriods.get('2026-01')).toMatchObject({ state: 'CLOSED' });
      // The unique key survives the reopen: an upsert of a stored (VM, hour) still replaces.
      await second.usage.upsert([usage('dc-east:vm-a', 0, { vcpuMax: 16 })]);
      expect(await second.usage.count(RANGE)).toBe(ALL.length);
    } finally {
      await second.close();
    }
  });
});
