/**
 * The embedded backend's collection: documents in a Map, queried and updated by
 * mingo with MongoDB's semantics.
 *
 * Atomicity: every method body below is synchronous. They are `async` only to fit
 * the interface; an async function runs synchronously until its first `await`, and
 * there is none, so each operation's read and write happen in one JavaScript turn
 * and nothing can interleave with them. Keep it that way: an `await` between
 * finding a document and writing it would break findOneAndUpdate (token consumption,
 * config versions).
 *
 * Isolation: documents are deep-copied on the way in and out (clone.ts).
 */
import { Query, find } from 'mingo';
import type {
  Collection,
  Doc,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexOptions,
  SortSpec,
  Stored,
  Update,
  UpdateOptions,
  UpdateResult,
} from '../collection';
import { cloneDoc, cloneValue } from './clone';
import { UniqueIndex } from './uniqueIndex';
import { applyUpdate, seedFromFilter } from './update';

interface Change {
  before: Doc | null;
  after: Doc | null;
  upserted: boolean;
}

/** One embedded collection. Create through MemoryDatabase. */
export class MemoryCollection<T extends Stored> implements Collection<T> {
  /** Internal id → stored document. The id stands in for MongoDB's `_id` and never leaves. */
  private readonly docs = new Map<string, Doc>();
  private readonly uniqueIndexes = new Map<string, UniqueIndex>();
  private lastId = 0;

  constructor(readonly name: string) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = find([...this.docs.values()], filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return cursor.all().map((doc) => cloneDoc(doc) as T);
  }

  async findOne(filter: Filter): Promise<T | null> {
    const match = this.first(filter);
    return match ? (cloneDoc(match[1]) as T) : null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    const query = new Query(filter);
    let count = 0;
    for (const doc of this.docs.values()) if (query.test(doc)) count += 1;
    return count;
  }

  async values<K extends keyof T & string>(field: K, filter: Filter): Promise<Array<T[K]>> {
    const query = new Query(filter);
    const values: Array<T[K]> = [];
    for (const doc of this.docs.values()) if (query.test(doc)) values.push(cloneValue(doc[field]) as T[K]);
    return values;
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    const change = this.updateFirst(filter, update, options.upsert ?? false);
    return { matchedCount: change.before ? 1 : 0, upserted: change.upserted };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions): Promise<T | null> {
    const change = this.updateFirst(filter, update, options.upsert ?? false);
    const result = options.returnDocument === 'before' ? change.before : change.after;
    return result ? (cloneDoc(result) as T) : null;
  }

  async deleteMany(filter: Filter): Promise<number> {
    const query = new Query(filter);
    // Collect first, then delete: no mutation of the Map while iterating it.
    const doomed = [...this.docs].filter(([, doc]) => query.test(doc));
    for (const [id, doc] of doomed) this.write(id, doc, null);
    return doomed.length;
  }

  async upsertMany(key: keyof T & string, docs: readonly T[]): Promise<void> {
    // Each document replaces the one holding its key; in order, stopping at the first
    // error, like an ordered bulk write. The key's unique index finds the holder in
    // O(1) (a sync writes thousands of VMs); without one, mingo scans like any filter.
    const index = [...this.uniqueIndexes.values()].find((candidate) => candidate.fields.length === 1 && candidate.fields[0] === key);
    for (const doc of docs) {
      const replacement = cloneDoc(doc) as Doc;
      const id = index ? index.ownerOf(replacement) : this.first({ [key]: { $eq: replacement[key] } })?.[0];
      const before = id === undefined ? undefined : this.docs.get(id);
      this.write(id ?? this.newId(), before ?? null, replacement);
    }
  }

  async createIndex(keys: SortSpec, options: IndexOptions = {}): Promise<void> {
    // Only unique indexes change behaviour here; the others exist for MongoDB's query planner.
    if (!options.unique) return;
    const name = Object.entries(keys)
      .map(([field, direction]) => `${field}_${direction}`)
      .join('_');
    if (this.uniqueIndexes.has(name)) return;
    const index = new UniqueIndex(this.name, name, Object.keys(keys));
    // Like MongoDB, refuse to build a unique index over documents that already collide.
    for (const [id, doc] of this.docs) {
      index.check(id, doc);
      index.move(id, undefined, doc);
    }
    this.uniqueIndexes.set(name, index);
  }

  private first(filter: Filter): [string, Doc] | undefined {
    const query = new Query(filter);
    for (const entry of this.docs) if (query.test(entry[1])) return entry;
    return undefined;
  }

  /** The shared body of updateOne and findOneAndUpdate: find, update a copy, write; one turn. */
  private updateFirst(filter: Filter, update: Update, upsert: boolean): Change {
    const match = this.first(filter);
    if (match) {
      const [id, stored] = match;
      const next = cloneDoc(stored);
      applyUpdate(next, update, false);
      this.write(id, stored, next);
      return { before: stored, after: next, upserted: false };
    }
    if (!upsert) return { before: null, after: null, upserted: false };
    const inserted = seedFromFilter(filter);
    applyUpdate(inserted, update, true);
    this.write(this.newId(), null, inserted);
    return { before: null, after: inserted, upserted: true };
  }

  /**
   * The only place stored state changes: check every unique index first, so a
   * refused write changes nothing, then move the index entries and the document.
   */
  private write(id: string, before: Doc | null, after: Doc | null): void {
    if (after) for (const index of this.uniqueIndexes.values()) index.check(id, after);
    for (const index of this.uniqueIndexes.values()) index.move(id, before ?? undefined, after ?? undefined);
    if (after) this.docs.set(id, after);
    else this.docs.delete(id);
  }

  private newId(): string {
    this.lastId += 1;
    return String(this.lastId);
  }
}
