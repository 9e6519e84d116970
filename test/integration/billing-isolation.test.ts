/**
 * Billing's reads on every path a tenant can reach show it only its own: charges, usage
 * records, VM costs, invoices and the FOCUS export; another tenant's id answers exactly
 * like one that does not exist. The billing role reads every tenant's billing and
 * nothing operational; only a provider admin changes anything.
 */
import { request } from 'undici';
import { defaultHistoryStart } from '../../mocks/usageHistory';
import { FOCUS_COLUMNS } from '../../schema/focus';
import { HOUR_MS, hourStart, isoSeconds, monthOf, monthStartOf, nextMonthStart, parseMonth, type HourRange } from '../../schema/hours';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { seededVms, type SeededVm } from '../support/billing';
import { startTopology, type Topology } from '../support/topology';

const HISTORY_START = defaultHistoryStart();
/** Two days of metering are enough to see whose is whose, and quick to collect. */
const FROM = hourStart(Date.now() - 48 * HOUR_MS);
const RANGE: HourRange = { start: FROM, end: hourStart(Date.now()) };
const period = { start: isoSeconds(RANGE.start), end: isoSeconds(RANGE.end) };
/** The month before FROM's, closed so that every tenant has an invoice (with or without lines). */
const CLOSED_MONTH = monthOf(monthStartOf(FROM).getTime() - 1);

let topology: Topology;
let store: Store;
let vms: SeededVm[];
let acme: string;
let billing: string;

const owned = (tenantId: string) => vms.filter((vm) => vm.tenantId === tenantId);

/** Every id and name of a tenant's VMs, VDCs and organizations: what must never reach another tenant. */
function footprint(tenantId: string): string[] {
  return owned(tenantId).flatMap((vm) => {
    const org = vm.cloud.orgs.find((o) => o.tenantId === tenantId);
    return [vm.vmId, vm.history.vm.name, vm.vdcId, ...(org ? [org.nativeId] : [])];
  });
}

beforeAll(async () => {
  store = await createMemoryStore();
  topology = await startTopology({ store, historyStart: HISTORY_START, billing: { meter: { from: FROM.toISOString() } } });
  vms = seededVms(topology.seed, HISTORY_START);
  acme = await topology.tokenFor({ subject: 'victor', role: 'tenant-viewer', tenantId: 'acme' });
  billing = await topology.tokenFor({ subject: 'ledger', role: 'billing' });
  const metered = await topology.query('mutation { meterUsage { cloudId } }');
  expect(metered).toEqual({ status: 200, data: { meterUsage: [] } });
  const closed = await topology.query('mutation($m: String!) { closeBillingPeriod(month: $m) { id } }', { m: CLOSED_MONTH });
  expect(closed.errors).toBeUndefined();
}, 60_000);

afterAll(() => topology?.close());

describe('a tenant sees only its own billing', () => {
  it("charges list only the tenant's own VMs, and all of them", async () => {
    const res = await topology.query<{ tenant: { charges: { clouds: Array<{ vdcs: Array<{ vms: Array<{ vmId: string }> }> }> } } }>(
      'query($p: PeriodInput!) { tenant(id: "acme") { charges(period: $p) { clouds { vdcs { vms { vmId } } } } } }',
      { p: period },
      acme,
    );
    const seen = res.data!.tenant.charges.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms.map((vm) => vm.vmId)));
    expect(new Set(seen)).toEqual(new Set(owned('acme').map((vm) => vm.vmId)));
  });

  it("answers another tenant's charges exactly like a tenant that does not exist", async () => {
    const ask = (id: string) =>
      topology.query('query($id: ID!, $p: PeriodInput!) { tenant(id: $id) { charges(period: $p) { total } } }', { id, p: period }, acme);
    const [foreign, missing] = await Promise.all([ask('globex'), ask('no-such-tenant')]);
    const shape = (res: Awaited<ReturnType<typeof ask>>) => ({
      status: res.status,
      data: res.data,
      codes: res.errors?.map((e) => e.extensions?.code),
      message: res.errors?.[0]?.message.replace(/"[^"]*"/, '"…"'),
    });
    expect(shape(foreign)).toEqual(shape(missing));
    expect(shape(foreign).codes).toEqual(['NOT_FOUND']);
  });

  it("keeps usage records to the tenant's own, and a foreign filter finds what an unknown one finds", async () => {
    const records = (filter: Record<string, string>) =>
      topology.query<{ usageRecords: { records: Array<{ tenantId: string; vmId: string }> } }>(
        'query($p: PeriodInput!, $f: UsageFilter) { usageRecords(period: $p, filter: $f, first: 1000) { records { tenantId vmId } } }',
        { p: period, f: filter },
        acme,
      );
    const own = (await records({})).data!.usageRecords.records;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((r) => r.tenantId))).toEqual(new Set(['acme']));
    expect(await records({ tenantId: 'globex' })).toEqual(await records({ tenantId: 'no-such-tenant' }));
    expect((await records({ tenantId: 'globex' })).data!.usageRecords.records).toEqual([]);
  });

  it("answers another tenant's VM cost like a VM that does not exist", async () => {
    const foreign = owned('globex').find((vm) => vm.cloud.kind === 'director')!;
    const missing = `${foreign.cloud.id}:urn:vcloud:vm:00000000-0000-4000-a000-000000000000`;
    const cost = (id: string) =>
      topology.query('query($id: ID!, $p: PeriodInput!) { vm(id: $id) { id cost(period: $p) { total } } }', { id, p: period }, acme);
    const [a, b] = await Promise.all([cost(foreign.vmId), cost(missing)]);
    expect({ status: a.status, data: a.data, errors: a.errors?.map((e) => e.extensions?.code) }).toEqual({
      status: b.status,
      data: b.data,
      errors: b.errors?.map((e) => e.extensions?.code),
    });
  });

  it("lists only the tenant's invoices, and a foreign invoice id reads like an unknown one", async () => {
    const list = await topology.query<{ invoices: Array<{ tenantId: string }> }>('{ invoices { tenantId } }', undefined, acme);
    expect(list.data!.invoices.map((i) => i.tenantId)).toEqual(['acme']);
    const one = (id: string) => topology.query('query($id: ID!) { invoice(id: $id) { id } }', { id }, acme);
    expect(await one(`inv-globex-${CLOSED_MONTH}`)).toEqual(await one(`inv-no-such-tenant-${CLOSED_MONTH}`));
    expect((await one(`inv-acme-${CLOSED_MONTH}`)).data).toEqual({ invoice: { id: `inv-acme-${CLOSED_MONTH}` } });
  });

  it.each([
    ['acme', 'globex'],
    ['globex', 'acme'],
  ])("exports only %s's own rows, with nothing of %s in the body", async (own, other) => {
    const token = await topology.tokenFor({ subject: `${own}-viewer`, role: 'tenant-viewer', tenantId: own });
    const month = monthOf(RANGE.end.getTime() - 1);
    const res = await exportFocus(`month=${month}&format=jsonl`, token);
    expect(res.status).toBe(200);
    const rows = res.body
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.x_TenantId))).toEqual(new Set([own]));
    expect(new Set(rows.map((row) => row.BillingAccountId))).toEqual(new Set([own]));
    expect(rows.every((row) => JSON.stringify(Object.keys(row)) === JSON.stringify(FOCUS_COLUMNS.map((c) => c.name)))).toBe(true);
    const leaked = footprint(other).filter((id) => res.body.includes(id));
    expect(leaked).toEqual([]);
    // The rows bill what the tenant's charges for the month say.
    const start = parseMonth(month)!;
    const charges = await topology.query<{ tenant: { charges: { total: number } } }>(
      'query($id: ID!, $p: PeriodInput!) { tenant(id: $id) { charges(period: $p) { total } } }',
      { id: own, p: { start: isoSeconds(start), end: isoSeconds(nextMonthStart(start)) } },
      token,
    );
    const billed = rows.reduce((sum, row) => sum + Number(row.BilledCost), 0);
    expect(billed).toBeCloseTo(charges.data!.tenant.charges.total, 6);
  });

  it("refuses another tenant's export exactly like an unknown tenant's", async () => {
    const month = monthOf(RANGE.end.getTime() - 1);
    const [foreign, missing] = await Promise.all([
      exportFocus(`month=${month}&tenantId=globex`, acme),
      exportFocus(`month=${month}&tenantId=no-such-tenant`, acme),
    ]);
    expect(foreign.status).toBe(404);
    expect({ status: foreign.status, body: foreign.body.replace('globex', '…') }).toEqual({
      status: missing.status,
      body: missing.body.replace('no-such-tenant', '…'),
    });
  });
});

describe('invoices being written', () => {
  it("are nobody's to read until their month is closed", async () => {
    // A closer that claimed 2021-01 and wrote one invoice, then (say) died: the month is CLOSING.
    const lease = (await store.billingPeriods.claim('2021-01', new Date(), 60_000))!;
    const start = new Date(Date.UTC(2021, 0, 1));
    await store.invoices.put({
      ...{ id: 'inv-acme-2021-01', tenantId: 'acme', month: '2021-01', currency: 'USD', lines: [], total: 0 },
      ...{ periodStart: start, periodEnd: nextMonthStart(start), issuedAt: new Date() },
    });
    const read = () =>
      topology.query<{ invoices: Array<{ id: string }>; invoice: { id: string } | null; tenant: { invoices: Array<{ id: string }> } }>(
        '{ invoices(month: "2021-01") { id } invoice(id: "inv-acme-2021-01") { id } tenant(id: "acme") { invoices { id } } }',
      );
    const hidden = (await read()).data!;
    expect([hidden.invoices, hidden.invoice, hidden.tenant.invoices.filter((i) => i.id === 'inv-acme-2021-01')]).toEqual([[], null, []]);
    expect(await store.billingPeriods.finish('2021-01', new Date(), [], lease)).toBe(true);
    const shown = (await read()).data!;
    expect([shown.invoices, shown.invoice]).toEqual([[{ id: 'inv-acme-2021-01' }], { id: 'inv-acme-2021-01' }]);
  });
});

describe('the billing role', () => {
  it("reads every tenant's charges, rate cards and gaps", async () => {
    const res = await topology.query<{ tenants: Array<{ id: string; charges: { total: number } }>; rateCards: Array<{ id: string }> }>(
      'query($p: PeriodInput!) { tenants { id charges(period: $p) { total } } rateCards { id } usageGaps { cloudId } }',
      { p: period },
      billing,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.tenants.map((t) => t.id).sort()).toEqual(topology.seed.tenants.map((t) => t.id).sort());
    expect(res.data!.tenants.every((t) => t.charges.total > 0)).toBe(true);
  });

  it.each([
    ['the inventory', '{ vms(first: 1) { totalCount } }', 'Query.vms'],
    ['the clouds', '{ clouds { id } }', 'Query.clouds'],
    ['a power state', '{ tenants { vms { powerState } } }', 'Tenant.vms'],
    ['closing a month', 'mutation { closeBillingPeriod(month: "2020-01") { id } }', 'Mutation.closeBillingPeriod'],
    ["a cumulative VDC's capacity", '{ tenants { cumulativeVdc { cpuLimitMhz } } }', 'CumulativeVdc.cpuLimitMhz'],
  ])('may not read or change %s', async (_what, query, field) => {
    const res = await topology.query(query, undefined, billing);
    expect({ status: res.status, codes: res.errors?.map((e) => e.extensions?.code), message: res.errors?.[0]?.message }).toEqual({
      status: 403,
      codes: ['FORBIDDEN'],
      message: `Not allowed: ${field}`,
    });
  });

  it("exports every tenant's rows", async () => {
    const month = monthOf(RANGE.end.getTime() - 1);
    const res = await exportFocus(`month=${month}&format=jsonl`, billing);
    const tenants = new Set(
      res.body
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { x_TenantId: string }).x_TenantId),
    );
    expect(tenants).toEqual(new Set(topology.seed.tenants.map((t) => t.id)));
  });
});

describe('tenant roles', () => {
  it.each([
    ['rate cards', '{ rateCards { id } }', 'Query.rateCards'],
    ['usage gaps', '{ usageGaps { cloudId } }', 'Query.usageGaps'],
    ['metering', 'mutation { meterUsage { cloudId } }', 'Mutation.meterUsage'],
    ['rate card changes', 'mutation { deleteRateCard(id: "default") }', 'Mutation.deleteRateCard'],
  ])('may not use %s', async (_what, query, field) => {
    const admin = await topology.tokenFor({ subject: 'ada', role: 'tenant-admin', tenantId: 'acme' });
    const res = await topology.query(query, undefined, admin);
    expect({ codes: res.errors?.map((e) => e.extensions?.code), message: res.errors?.[0]?.message }).toEqual({
      codes: ['FORBIDDEN'],
      message: `Not allowed: ${field}`,
    });
  });
});

async function exportFocus(query: string, token: string): Promise<{ status: number; body: string }> {
  const res = await request(`${topology.gateway.url.replace(/\/graphql$/, '')}/export/focus?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, body: await res.body.text() };
}
