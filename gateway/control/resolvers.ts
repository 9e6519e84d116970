/** All resolvers of the control subgraph, merged per type. */
import type { Resolvers } from './generated/graphql';
import { createRegistryResolvers } from './registryResolvers';
import { createTenantResolvers, type TenancyDeps } from './tenantResolvers';
import { createInventoryResolvers, type InventoryDeps } from './inventoryResolvers';
import { createNodeResolvers, type NodeDeps } from './nodeResolvers';
import { createTransferResolvers, type TransferDeps } from './transferResolvers';
import { createCatalogResolvers, type CatalogResolverDeps } from '../catalogs/resolvers';

export type ControlDeps = TenancyDeps & NodeDeps & InventoryDeps & TransferDeps & CatalogResolverDeps;

export function createControlResolvers(deps: ControlDeps): Resolvers {
  const parts = [
    createRegistryResolvers(deps.registry, deps.guard),
    createTenantResolvers(deps),
    createNodeResolvers(deps),
    createInventoryResolvers(deps),
    createTransferResolvers(deps),
    createCatalogResolvers(deps),
  ];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...merged[type], ...(fields as Record<string, unknown>) };
  }
  return merged as Resolvers;
}
