/**
 * Billing end to end over real processes: the gateway meters every cloud through its
 * nodes (the cloud-nodes' vSphere and Nova accounting reads, the sp-node's operations
 * manager history), rates what it stored, freezes invoices and turns late usage into
 * corrections. Every expected figure is computed from the seed's usage history
 * (test/support/billing.ts), never copied from an answer.
 */
import { defaultHistoryStart } from '../../mocks/usageHistory';
import { HOUR_MS, hoursIn, isoSeconds, monthOf, nextMonthStart, type HourRange } from '../../schema/hours';
import { expectedMonthCost, hoursOf, seededVms, TEST_CARD, type SeededVm } from '../support/billing';
import { startTopology, type Topology } from '../support/topology';

const HISTORY_START = defaultHistoryStart(defaultHistoryStart(new Date()));
/** The two whole months of history: the older is closed first, the newer one after late usage of the older arrived. */
const OLDER: HourRange = { start: HISTORY_START, end: nextMonthStart(HISTORY_START) };
const NEWER: HourRange = { start: OLDER.end, end: nextMonthStart(OLDER.end) };
const period = (range: HourRange) => ({ start: isoSeconds(range.start), end: isoSeconds(range.end) });

interface Line {
  kind: 'USAGE' | 'CORRECTION';
  month: string;
  cloudId: string;
  vmId: string;
  cost: number;
}
interface InvoiceAnswer {
  id: string;
  tenantId: string;
  month: string;
  total: number;
  lines: Line[];
}
const INVOICE = 'id tenantId month total lines { kind month cloudId vmId cost }';

let topology: Topology;
let vms: SeededVm[];

beforeAll(async () => {
  topology = await startTopology({
    // Two VMs per VDC keep three months of hourly history quick to meter; every kind of VM history is still there.
    seed: { vmsPerVdc: 2 },
    historyStart: HISTORY_START,
    billing: { meter: { from: HISTORY_START.toISOString(), windowHours: 168, settleMs: 0 } },
  });
  vms = seededVms(topology.seed, HISTORY_START);
  const put = await topology.query('mutation($card: RateCardInput!) { putRateCard(card: $card) { id isDefault } }', { card: TEST_CARD });
  expect(put).toEqual({ status: 200, data: { putRateCard: { id: TEST_CARD.id, isDefault: true } } });
}, 60_000);

afterAll(() => topology?.close());

const meter = async () => {
  const res = await topology.query<{ meterUsage: Array<{ cloudId: string; start: string; end: string; hours: number }> }>(
    'mutation { meterUsage { cloudId start end hours } }',
  );
  expect(res.errors).toBeUndefined();
  return res.data!.meterUsage;
};

const close = (range: HourRange) =>
  topology.query<{ closeBillingPeriod: InvoiceAnswer[] }>(
    `mutation($month: String!) { closeBillingPeriod(month: $month) { ${INVOICE} } }`,
    { month: monthOf(range.start) },
  );

const invoiceOf = async (tenantId: string, range: HourRange): Promise<InvoiceAnswer> => {
  const res = await topology.query<{ invoice: InvoiceAnswer | null }>(`query($id: ID!) { invoice(id: $id) { ${INVOICE} } }`, {
    id: `inv-${tenantId}-${monthOf(range.start)}`,
  });
  expect(res.data?.invoice).toBeTruthy();
  return res.data!.invoice!;
};

/** Metering weeks of history for every cloud is a long operation: its tests get this long (a cap, not a measurement). */
const METERING_MS = 120_000;

/** Every usage record of a cloud in a range, page by page. */
async function recordCount(cloudId: string, range: HourRange): Promise<number> {
  let count = 0;
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const res: { data?: { usageRecords: { records: unknown[]; endCursor: string | null; hasNextPage: boolean } } | null } =
      await topology.query(
        'query($p: PeriodInput!, $c: ID!, $after: String) { usageRecords(period: $p, filter: { cloudId: $c }, first: 1000, after: $after) { records { vmId } endCursor hasNextPage } }',
        { p: period(range), c: cloudId, after },
      );
    count += res.data!.usageRecords.records.length;
    if (!res.data!.usageRecords.hasNextPage) return count;
    after = res.data!.usageRecords.endCursor;
  }
  throw new Error(`usageRecords of ${cloudId} did not end within 100 pages`);
}

const sum = (lines: readonly Line[]) => lines.reduce((total, line) => total + line.cost, 0);
const tenants = () => [...new Set(vms.map((vm) => vm.tenantId))].sort();

describe('metering, invoices and corrections', () => {
  const down = 'dc-east';

  it(
    'leaves a visible gap for a cloud that is down, and meters the others',
    async () => {
      topology.cloud(down).mock.setFaults({ down: true });
      const gaps = await meter();
      const lastWholeHour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      expect(gaps.map((g) => g.cloudId)).toEqual([down]);
      expect(gaps[0]).toMatchObject({ start: isoSeconds(HISTORY_START) });
      // The gap runs to the last whole hour (one more may have passed since the run).
      expect(Date.parse(gaps[0]!.end)).toBeGreaterThanOrEqual(lastWholeHour - HOUR_MS);
      expect(Date.parse(gaps[0]!.end)).toBeLessThanOrEqual(lastWholeHour);
      expect(gaps[0]!.hours).toBe(hoursIn({ start: HISTORY_START, end: new Date(gaps[0]!.end) }));
    },
    METERING_MS,
  );

  it('stores one record per VM and hour it existed, from each cloud', async () => {
    for (const cloud of topology.seed.clouds.filter((c) => c.id !== down)) {
      const expected = vms.filter((vm) => vm.cloud.id === cloud.id).reduce((n, vm) => n + hoursOf(vm, OLDER).length, 0);
      expect({ cloud: cloud.id, records: await recordCount(cloud.id, OLDER) }).toEqual({ cloud: cloud.id, records: expected });
    }
    expect(await recordCount(down, OLDER)).toBe(0);
  });

  it('freezes an invoice per tenant that equals the charges of what was metered', async () => {
    const res = await close(OLDER);
    expect(res.errors).toBeUndefined();
    const issued = res.data!.closeBillingPeriod;
    expect(issued.map((i) => i.tenantId).sort()).toEqual(tenants());
    for (const invoice of issued) {
      const expected = expectedMonthCost(vms, OLDER, (vm) => vm.tenantId === invoice.tenantId && vm.cloud.id !== down);
      expect(invoice.total).toBeCloseTo(expected, 6);
      expect(sum(invoice.lines)).toBeCloseTo(invoice.total, 6);
      expect(invoice.lines.every((line) => line.kind === 'USAGE' && line.month === monthOf(OLDER.start))).toBe(true);
    }
  });

  it('refuses to close a month twice', async () => {
    const again = await close(OLDER);
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['PERIOD_CLOSED']);
  });

  it(
    'fills the gap when the cloud is back, and never changes the frozen invoice',
    async () => {
      const before = await Promise.all(tenants().map((t) => invoiceOf(t, OLDER)));
      topology.cloud(down).mock.setFaults({ down: false });
      expect(await meter()).toEqual([]);
      const expected = vms.filter((vm) => vm.cloud.id === down).reduce((n, vm) => n + hoursOf(vm, OLDER).length, 0);
      expect(expected).toBeGreaterThan(0);
      expect(await recordCount(down, OLDER)).toBe(expected);
      expect(await Promise.all(tenants().map((t) => invoiceOf(t, OLDER)))).toEqual(before);
    },
    METERING_MS,
  );

  it("bills the late usage as corrections in the next month's invoice", async () => {
    const frozen = await Promise.all(tenants().map((t) => invoiceOf(t, OLDER)));
    const res = await close(NEWER);
    // The close that carries the corrections leaves the corrected month's invoices as they were.
    expect(await Promise.all(tenants().map((t) => invoiceOf(t, OLDER)))).toEqual(frozen);
    expect(res.errors).toBeUndefined();
    for (const invoice of res.data!.closeBillingPeriod) {
      const usage = invoice.lines.filter((line) => line.kind === 'USAGE');
      const corrections = invoice.lines.filter((line) => line.kind === 'CORRECTION');
      const mine = (vm: SeededVm) => vm.tenantId === invoice.tenantId;
      expect(sum(usage)).toBeCloseTo(expectedMonthCost(vms, NEWER, mine), 6);
      // Only the late cloud's usage of the older month, charged in full as the difference.
      expect(corrections.every((line) => line.month === monthOf(OLDER.start) && line.cloudId === down)).toBe(true);
      expect(sum(corrections)).toBeCloseTo(
        expectedMonthCost(vms, OLDER, (vm) => mine(vm) && vm.cloud.id === down),
        6,
      );
      expect(invoice.total).toBeCloseTo(sum(invoice.lines), 6);
    }
    // The tenant owning the late cloud has corrections at all: the check above could not pass empty.
    const owner = vms.find((vm) => vm.cloud.id === down)!.tenantId;
    const ownerInvoice = res.data!.closeBillingPeriod.find((i) => i.tenantId === owner)!;
    expect(ownerInvoice.lines.some((line) => line.kind === 'CORRECTION')).toBe(true);
  });

  it("charges a tenant what its VMs' hours cost, per cloud, VDC and VM", async () => {
    const tenant = tenants()[0]!;
    const res = await topology.query<{
      tenant: {
        charges: {
          total: number;
          clouds: Array<{ cloudId: string; total: number; vdcs: Array<{ vms: Array<{ vmId: string; hours: number }> }> }>;
        };
      };
    }>(
      'query($t: ID!, $p: PeriodInput!) { tenant(id: $t) { charges(period: $p) { total clouds { cloudId total vdcs { vms { vmId hours } } } } } }',
      { t: tenant, p: period(NEWER) },
    );
    const charges = res.data!.tenant.charges;
    expect(charges.total).toBeCloseTo(
      expectedMonthCost(vms, NEWER, (vm) => vm.tenantId === tenant),
      6,
    );
    const mine = vms.filter((vm) => vm.tenantId === tenant && hoursOf(vm, NEWER).length > 0);
    expect(charges.clouds.map((c) => c.cloudId)).toEqual([...new Set(mine.map((vm) => vm.cloud.id))].sort());
    const lines = charges.clouds.flatMap((c) => c.vdcs.flatMap((vdc) => vdc.vms));
    expect(lines.map((l) => [l.vmId, l.hours]).sort()).toEqual(mine.map((vm) => [vm.vmId, hoursOf(vm, NEWER).length]).sort());
  });
});
