/** Configuration posted to nodes, versioned per node, with the version each node applied. */
import type { Collection } from '../collection';
import type { NodeConfigRecord, NodeConfigRepository } from '../types';

export class CollectionNodeConfigRepository implements NodeConfigRepository {
  constructor(private readonly configs: Collection<NodeConfigRecord>) {}

  /**
   * One atomic upsert on the natural key nodeId: `$inc` makes concurrent posts get
   * distinct consecutive versions (1 for the first: $inc on a missing field sets it),
   * and `appliedVersion` starts at 0 only when the record is created and is never
   * touched by a post.
   */
  async post(nodeId: string, settings: Record<string, unknown>, now: Date): Promise<NodeConfigRecord> {
    const record = await this.configs.findOneAndUpdate(
      { nodeId },
      { $inc: { version: 1 }, $set: { settings, updatedAt: now }, $setOnInsert: { appliedVersion: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    // An upsert returning 'after' always has a document; null would be a backend bug.
    if (!record) throw new Error(`Storing the configuration of ${nodeId} returned nothing`);
    return record;
  }

  async get(nodeId: string): Promise<NodeConfigRecord | null> {
    return this.configs.findOne({ nodeId });
  }

  /**
   * `$max` never moves appliedVersion backwards (a late, older acknowledgement is a
   * no-op), and the filter `version >= acknowledged` keeps it from ever passing the
   * version actually posted. An acknowledgement for an unknown node or an unposted
   * version changes nothing; both are one atomic update.
   */
  async acknowledge(nodeId: string, version: number): Promise<void> {
    await this.configs.updateOne({ nodeId, version: { $gte: version } }, { $max: { appliedVersion: version } });
  }
}
