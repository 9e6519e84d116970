/**
 * The ledger billing-sync writes: one entry per invoice line and one total entry per
 * invoice, as JSON lines. Pure: the same invoices give the same bytes, in invoice id
 * order with each invoice's lines in the answer's order, then its total.
 */
import type { ResultOf } from '@graphql-typed-document-node/core';
import type { MonthInvoicesQuery } from './documents';

/** An invoice as the sync reads it: the types follow the document, so a schema change that breaks one fails `tsc`. */
export type Invoice = ResultOf<typeof MonthInvoicesQuery>['invoices'][number];
type Line = Invoice['lines'][number];

/** Who an entry is billed to, and on which invoice. */
interface EntryHead {
  invoiceId: Invoice['id'];
  tenantId: Invoice['tenantId'];
  /** From the tenant directory; null when the directory no longer has the tenant. */
  tenantName: string | null;
  /** The invoice's month, `YYYY-MM`. */
  month: Invoice['month'];
  currency: Invoice['currency'];
}

/** One line of an invoice. */
export interface LedgerLineEntry extends EntryHead {
  entry: 'line';
  kind: Line['kind'];
  /** The month the line charges: the invoice's own, or an earlier one for a correction. */
  chargedMonth: Line['month'];
  cloudId: Line['cloudId'];
  vdcId: Line['vdcId'];
  orgId: Line['orgId'];
  vmId: Line['vmId'];
  vmName: Line['vmName'];
  field: Line['field'];
  start: Line['start'];
  end: Line['end'];
  hours: Line['hours'];
  quantity: Line['quantity'];
  unit: Line['unit'];
  hourlyCost: Line['hourlyCost'];
  cost: Line['cost'];
  rateCardId: Line['rateCardId'];
}

/** The total of an invoice, after its lines. */
export interface LedgerTotalEntry extends EntryHead {
  entry: 'total';
  periodStart: Invoice['periodStart'];
  periodEnd: Invoice['periodEnd'];
  issuedAt: Invoice['issuedAt'];
  /** How many line entries the invoice has above. */
  lines: number;
  total: Invoice['total'];
}

export type LedgerEntry = LedgerLineEntry | LedgerTotalEntry;

/** The ledger entries of `invoices`, naming tenants from `tenantNames` (id → name). */
export function ledgerEntries(invoices: readonly Invoice[], tenantNames: ReadonlyMap<string, string>): LedgerEntry[] {
  return [...invoices]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .flatMap((invoice): LedgerEntry[] => {
      const head: EntryHead = {
        invoiceId: invoice.id,
        tenantId: invoice.tenantId,
        tenantName: tenantNames.get(invoice.tenantId) ?? null,
        month: invoice.month,
        currency: invoice.currency,
      };
      const lines = invoice.lines.map((line): LedgerLineEntry => ({
        entry: 'line',
        ...head,
        kind: line.kind,
        chargedMonth: line.month,
        cloudId: line.cloudId,
        vdcId: line.vdcId,
        orgId: line.orgId,
        vmId: line.vmId,
        vmName: line.vmName,
        field: line.field,
        start: line.start,
        end: line.end,
        hours: line.hours,
        quantity: line.quantity,
        unit: line.unit,
        hourlyCost: line.hourlyCost,
        cost: line.cost,
        rateCardId: line.rateCardId,
      }));
      const total: LedgerTotalEntry = {
        entry: 'total',
        ...head,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodEnd,
        issuedAt: invoice.issuedAt,
        lines: lines.length,
        total: invoice.total,
      };
      return [...lines, total];
    });
}

/** JSON lines: one entry a line, each line ending in a newline. */
export function toJsonLines(entries: readonly LedgerEntry[]): string {
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}
