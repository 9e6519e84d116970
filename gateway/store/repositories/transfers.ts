/**
 * Transfers and their checkpoints (gateway/transfers/). Every write is one atomic
 * conditional update, so that replicas hearing the same report, or racing to end the
 * same transfer, leave one consistent record: a report only moves things forward, and
 * an ending happens once.
 */
import type { TransferPhase } from '../../../schema/transfers';
import type { Collection, Filter } from '../collection';
import type { StoredTransfer, TransferProgressUpdate, TransferRepository } from '../types';

const running = (id: string, from: readonly TransferPhase[] | undefined): Filter => ({
  id,
  state: 'RUNNING',
  ...(from ? { phase: { $in: [...from] } } : {}),
});

export class CollectionTransferRepository implements TransferRepository {
  constructor(private readonly transfers: Collection<StoredTransfer>) {}

  async create(record: StoredTransfer): Promise<void> {
    // An upsert that only inserts: the unique id index refuses a second one.
    const existing = await this.transfers.findOneAndUpdate(
      { id: record.id },
      { $setOnInsert: { ...record } },
      { upsert: true, returnDocument: 'before' },
    );
    if (existing) throw new Error(`transfer ${record.id} exists`);
  }

  async get(id: string): Promise<StoredTransfer | null> {
    return this.transfers.findOne({ id });
  }

  async list(filter: { tenantId?: string }, first: number): Promise<StoredTransfer[]> {
    return this.transfers.find(filter.tenantId !== undefined ? { tenantId: filter.tenantId } : {}, {
      sort: { createdAt: -1, id: -1 },
      limit: first,
    });
  }

  async running(): Promise<StoredTransfer[]> {
    return this.transfers.find({ state: 'RUNNING' }, { sort: { state: 1, id: 1 } });
  }

  async transition(
    id: string,
    from: readonly TransferPhase[] | undefined,
    fields: Partial<StoredTransfer>,
  ): Promise<StoredTransfer | null> {
    return this.transfers.findOneAndUpdate(running(id, from), { $set: { ...fields } }, { returnDocument: 'after' });
  }

  async progress(id: string, from: readonly TransferPhase[], update: TransferProgressUpdate): Promise<StoredTransfer | null> {
    const { fileIndex, offset } = update.checkpoint;
    // The checkpoint first, only forward (or the same place, which may carry the adapter's newer state).
    await this.transfers.updateOne(
      {
        ...running(id, from),
        $or: [
          { checkpoint: null },
          { 'checkpoint.fileIndex': { $lt: fileIndex } },
          { 'checkpoint.fileIndex': fileIndex, 'checkpoint.offset': { $lte: offset } },
        ],
      },
      { $set: { checkpoint: update.checkpoint } },
    );
    return this.transfers.findOneAndUpdate(
      running(id, from),
      {
        $max: { bytesDone: update.bytesDone, [`sentByRun.${update.run}`]: update.bytesSent, lastProgressAt: update.at },
        $set: {
          phase: update.phase,
          bytesTotal: update.bytesTotal,
          rateBytesPerSec: update.rateBytesPerSec,
          error: update.error,
          updatedAt: update.at,
        },
      },
      { returnDocument: 'after' },
    );
  }

  async resumed(id: string, from: readonly TransferPhase[], resumes: number, at: Date): Promise<StoredTransfer | null> {
    return this.transfers.findOneAndUpdate(
      { ...running(id, from), resumes },
      { $inc: { resumes: 1 }, $set: { [`sentByRun.${resumes + 1}`]: 0, lastProgressAt: at, updatedAt: at, rateBytesPerSec: 0 } },
      { returnDocument: 'after' },
    );
  }
}
