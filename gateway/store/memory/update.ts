/**
 * Update documents for the embedded backend. mingo executes every update operator
 * ($set, $inc, $max, $unset, …); what mingo leaves to the caller is MongoDB's upsert
 * behaviour, written here: the new document starts from the filter's equality
 * conditions, and `$setOnInsert` (which mingo does not know) applies only then.
 */
import { update as mingoUpdate } from 'mingo';
import type { Modifier } from 'mingo/updater';
import { setValue } from 'mingo/util';
import type { Doc, Filter, Update } from '../collection';
import { cloneDoc } from './clone';

/** Apply `update` to `doc` in place; `inserting` says whether `doc` is a new upsert document. */
export function applyUpdate(doc: Doc, update: Update, inserting: boolean): void {
  const { $setOnInsert, ...operators } = update;
  // Copy the operands: the document must not share objects with the caller's update.
  const modifier = cloneDoc(operators) as Modifier<Doc>;
  if (Object.keys(modifier).length > 0) mingoUpdate(doc, modifier);
  if (inserting && $setOnInsert) mingoUpdate(doc, { $set: cloneDoc($setOnInsert) });
}

/**
 * The document an upsert starts from: every equality condition of the filter
 * (`{ f: v }`, `{ f: { $eq: v } }`, and those inside `$and`), as MongoDB does.
 * Conditions with other operators ($exists, $gt, $regex, …) contribute nothing.
 */
export function seedFromFilter(filter: Filter): Doc {
  const doc: Doc = {};
  addEqualities(doc, filter);
  return cloneDoc(doc);
}

function addEqualities(doc: Doc, filter: Filter): void {
  for (const [path, condition] of Object.entries(filter)) {
    if (path === '$and' && Array.isArray(condition)) {
      for (const part of condition) addEqualities(doc, part as Filter);
    } else if (!path.startsWith('$') && !(condition instanceof RegExp)) {
      // A RegExp value is a pattern match, not an equality.
      if (isOperatorObject(condition)) {
        if ('$eq' in condition) setValue(doc, path, condition.$eq);
      } else {
        setValue(doc, path, condition);
      }
    }
  }
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => key.startsWith('$'));
}
