/**
 * The billing-sync example against a running gateway, as a billing team runs it: the
 * provider meters and closes last month, then the sync (with a billing-role token)
 * writes the month's ledger. The ledger is checked against the seed and against the
 * invoices read independently as the provider admin, never against itself.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, GraphQLRequestError } from '../../examples/billing-sync/src/client';
import { MonthInvoicesQuery } from '../../examples/billing-sync/src/documents';
import type { LedgerEntry, LedgerLineEntry, LedgerTotalEntry } from '../../examples/billing-sync/src/ledger';
import { main } from '../../examples/billing-sync/src/main';
import { SyncRefused, syncMonth } from '../../examples/billing-sync/src/sync';
import { defaultHistoryStart } from '../../mocks/usageHistory';
import { monthOf, nextMonthStart, type HourRange } from '../../schema/hours';
import { hoursOf, seededVms } from '../support/billing';
import { startTopology, type Topology } from '../support/topology';

const HISTORY_START = defaultHistoryStart();
/** Last month: whole, ended, closed below. */
const CLOSED: HourRange = { start: HISTORY_START, end: nextMonthStart(HISTORY_START) };
const CLOSED_MONTH = monthOf(CLOSED.start);
/** This month: metered, so it has a billing period, but still open. */
const OPEN_MONTH = monthOf(CLOSED.end);
/** The month before the history: no usage, no invoice, no billing period. */
const UNKNOWN_MONTH = monthOf(HISTORY_START.getTime() - 1);

interface IssuedInvoice {
  id: string;
  tenantId: string;
  total: number;
  lines: Array<{ cost: number }>;
}

let topology: Topology;
let billingToken: string;
let dir: string;

beforeAll(async () => {
  topology = await startTopology({
    // Two VMs per VDC: every cloud and tenant still has usage, and a month of it meters quickly.
    seed: { vmsPerVdc: 2 },
    historyStart: HISTORY_START,
    billing: { meter: { from: HISTORY_START.toISOString(), windowHours: 168 } },
  });
  const metered = await topology.query<{ meterUsage: Array<{ cloudId: string }> }>('mutation { meterUsage { cloudId } }');
  expect(metered).toEqual({ status: 200, data: { meterUsage: [] } });
  const closed = await topology.query<{ closeBillingPeriod: Array<{ id: string }> }>(
    'mutation($month: String!) { closeBillingPeriod(month: $month) { id } }',
    { month: CLOSED_MONTH },
  );
  expect(closed.errors).toBeUndefined();
  billingToken = await topology.tokenFor({ subject: 'ledger', role: 'billing' });
  dir = await mkdtemp(join(tmpdir(), 'billing-sync-'));
}, 120_000);

afterAll(async () => {
  await topology?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sum = (costs: readonly number[]) => costs.reduce((total, cost) => total + cost, 0);

/** The closed month's invoices as the provider admin reads them, apart from the sync. */
async function issuedInvoices(): Promise<IssuedInvoice[]> {
  const res = await topology.query<{ invoices: IssuedInvoice[] }>(
    'query($month: String!) { invoices(month: $month) { id tenantId total lines { cost } } }',
    {
      month: CLOSED_MONTH,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.invoices;
}

async function readLedger(path: string): Promise<LedgerEntry[]> {
  const text = await readFile(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as LedgerEntry);
}

/** The refusal `promise` ends in; fails the test if it resolves. */
async function refusal(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a refusal, and the call succeeded');
}

describe('billing-sync', () => {
  describe('on a closed month', () => {
    const out = () => join(dir, `${CLOSED_MONTH}.jsonl`);
    let summary: Awaited<ReturnType<typeof syncMonth>>;
    let entries: LedgerEntry[];
    let lines: LedgerLineEntry[];
    let totals: LedgerTotalEntry[];
    let issued: IssuedInvoice[];

    beforeAll(async () => {
      summary = await syncMonth({ url: topology.gateway.url, token: billingToken, month: CLOSED_MONTH, out: out() });
      entries = await readLedger(out());
      lines = entries.filter((e): e is LedgerLineEntry => e.entry === 'line');
      totals = entries.filter((e): e is LedgerTotalEntry => e.entry === 'total');
      issued = await issuedInvoices();
    }, 60_000);

    it('writes one total entry per tenant of the seed, named as the seed names it', () => {
      const byId = (a: { tenantId: string }, b: { tenantId: string }) => (a.tenantId < b.tenantId ? -1 : 1);
      expect(totals.map((t) => ({ tenantId: t.tenantId, tenantName: t.tenantName, month: t.month })).sort(byId)).toEqual(
        topology.seed.tenants.map((t) => ({ tenantId: t.id, tenantName: t.name, month: CLOSED_MONTH })).sort(byId),
      );
    });

    it("writes each invoice's total as the gateway issued it, and lines whose costs sum to it", () => {
      expect(totals.map((t) => t.invoiceId).sort()).toEqual(issued.map((i) => i.id).sort());
      for (const invoice of issued) {
        const mine = lines.filter((l) => l.invoiceId === invoice.id);
        const total = totals.find((t) => t.invoiceId === invoice.id)!;
        expect({ invoice: invoice.id, lines: mine.length, counted: total.lines }).toEqual({
          invoice: invoice.id,
          lines: invoice.lines.length,
          counted: invoice.lines.length,
        });
        expect(total.total).toBeCloseTo(invoice.total, 9);
        expect(sum(mine.map((l) => l.cost))).toBeCloseTo(invoice.total, 6);
      }
    });

    it("bills every line to its invoice's tenant, in the invoice's month and currency", () => {
      // Whose each invoice is, as the admin read it; the currency, from the invoice's own total entry.
      const tenantOf = new Map(issued.map((i) => [i.id, i.tenantId]));
      const currencyOf = new Map(totals.map((t) => [t.invoiceId, t.currency]));
      for (const line of lines) {
        expect({ invoice: line.invoiceId, tenantId: line.tenantId, month: line.month, currency: line.currency }).toEqual({
          invoice: line.invoiceId,
          tenantId: tenantOf.get(line.invoiceId),
          month: CLOSED_MONTH,
          currency: currencyOf.get(line.invoiceId),
        });
      }
    });

    it('has lines for every VM of the seed that existed in the month (the checks above are not vacuous)', () => {
      const used = seededVms(topology.seed, HISTORY_START).filter((vm) => hoursOf(vm, CLOSED).length > 0);
      expect(used.length).toBeGreaterThan(0);
      expect([...new Set(lines.map((l) => `${l.tenantId}/${l.vmId}`))].sort()).toEqual(
        [...new Set(used.map((vm) => `${vm.tenantId}/${vm.vmId}`))].sort(),
      );
    });

    it('answers a summary of what it wrote', () => {
      expect(summary.invoices).toBe(issued.length);
      expect(summary.lines).toBe(sum(issued.map((i) => i.lines.length)));
      expect(summary.total).toBeCloseTo(sum(issued.map((i) => i.total)), 6);
    });
  });

  it('refuses an open month, and writes nothing', async () => {
    const out = join(dir, `${OPEN_MONTH}.jsonl`);
    const err = await refusal(syncMonth({ url: topology.gateway.url, token: billingToken, month: OPEN_MONTH, out }));
    expect(err).toBeInstanceOf(SyncRefused);
    expect(err.message).toContain(`${OPEN_MONTH} is OPEN`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a month without a billing period, and writes nothing', async () => {
    const out = join(dir, `${UNKNOWN_MONTH}.jsonl`);
    const err = await refusal(syncMonth({ url: topology.gateway.url, token: billingToken, month: UNKNOWN_MONTH, out }));
    expect(err).toBeInstanceOf(SyncRefused);
    expect(err.message).toContain(`${UNKNOWN_MONTH} has no billing period`);
    expect(existsSync(out)).toBe(false);
  });

  it("fails with the gateway's error codes when the token may not read billing", async () => {
    const tenant = topology.seed.tenants[0]!.id;
    const viewer = await topology.tokenFor({ subject: 'viewer', role: 'tenant-viewer', tenantId: tenant });
    const out = join(dir, 'viewer.jsonl');
    const err = await refusal(syncMonth({ url: topology.gateway.url, token: viewer, month: CLOSED_MONTH, out }));
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect((err as GraphQLRequestError).codes).toEqual(['FORBIDDEN']);
    expect(existsSync(out)).toBe(false);
  });

  it("fails with the errors' codes when the gateway answers HTTP 200 with errors", async () => {
    // A month the gateway's resolver refuses (syncMonth checks its own argument first): a field error in an HTTP 200 answer.
    const client = createClient({ url: topology.gateway.url, token: billingToken });
    const err = await refusal(client.request(MonthInvoicesQuery, { month: `${CLOSED_MONTH.slice(0, 4)}-13` }));
    expect(err).toBeInstanceOf(GraphQLRequestError);
    expect({ status: (err as GraphQLRequestError).status, codes: (err as GraphQLRequestError).codes }).toEqual({
      status: 200,
      codes: ['BAD_USER_INPUT'],
    });
  });

  it('exits non-zero from the command line on an open month, with the reason on stderr', async () => {
    const out = join(dir, `cli-${OPEN_MONTH}.jsonl`);
    const stderr: string[] = [];
    const code = await main(
      ['--month', OPEN_MONTH, '--out', out],
      { OVERCAST_URL: topology.gateway.url, OVERCAST_TOKEN: billingToken },
      () => undefined,
      (text) => stderr.push(text),
    );
    expect({ code, stderr }).toEqual({ code: 1, stderr: [expect.stringContaining(`${OPEN_MONTH} is OPEN`)] });
    expect(existsSync(out)).toBe(false);
  });
});
