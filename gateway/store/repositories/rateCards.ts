/** Rate cards, keyed by their slug id; at most one is the default. */
import type { RateCardRecord } from '../../billing/model';
import type { Collection } from '../collection';
import type { RateCardRepository } from '../types';

export class CollectionRateCardRepository implements RateCardRepository {
  constructor(private readonly cards: Collection<RateCardRecord>) {}

  /** The default first (what rating falls back to), then by id: a stable order. */
  async list(): Promise<RateCardRecord[]> {
    return this.cards.find({}, { sort: { isDefault: -1, id: 1 } });
  }

  async get(id: string): Promise<RateCardRecord | null> {
    return this.cards.findOne({ id });
  }

  async put(card: RateCardRecord): Promise<void> {
    await this.cards.upsertMany('id', [card]);
  }

  /**
   * The new default is written before the others lose the flag: interrupted between
   * the two, the store holds two defaults (list() puts the lower id first, and the next
   * putDefault clears it), never none, so rating always has a card to fall back to.
   */
  async putDefault(card: RateCardRecord): Promise<void> {
    await this.cards.upsertMany('id', [{ ...card, isDefault: true }]);
    for (const other of await this.cards.find({ isDefault: true, id: { $ne: card.id } })) {
      await this.cards.updateOne({ id: other.id }, { $set: { isDefault: false } });
    }
  }

  async remove(id: string): Promise<boolean> {
    return (await this.cards.deleteMany({ id })) > 0;
  }
}
