/**
 * `syncMonth`: read one closed month's invoices of every tenant from the gateway and
 * write them as a ledger file. An open month is refused rather than synced: its
 * charges still change, and a ledger is only worth keeping for frozen invoices.
 */
import { rename, writeFile } from 'node:fs/promises';
import { createClient } from './client';
import { BillingPeriodsQuery, MonthInvoicesQuery, TenantsQuery } from './documents';
import { ledgerEntries, toJsonLines } from './ledger';

export interface SyncOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A bearer token of the billing role (it sees every tenant's invoices). */
  token: string;
  /** `YYYY-MM`. */
  month: string;
  /** The ledger file to write (JSON lines); replaced whole, never left half-written. */
  out: string;
}

export interface SyncSummary {
  /** Invoices written (one total entry each). */
  invoices: number;
  /** Line entries written. */
  lines: number;
  /** The sum of the invoices' totals. */
  total: number;
}

/** The sync will not write a ledger for this month (nothing was written). */
export class SyncRefused extends Error {
  override readonly name = 'SyncRefused';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Write the ledger of `month` to `out`; refuses (SyncRefused) a month without closed invoices. */
export async function syncMonth(options: SyncOptions): Promise<SyncSummary> {
  const { month, out } = options;
  if (!MONTH.test(month)) throw new SyncRefused(`--month must be YYYY-MM, not "${month}"`);
  const client = createClient({ url: options.url, token: options.token });

  const { billingPeriods } = await client.request(BillingPeriodsQuery, {});
  const period = billingPeriods.find((p) => p.month === month);
  if (!period) throw new SyncRefused(`${month} has no billing period (no usage or invoice): nothing to sync`);
  if (period.state !== 'CLOSED') {
    throw new SyncRefused(`${month} is ${period.state}: its invoices are issued when the provider closes it (closeBillingPeriod)`);
  }

  const [{ invoices }, { tenants }] = await Promise.all([client.request(MonthInvoicesQuery, { month }), client.request(TenantsQuery, {})]);
  if (!invoices.length) throw new SyncRefused(`${month} is closed but has no invoices: nothing to sync`);

  const entries = ledgerEntries(invoices, new Map(tenants.map((t) => [t.id, t.name])));
  // Written beside the target, then renamed over it: a reader never sees half a ledger.
  const partial = `${out}.${process.pid}.partial`;
  await writeFile(partial, toJsonLines(entries), 'utf8');
  await rename(partial, out);
  return {
    invoices: invoices.length,
    lines: entries.length - invoices.length,
    total: invoices.reduce((sum, invoice) => sum + invoice.total, 0),
  };
}
