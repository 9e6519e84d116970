/** One-time registration tokens, stored by the SHA-256 of the token. */
import type { Collection } from '../collection';
import type { ConsumeResult, RegistrationTokenRecord, RegistrationTokenRepository } from '../types';
import { compact } from './compact';

export class CollectionRegistrationTokenRepository implements RegistrationTokenRepository {
  constructor(private readonly tokens: Collection<RegistrationTokenRecord>) {}

  /**
   * Idempotent on the token hash, and insert-only ($setOnInsert): a retried create
   * cannot add a second record, nor reset `usedAt` of a token consumed meanwhile.
   */
  async create(token: RegistrationTokenRecord): Promise<void> {
    const { tokenHash, ...rest } = compact(token);
    await this.tokens.updateOne({ tokenHash }, { $setOnInsert: rest }, { upsert: true });
  }

  /**
   * One atomic findOneAndUpdate that matches only a usable token (not used, not
   * expired) and marks it used: of concurrent consumers exactly one gets it back.
   * Only when it fails is the token read again, to say why; that read cannot change
   * the outcome, only its reason.
   */
  async consume(tokenHash: string, now: Date): Promise<ConsumeResult> {
    const token = await this.tokens.findOneAndUpdate(
      { tokenHash, usedAt: { $exists: false }, expiresAt: { $gt: now } },
      { $set: { usedAt: now } },
      { returnDocument: 'after' },
    );
    if (token) return { ok: true, token };
    const existing = await this.tokens.findOne({ tokenHash });
    if (!existing) return { ok: false, reason: 'unknown' };
    return { ok: false, reason: existing.usedAt ? 'used' : 'expired' };
  }
}
