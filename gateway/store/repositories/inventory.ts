/**
 * The inventory index: every cloud's VMs as last synced, one entry per VM keyed by
 * its global id, plus one sync record per cloud saying how fresh its entries are.
 *
 * Syncs are ordered by generation, issued per cloud before the sync reads it: the
 * outcome of an older read is refused once a newer one is recorded, so a slow sync
 * (or another gateway's) finishing late cannot bring an older state back. Writing a
 * cloud's entries takes a lease on its sync record, so two gateways sharing the store
 * never interleave their diff-and-write phases; the lease expires, so a gateway that
 * dies mid-write blocks the cloud for at most LEASE_MS, and the next sync's diff
 * (against what is stored) completes what it left.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { escapeRegExp } from '../../../schema/values';
import { InvalidPageRequestError } from '../errors';
import type { Collection, Filter } from '../collection';
import type { CloudSyncRecord, IndexedVm, InventoryRepository, SyncOutcome, VmFilter, VmPage, VmPageRequest } from '../types';
import { afterOf, cursorOf, decodeCursor, sortOf } from './cursor';

/** How long a write lease holds: well above writing one cloud's changes, and how long a dead writer can block its cloud. */
const LEASE_MS = 30_000;
/** How often a sync waiting for another sync's lease tries again. */
const POLL_MS = 50;

const SUPERSEDED: SyncOutcome = { applied: false, reason: 'superseded' };

export class CollectionInventoryRepository implements InventoryRepository {
  constructor(
    private readonly vms: Collection<IndexedVm>,
    private readonly syncs: Collection<CloudSyncRecord>,
  ) {}

  /**
   * One atomic upsert: `$inc` gives concurrent callers (on any gateway) distinct,
   * growing generations. A new record starts as a cloud never synced; `$max` gives
   * appliedGeneration 0 to a new record and to one stored before generations existed.
   */
  async beginSync(cloudId: string): Promise<number> {
    const record = await this.syncs.findOneAndUpdate(
      { cloudId },
      {
        $inc: { issuedGeneration: 1 },
        $max: { appliedGeneration: 0 },
        $setOnInsert: { syncedAt: null, stale: false, lastError: null, vmCount: 0 },
      },
      { upsert: true, returnDocument: 'after' },
    );
    // An upsert returning 'after' always has a document; null would be a backend bug.
    if (!record) throw new Error(`Issuing a sync generation for ${cloudId} returned nothing`);
    return record.issuedGeneration;
  }

  /**
   * Claim the cloud, then diff and write only the difference, then record the outcome.
   * The stored entries are read once, after the claim, so the diff is against what the
   * previous writer finished. An unchanged entry is not rewritten, and keeps the
   * `syncedAt` of the sync that last changed it.
   *
   * The entries to delete are found by comparing ids here, then deleted with `$in`,
   * rather than one `{ id: { $nin: ids } }`: the list of deletions is usually short,
   * while `$nin` over every id of a large cloud costs the embedded backend entries ×
   * ids (about 50 s for 20,000 VMs) and makes MongoDB's filter as large as the cloud.
   */
  async applySync(cloudId: string, generation: number, vms: readonly IndexedVm[], syncedAt: Date): Promise<SyncOutcome> {
    const foreign = vms.find((vm) => vm.cloudId !== cloudId);
    // An entry of another cloud would be deleted by that cloud's next sync and come back with this one's.
    if (foreign) throw new Error(`applySync(${cloudId}) was given VM ${foreign.id} of cloud ${foreign.cloudId}`);
    if (!(await this.claim(cloudId, generation))) return SUPERSEDED;
    try {
      const { changed, gone, unchanged } = diff(await this.vms.find({ cloudId }), vms);
      for (const part of chunks(changed)) {
        await this.vms.upsertMany('id', part);
        await yieldToEventLoop();
      }
      for (const part of chunks(gone)) {
        await this.vms.deleteMany({ cloudId, id: { $in: part } });
        await yieldToEventLoop();
      }
      if (!(await this.finish(cloudId, generation, syncedAt, changed.length + unchanged))) return SUPERSEDED;
      return { applied: true, written: changed.length, deleted: gone.length, unchanged };
    } catch (err) {
      // Free the cloud now rather than when the lease expires; if this fails too, expiry does it.
      await this.syncs.updateOne({ cloudId, 'writing.generation': generation }, { $unset: { writing: '' } }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Take the cloud's write lease for `generation` in one conditional update: only while
   * no newer generation is recorded and no other lease is live. A live lease is waited
   * for (it ends, or expires within LEASE_MS). False when a newer generation is
   * recorded (removeCloud records the last issued one, so a sync begun before it is refused).
   */
  private async claim(cloudId: string, generation: number): Promise<boolean> {
    const deadline = Date.now() + LEASE_MS;
    for (;;) {
      const now = new Date();
      const { matchedCount } = await this.syncs.updateOne(
        { cloudId, appliedGeneration: { $lt: generation }, $or: [{ writing: { $exists: false } }, { 'writing.until': { $lte: now } }] },
        { $set: { writing: { generation, until: new Date(now.getTime() + LEASE_MS) } } },
      );
      if (matchedCount === 1) return true;
      const record = await this.syncs.findOne({ cloudId });
      if (!record || record.appliedGeneration >= generation) return false;
      if (Date.now() >= deadline) throw new Error(`applySync(${cloudId}, ${generation}): the write lease stayed taken for ${LEASE_MS} ms`);
      await sleep(POLL_MS);
    }
  }

  /**
   * Record the outcome and end the lease, conditional on still holding it. markStale
   * takes no lease, so a newer failure may have been recorded meanwhile: the entries
   * are still this sync's (its syncedAt and vmCount are recorded) and the stale mark
   * stands. False when the cloud was removed meanwhile: the entries written since are
   * removed too, so the cloud is not left half back.
   */
  private async finish(cloudId: string, generation: number, syncedAt: Date, vmCount: number): Promise<boolean> {
    const held = { cloudId, 'writing.generation': generation };
    const fresh = await this.syncs.updateOne(
      { ...held, appliedGeneration: { $lt: generation } },
      { $set: { appliedGeneration: generation, syncedAt, stale: false, lastError: null, vmCount }, $unset: { writing: '', removed: '' } },
    );
    if (fresh.matchedCount === 1) return true;
    const staleMeanwhile = await this.syncs.updateOne(held, { $set: { syncedAt, vmCount }, $unset: { writing: '' } });
    if (staleMeanwhile.matchedCount === 1) return true;
    if (!(await this.syncs.findOne({ cloudId, removed: { $ne: true } }))) {
      await this.vms.deleteMany({ cloudId });
      return false;
    }
    // Expired and taken by another sync (this write outlasted LEASE_MS), or the cloud was removed and begun again.
    throw new Error(`applySync(${cloudId}, ${generation}) lost its write lease before it finished`);
  }

  /**
   * Entries untouched. No upsert: beginSync created the record (a cloud never synced
   * has syncedAt null, no VMs), and a record removed since stays removed.
   */
  async markStale(cloudId: string, generation: number, error: string): Promise<void> {
    await this.syncs.updateOne(
      { cloudId, appliedGeneration: { $lt: generation } },
      { $set: { stale: true, lastError: error, appliedGeneration: generation } },
    );
  }

  /**
   * Entries first, then the sync record, which is emptied and marked removed rather
   * than deleted: its generations go on from where they were, so a sync begun before
   * the removal stays older than every sync begun after it (deleted, the counter would
   * restart at 1 and an old sync finishing late would win). Interrupted between the
   * two steps, the next call finishes it.
   */
  async removeCloud(cloudId: string): Promise<void> {
    await this.vms.deleteMany({ cloudId });
    const record = await this.syncs.findOne({ cloudId });
    if (!record) return;
    await this.syncs.updateOne(
      { cloudId },
      {
        $set: { removed: true, syncedAt: null, stale: false, lastError: null, vmCount: 0 },
        $max: { appliedGeneration: record.issuedGeneration },
        $unset: { writing: '' },
      },
    );
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
    const position = after === undefined ? undefined : afterOf(decodeCursor(after, orderBy), orderBy);
    const [fetched, totalCount] = await Promise.all([
      this.vms.find(filter, { sort: sortOf(orderBy), limit: first + 1, ...(position ? { after: position } : {}) }),
      this.vms.countDocuments(filter),
    ]);
    const items = fetched.slice(0, first);
    const last = items[items.length - 1];
    return { items, totalCount, endCursor: last ? cursorOf(last, orderBy) : null, hasNextPage: fetched.length > first };
  }

  async count(filter: VmFilter): Promise<number> {
    return this.vms.countDocuments(filterOf(filter));
  }

  /** Clouds with an outcome: a record whose first sync has only begun says nothing yet. */
  async freshness(): Promise<CloudSyncRecord[]> {
    return this.syncs.find({ appliedGeneration: { $gt: 0 }, removed: { $ne: true } }, { sort: { cloudId: 1 } });
  }
}

/** What a sync changes: entries new or different, ids no longer there, and how many entries stay as they are. */
function diff(stored: readonly IndexedVm[], vms: readonly IndexedVm[]): { changed: IndexedVm[]; gone: string[]; unchanged: number } {
  const incoming = new Map(vms.map((vm) => [vm.id, vm]));
  const before = new Map(stored.map((vm) => [vm.id, vm]));
  const changed = [...incoming.values()].filter((vm) => {
    const old = before.get(vm.id);
    return !old || !sameEntry(old, vm);
  });
  const gone = [...before.keys()].filter((id) => !incoming.has(id));
  return { changed, gone, unchanged: incoming.size - changed.length };
}

/**
 * Equal in every field but `syncedAt`, which says when a sync wrote the entry, not
 * what the VM is. Fields are compared with `===`: all are primitives or null today;
 * a field that is not would count as changed every time, a needless write, never a
 * missed change.
 */
function sameEntry(a: IndexedVm, b: IndexedVm): boolean {
  const fields = new Set([...Object.keys(a), ...Object.keys(b)] as Array<keyof IndexedVm>);
  fields.delete('syncedAt');
  return [...fields].every((field) => a[field] === b[field]);
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

/**
 * Writes of a sync go in parts of this many: the embedded backend runs each write
 * synchronously (that is its atomicity), so a 100,000-VM first sync in one call
 * would hold the gateway's event loop for seconds; MongoDB gets bulks of this size.
 * The lease keeps other syncs out between the parts.
 */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) parts.push(items.slice(i, i + CHUNK));
  return parts;
}

/** A macrotask turn, so requests waiting on I/O are served between two parts. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
