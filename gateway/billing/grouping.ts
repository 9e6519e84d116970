/** Grouping that keeps order: what charges (per VM, VDC and tenant) and their views (per cloud, per VDC) both need. */

/** The items by `key`, groups in the order their first item came, items in their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let group = groups.get(k);
    if (!group) groups.set(k, (group = []));
    group.push(item);
  }
  return [...groups];
}
