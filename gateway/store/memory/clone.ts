/**
 * Copies documents into and out of the embedded backend, so no caller ever holds a
 * reference into stored state (MongoDB gives the same guarantee by serializing).
 * The copy keeps what BSON keeps: Dates stay Dates, and fields whose value is
 * `undefined` are dropped, as the driver does with `ignoreUndefined` (which the
 * MongoDB backend sets), so both backends store the same thing.
 */
import { types } from 'node:util';

/** A deep copy of a BSON-compatible value with BSON's treatment of `undefined`. */
export function cloneValue(value: unknown): unknown {
  // types.isDate, not instanceof: a document read back from the journal (node:v8) may come
  // from another realm's Date (jest's sandbox has its own); the copy is always this realm's.
  if (types.isDate(value)) return new Date(value.getTime());
  if (types.isRegExp(value)) return new RegExp(value.source, value.flags);
  // BSON has no undefined inside arrays either: the driver writes null there.
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : cloneValue(item)));
  if (typeof value === 'object' && value !== null) return cloneDoc(value as Record<string, unknown>);
  return value;
}

/** A deep copy of a document without its `undefined` (and function-valued) fields. */
export function cloneDoc<T extends object>(doc: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (value === undefined || typeof value === 'function') continue;
    copy[key] = cloneValue(value);
  }
  return copy as T;
}
