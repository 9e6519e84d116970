import { chargesFor, computeCharges } from '../../gateway/billing/charges';
import { DEFAULT_RATE_CARD } from '../../gateway/billing/cards';
import { fieldTotals, linesOf, sumCosts } from '../../gateway/billing/lines';
import type { RateCardRecord, RateDetail, UsageRecord, VmCharge } from '../../gateway/billing/model';
import { HOUR_MS, type HourRange } from '../../schema/hours';
import type { UsageQuery } from '../../gateway/store/types';

const at = (iso: string) => new Date(iso);

/** One hour of a VM: 2 vCPU, 100 GB allocated, 1 GB of memory used, unless given. */
function usage(vmId: string, hour: Date, figures: Partial<UsageRecord> = {}): UsageRecord {
  return {
    key: `${vmId}@${hour.toISOString()}`,
    vmId,
    vmName: vmId.split(':')[1]!,
    cloudId: vmId.split(':')[0]!,
    vdcId: `${vmId.split(':')[0]}:vdc-1`,
    orgId: null,
    tenantId: 't1',
    hour,
    month: hour.toISOString().slice(0, 7),
    vcpuMax: 2,
    vcpuAvg: 2,
    memoryMbMax: 4096,
    memoryMbAvg: 4096,
    storageGbMax: 100,
    storageGbAvg: 100,
    cpuUsedMhz: null,
    memoryUsedMb: 1024,
    storageUsedGb: null,
    networkKbps: null,
    meteredAt: hour,
    ...figures,
  };
}

/** The hours of [from, to) of one VM. */
function hours(vmId: string, from: Date, to: Date, figures: Partial<UsageRecord> = {}): UsageRecord[] {
  const records: UsageRecord[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += HOUR_MS) records.push(usage(vmId, new Date(t), figures));
  return records;
}

/** Records in the store's scan order, (month, vmId, hour), in batches of `size`. */
async function* scanOrder(records: UsageRecord[], size = 7): AsyncGenerator<UsageRecord[]> {
  const sorted = [...records].sort(
    (a, b) => a.month.localeCompare(b.month) || (a.vmId < b.vmId ? -1 : a.vmId > b.vmId ? 1 : 0) || a.hour.getTime() - b.hour.getTime(),
  );
  for (let i = 0; i < sorted.length; i += size) yield sorted.slice(i, i + size);
}

const perVcpuHour = 1;
const perGbMonth = 0.1;
const details: RateDetail[] = [
  {
    field: 'CPU_ALLOCATED',
    perTime: 'HOURLY',
    perUnit: 'VCPU',
    tiers: [{ start: 0, finish: null, fixedRate: 0, variableRate: perVcpuHour }],
  },
  {
    field: 'STORAGE_ALLOCATED',
    perTime: 'MONTHLY',
    perUnit: 'GB',
    tiers: [{ start: 0, finish: null, fixedRate: 0, variableRate: perGbMonth }],
  },
];

function card(id: string, extra: Partial<RateCardRecord> = {}): RateCardRecord {
  return {
    id,
    name: id,
    currency: 'EUR',
    isDefault: false,
    allocatedRollup: 'MAX',
    assignments: [],
    details,
    updatedAt: new Date(0),
    ...extra,
  };
}
const base = card('base', { isDefault: true });

/** What `details` charge for `h` hours at `vcpu` and `gb` in a month of `monthHours`, by hand. */
const expected = (h: number, monthHours: number, vcpu = 2, gb = 100) => vcpu * perVcpuHour * h + (gb * perGbMonth * h) / monthHours;

describe('charges over a period', () => {
  const JAN_20 = at('2026-01-20T00:00:00Z');
  const FEB_1 = at('2026-02-01T00:00:00Z');
  const FEB_10 = at('2026-02-10T00:00:00Z');
  const period: HourRange = { start: JAN_20, end: FEB_10 };

  it('should give a VM one line per calendar month, each rated with its own month length', async () => {
    const set = await computeCharges(scanOrder(hours('c1:vm-a', JAN_20, FEB_10)), [base], period);
    const january = (FEB_1.getTime() - JAN_20.getTime()) / HOUR_MS;
    const february = (FEB_10.getTime() - FEB_1.getTime()) / HOUR_MS;
    expect(set.lines.map((l) => [l.start, l.end, l.hours])).toEqual([
      [JAN_20, FEB_1, january],
      [FEB_1, FEB_10, february],
    ]);
    expect(set.lines[0]!.total).toBeCloseTo(expected(january, 31 * 24), 9);
    expect(set.lines[1]!.total).toBeCloseTo(expected(february, 28 * 24), 9);
    expect(set).toMatchObject({ period, currency: 'EUR' });
  });

  it('should list lines by cloud, VDC, VM and start, whatever order the VM ids scan in', async () => {
    const records = [
      ...hours('c2:vm-a', JAN_20, FEB_10),
      ...hours('c1:vm-z', JAN_20, FEB_10, { vdcId: 'c1:vdc-2' }),
      ...hours('c1:vm-y', JAN_20, FEB_10, { vdcId: 'c1:vdc-2' }),
      ...hours('c1:vm-x', FEB_1, FEB_10, { vdcId: 'c1:vdc-1' }),
    ];
    const set = await computeCharges(scanOrder(records), [base], period);
    expect(set.lines.map((l) => `${l.cloudId} ${l.vdcId} ${l.vmId} ${l.start.toISOString().slice(0, 10)}`)).toEqual([
      'c1 c1:vdc-1 c1:vm-x 2026-02-01',
      'c1 c1:vdc-2 c1:vm-y 2026-01-20',
      'c1 c1:vdc-2 c1:vm-y 2026-02-01',
      'c1 c1:vdc-2 c1:vm-z 2026-01-20',
      'c1 c1:vdc-2 c1:vm-z 2026-02-01',
      'c2 c2:vdc-1 c2:vm-a 2026-01-20',
      'c2 c2:vdc-1 c2:vm-a 2026-02-01',
    ]);
  });

  it('should bill a VM apart for each VDC and each tenant it was in during a month', async () => {
    const moved = at('2026-02-05T00:00:00Z');
    const handedOver = at('2026-02-08T00:00:00Z');
    const records = [
      ...hours('c1:vm-a', FEB_1, moved, { vdcId: 'c1:vdc-1', vcpuMax: 4 }),
      ...hours('c1:vm-a', moved, handedOver, { vdcId: 'c1:vdc-2' }),
      ...hours('c1:vm-a', handedOver, FEB_10, { vdcId: 'c1:vdc-2', tenantId: 't2' }),
    ];
    const set = await computeCharges(scanOrder(records), [base], { start: FEB_1, end: FEB_10 });
    const h = (from: Date, to: Date) => (to.getTime() - from.getTime()) / HOUR_MS;
    expect(set.lines.map((l) => [l.vdcId, l.tenantId, l.hours])).toEqual([
      ['c1:vdc-1', 't1', h(FEB_1, moved)],
      ['c1:vdc-2', 't1', h(moved, handedOver)],
      ['c1:vdc-2', 't2', h(handedOver, FEB_10)],
    ]);
    // Each line's max is its own: the 4 vCPUs of the first VDC are not billed in the second.
    expect(set.lines[0]!.total).toBeCloseTo(expected(h(FEB_1, moved), 672, 4), 9);
    expect(set.lines[1]!.total).toBeCloseTo(expected(h(moved, handedOver), 672), 9);
  });

  it('should rate each group with the card for its tenant in its cloud, in the default card’s currency', async () => {
    const tenantCard = card('t2-card', { assignments: [{ tenantId: 't2', cloudId: null }], details: [details[0]!] });
    const cloudCard = card('c2-card', { assignments: [{ tenantId: null, cloudId: 'c2' }], details: [details[1]!] });
    const records = [
      ...hours('c1:vm-a', FEB_1, FEB_10),
      ...hours('c1:vm-b', FEB_1, FEB_10, { tenantId: 't2' }),
      ...hours('c2:vm-c', FEB_1, FEB_10, { tenantId: null }),
      ...hours('c2:vm-d', FEB_1, FEB_10, { tenantId: 't2' }),
    ];
    const set = await computeCharges(scanOrder(records), [cloudCard, tenantCard, base], { start: FEB_1, end: FEB_10 });
    expect(Object.fromEntries(set.lines.map((l) => [l.vmId, [l.rateCardId, l.fields.map((f) => f.field)]]))).toEqual({
      'c1:vm-a': ['base', ['CPU_ALLOCATED', 'STORAGE_ALLOCATED']],
      'c1:vm-b': ['t2-card', ['CPU_ALLOCATED']],
      'c2:vm-c': ['c2-card', ['STORAGE_ALLOCATED']],
      'c2:vm-d': ['t2-card', ['CPU_ALLOCATED']],
    });
    expect(set.currency).toBe('EUR');
  });

  it('should give the same charges however the scan cuts its batches', async () => {
    const records = [...hours('c1:vm-a', JAN_20, FEB_10), ...hours('c1:vm-b', JAN_20, FEB_10, { vcpuMax: 3 })];
    const whole = await computeCharges(scanOrder(records, records.length), [base], period);
    for (const size of [1, 5, 24, 311]) expect(await computeCharges(scanOrder(records, size), [base], period)).toEqual(whole);
  });

  it('should not charge records outside the period', async () => {
    const records = hours('c1:vm-a', at('2026-01-19T00:00:00Z'), at('2026-02-11T00:00:00Z'));
    const set = await computeCharges(scanOrder(records), [base], period);
    expect(set.lines.map((l) => [l.start, l.end])).toEqual([
      [JAN_20, FEB_1],
      [FEB_1, FEB_10],
    ]);
  });

  it('should rate a VM’s month as soon as the scan moves past it, holding one VM’s records at a time', async () => {
    const a = hours('c1:vm-a', FEB_1, FEB_10);
    const b = hours('c1:vm-b', FEB_1, FEB_10);
    async function* batches() {
      yield a;
      yield b;
      // Were vm-a's records still held to be rated at the end, this would show in its charge.
      for (const record of a) record.vcpuMax = 1000;
      yield [];
    }
    const set = await computeCharges(batches(), [base], { start: FEB_1, end: FEB_10 });
    expect(set.lines[0]!.fields[0]!.quantity).toBe(2);
  });

  it('should refuse records out of (month, vmId, hour) order rather than bill a VM twice in a month', async () => {
    const a = hours('c1:vm-a', FEB_1, at('2026-02-02T00:00:00Z'));
    const b = hours('c1:vm-b', FEB_1, at('2026-02-02T00:00:00Z'));
    const feb = { start: FEB_1, end: FEB_10 };
    const from = (...batches: UsageRecord[][]) =>
      (async function* () {
        yield* batches;
      })();
    await expect(computeCharges(from(a.slice(0, 3), b, a.slice(3)), [base], feb)).rejects.toThrow(/c1:vm-a again in 2026-02/);
    await expect(computeCharges(from([a[1]!, a[0]!]), [base], feb)).rejects.toThrow(/out of \(month, vmId, hour\) order/);
    await expect(
      computeCharges(from(hours('c1:vm-a', FEB_1, at('2026-02-01T02:00:00Z')), [usage('c1:vm-a', JAN_20)]), [base], period),
    ).rejects.toThrow(/out of \(month, vmId, hour\) order/);
    await expect(computeCharges(from(b, [usage('c1:vm-c', JAN_20)]), [base], period)).rejects.toThrow(
      'usage records out of (month, vmId, hour) order: c1:vm-c@2026-01-20T00:00:00.000Z after c1:vm-b@2026-02-01T23:00:00.000Z',
    );
  });
});

describe('charges read from the store', () => {
  const feb: HourRange = { start: at('2026-02-01T00:00:00Z'), end: at('2026-03-01T00:00:00Z') };

  function fakeStore(records: UsageRecord[], cards: RateCardRecord[]) {
    const queries: UsageQuery[] = [];
    return {
      queries,
      store: {
        usage: {
          upsert: async () => undefined,
          page: async () => ({ records: [], endCursor: null, hasNextPage: false }),
          count: async () => records.length,
          scan: (query: UsageQuery) => {
            queries.push(query);
            return scanOrder(records);
          },
        },
        rateCards: {
          list: async () => cards,
          get: async () => null,
          put: async () => undefined,
          putDefault: async () => undefined,
          remove: async () => false,
        },
      },
    };
  }

  it('should scan the period in the scope asked and rate with the stored cards', async () => {
    const { store, queries } = fakeStore(hours('c1:vm-a', feb.start, at('2026-02-02T00:00:00Z')), [base]);
    const set = await chargesFor(store, feb, { tenantId: 't1', cloudId: 'c1', vmId: 'c1:vm-a' });
    expect(queries).toEqual([{ start: feb.start, end: feb.end, tenantId: 't1', cloudId: 'c1', vmId: 'c1:vm-a' }]);
    expect(set.lines.map((l) => [l.rateCardId, l.hours])).toEqual([['base', 24]]);
    expect(set.currency).toBe('EUR');
  });

  it('should rate with the built-in default card when the store has no card yet', async () => {
    const { store } = fakeStore(hours('c1:vm-a', feb.start, at('2026-02-02T00:00:00Z')), []);
    const set = await chargesFor(store, feb, {});
    expect(set.currency).toBe(DEFAULT_RATE_CARD.currency);
    expect(set.lines[0]!.rateCardId).toBe(DEFAULT_RATE_CARD.id);
    expect(set.lines[0]!.fields.map((f) => f.field)).toEqual(DEFAULT_RATE_CARD.details.map((d) => d.field));
  });
});

describe('invoice lines and totals', () => {
  const FEB_1 = at('2026-02-01T00:00:00Z');
  const perVmHour = 0.01;

  async function febCharges(): Promise<VmCharge[]> {
    const records = [
      ...hours('c1:vm-a', FEB_1, at('2026-02-03T00:00:00Z')),
      ...hours('c1:vm-b', FEB_1, at('2026-02-02T00:00:00Z'), { orgId: 'c1:org-1' }),
    ];
    // FIXED first and STORAGE before CPU: neither the card's order nor the alphabet is the enum's.
    const fixed: RateDetail = {
      field: 'FIXED',
      perTime: 'HOURLY',
      perUnit: 'VM',
      tiers: [{ start: 0, finish: null, fixedRate: perVmHour, variableRate: 0 }],
    };
    const reversed = card('reversed', { isDefault: true, details: [fixed, ...[...details].reverse()] });
    return (await computeCharges(scanOrder(records), [reversed], { start: FEB_1, end: at('2026-03-01T00:00:00Z') })).lines;
  }

  it('should make one USAGE line per field of a VM charge, carrying the charge’s VM, hours and card', async () => {
    const [charge] = await febCharges();
    // The card charges FIXED and each of `details`: an empty field list would make the comparison below vacuous.
    expect(charge!.fields).toHaveLength(1 + details.length);
    const lines = linesOf(charge!, '2026-02');
    expect(lines).toEqual(
      charge!.fields.map((f) => ({
        kind: 'USAGE',
        month: '2026-02',
        cloudId: 'c1',
        vdcId: 'c1:vdc-1',
        orgId: null,
        vmId: 'c1:vm-a',
        vmName: 'vm-a',
        field: f.field,
        start: FEB_1,
        end: at('2026-02-03T00:00:00Z'),
        hours: 48,
        quantity: f.quantity,
        unit: f.unit,
        hourlyCost: f.hourlyCost,
        cost: f.cost,
        rateCardId: 'reversed',
      })),
    );
  });

  it('should total costs per field in the ChargeableField enum’s order, listing fields that have lines only', async () => {
    const charges = await febCharges();
    const lines = charges.flatMap((c) => linesOf(c, '2026-02'));
    // vm-a 48 hours and vm-b 24 hours of February 2026 (672 hours), each 2 vCPU and 100 GB.
    const vmHours = 48 + 24;
    const expectedTotals = [
      { field: 'CPU_ALLOCATED', cost: expect.closeTo(2 * perVcpuHour * vmHours, 9) },
      { field: 'STORAGE_ALLOCATED', cost: expect.closeTo((100 * perGbMonth * vmHours) / 672, 9) },
      { field: 'FIXED', cost: expect.closeTo(perVmHour * vmHours, 9) },
    ];
    expect(fieldTotals(lines)).toEqual(expectedTotals);
    expect(fieldTotals(charges.flatMap((c) => c.fields))).toEqual(expectedTotals);
    expect(fieldTotals([])).toEqual([]);
  });

  it('should sum the costs of lines and the totals of VM charges alike', async () => {
    const charges = await febCharges();
    const total = expected(48, 672) + expected(24, 672) + perVmHour * (48 + 24);
    expect(sumCosts(charges)).toBeCloseTo(total, 9);
    expect(sumCosts(charges.flatMap((c) => linesOf(c, '2026-02')))).toBeCloseTo(total, 9);
    expect(sumCosts([])).toBe(0);
  });
});
