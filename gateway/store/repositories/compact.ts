/**
 * Drop `undefined` fields before a write. Optional record fields (lastSeen,
 * latencyMs, usedAt) are absent when unknown; without this an `undefined` could
 * reach the driver, which (without ignoreUndefined) stores null, and a later
 * `$exists: false` test (token consumption) would go wrong.
 */
export function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
