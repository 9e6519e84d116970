/** The node registry: one record per node instance, keyed by `<cloudId>/<kind>`. */
import type { Collection } from '../collection';
import type { NodeHealthUpdate, NodeRecord, NodeRepository } from '../types';
import { compact } from './compact';

export class CollectionNodeRepository implements NodeRepository {
  constructor(private readonly nodes: Collection<NodeRecord>) {}

  /** Replace by the natural key `id`: a node registering twice (or a retried write) is one record. */
  async upsert(node: NodeRecord): Promise<void> {
    await this.nodes.upsertMany('id', [compact(node)]);
  }

  async get(id: string): Promise<NodeRecord | null> {
    return this.nodes.findOne({ id });
  }

  /** Every node, by id, so callers see a stable order. */
  async list(): Promise<NodeRecord[]> {
    return this.nodes.find({}, { sort: { id: 1 } });
  }

  async remove(id: string): Promise<boolean> {
    return (await this.nodes.deleteMany({ id })) > 0;
  }

  /**
   * Set the fields given and leave the others: a node found DOWN keeps the
   * `lastSeen`, `latencyMs` and cloud report of when it was last up. A field given as
   * null is removed (a node that stopped reporting its cloud). An unknown id is
   * ignored (no upsert): health must not resurrect a node that was removed meanwhile.
   */
  async setHealth(id: string, health: NodeHealthUpdate): Promise<void> {
    const cleared = Object.entries(health).filter(([, value]) => value === null);
    const set = compact(Object.fromEntries(Object.entries(health).filter(([, value]) => value !== null)));
    await this.nodes.updateOne(
      { id },
      { $set: set, ...(cleared.length ? { $unset: Object.fromEntries(cleared.map(([key]) => [key, ''] as const)) } : {}) },
    );
  }
}
