/**
 * Billing periods being closed or closed, keyed by month. A month with no record is
 * open. Closing is claimed with a lease, so two gateways (or an operator clicking
 * twice) never close a month together, and a closer that dies leaves a month that
 * the next closer takes over once the lease has run out.
 */
import type { Collection } from '../collection';
import { isDuplicateKeyError } from '../errors';
import type { RateCardRecord } from '../../billing/model';
import type { BillingPeriodRecord, BillingPeriodRepository } from '../types';

export class CollectionBillingPeriodRepository implements BillingPeriodRepository {
  constructor(private readonly periods: Collection<BillingPeriodRecord>) {}

  /**
   * One conditional upsert: it matches a CLOSING record whose lease has expired (and
   * renews the lease), or, when the month has no record, inserts one CLOSING. When a
   * record exists but does not match (CLOSED, or a live lease), the insert collides
   * with it on the unique month index: that duplicate key is the answer "not yours".
   * Two closers racing on an open month are the same case: one inserts, one collides.
   */
  async claim(month: string, now: Date, leaseMs: number): Promise<Date | null> {
    const lease = new Date(now.getTime() + leaseMs);
    try {
      const claimed = await this.periods.findOneAndUpdate(
        { month, state: 'CLOSING', leaseUntil: { $lte: now } },
        { $set: { state: 'CLOSING', closedAt: null, leaseUntil: lease } },
        { upsert: true, returnDocument: 'after' },
      );
      return claimed === null ? null : lease;
    } catch (err) {
      if (isDuplicateKeyError(err)) return null;
      throw err;
    }
  }

  async finish(month: string, at: Date, rateCards: readonly RateCardRecord[], lease: Date): Promise<boolean> {
    const result = await this.periods.updateOne(
      { month, state: 'CLOSING', leaseUntil: lease },
      { $set: { state: 'CLOSED', closedAt: at, rateCards: [...rateCards] }, $unset: { leaseUntil: '' } },
    );
    return result.matchedCount === 1;
  }

  async get(month: string): Promise<BillingPeriodRecord | null> {
    return this.periods.findOne({ month });
  }

  async list(): Promise<BillingPeriodRecord[]> {
    return this.periods.find({}, { sort: { month: -1 } });
  }
}
