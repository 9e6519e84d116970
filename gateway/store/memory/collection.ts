/**
 * The embedded backend's collection: documents in a Map, queried and updated by
 * mingo with MongoDB's semantics, with ordered indexes (orderedIndex.ts) chosen by
 * plan.ts so that sorted pages, keyset seeks, equality lookups and counts do not
 * scan. Changes go to a ChangeSink (the durable database's journal) before they
 * are acknowledged.
 *
 * Atomicity: every method body below is synchronous. They are `async` only to fit
 * the interface; an async function runs synchronously until its first `await`, and
 * there is none, so each operation's read and write happen in one JavaScript turn
 * and nothing can interleave with them. Keep it that way: an `await` between
 * finding a document and writing it would break findOneAndUpdate (token consumption,
 * config versions). The sink is synchronous for the same reason.
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
import { keysetFilter } from '../keyset';
import { cloneDoc, cloneValue } from './clone';
import { INTERNAL_ID, KEY_VALUES, OrderedIndex, indexValueOf, type StoredDoc } from './orderedIndex';
import { equalitiesOf, planFor, pointLookupsFor, type Plan } from './plan';
import { applyUpdate, seedFromFilter } from './update';

/** One document's new state (null: deleted), by internal id. */
export interface PersistedChange {
  id: number;
  doc: Doc | null;
}

/** Where changes are made durable before they count: the journal of a durable database. */
export interface ChangeSink {
  /** Persist one operation's changes atomically, or throw; a throw undoes the operation. */
  persist(collection: string, changes: readonly PersistedChange[]): void;
}

interface Change {
  id: number;
  before: StoredDoc | null;
  after: StoredDoc | null;
}

interface UpsertChange {
  before: StoredDoc | null;
  after: StoredDoc | null;
  upserted: boolean;
}

/** One embedded collection. Create through MemoryDatabase. */
export class MemoryCollection<T extends Stored> implements Collection<T> {
  private readonly docs = new Map<number, StoredDoc>();
  private readonly indexes = new Map<string, OrderedIndex>();
  /** Every indexed field, and its slot in the documents' key tuples (KEY_VALUES). */
  private readonly slots = new Map<string, number>();
  private lastId = 0;

  constructor(
    readonly name: string,
    private readonly sink?: ChangeSink,
  ) {}

  /** Put a document read back from the journal, as it was (no sink, no index: indexes are created after loading). */
  load(id: number, doc: Doc): void {
    const stored = doc as StoredDoc;
    stored[INTERNAL_ID] = id;
    stored[KEY_VALUES] = this.keyTuple(stored);
    this.docs.set(id, stored);
    if (id > this.lastId) this.lastId = id;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const { sort, limit, after } = options;
    if (after && !sort) throw new Error('find: a keyset position (after) needs a sort');
    const plan = sort ? planFor(this.indexes.values(), equalitiesOf(filter), sort) : undefined;
    const found: StoredDoc[] = [];
    if (sort && plan) {
      // The index walks in sort order from the position: stop at the limit.
      const query = new Query(filter);
      const position = after ? Object.keys(sort).map((field) => after[field]) : undefined;
      for (const doc of plan.index.walk(plan.prefix, { reverse: plan.reverse, ...(position ? { after: position } : {}) })) {
        if (!query.test(doc)) continue;
        found.push(doc);
        if (limit !== undefined && found.length >= limit) break;
      }
      return found.map((doc) => cloneDoc(doc) as T);
    }
    if (!sort) {
      for (const doc of this.matching(filter)) {
        found.push(doc);
        if (limit !== undefined && found.length >= limit) break;
      }
      return found.map((doc) => cloneDoc(doc) as T);
    }
    // No index serves this sort: filter (narrowed by an index when one fixes a field), then sort.
    let cursor = find([...this.matching(after ? { $and: [filter, keysetFilter(sort, after)] } : filter)], {}).sort(sort);
    if (limit !== undefined) cursor = cursor.limit(limit);
    return cursor.all().map((doc) => cloneDoc(doc) as T);
  }

  async findOne(filter: Filter): Promise<T | null> {
    const match = this.first(filter);
    return match ? (cloneDoc(match) as T) : null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    if (Object.keys(filter).length === 0) return this.docs.size;
    const exact = this.exactPlan(filter);
    if (exact) return exact.index.count(exact.prefix);
    let count = 0;
    const matches = this.matching(filter);
    while (!matches.next().done) count += 1;
    return count;
  }

  async values<K extends keyof T & string>(field: K, filter: Filter): Promise<Array<T[K]>> {
    const values: Array<T[K]> = [];
    for (const doc of this.matching(filter)) values.push(cloneValue(doc[field]) as T[K]);
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
    // Collect first, then delete: no change to the indexes while walking them.
    const doomed = [...this.matching(filter)];
    this.transaction((changes) => {
      for (const doc of doomed) this.write(changes, doc[INTERNAL_ID], doc, null);
    });
    return doomed.length;
  }

  async upsertMany(key: keyof T & string, docs: readonly T[]): Promise<void> {
    // Each document replaces the one holding its key, in order, stopping at the first
    // error like an ordered bulk write (the ones before it are written). The key's
    // index finds the holder in O(log n); without one, the lookup scans.
    this.transaction((changes) => {
      for (const doc of docs) {
        const replacement = cloneDoc(doc) as StoredDoc;
        const before = this.first({ [key]: { $eq: replacement[key] } }) ?? null;
        this.write(changes, before ? before[INTERNAL_ID] : this.newId(), before, replacement);
      }
    });
  }

  async createIndex(keys: SortSpec, options: IndexOptions = {}): Promise<void> {
    const index = new OrderedIndex(this.name, keys, options.unique ?? false);
    if (this.indexes.has(index.name)) return;
    const added = index.fields.filter((field) => !this.slots.has(field));
    for (const field of added) this.slots.set(field, this.slots.size);
    if (added.length > 0) for (const doc of this.docs.values()) doc[KEY_VALUES] = this.keyTuple(doc);
    index.useSlots((field) => this.slots.get(field)!);
    // Like MongoDB, refuse to build a unique index over documents that already collide.
    index.build([...this.docs.values()]);
    this.indexes.set(index.name, index);
  }

  /**
   * The stored documents matching `filter`, walking the index that fixes most of its
   * equalities, else all. When the index fixes everything the filter says, its range
   * is the answer and no document is tested (indexed fields hold no arrays here).
   */
  private *matching(filter: Filter): Generator<StoredDoc> {
    const exact = this.exactPlan(filter);
    if (exact) {
      yield* exact.index.walk(exact.prefix, { reverse: false });
      return;
    }
    const query = new Query(filter);
    const points = pointLookupsFor(this.indexes.values(), filter);
    if (points) {
      // Each distinct value once: a value listed twice must not yield its document twice.
      for (const value of new Set(points.values))
        for (const doc of points.index.walk([value], { reverse: false })) if (query.test(doc)) yield doc;
      return;
    }
    const plan = planFor(this.indexes.values(), equalitiesOf(filter));
    const candidates = plan ? plan.index.walk(plan.prefix, { reverse: false }) : this.docs.values();
    for (const doc of candidates) if (query.test(doc)) yield doc;
  }

  /** The index plan whose range is exactly the filter's answer: the filter is nothing but equalities, all fixed by it. */
  private exactPlan(filter: Filter): Plan | undefined {
    const equalities = equalitiesOf(filter);
    const plan = planFor(this.indexes.values(), equalities);
    return plan && equalities.pure && plan.prefix.length === equalities.values.size ? plan : undefined;
  }

  /** The values of every indexed field of `doc`, by slot. */
  private keyTuple(doc: Doc): unknown[] {
    // Pushed in slot order (slots are numbered as fields are added): a packed array, the fastest to read.
    const tuple: unknown[] = [];
    for (const field of this.slots.keys()) tuple.push(indexValueOf(doc, field));
    return tuple;
  }

  private first(filter: Filter): StoredDoc | undefined {
    for (const doc of this.matching(filter)) return doc;
    return undefined;
  }

  /** The shared body of updateOne and findOneAndUpdate: find, update a copy, write; one turn. */
  private updateFirst(filter: Filter, update: Update, upsert: boolean): UpsertChange {
    const stored = this.first(filter);
    if (stored) {
      const next = cloneDoc(stored) as StoredDoc;
      applyUpdate(next, update, false);
      this.transaction((changes) => this.write(changes, stored[INTERNAL_ID], stored, next));
      return { before: stored, after: next, upserted: false };
    }
    if (!upsert) return { before: null, after: null, upserted: false };
    const inserted = seedFromFilter(filter) as StoredDoc;
    applyUpdate(inserted, update, true);
    this.transaction((changes) => this.write(changes, this.newId(), null, inserted));
    return { before: null, after: inserted, upserted: true };
  }

  /**
   * Run one operation's writes, then persist them: if persisting throws, undo them
   * (newest first) so memory never holds what the journal does not. A write that
   * fails inside `body` (a duplicate key) keeps the writes before it, as MongoDB does.
   */
  private transaction(body: (changes: Change[]) => void): void {
    const changes: Change[] = [];
    let failed = false;
    let failure: unknown;
    try {
      body(changes);
    } catch (err) {
      failed = true;
      failure = err;
    }
    if (changes.length > 0 && this.sink) {
      try {
        this.sink.persist(
          this.name,
          changes.map(({ id, after }) => ({ id, doc: after })),
        );
      } catch (err) {
        for (const { id, before, after } of changes.reverse()) this.apply(id, after, before);
        throw err;
      }
    }
    if (failed) throw failure;
  }

  /**
   * The only place stored state changes: check every unique index first, so a
   * refused write changes nothing, then move the index entries and the document.
   */
  private write(changes: Change[], id: number, before: StoredDoc | null, after: StoredDoc | null): void {
    if (after) {
      after[INTERNAL_ID] = id;
      after[KEY_VALUES] = this.keyTuple(after);
      for (const index of this.indexes.values()) index.check(after);
    }
    this.apply(id, before, after);
    changes.push({ id, before, after });
  }

  private apply(id: number, from: StoredDoc | null, to: StoredDoc | null): void {
    for (const index of this.indexes.values()) index.move(from ?? undefined, to ?? undefined);
    if (to) this.docs.set(id, to);
    else this.docs.delete(id);
  }

  private newId(): number {
    this.lastId += 1;
    return this.lastId;
  }
}
