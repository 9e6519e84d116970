/**
 * A rate detail's arithmetic: per-time rates as hourly ones, and the tier a value falls
 * in (ManageIQ `chargeback_rate_detail.rb#hourly`, `chargeback_tier.rb#includes?`).
 */
import { hoursInMonth } from '../../schema/hours';
import type { RatePerTime, RateTier } from './model';

/** Hours in a year as ManageIQ counts them: 24 · 365, leap years or not. */
const HOURS_PER_YEAR = 24 * 365;

/**
 * A rate quoted per `perTime`, per hour. A monthly rate is divided by the exact length
 * of the month holding `at` (672 to 744 hours), so a whole month costs the monthly rate
 * whatever its length; ManageIQ does this for monthly reports and uses 30 days otherwise.
 */
export function hourly(rate: number, perTime: RatePerTime, at: Date): number {
  switch (perTime) {
    case 'HOURLY':
      return rate;
    case 'DAILY':
      return rate / 24;
    case 'WEEKLY':
      return rate / (24 * 7);
    case 'MONTHLY':
      return rate / hoursInMonth(at);
    case 'YEARLY':
      return rate / HOURS_PER_YEAR;
    default: {
      const unknown: never = perTime;
      throw new RangeError(`unknown rate per-time ${String(unknown)}`);
    }
  }
}

/** Whether `tier` holds `value`: (start, finish], and 0 in the tier starting at 0. A null finish is infinity. */
export function tierHolds(tier: RateTier, value: number): boolean {
  return (tier.start === 0 && value === 0) || (tier.start < value && (tier.finish === null || value <= tier.finish));
}

/**
 * The index of the one tier holding `value`, which supplies both the fixed and the
 * variable rate for the whole value: tiers are not graduated. Throws when none does,
 * which contiguous tiers from 0 to infinity rule out for any value ≥ 0: a negative or
 * NaN figure is a metering fault to surface, not a charge of 0.
 */
export function tierFor(tiers: readonly RateTier[], value: number): number {
  const index = tiers.findIndex((tier) => tierHolds(tier, value));
  if (index < 0) throw new RangeError(`no tier holds ${value} (tiers: ${tiers.map((t) => `${t.start}–${t.finish ?? '∞'}`).join(', ')})`);
  return index;
}
