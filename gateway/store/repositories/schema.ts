/**
 * Collection names and indexes, declared once for both backends. Every collection
 * has a unique index on its natural key: that is what makes the repositories'
 * upserts idempotent (a retried or concurrent write of the same key updates the one
 * document instead of adding a second) and what MongoDB needs to retry a racing
 * upsert itself. The embedded backend enforces the unique ones; the others only
 * serve the embedded backend's query planner (memory/plan.ts) and MongoDB's.
 */
import type { Database, SortSpec } from '../collection';
import { CatalogCollections } from './catalogs';

export const Collections = {
  nodes: 'nodes',
  registrationTokens: 'registrationTokens',
  nodeConfigs: 'nodeConfigs',
  inventory: 'inventoryVms',
  cloudSyncs: 'inventoryCloudSyncs',
  orgMappings: 'orgMappings',
  discoveredOrgs: 'discoveredOrgs',
  ownership: 'orgOwnership',
  usage: 'usageHours',
  meteredHours: 'meteredHours',
  rateCards: 'rateCards',
  invoices: 'invoices',
  billingPeriods: 'billingPeriods',
  transfers: 'transfers',
  catalogs: CatalogCollections.catalogs,
  catalogSubscriptions: CatalogCollections.subscriptions,
  catalogCopies: CatalogCollections.copies,
} as const;

interface IndexDeclaration {
  collection: string;
  keys: SortSpec;
  unique?: boolean;
}

/**
 * Inventory pages sort by (field, id) in one direction, so one compound index per
 * order field serves both ASC and DESC (walked backwards); the filtered ones lead
 * with the equalities pages and counts carry (tenant, tenant and power state, cloud,
 * power state), so a page seeks to its first entry and a count of those filters is
 * a range. The same declarations are the embedded backend's ordered indexes and
 * MongoDB's. What none serves is stated in the README: `nameContains` (a substring)
 * and combinations that fix no leading field are tested entry by entry.
 */
const INDEXES: readonly IndexDeclaration[] = [
  { collection: Collections.nodes, keys: { id: 1 }, unique: true },
  { collection: Collections.registrationTokens, keys: { tokenHash: 1 }, unique: true },
  { collection: Collections.nodeConfigs, keys: { nodeId: 1 }, unique: true },
  { collection: Collections.inventory, keys: { id: 1 }, unique: true },
  { collection: Collections.inventory, keys: { name: 1, id: 1 } },
  { collection: Collections.inventory, keys: { cpuCount: 1, id: 1 } },
  { collection: Collections.inventory, keys: { memoryMb: 1, id: 1 } },
  { collection: Collections.inventory, keys: { cloudId: 1, name: 1, id: 1 } },
  { collection: Collections.inventory, keys: { powerState: 1, name: 1, id: 1 } },
  { collection: Collections.inventory, keys: { tenantId: 1, name: 1, id: 1 } },
  { collection: Collections.inventory, keys: { tenantId: 1, powerState: 1, name: 1, id: 1 } },
  // A tenant's pages carry its tenantId always (the guard adds it): every order of theirs has an index.
  { collection: Collections.inventory, keys: { tenantId: 1, cpuCount: 1, id: 1 } },
  { collection: Collections.inventory, keys: { tenantId: 1, memoryMb: 1, id: 1 } },
  { collection: Collections.cloudSyncs, keys: { cloudId: 1 }, unique: true },
  { collection: Collections.orgMappings, keys: { orgId: 1 }, unique: true },
  { collection: Collections.discoveredOrgs, keys: { orgId: 1 }, unique: true },
  { collection: Collections.ownership, keys: { orgId: 1 }, unique: true },
  { collection: Collections.ownership, keys: { cloudId: 1, orgId: 1 } },
  // Usage reads go a month at a time with the month as an equality (repositories/usage.ts):
  // the scope's equality leads, then the month, then the order, so a read seeks into one
  // month of one scope. scan: (month, vmId, hour); page: (month, hour, vmId); a VM's own
  // reads sort by hour alone.
  { collection: Collections.usage, keys: { key: 1 }, unique: true },
  { collection: Collections.usage, keys: { month: 1, vmId: 1, hour: 1 } },
  { collection: Collections.usage, keys: { tenantId: 1, month: 1, vmId: 1, hour: 1 } },
  { collection: Collections.usage, keys: { cloudId: 1, month: 1, vmId: 1, hour: 1 } },
  { collection: Collections.usage, keys: { month: 1, hour: 1, vmId: 1 } },
  { collection: Collections.usage, keys: { tenantId: 1, month: 1, hour: 1, vmId: 1 } },
  { collection: Collections.usage, keys: { cloudId: 1, month: 1, hour: 1, vmId: 1 } },
  { collection: Collections.usage, keys: { vmId: 1, month: 1, hour: 1 } },
  { collection: Collections.meteredHours, keys: { key: 1 }, unique: true },
  { collection: Collections.meteredHours, keys: { cloudId: 1, hour: 1 } },
  { collection: Collections.rateCards, keys: { id: 1 }, unique: true },
  { collection: Collections.invoices, keys: { id: 1 }, unique: true },
  { collection: Collections.invoices, keys: { month: -1, tenantId: 1 } },
  { collection: Collections.invoices, keys: { tenantId: 1, month: -1 } },
  { collection: Collections.billingPeriods, keys: { month: 1 }, unique: true },
  // Lists go newest first, a tenant's with its tenantId as the equality; resumes read the RUNNING ones.
  { collection: Collections.transfers, keys: { id: 1 }, unique: true },
  { collection: Collections.transfers, keys: { createdAt: -1, id: -1 } },
  { collection: Collections.transfers, keys: { tenantId: 1, createdAt: -1, id: -1 } },
  { collection: Collections.transfers, keys: { state: 1, id: 1 } },
  { collection: Collections.catalogs, keys: { id: 1 }, unique: true },
  { collection: Collections.catalogs, keys: { cloudId: 1, name: 1 }, unique: true },
  { collection: Collections.catalogSubscriptions, keys: { id: 1 }, unique: true },
  { collection: Collections.catalogSubscriptions, keys: { catalogId: 1, cloudId: 1 }, unique: true },
  { collection: Collections.catalogSubscriptions, keys: { cloudId: 1, targetCatalog: 1 }, unique: true },
  { collection: Collections.catalogCopies, keys: { key: 1 }, unique: true },
  { collection: Collections.catalogCopies, keys: { subscriptionId: 1, name: 1 } },
];

/** Create every index (idempotent: run at every start). */
export async function ensureIndexes(db: Database): Promise<void> {
  for (const index of INDEXES) {
    await db.collection(index.collection).createIndex(index.keys, { unique: index.unique ?? false });
  }
}
