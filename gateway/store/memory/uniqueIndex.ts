/**
 * A unique index of the embedded backend: the key values of every stored document,
 * mapped to the document that holds them, so a write that would give two documents
 * the same key is refused before anything changes (MongoDB's E11000).
 */
import { resolve } from 'mingo/util';
import { DuplicateKeyError } from '../errors';
import type { Doc } from '../collection';

export class UniqueIndex {
  /** Encoded key values → internal id of the document holding them. */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly collectionName: string,
    /** MongoDB's default index name, e.g. `cloudId_1_id_1`. */
    readonly name: string,
    readonly fields: readonly string[],
  ) {}

  /** Throws a DuplicateKeyError if `doc` would collide with a document other than `id`. */
  check(id: string, doc: Doc): void {
    const owner = this.owners.get(this.encode(doc));
    if (owner !== undefined && owner !== id) {
      const keyValue = Object.fromEntries(this.fields.map((field) => [field, resolve(doc, field) ?? null]));
      throw new DuplicateKeyError(
        `E11000 duplicate key error collection: ${this.collectionName} index: ${this.name} dup key: ${JSON.stringify(keyValue)}`,
        keyValue,
      );
    }
  }

  /** Internal id of the document holding the same key values as `doc`, if any. */
  ownerOf(doc: Doc): string | undefined {
    return this.owners.get(this.encode(doc));
  }

  /** Record that document `id` changed from `before` to `after` (either absent). Call after `check`. */
  move(id: string, before: Doc | undefined, after: Doc | undefined): void {
    if (before) {
      const key = this.encode(before);
      if (this.owners.get(key) === id) this.owners.delete(key);
    }
    if (after) this.owners.set(this.encode(after), id);
  }

  /**
   * Key values as one string. A missing field counts as null, as in MongoDB (two
   * documents without the field collide); Dates are tagged so that a Date and its
   * ISO string are different keys.
   */
  private encode(doc: Doc): string {
    return JSON.stringify(
      this.fields.map((field) => {
        const value = resolve(doc, field);
        return value instanceof Date ? { $date: value.getTime() } : (value ?? null);
      }),
    );
  }
}
