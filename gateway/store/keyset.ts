/**
 * Keyset positions as a MongoDB filter: "strictly after these sort-key values in this
 * sort order". MongoDB gets it with the page's filter (its planner turns it into an
 * index range); the embedded backend seeks in an ordered index instead and uses this
 * only when no index serves the sort.
 */
import type { Doc, Filter, SortSpec } from './collection';

/**
 * `{ $or: [ {k1: {$gt: v1}}, {k1: v1, k2: {$gt: v2}}, … ] }`, with `$lt` for the
 * descending keys. Every sort key must have a value in `after`, and not null:
 * MongoDB's `$gt`/`$lt` compare only within a type, so a null position matches nothing.
 */
export function keysetFilter(sort: SortSpec, after: Doc): Filter {
  const keys = Object.entries(sort);
  const missing = keys.find(([field]) => !(field in after));
  if (missing) throw new Error(`keyset position has no value for the sort key "${missing[0]}"`);
  const branches = keys.map(([field, direction], i) => {
    const branch: Filter = {};
    for (const [earlier] of keys.slice(0, i)) branch[earlier] = after[earlier];
    branch[field] = { [direction === 1 ? '$gt' : '$lt']: after[field] };
    return branch;
  });
  return branches.length === 1 ? branches[0]! : { $or: branches };
}
