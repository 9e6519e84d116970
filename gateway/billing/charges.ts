/**
 * Charges over a period: usage records streamed from the store, cut into calendar-month
 * segments, grouped per VM, VDC and tenant, each group rated under the card that applies
 * to its tenant in its cloud.
 */
import { monthSegments, type HourRange } from '../../schema/hours';
import type { RateCardRepository, UsageRepository } from '../store/types';
import { cardFor, defaultCardOf } from './cards';
import type { ChargeSet, RateCardRecord, UsageRecord, VmCharge } from './model';
import { groupBy } from './grouping';
import { rateVm } from './rating';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** (cloud, VDC, VM, start): the order lines are listed and invoiced in. */
export function compareLines(a: VmCharge, b: VmCharge): number {
  return compare(a.cloudId, b.cloudId) || compare(a.vdcId, b.vdcId) || compare(a.vmId, b.vmId) || a.start.getTime() - b.start.getTime();
}

/**
 * Rate the records of one VM in one segment: one line per (VDC, tenant) it was in, since
 * a VM moved to another VDC or handed to another tenant is billed apart for each.
 */
function rateSegment(records: readonly UsageRecord[], cards: readonly RateCardRecord[], segment: HourRange): VmCharge[] {
  const groups = groupBy(records, (record) => JSON.stringify([record.cloudId, record.vdcId, record.tenantId]));
  return groups.map(([, group]) => rateVm(group, cardFor(cards, group[0]!.tenantId, group[0]!.cloudId), segment));
}

/**
 * The charges of the records `batches` yields over `period`, as the store's scan yields
 * them: in (month, vmId, hour) order. Only one VM's records of one month are held at a
 * time (at most 744), so memory does not grow with the fleet; the order is checked, as a
 * VM coming back later in a month would otherwise be billed twice for it, each time at a
 * wrong max. Records outside the period are not charged.
 */
export async function computeCharges(
  batches: AsyncIterable<UsageRecord[]>,
  cards: readonly RateCardRecord[],
  period: HourRange,
): Promise<ChargeSet> {
  const segments = monthSegments(period);
  const lines: VmCharge[] = [];
  let segment = -1;
  let held: UsageRecord[] = [];
  /** VMs of the current segment already rated: only their ids, to catch an out-of-order scan. */
  const done = new Set<string>();
  const flush = () => {
    if (held.length) lines.push(...rateSegment(held, cards, segments[segment]!));
    held = [];
  };
  for await (const batch of batches) {
    for (const record of batch) {
      const at = record.hour.getTime();
      if (at < period.start.getTime() || at >= period.end.getTime()) continue;
      const index = segments.findIndex((s) => at < s.end.getTime());
      const current = held[held.length - 1];
      if (index < segment)
        throw new Error(`usage records out of (month, vmId, hour) order: ${record.key} after ${current?.key ?? 'a later month'}`);
      if (index > segment || current?.vmId !== record.vmId) {
        flush();
        if (index > segment) done.clear();
        segment = index;
        if (done.has(record.vmId))
          throw new Error(`usage records out of (month, vmId, hour) order: ${record.vmId} again in ${record.month}`);
        done.add(record.vmId);
      } else if (at <= current.hour.getTime()) {
        throw new Error(`usage records out of (month, vmId, hour) order: ${record.key} after ${current.key}`);
      }
      held.push(record);
    }
  }
  flush();
  return { period, currency: defaultCardOf(cards).currency, lines: lines.sort(compareLines) };
}

/**
 * The charges of a period for a scope (a tenant, a cloud, a VM, or all), read from the
 * store: usage streamed by the scan, rated by the stored cards (DEFAULT_RATE_CARD when
 * none is stored yet).
 */
export async function chargesFor(
  store: { usage: UsageRepository; rateCards: RateCardRepository },
  period: HourRange,
  scope: { tenantId?: string; cloudId?: string; vmId?: string },
  /** Rate with these instead of the stored ones (a closed month's own cards). */
  rateCards?: readonly RateCardRecord[],
): Promise<ChargeSet> {
  // No stored card (before billing's start stored the default) rates by DEFAULT_RATE_CARD: cardFor falls back to it.
  const cards = rateCards ?? (await store.rateCards.list());
  return computeCharges(store.usage.scan({ ...scope, start: period.start, end: period.end }), cards, period);
}
