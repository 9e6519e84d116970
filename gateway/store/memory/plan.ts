/**
 * Query planning for the embedded backend: which ordered index serves a filter and
 * a sort. An index serves when its leading fields are all fixed by equalities of
 * the filter and the fields after them are the sort's, in the sort's directions or
 * all reversed. The best such index fixes the most leading fields. What no index
 * serves is scanned (and sorted, when asked): `$regex`, ranges and `$or` are tested
 * on each walked document, never used to narrow the walk.
 */
import type { Filter, SortSpec } from '../collection';
import type { OrderedIndex } from './orderedIndex';

/** The top-level equalities of a filter (`{f: v}`, `{f: {$eq: v}}`, inside `$and` too), and whether that is all it says. */
export interface Equalities {
  values: Map<string, unknown>;
  /** The filter is nothing but these equalities: a count needs no test of each document. */
  pure: boolean;
}

export interface Plan {
  index: OrderedIndex;
  /** Values of the index's leading fields. */
  prefix: unknown[];
  reverse: boolean;
}

function isScalar(value: unknown): boolean {
  return value === null || value instanceof Date || ['string', 'number', 'boolean'].includes(typeof value);
}

export function equalitiesOf(filter: Filter): Equalities {
  const values = new Map<string, unknown>();
  let pure = true;
  const visit = (part: Filter): void => {
    for (const [field, condition] of Object.entries(part)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const sub of condition) visit(sub as Filter);
      } else if (!field.startsWith('$') && (isScalar(condition) || isEqOnly(condition))) {
        const value = isScalar(condition) ? condition : (condition as { $eq: unknown }).$eq;
        // A field fixed twice is left to the filter: the index walks one value, the test checks both.
        if (values.has(field)) pure = false;
        else values.set(field, value);
      } else {
        pure = false;
      }
    }
  };
  visit(filter);
  return { values, pure };
}

function isEqOnly(condition: unknown): condition is { $eq: unknown } {
  if (typeof condition !== 'object' || condition === null) return false;
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0] === '$eq' && isScalar((condition as { $eq: unknown }).$eq);
}

/**
 * A top-level `{ field: { $in: [...] } }` on the leading field of a unique index:
 * one point lookup per value beats walking what the equalities fix (a sync deletes
 * its gone VMs as `{ cloudId, id: { $in: ids } }`, and a cloud can hold 100,000).
 */
export function pointLookupsFor(indexes: Iterable<OrderedIndex>, filter: Filter): { index: OrderedIndex; values: unknown[] } | undefined {
  for (const index of indexes) {
    if (!index.unique || index.fields.length !== 1) continue;
    const condition = filter[index.fields[0]!];
    if (typeof condition !== 'object' || condition === null || !('$in' in condition)) continue;
    const values = (condition as { $in: unknown }).$in;
    if (Array.isArray(values) && values.every(isScalar)) return { index, values };
  }
  return undefined;
}

/** The index that serves `filter` (and `sort`, when given) best, or undefined: scan. */
export function planFor(indexes: Iterable<OrderedIndex>, equalities: Equalities, sort?: SortSpec): Plan | undefined {
  const sortKeys = sort ? Object.entries(sort) : [];
  let best: Plan | undefined;
  for (const index of indexes) {
    let fixed = 0;
    while (fixed < index.fields.length && equalities.values.has(index.fields[fixed]!)) fixed++;
    const reverse = sortKeys.length > 0 && sortKeys[0]![1] !== index.directions[fixed];
    const servesSort = sortKeys.every(
      ([field, direction], i) => index.fields[fixed + i] === field && (index.directions[fixed + i] === direction) !== reverse,
    );
    if (!servesSort || (sortKeys.length === 0 && fixed === 0)) continue;
    if (best && (fixed < best.prefix.length || (fixed === best.prefix.length && index.fields.length >= best.index.fields.length))) continue;
    best = { index, prefix: index.fields.slice(0, fixed).map((field) => equalities.values.get(field)), reverse };
  }
  return best;
}
