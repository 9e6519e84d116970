/**
 * Closing a month over the real (embedded) store and the real rating (chargesFor): the
 * invoices equal charges computed here with plain arithmetic over the records written
 * and a two-field rate card; a closed month stays frozen, usage of it metered later is
 * invoiced as corrections in the next close, and a closer that died is taken over.
 */
import type { GraphQLError } from 'graphql';
import { HOUR_MS, isoSeconds, monthOf } from '../../schema/hours';
import { chargesFor } from '../../gateway/billing/charges';
import { closeMonth, type CloseMonthDeps } from '../../gateway/billing/invoices';
import type { InvoiceLine, InvoiceRecord, RateCardRecord, UsageRecord } from '../../gateway/billing/model';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';

const CPU_RATE = 0.5; // per vCPU-hour, on the month's highest allocation
const FIXED_RATE = 0.1; // per VM-hour

const CARD: RateCardRecord = {
  id: 'simple',
  name: 'Simple',
  currency: 'EUR',
  isDefault: true,
  allocatedRollup: 'MAX',
  assignments: [],
  details: [
    {
      field: 'CPU_ALLOCATED',
      perTime: 'HOURLY',
      perUnit: 'VCPU',
      tiers: [{ start: 0, finish: null, fixedRate: 0, variableRate: CPU_RATE }],
    },
    { field: 'FIXED', perTime: 'HOURLY', perUnit: 'VM', tiers: [{ start: 0, finish: null, fixedRate: FIXED_RATE, variableRate: 0 }] },
  ],
  updatedAt: new Date('2026-01-01T00:00:00Z'),
};

const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);
const MAR = Date.UTC(2026, 2, 1);
const APR = Date.UTC(2026, 3, 1);
/** Well after February ended. */
const LATER = new Date(Date.UTC(2026, 3, 2));

/** Hours [from, from + count) of a VM, with the vCPUs of each hour (cycled). */
function records(
  tenantId: string | null,
  vmId: string,
  monthStart: number,
  fromHour: number,
  count: number,
  vcpus: number[],
): UsageRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const hour = new Date(monthStart + (fromHour + i) * HOUR_MS);
    const vcpu = vcpus[i % vcpus.length]!;
    return {
      key: `${vmId}@${isoSeconds(hour)}`,
      vmId,
      vmName: vmId.split(':')[1]!,
      cloudId: 'dc-east',
      vdcId: 'dc-east:vdc-1',
      orgId: null,
      tenantId,
      hour,
      month: monthOf(hour),
      vcpuMax: vcpu,
      vcpuAvg: vcpu,
      memoryMbMax: 1024,
      memoryMbAvg: 1024,
      storageGbMax: 10,
      storageGbAvg: 10,
      cpuUsedMhz: null,
      memoryUsedMb: null,
      storageUsedGb: null,
      networkKbps: null,
      meteredAt: hour,
    };
  });
}

/** The expected cost of a VM's records in one month under CARD, by plain arithmetic. */
function expectedFields(vmRecords: UsageRecord[]): Array<{ field: string; quantity: number; hours: number; cost: number }> {
  const hours = vmRecords.length;
  const maxVcpu = Math.max(...vmRecords.map((r) => r.vcpuMax));
  return [
    { field: 'CPU_ALLOCATED', quantity: maxVcpu, hours, cost: maxVcpu * CPU_RATE * hours },
    { field: 'FIXED', quantity: 1, hours, cost: FIXED_RATE * hours },
  ];
}

const comparable = (lines: InvoiceLine[]) =>
  lines
    .map((l) => ({
      kind: l.kind,
      month: l.month,
      vmId: l.vmId,
      field: l.field as string,
      quantity: l.quantity,
      hours: l.hours,
      cost: l.cost,
    }))
    .sort((a, b) => (a.month + a.vmId + a.field < b.month + b.vmId + b.field ? -1 : 1));

/** Equal, with costs and quantities compared to 9 decimals (float sums). */
function expectLines(actual: InvoiceLine[], expected: ReturnType<typeof comparable>): void {
  const got = comparable(actual);
  expect(got.map(({ cost: _c, quantity: _q, ...rest }) => rest)).toEqual(expected.map(({ cost: _c, quantity: _q, ...rest }) => rest));
  got.forEach((line, i) => {
    expect(line.cost).toBeCloseTo(expected[i]!.cost, 9);
    expect(line.quantity).toBeCloseTo(expected[i]!.quantity, 9);
  });
}

function usageLines(month: string, byVm: Record<string, UsageRecord[]>, kind: 'USAGE' | 'CORRECTION' = 'USAGE') {
  return Object.entries(byVm).flatMap(([vmId, vmRecords]) => expectedFields(vmRecords).map((f) => ({ kind, month, vmId, ...f })));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await promise;
  } catch (err) {
    return { code: (err as GraphQLError).extensions?.code, message: (err as Error).message };
  }
  throw new Error('closeMonth was expected to refuse, and did not');
}

describe('closing a billing month', () => {
  let store: Store;
  let deps: CloseMonthDeps;
  // acme's January: vm-1 10 hours at 2 vCPUs; vm-2 5 hours resized between 1 and 4.
  const vm1Jan = records('acme', 'dc-east:vm-1', JAN, 0, 10, [2]);
  const vm2Jan = records('acme', 'dc-east:vm-2', JAN, 100, 5, [1, 4, 2]);
  // Another tenant's VM, and one of nobody's: on no acme invoice.
  const initechJan = records('initech', 'dc-east:vm-7', JAN, 0, 3, [8]);
  const nobodyJan = records(null, 'dc-east:vm-8', JAN, 0, 3, [8]);

  beforeEach(async () => {
    store = await createMemoryStore();
    await store.rateCards.putDefault(CARD);
    await store.usage.upsert([...vm1Jan, ...vm2Jan, ...initechJan, ...nobodyJan]);
    deps = {
      usage: store.usage,
      rateCards: store.rateCards,
      invoices: store.invoices,
      billingPeriods: store.billingPeriods,
      tenants: () => [{ id: 'globex' }, { id: 'acme' }, { id: 'initech' }],
      chargesFor: (period, scope, cards) => chargesFor(store, period, scope, cards),
    };
  });

  it("issues one invoice per tenant equal to the month's charges by plain arithmetic, a tenant with no usage included", async () => {
    const invoices = await closeMonth(deps, '2026-01', LATER);
    expect(invoices.map((i) => i.id)).toEqual(['inv-acme-2026-01', 'inv-globex-2026-01', 'inv-initech-2026-01']);
    const [acme, globex, initech] = invoices as [InvoiceRecord, InvoiceRecord, InvoiceRecord];
    const expected = usageLines('2026-01', { 'dc-east:vm-1': vm1Jan, 'dc-east:vm-2': vm2Jan });
    expectLines(acme.lines, expected);
    expect(acme.total).toBeCloseTo(sum(expected.map((l) => l.cost)), 9);
    expect(acme).toMatchObject({
      tenantId: 'acme',
      month: '2026-01',
      currency: 'EUR',
      periodStart: new Date(JAN),
      periodEnd: new Date(FEB),
      issuedAt: LATER,
    });
    expect(globex).toMatchObject({ tenantId: 'globex', lines: [], total: 0 });
    expectLines(initech.lines, usageLines('2026-01', { 'dc-east:vm-7': initechJan }));
    expect(await store.invoices.list({ month: '2026-01' })).toEqual(invoices);
    expect(await store.billingPeriods.get('2026-01')).toEqual({ month: '2026-01', state: 'CLOSED', closedAt: LATER, rateCards: [CARD] });
  });

  it('refuses to close a month twice with PERIOD_CLOSED', async () => {
    await closeMonth(deps, '2026-01', LATER);
    expect(await refusal(closeMonth(deps, '2026-01', new Date(LATER.getTime() + 3_600_000)))).toEqual({
      code: 'PERIOD_CLOSED',
      message: expect.stringContaining('already closed'),
    });
  });

  it('refuses a month that has not ended (BAD_USER_INPUT) and leaves it open', async () => {
    const lastHourOfJan = new Date(FEB - 1);
    expect(await refusal(closeMonth(deps, '2026-01', lastHourOfJan))).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('not ended'),
    });
    expect(await store.billingPeriods.get('2026-01')).toBeNull();
    expect((await refusal(closeMonth(deps, '2026-13', LATER))).code).toBe('BAD_USER_INPUT');
  });

  it("keeps a closed month's invoice frozen when its usage arrives late, and corrects it in the next month's invoice by the difference", async () => {
    const [janAcme] = await closeMonth(deps, '2026-01', new Date(FEB + HOUR_MS));
    const frozen = structuredClone(janAcme!);

    // Metered late: two more hours of vm-1 (one at 6 vCPUs, raising its max), and a VM not seen before.
    const vm1Late = records('acme', 'dc-east:vm-1', JAN, 10, 2, [6]);
    const vm3Jan = records('acme', 'dc-east:vm-3', JAN, 50, 3, [1]);
    const vm1Feb = records('acme', 'dc-east:vm-1', FEB, 0, 4, [2]);
    await store.usage.upsert([...vm1Late, ...vm3Jan, ...vm1Feb]);

    const feb = await closeMonth(deps, '2026-02', LATER);
    expect(await store.invoices.get('inv-acme-2026-01')).toEqual(frozen);
    const febAcme = feb.find((i) => i.tenantId === 'acme')!;

    const nowJan = { 'dc-east:vm-1': [...vm1Jan, ...vm1Late], 'dc-east:vm-3': vm3Jan };
    // A correction carries the current figures and costs (now − invoiced); vm-2 did not change.
    const invoicedJan = new Map(usageLines('2026-01', { 'dc-east:vm-1': vm1Jan }).map((l) => [l.vmId + l.field, l.cost]));
    const corrections = usageLines('2026-01', nowJan, 'CORRECTION').map((l) => ({
      ...l,
      cost: l.cost - (invoicedJan.get(l.vmId + l.field) ?? 0),
    }));
    const expected = [...usageLines('2026-02', { 'dc-east:vm-1': vm1Feb }), ...corrections];
    expectLines(febAcme.lines, comparable(expected as InvoiceLine[]));
    expect(febAcme.total).toBeCloseTo(sum(expected.map((l) => l.cost)), 9);
    // The late vm-1 hour at 6 vCPUs re-rates all of its January hours at 6.
    expect(corrections.find((l) => l.vmId === 'dc-east:vm-1' && l.field === 'CPU_ALLOCATED')!.cost).toBeCloseTo(
      6 * CPU_RATE * 12 - 2 * CPU_RATE * 10,
      9,
    );

    // Corrected once: closing March with nothing new corrects nothing again.
    await store.usage.upsert(records('acme', 'dc-east:vm-1', MAR, 0, 1, [2]));
    const march = await closeMonth(deps, '2026-03', new Date(APR + HOUR_MS));
    expect(march.find((i) => i.tenantId === 'acme')!.lines.filter((l) => l.kind === 'CORRECTION')).toEqual([]);
  });

  it('rates late usage of a closed month with the cards it was closed with, never re-pricing it', async () => {
    await closeMonth(deps, '2026-01', new Date(FEB + HOUR_MS));
    // The price doubles after January was closed; then one late January hour arrives.
    const dearer: RateCardRecord = {
      ...CARD,
      details: CARD.details.map((d) => ({
        ...d,
        tiers: d.tiers.map((t) => ({ ...t, fixedRate: 2 * t.fixedRate, variableRate: 2 * t.variableRate })),
      })),
    };
    await store.rateCards.putDefault(dearer);
    await store.usage.upsert(records('acme', 'dc-east:vm-1', JAN, 10, 1, [2]));
    const feb = await closeMonth(deps, '2026-02', LATER);
    const corrections = feb.find((i) => i.tenantId === 'acme')!.lines.filter((l) => l.kind === 'CORRECTION');
    // One more hour of vm-1 at 2 vCPUs, at January's prices; nothing else of January changes.
    expect(corrections.map((l) => [l.vmId, l.field, Number(l.cost.toFixed(9))])).toEqual([
      ['dc-east:vm-1', 'CPU_ALLOCATED', Number((2 * CPU_RATE).toFixed(9))],
      ['dc-east:vm-1', 'FIXED', Number(FIXED_RATE.toFixed(9))],
    ]);
  });

  it('takes over a month left CLOSING by a closer that died, once its lease has expired, replacing what it wrote', async () => {
    const died = new Date(Date.UTC(2026, 1, 2));
    // The dead closer claimed the month and wrote one wrong invoice before dying.
    expect(await store.billingPeriods.claim('2026-01', died, 60_000)).not.toBeNull();
    await store.invoices.put({
      id: 'inv-acme-2026-01',
      tenantId: 'acme',
      month: '2026-01',
      periodStart: new Date(JAN),
      periodEnd: new Date(FEB),
      currency: 'EUR',
      issuedAt: died,
      lines: [],
      total: 12345,
    });

    const whileHeld = await refusal(closeMonth(deps, '2026-01', new Date(died.getTime() + 30_000)));
    expect(whileHeld).toEqual({ code: 'PERIOD_CLOSED', message: expect.stringContaining('being closed') });

    const after = new Date(died.getTime() + 61_000);
    const invoices = await closeMonth(deps, '2026-01', after);
    const acme = await store.invoices.get('inv-acme-2026-01');
    expect(acme).toEqual(invoices.find((i) => i.tenantId === 'acme'));
    expectLines(acme!.lines, usageLines('2026-01', { 'dc-east:vm-1': vm1Jan, 'dc-east:vm-2': vm2Jan }));
    expect(await store.billingPeriods.get('2026-01')).toMatchObject({ state: 'CLOSED', closedAt: after });
  });
});
