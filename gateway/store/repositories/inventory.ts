/**
 * The inventory index: every cloud's VMs as last synced, one entry per VM keyed by
 * its global id, plus one sync record per cloud saying how fresh its entries are.
 */
import { escapeRegExp } from '../../../schema/values';
import { InvalidPageRequestError } from '../errors';
import type { Collection, Filter } from '../collection';
import type { CloudSyncRecord, IndexedVm, InventoryRepository, VmFilter, VmPage, VmPageRequest } from '../types';
import { afterFilter, cursorOf, decodeCursor, sortOf } from './cursor';

export class CollectionInventoryRepository implements InventoryRepository {
  constructor(
    private readonly vms: Collection<IndexedVm>,
    private readonly syncs: Collection<CloudSyncRecord>,
  ) {}

  /**
   * Idempotent steps, each safe to repeat: upsert every VM by its natural key `id`;
   * delete the cloud's entries whose id is not among them; upsert the cloud's sync
   * record by `cloudId`. A sync interrupted between steps is completed by the next
   * one; running the same sync twice leaves the same state. Entries are stored as
   * given (their own `syncedAt` included).
   *
   * The entries to delete are found by reading the cloud's ids and comparing here,
   * then deleted with `$in`, rather than one `{ id: { $nin: ids } }`: the list
   * of deletions is usually short, while `$nin` over every id of a large cloud costs
   * the embedded backend entries × ids (about 50 s for 20,000 VMs) and makes
   * MongoDB's filter as large as the cloud.
   */
  async replaceCloud(cloudId: string, vms: readonly IndexedVm[], syncedAt: Date): Promise<void> {
    const foreign = vms.find((vm) => vm.cloudId !== cloudId);
    // An entry of another cloud would be deleted by that cloud's next sync and come back with this one's.
    if (foreign) throw new Error(`replaceCloud(${cloudId}) was given VM ${foreign.id} of cloud ${foreign.cloudId}`);
    const ids = new Set(vms.map((vm) => vm.id));
    await this.vms.upsertMany('id', vms);
    const gone = (await this.vms.values('id', { cloudId })).filter((id) => !ids.has(id));
    if (gone.length > 0) await this.vms.deleteMany({ cloudId, id: { $in: gone } });
    await this.syncs.updateOne({ cloudId }, { $set: { syncedAt, stale: false, lastError: null, vmCount: ids.size } }, { upsert: true });
  }

  /** Entries untouched; a cloud never synced gets a record too (syncedAt null, no VMs). */
  async markStale(cloudId: string, error: string): Promise<void> {
    await this.syncs.updateOne(
      { cloudId },
      { $set: { stale: true, lastError: error }, $setOnInsert: { syncedAt: null, vmCount: 0 } },
      { upsert: true },
    );
  }

  /**
   * Entries first, then the sync record: interrupted between the two, the record is
   * left with no entries, and the next call (or the sync's pruning) finishes it.
   */
  async removeCloud(cloudId: string): Promise<void> {
    await this.vms.deleteMany({ cloudId });
    await this.syncs.deleteMany({ cloudId });
  }

  /**
   * One page in keyset order: the entries after the cursor's position, first + 1 of
   * them to learn whether more follow. totalCount counts the whole filter, cursor or
   * not. The two reads are separate, so a sync between them can make totalCount
   * differ from what paging finds by that sync's changes.
   */
  async page(request: VmPageRequest): Promise<VmPage> {
    const { first, orderBy, after } = request;
    if (!Number.isInteger(first) || first < 0) throw new InvalidPageRequestError(`first must be a non-negative integer, got ${first}`);
    const filter = filterOf(request.filter);
    const position = after === undefined ? undefined : decodeCursor(after, orderBy);
    const pageFilter = position ? { $and: [filter, afterFilter(position, orderBy)] } : filter;
    const [fetched, totalCount] = await Promise.all([
      this.vms.find(pageFilter, { sort: sortOf(orderBy), limit: first + 1 }),
      this.vms.countDocuments(filter),
    ]);
    const items = fetched.slice(0, first);
    const last = items[items.length - 1];
    return { items, totalCount, endCursor: last ? cursorOf(last, orderBy) : null, hasNextPage: fetched.length > first };
  }

  async count(filter: VmFilter): Promise<number> {
    return this.vms.countDocuments(filterOf(filter));
  }

  async freshness(): Promise<CloudSyncRecord[]> {
    return this.syncs.find({}, { sort: { cloudId: 1 } });
  }
}

/** Exact matches, and the name as a case-insensitive substring. */
function filterOf({ tenantId, cloudId, powerState, nameContains }: VmFilter): Filter {
  const filter: Filter = {};
  if (tenantId !== undefined) filter.tenantId = tenantId;
  if (cloudId !== undefined) filter.cloudId = cloudId;
  if (powerState !== undefined) filter.powerState = powerState;
  // Escaped: the user's text is matched literally, "." or "(" included.
  if (nameContains !== undefined && nameContains !== '') filter.name = { $regex: escapeRegExp(nameContains), $options: 'i' };
  return filter;
}
