/**
 * Collection names and indexes, declared once for both backends. Every collection
 * has a unique index on its natural key: that is what makes the repositories'
 * upserts idempotent (a retried or concurrent write of the same key updates the one
 * document instead of adding a second) and what MongoDB needs to retry a racing
 * upsert itself. The embedded backend enforces the unique ones; the others only
 * serve MongoDB's query planner.
 */
import type { Database, SortSpec } from '../collection';

export const Collections = {
  nodes: 'nodes',
  registrationTokens: 'registrationTokens',
  nodeConfigs: 'nodeConfigs',
  inventory: 'inventoryVms',
  cloudSyncs: 'inventoryCloudSyncs',
} as const;

interface IndexDeclaration {
  collection: string;
  keys: SortSpec;
  unique?: boolean;
}

/**
 * Inventory pages sort by (field, id) in one direction, so one compound index per
 * order field serves both ASC and DESC (MongoDB walks it backwards); the filtered
 * ones lead with the equality field most pages of a tenant or cloud carry.
 */
const INDEXES: readonly IndexDeclaration[] = [
  { collection: Collections.nodes, keys: { id: 1 }, unique: true },
  { collection: Collections.registrationTokens, keys: { tokenHash: 1 }, unique: true },
  { collection: Collections.nodeConfigs, keys: { nodeId: 1 }, unique: true },
  { collection: Collections.inventory, keys: { id: 1 }, unique: true },
  { collection: Collections.inventory, keys: { name: 1, id: 1 } },
  { collection: Collections.inventory, keys: { cpuCount: 1, id: 1 } },
  { collection: Collections.inventory, keys: { memoryMb: 1, id: 1 } },
  { collection: Collections.inventory, keys: { cloudId: 1, id: 1 } },
  { collection: Collections.inventory, keys: { tenantId: 1, name: 1, id: 1 } },
  { collection: Collections.cloudSyncs, keys: { cloudId: 1 }, unique: true },
];

/** Create every index (idempotent: run at every start). */
export async function ensureIndexes(db: Database): Promise<void> {
  for (const index of INDEXES) {
    await db.collection(index.collection).createIndex(index.keys, { unique: index.unique ?? false });
  }
}
