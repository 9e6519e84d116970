/** Resolvers of the control subgraph for the inventory index. */
import { isTenantPrincipal } from '../../schema/principal';
import { ErrorCode, graphQLError } from '../errors';
import type { InventorySync } from '../inventory/sync';
import type { AccessGuard } from '../isolation/guard';
import { cursorOf, InvalidCursorError } from '../store';
import type { InventoryRepository, VmFilter } from '../store/types';
import type { Resolvers } from './generated/graphql';

export interface InventoryDeps {
  inventory: InventoryRepository;
  sync: InventorySync;
  guard: AccessGuard;
}

const MAX_PAGE = 500;

export function createInventoryResolvers({ inventory, sync, guard }: InventoryDeps): Resolvers {
  return {
    Query: {
      vms: async (_root, { filter, orderBy, first, after }, ctx) => {
        const size = first; // graphql-js fills in the SDL default, and `Int!` refuses null
        if (size < 1 || size > MAX_PAGE) throw graphQLError(ErrorCode.BAD_USER_INPUT, `first must be between 1 and ${MAX_PAGE}`);
        const wanted: VmFilter = Object.fromEntries(Object.entries(filter ?? {}).filter(([, v]) => v !== null && v !== undefined));
        // A tenant pages over its own VMs; asking for another tenant's reads as asking for nothing.
        if (isTenantPrincipal(ctx.principal)) {
          if (wanted.tenantId !== undefined && wanted.tenantId !== ctx.principal.tenantId)
            return { edges: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 };
          wanted.tenantId = ctx.principal.tenantId;
        }
        const order = { field: orderBy?.field ?? 'NAME', direction: orderBy?.direction ?? 'ASC' } as const;
        try {
          const page = await inventory.page({ filter: wanted, orderBy: order, first: size, ...(after ? { after } : {}) });
          return {
            edges: page.items.map((vm) => ({ cursor: cursorOf(vm, order), node: { id: vm.id } })),
            pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
            totalCount: page.totalCount,
          };
        } catch (err) {
          if (err instanceof InvalidCursorError) throw graphQLError(ErrorCode.BAD_USER_INPUT, `"after" is not a cursor of this query`);
          throw err;
        }
      },
      inventoryFreshness: async (_root, _args, { principal }) => {
        const visible = await guard.visibleClouds(principal);
        const records = (await inventory.freshness()).filter((f) => !visible || visible.has(f.cloudId));
        if (!isTenantPrincipal(principal)) return records;
        // A tenant counts its own VMs of a shared cloud (the cloud's total would show other tenants'
        // footprint and its changes), and gets no upstream failure text: `stale` says enough.
        return Promise.all(
          records.map(async (f) => ({
            ...f,
            lastError: null,
            vmCount: await inventory.count({ tenantId: principal.tenantId, cloudId: f.cloudId }),
          })),
        );
      },
    },
    Mutation: {
      syncInventory: () => sync.syncAll(),
    },
    CloudFreshness: {
      cloud: (f) => ({ id: f.cloudId }),
      syncedAt: (f) => f.syncedAt?.toISOString() ?? null,
    },
  };
}
