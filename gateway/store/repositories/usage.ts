/**
 * Hourly usage: one record per (VM, hour), keyed `<vmId>@<hour ISO>`, so every write
 * is an upsert and a replayed, restarted or doubled meter never counts an hour twice.
 *
 * Reads go one calendar month at a time, with the month as an equality: every index
 * of schema.ts leads with the scope's equality (tenant, cloud or VM), then the month,
 * then the sort, so a read seeks straight into one month of one scope and never walks
 * another month's records (the hour range is a range, which neither backend's index
 * walk narrows by; the month equality does). A range covering a whole month needs no
 * hour condition at all, and its count is an index range on the embedded backend.
 */
import { monthOf, monthSegments, monthStartOf, nextMonthStart, type HourRange } from '../../../schema/hours';
import type { UsageRecord } from '../../billing/model';
import type { Collection, Filter, SortSpec } from '../collection';
import { InvalidCursorError, InvalidPageRequestError } from '../errors';
import type { UsagePage, UsageQuery, UsageRepository } from '../types';

/** Records per write: about a tenth of a second of the embedded backend's event loop. */
const WRITE_PART = 500;

/** Records per scan batch unless asked otherwise. */
const DEFAULT_BATCH = 1000;

interface Position {
  hour: Date;
  vmId: string;
}

export class CollectionUsageRepository implements UsageRepository {
  constructor(private readonly records: Collection<UsageRecord>) {}

  /**
   * In parts of WRITE_PART: the embedded backend runs each write synchronously (its
   * atomicity), and a record costs it a few tenths of a millisecond with usage's eight
   * indexes, so a day of a large cloud in one call would hold the event loop for
   * seconds. Each part's records are replaced atomically one by one; an interrupted
   * call leaves some written, which the meter's next run writes again.
   */
  async upsert(records: readonly UsageRecord[]): Promise<void> {
    for (let i = 0; i < records.length; i += WRITE_PART) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      await this.records.upsertMany('key', records.slice(i, i + WRITE_PART));
    }
  }

  /**
   * Month by month, and within a month (vmId, hour) keyset batches: each batch is a
   * seek after the last record of the one before, so memory holds one batch, and
   * records upserted meanwhile neither repeat nor shift the ones after the position.
   */
  async *scan(query: UsageQuery, batchSize = DEFAULT_BATCH): AsyncIterable<UsageRecord[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new InvalidPageRequestError(`batchSize must be a positive integer, got ${batchSize}`);
    // With the VM fixed, (vmId, hour) is (hour): sorting by the fixed field too would keep the (vmId, month, hour) index from serving.
    const sort: SortSpec = query.vmId !== undefined ? { hour: 1 } : { vmId: 1, hour: 1 };
    for (const segment of monthSegments(query)) {
      const filter = filterOf(query, segment);
      let after: Position | undefined;
      for (;;) {
        const batch = await this.records.find(filter, {
          sort,
          limit: batchSize,
          ...(after ? { after: { vmId: after.vmId, hour: after.hour } } : {}),
        });
        if (batch.length > 0) yield batch;
        if (batch.length < batchSize) break;
        const last = batch[batch.length - 1]!;
        after = { vmId: last.vmId, hour: last.hour };
      }
    }
  }

  /**
   * One page in (hour, vmId) order, read month by month from the cursor's month until
   * `first + 1` records are found (the extra one says whether more follow).
   */
  async page(query: UsageQuery, first: number, after?: string): Promise<UsagePage> {
    if (!Number.isInteger(first) || first < 0) throw new InvalidPageRequestError(`first must be a non-negative integer, got ${first}`);
    const position = after === undefined ? undefined : decodeCursor(after);
    const sort: SortSpec = query.vmId !== undefined ? { hour: 1 } : { hour: 1, vmId: 1 };
    const fetched: UsageRecord[] = [];
    for (const segment of monthSegments(query)) {
      if (position && segment.end <= position.hour) continue;
      // From the cursor, or else from just before the segment's first hour: a keyset seek, so a
      // range starting mid-month does not walk the month's earlier hours (a range is no seek).
      const from = position && position.hour >= segment.start ? position : { hour: new Date(segment.start.getTime() - 1), vmId: '' };
      const after = { hour: from.hour, vmId: from.vmId };
      fetched.push(...(await this.records.find(filterOf(query, segment), { sort, limit: first + 1 - fetched.length, after })));
      if (fetched.length > first) break;
    }
    const records = fetched.slice(0, first);
    const last = records[records.length - 1];
    return { records, endCursor: last ? cursorOf(last) : null, hasNextPage: fetched.length > first };
  }

  async count(query: UsageQuery): Promise<number> {
    let total = 0;
    for (const segment of monthSegments(query)) total += await this.records.countDocuments(filterOf(query, segment));
    return total;
  }
}

/** The filter of one month of a query: the month as an equality, the hour range only when the segment is not the whole month. */
function filterOf({ tenantId, cloudId, vmId }: UsageQuery, segment: HourRange): Filter {
  const filter: Filter = { month: monthOf(segment.start) };
  if (tenantId !== undefined) filter.tenantId = tenantId;
  if (cloudId !== undefined) filter.cloudId = cloudId;
  if (vmId !== undefined) filter.vmId = vmId;
  const wholeMonth =
    segment.start.getTime() === monthStartOf(segment.start).getTime() && segment.end.getTime() === nextMonthStart(segment.start).getTime();
  if (!wholeMonth) filter.hour = { $gte: segment.start, $lt: segment.end };
  return filter;
}

/** A page's position, (hour, vmId), as base64url JSON: opaque to clients. */
function cursorOf(record: UsageRecord): string {
  return Buffer.from(JSON.stringify({ h: record.hour.toISOString(), v: record.vmId }), 'utf8').toString('base64url');
}

/** The position in a cursor, or InvalidCursorError when it is not one this repository issued. */
function decodeCursor(cursor: string): Position {
  let body: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('Invalid cursor: not a cursor issued by this service');
  }
  const { h, v } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const hour = typeof h === 'string' ? new Date(h) : undefined;
  if (!hour || Number.isNaN(hour.getTime()) || typeof v !== 'string')
    throw new InvalidCursorError('Invalid cursor: no usage position in it');
  return { hour, vmId: v };
}
