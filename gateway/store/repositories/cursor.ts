/**
 * Keyset cursors of inventory pages. A cursor is the position of one entry in the
 * order, (order field value, id), as base64url JSON, together with the ordering it
 * belongs to. The next page is "entries after that position", never an offset, so
 * entries added or removed before the cursor cannot shift the ones after it.
 */
import { InvalidCursorError } from '../errors';
import type { Doc, SortSpec } from '../collection';
import type { IndexedVm, VmOrderField, VmPageRequest } from '../types';

type Ordering = VmPageRequest['orderBy'];

/** The stored field each order field sorts by. */
const FIELDS: Record<VmOrderField, 'name' | 'id' | 'cpuCount' | 'memoryMb'> = {
  NAME: 'name',
  ID: 'id',
  CPU_COUNT: 'cpuCount',
  MEMORY_MB: 'memoryMb',
};

interface Position {
  value: string | number;
  id: string;
}

/**
 * The sort of a page: the order field, then id to break ties (ids are unique, so
 * the order is total and a position is unambiguous). Both in the same direction, so
 * one (field, id) index serves ASC and DESC.
 */
export function sortOf({ field, direction }: Ordering): SortSpec {
  const dir = direction === 'ASC' ? 1 : -1;
  return field === 'ID' ? { id: dir } : { [FIELDS[field]]: dir, id: dir };
}

/** The opaque cursor of `vm`'s position in `ordering`. */
export function cursorOf(vm: IndexedVm, ordering: Ordering): string {
  const body = { o: ordering.field, d: ordering.direction, v: vm[FIELDS[ordering.field]], i: vm.id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position in a cursor, or InvalidCursorError if it is not a cursor of `ordering`. */
export function decodeCursor(cursor: string, ordering: Ordering): Position {
  let body: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('Invalid cursor: not a cursor issued by this service');
  }
  const { o, d, v, i } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof i !== 'string') throw new InvalidCursorError('Invalid cursor: no position in it');
  if (o !== ordering.field || d !== ordering.direction) {
    throw new InvalidCursorError(
      `Invalid cursor: it belongs to ordering ${String(o)} ${String(d)}, not ${ordering.field} ${ordering.direction}`,
    );
  }
  const numeric = ordering.field === 'CPU_COUNT' || ordering.field === 'MEMORY_MB';
  const valid = numeric ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string';
  if (!valid) throw new InvalidCursorError('Invalid cursor: its position does not fit the ordering');
  return { value: v as string | number, id: i };
}

/**
 * `position` as the keyset position of a page (FindOptions.after): the values of the
 * fields sortOf(ordering) sorts by. The collection returns the entries strictly after it.
 */
export function afterOf(position: Position, { field }: Ordering): Doc {
  return field === 'ID' ? { id: position.id } : { [FIELDS[field]]: position.value, id: position.id };
}
