/**
 * Closing a month: one frozen invoice per tenant, with the month's usage lines and,
 * for every month closed before, correction lines for whatever changed since it was
 * invoiced (usage metered late, a gap filled). Each month is rated with the rate cards
 * of its close, kept with it: editing a card later never re-prices a closed month.
 *
 * The invoices are computed first (reads only), then the month is claimed with a lease
 * (BillingPeriodRepository.claim) and they are written: two closers never write one
 * month together, a closer that dies while writing leaves the month CLOSING, and the
 * next call after the lease redoes it from the start (invoices are replaced by id, so what
 * the dead closer wrote is overwritten, not added to). A CLOSED month is refused, so
 * its invoices are never written again.
 *
 * Errors are thrown as GraphQL errors with the registry's codes (the mutation's
 * resolver returns what this returns): BAD_USER_INPUT for a month that is not one or
 * has not ended, PERIOD_CLOSED for a month already CLOSED or being closed by another
 * closer right now (the message says which).
 */
import { nextMonthStart, parseMonth, type HourRange } from '../../schema/hours';
import { ErrorCode, graphQLError } from '../errors';
import type { BillingPeriodRepository, InvoiceRepository, RateCardRepository, UsageRepository } from '../store/types';
import { linesOf, sumCosts } from './lines';
import type { ChargeSet, InvoiceLine, InvoiceRecord, RateCardRecord } from './model';

/** How long a closer holds a month unless told otherwise: far above closing one, and how long a dead closer blocks it. */
export const DEFAULT_CLOSE_LEASE_MS = 60_000;

/** What charges are computed for: every tenant, or one tenant, cloud or VM. */
export interface ChargeScope {
  tenantId?: string;
  cloudId?: string;
  vmId?: string;
}

export interface CloseMonthDeps {
  usage: UsageRepository;
  rateCards: RateCardRepository;
  invoices: InvoiceRepository;
  billingPeriods: BillingPeriodRepository;
  /** Every tenant billed: each gets an invoice, an empty one when it used nothing. */
  tenants(): Array<{ id: string }>;
  /** The rated charges of a period (gateway/billing/charges.ts), by the cards given. */
  chargesFor(period: HourRange, scope: ChargeScope, rateCards: readonly RateCardRecord[]): Promise<ChargeSet>;
  /** How long the claim holds; @default DEFAULT_CLOSE_LEASE_MS */
  leaseMs?: number;
}

/** The invoice id of a tenant's month: the natural key. */
export function invoiceId(tenantId: string, month: string): string {
  return `inv-${tenantId}-${month}`;
}

/** Close `month` (`YYYY-MM`) at `now`: its invoices, one per tenant, by tenant id. */
export async function closeMonth(deps: CloseMonthDeps, month: string, now: Date): Promise<InvoiceRecord[]> {
  const began = performance.now();
  const start = parseMonth(month);
  if (!start) throw graphQLError(ErrorCode.BAD_USER_INPUT, `month must be YYYY-MM (got "${month}")`);
  const period: HourRange = { start, end: nextMonthStart(start) };
  if (now < period.end)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `${month} has not ended yet: it can be closed from ${period.end.toISOString()}`);
  // Refused before the (costly) rating when already closed; the claim itself comes after the rating,
  // so a rating that fails leaves the month open rather than held for a lease.
  if ((await deps.billingPeriods.get(month))?.state === 'CLOSED') throw await refusal(deps.billingPeriods, month);

  // The cards this month is rated with, kept with it when closed; an earlier month is corrected with its own.
  const cards = await deps.rateCards.list();
  // Every month closed before this close, and what was invoiced for each, whichever invoice carried it.
  const closedPeriods = (await deps.billingPeriods.list()).filter((p) => p.state === 'CLOSED' && p.month !== month);
  const closed = closedPeriods.map((p) => p.month);
  const cardsOf = new Map(closedPeriods.map((p) => [p.month, p.rateCards ?? cards]));
  const closedSet = new Set(closed);
  const invoices: InvoiceRecord[] = [];
  for (const { id: tenantId } of [...deps.tenants()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const charges = await deps.chargesFor(period, { tenantId }, cards);
    const usage = charges.lines.flatMap((charge) => linesOf(charge, month));
    const invoiced = (await deps.invoices.list({ tenantId }))
      .filter((invoice) => closedSet.has(invoice.month))
      .flatMap((invoice) => invoice.lines);
    const corrections: InvoiceLine[] = [];
    for (const earlier of [...closed].sort()) {
      const earlierStart = parseMonth(earlier)!;
      const earlierPeriod = { start: earlierStart, end: nextMonthStart(earlierStart) };
      const current = (await deps.chargesFor(earlierPeriod, { tenantId }, cardsOf.get(earlier)!)).lines.flatMap((charge) =>
        linesOf(charge, earlier),
      );
      corrections.push(
        ...correctionsOf(
          current,
          invoiced.filter((line) => line.month === earlier),
        ),
      );
    }
    const lines = [...usage, ...corrections];
    invoices.push({
      id: invoiceId(tenantId, month),
      tenantId,
      month,
      periodStart: period.start,
      periodEnd: period.end,
      currency: charges.currency,
      issuedAt: now,
      lines,
      total: sumCosts(lines),
    });
  }

  // Claimed just before the writes: between the claim and finish is only the writing, far shorter than the lease.
  // The lease runs from the claim, not from `now`: the rating before it may have taken a while.
  const claimedAt = new Date(now.getTime() + (performance.now() - began));
  const lease = await deps.billingPeriods.claim(month, claimedAt, deps.leaseMs ?? DEFAULT_CLOSE_LEASE_MS);
  if (!lease) throw await refusal(deps.billingPeriods, month);
  const held = async () => (await deps.billingPeriods.get(month))?.leaseUntil?.getTime() === lease.getTime();
  for (const invoice of invoices) {
    // A closer slower than its lease stops writing once another has taken the month over.
    if (!(await held())) throw await refusal(deps.billingPeriods, month);
    await deps.invoices.put(invoice);
  }
  if (!(await deps.billingPeriods.finish(month, now, cards, lease))) throw await refusal(deps.billingPeriods, month);
  return invoices;
}

/** PERIOD_CLOSED, saying whether the month is closed or another closer holds it. */
async function refusal(periods: BillingPeriodRepository, month: string): Promise<Error> {
  const record = await periods.get(month);
  if (record?.state === 'CLOSED') {
    return graphQLError(
      ErrorCode.PERIOD_CLOSED,
      `${month} is already closed: its invoices are frozen; later usage of it is corrected in the next close`,
    );
  }
  const until = record?.leaseUntil ? ` until ${record.leaseUntil.toISOString()}` : '';
  return graphQLError(ErrorCode.PERIOD_CLOSED, `${month} is being closed by another closer${until}; try again after`);
}

/** One correction's identity: the month charged, the VM, the VDC that held it, the field. */
const keyOf = (line: InvoiceLine): string => JSON.stringify([line.month, line.vmId, line.vdcId, line.field]);

/** Below this a difference is float noise, not a correction. */
const EPSILON = 1e-9;

/**
 * What `current` (a closed month's lines as rated now) differs from `invoiced` (every
 * line invoiced for that month, usage and corrections), per (month, VM, VDC, field):
 * a CORRECTION line carrying the current figures, costing the difference. A line
 * invoiced but no longer there is corrected to nothing (its figures, zero hours).
 */
export function correctionsOf(current: readonly InvoiceLine[], invoiced: readonly InvoiceLine[]): InvoiceLine[] {
  const billed = new Map<string, { cost: number; last: InvoiceLine }>();
  for (const line of invoiced) {
    const entry = billed.get(keyOf(line));
    billed.set(keyOf(line), { cost: (entry?.cost ?? 0) + line.cost, last: line });
  }
  const now = new Map<string, { cost: number; line: InvoiceLine }>();
  for (const line of current) {
    const entry = now.get(keyOf(line));
    now.set(keyOf(line), { cost: (entry?.cost ?? 0) + line.cost, line: entry?.line ?? line });
  }
  const corrections: InvoiceLine[] = [];
  for (const [key, { cost, line }] of now) {
    const difference = cost - (billed.get(key)?.cost ?? 0);
    if (Math.abs(difference) > EPSILON) corrections.push({ ...line, kind: 'CORRECTION', cost: difference });
  }
  for (const [key, { cost, last }] of billed) {
    if (now.has(key) || Math.abs(cost) <= EPSILON) continue;
    corrections.push({ ...last, kind: 'CORRECTION', hours: 0, quantity: 0, hourlyCost: 0, cost: -cost });
  }
  return corrections;
}
