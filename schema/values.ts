/** Small value helpers both sides of the wire use: reading untrusted JSON, freezing validated configuration. */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `value` with every object and array in it frozen: a nested one left
 * writable would let one module change what all the others were validated against.
 * A copy, because a validator may pass values through as they are (zod keeps the
 * rest of an inline JWK), and those are still the caller's.
 */
export function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (isRecord(value)) return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, child]) => [key, frozenCopy(child)]))) as T;
  return value;
}

/** `text` as a regular expression that matches it literally (`.` or `(` included). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
