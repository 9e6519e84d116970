/**
 * An index of the embedded backend: the stored documents in key order, in a B+ tree
 * (sorted-btree), so a sorted page seeks to its first entry in O(log n) and walks
 * only the entries it returns, instead of sorting the filtered set. The tree's keys
 * are the stored documents themselves, compared by the index fields and then by the
 * internal id, so an index costs one pointer per document, not a copy of its values.
 * The values compared are read from the document's key tuple (KEY_VALUES: every
 * indexed field of the collection, one slot each, kept by the collection), an array
 * read that stays fast where looking fields up by name on every comparison did not.
 * A unique index also refuses a second document with the same key values (E11000).
 *
 * Values compare as mingo compares them (MongoDB's order across types), so a walk
 * of an index returns exactly what mingo's sort would; a missing field counts as
 * null, as in MongoDB's indexes.
 */
import BTree from 'sorted-btree';
import { bulkLoad } from 'sorted-btree/extended/bulkLoad';
import { types } from 'node:util';
import { compare as mingoCompare } from 'mingo/util';
import type { Doc } from '../collection';
import { DuplicateKeyError } from '../errors';

/** The internal id of a stored document, on the document itself (a symbol: never copied out). */
export const INTERNAL_ID = Symbol('internalId');
/** The document's indexed values, by the collection's slot of each indexed field (a symbol: never copied out). */
export const KEY_VALUES = Symbol('keyValues');
/** Range ends: before and after every value of a field (in the index's own order). */
export const LOW = Symbol('low');
export const HIGH = Symbol('high');

export type StoredDoc = Doc & { [INTERNAL_ID]: number; [KEY_VALUES]: unknown[] };
/** A stored document, or a probe: values or range ends in the slots, and an id or a range end. */
interface Key {
  [INTERNAL_ID]: number | typeof LOW | typeof HIGH;
  [KEY_VALUES]: unknown[];
}

/** A field's value as an index sees it: a missing field is null. */
export function indexValueOf(doc: Doc, field: string): unknown {
  const value = doc[field];
  return value === undefined ? null : value;
}

/** mingo's order, with the common same-type cases first (this runs ~20 times per seek). */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === LOW || b === HIGH) return -1;
  if (a === HIGH || b === LOW) return 1;
  if ((typeof a === 'string' && typeof b === 'string') || (typeof a === 'number' && typeof b === 'number')) return a < b ? -1 : 1;
  return mingoCompare(a, b);
}

/**
 * How many documents hold each combination of an index's leading values: a count of
 * equalities that an index fixes is one lookup instead of a walk of its range
 * (250,000 entries for a tenant of a million VMs). Nested maps, one level per field,
 * for all fields but the last two: an index ends with its sort field and the id, and
 * counting every name would cost a node per document (a million VMs ran out of heap).
 */
interface CountNode {
  count: number;
  children: Map<unknown, CountNode>;
}

/** A value as a Map key: Dates by their time (a Date object is a key by identity). */
function countKey(value: unknown): unknown {
  return typeof value === 'object' && value !== null && types.isDate(value) ? `date:${value.getTime()}` : value;
}

/** sorted-btree's default node size, given to bulkLoad too. */
const MAX_NODE_SIZE = 32;

export class OrderedIndex {
  readonly fields: readonly string[];
  /** 1 or -1 per field, as declared. */
  readonly directions: ReadonlyArray<1 | -1>;
  readonly name: string;
  private tree: BTree<Key, undefined>;

  /** The key tuple slot of each field. */
  private slots: readonly number[] = [];
  /** Counts by leading values, to the depth of all fields but the last two. */
  private counts: CountNode = { count: 0, children: new Map() };
  private readonly countDepth: number;

  constructor(
    private readonly collectionName: string,
    keys: Record<string, 1 | -1>,
    readonly unique: boolean,
  ) {
    this.fields = Object.keys(keys);
    this.countDepth = Math.max(0, this.fields.length - 2);
    // Top-level fields only (indexValueOf reads doc[field]): every index the repositories declare is.
    const nested = this.fields.find((field) => field.includes('.'));
    if (nested) throw new Error(`the embedded store indexes top-level fields only, not "${nested}"`);
    this.directions = Object.values(keys);
    this.name = Object.entries(keys)
      .map(([field, direction]) => `${field}_${direction}`)
      .join('_');
    this.tree = new BTree<Key, undefined>(undefined, (a, b) => this.compare(a, b), MAX_NODE_SIZE);
  }

  get size(): number {
    return this.tree.size;
  }

  /** Where each field's value is in the documents' key tuples (set by the collection before the first move). */
  useSlots(slotOf: (field: string) => number): void {
    this.slots = this.fields.map(slotOf);
  }

  /** Throws a DuplicateKeyError if `doc` would share a unique key with a document other than itself (`holder`, when known). */
  check(doc: StoredDoc, known?: StoredDoc): void {
    if (!this.unique) return;
    const probe = this.probe(
      this.fields.map((_, i) => doc[KEY_VALUES][this.slots[i]!]),
      LOW,
    );
    const holder = known ?? this.tree.nextHigherPair(probe)?.[0];
    if (!holder || holder[INTERNAL_ID] === doc[INTERNAL_ID] || !this.samePrefix(holder, probe, this.fields.length)) return;
    const keyValue = Object.fromEntries(this.fields.map((field) => [field, indexValueOf(doc, field)]));
    throw new DuplicateKeyError(
      `E11000 duplicate key error collection: ${this.collectionName} index: ${this.name} dup key: ${JSON.stringify(keyValue)}`,
      keyValue,
    );
  }

  /**
   * Fill an empty index with `docs` at once: one sort and a bulk load, several times
   * faster than inserting them one by one (opening a store of a million VMs builds
   * every index this way). Throws a DuplicateKeyError, building nothing, when a
   * unique index's documents collide.
   */
  build(docs: readonly StoredDoc[]): void {
    if (this.tree.size > 0) throw new Error(`index ${this.name} is not empty`);
    const sorted = [...docs].sort((a, b) => this.compare(a, b));
    // Sorted, colliding documents are neighbours.
    if (this.unique) for (let i = 1; i < sorted.length; i++) this.check(sorted[i]!, sorted[i - 1]!);
    this.tree = bulkLoad<Key, undefined>(sorted, new Array<undefined>(sorted.length), MAX_NODE_SIZE, (a, b) => this.compare(a, b));
    for (const doc of sorted) this.countIn(doc, 1);
  }

  /** Record that a document changed from `before` to `after` (either absent). Call after `check`. */
  move(before: StoredDoc | undefined, after: StoredDoc | undefined): void {
    if (before && this.tree.delete(before as Key)) this.countIn(before, -1);
    if (after && this.tree.set(after as Key, undefined)) this.countIn(after, 1);
  }

  private countIn(doc: StoredDoc, delta: 1 | -1): void {
    let node = this.counts;
    node.count += delta;
    for (let i = 0; i < this.countDepth; i++) {
      const key = countKey(doc[KEY_VALUES][this.slots[i]!]);
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { count: 0, children: new Map() }));
      child.count += delta;
      // An emptied branch goes: values that come and go must not pile up.
      if (child.count === 0) node.children.delete(key);
      node = child;
    }
  }

  /**
   * The documents whose first `prefix.length` fields equal `prefix`, in index order
   * (or reversed), starting strictly after `after` when given: the values of the
   * fields that follow the prefix, as many as the caller's sort names.
   */
  *walk(prefix: readonly unknown[], options: { reverse: boolean; after?: readonly unknown[] }): Generator<StoredDoc> {
    const { reverse, after = [] } = options;
    const end = reverse ? HIGH : LOW;
    const start = this.probe([...prefix, ...after], end);
    const entries = reverse ? this.tree.entriesReversed(start) : this.tree.entries(start);
    const positioned = prefix.length + after.length;
    let skipping = after.length > 0;
    for (const [key] of entries) {
      if (!this.samePrefix(key, start, prefix.length)) return;
      // The entries equal to the position itself come first: "strictly after" skips them.
      if (skipping && this.samePrefix(key, start, positioned)) continue;
      skipping = false;
      yield key as StoredDoc;
    }
  }

  /** How many documents have `prefix` as their first fields' values. */
  count(prefix: readonly unknown[]): number {
    if (prefix.length > this.countDepth) return this.tree.forRange(this.probe(prefix, LOW), this.probe(prefix, HIGH), true);
    let node: CountNode | undefined = this.counts;
    for (const value of prefix) node = node?.children.get(countKey(value));
    return node?.count ?? 0;
  }

  /** A probe key: `values` for the first fields, then `end` for the rest and the id. */
  private probe(values: readonly unknown[], end: typeof LOW | typeof HIGH): Key {
    const tuple: unknown[] = [];
    this.slots.forEach((slot, i) => (tuple[slot] = i < values.length ? values[i] : end));
    return { [INTERNAL_ID]: end, [KEY_VALUES]: tuple };
  }

  private samePrefix(a: Key, b: Key, length: number): boolean {
    for (let i = 0; i < length; i++) {
      const slot = this.slots[i]!;
      if (compareValues(a[KEY_VALUES][slot], b[KEY_VALUES][slot]) !== 0) return false;
    }
    return true;
  }

  private compare(a: Key, b: Key): number {
    const xs = a[KEY_VALUES];
    const ys = b[KEY_VALUES];
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const x = xs[slot];
      const y = ys[slot];
      if (x === y) continue;
      // The common case first: two strings (or two numbers), no range end, no other type.
      if ((typeof x === 'string' && typeof y === 'string') || (typeof x === 'number' && typeof y === 'number')) {
        return (x < y ? -1 : 1) * this.directions[i]!;
      }
      // Range ends are ends in the tree's order, whatever the field's direction.
      if (x === LOW || y === HIGH) return -1;
      if (x === HIGH || y === LOW) return 1;
      const order = compareValues(x, y);
      if (order !== 0) return order * this.directions[i]!;
    }
    return compareValues(a[INTERNAL_ID], b[INTERNAL_ID]);
  }
}
