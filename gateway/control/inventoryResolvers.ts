/** Resolvers of the control subgraph for the inventory index. */
import { isTenantPrincipal } from '../../schema/principal';
import { ErrorCode, graphQLError } from '../errors';
import type { InventorySync } from '../inventory/sync';
import type { AccessGuard } from '../isolation/guard';
import { cursorOf, InvalidCursorError } from '../store';
import { knownUnavailable, type NodeInstance, type NodeRegistry } from '../registry';
import type { CloudSyncRecord, IndexedVm, InventoryRepository, VmFilter } from '../store/types';
import type { PowerState, Resolvers } from './generated/graphql';

export interface InventoryDeps {
  inventory: InventoryRepository;
  sync: InventorySync;
  guard: AccessGuard;
  registry: NodeRegistry;
}

/** Whether the cloud's live fields can come from its node now: health-checked, and not known unavailable. */
function answersLive(node: NodeInstance | undefined): boolean {
  return node !== undefined && node.status !== undefined && node.status !== 'UNKNOWN' && knownUnavailable(node) === undefined;
}

/** An edge of a page: the live VM by id, the entry as the index holds it for `lastKnown`. */
interface IndexedEdge {
  cursor: string;
  node: { id: string };
  entry: IndexedVm;
}

const MAX_PAGE = 500;

export function createInventoryResolvers({ inventory, sync, guard, registry }: InventoryDeps): Resolvers {
  // Sync records read once per request, however many edges ask for their last known values.
  const freshnessOf = new WeakMap<object, Promise<Map<string, CloudSyncRecord>>>();
  const freshness = (ctx: object): Promise<Map<string, CloudSyncRecord>> => {
    let records = freshnessOf.get(ctx);
    if (!records) freshnessOf.set(ctx, (records = inventory.freshness().then((all) => new Map(all.map((f) => [f.cloudId, f])))));
    return records;
  };
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
          // The index says whose a VM was at its last sync; the guard says whose it is now (a VM moved, an
          // organization unmapped): a tenant's page leaves out what is no longer its own, id and last known values.
          const mine = await guard.allowsMany(
            ctx.principal,
            page.items.map((vm) => ({ typename: 'VirtualMachine', id: vm.id })),
          );
          return {
            edges: page.items
              .filter((_, i) => mine[i])
              .map((vm): IndexedEdge => ({ cursor: cursorOf(vm, order), node: { id: vm.id }, entry: vm })),
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
    IndexedVmEdge: {
      // Stale when the index could not read the cloud last time, or its node is not UP now:
      // then the live fields are null (and one CLOUD_UNAVAILABLE names the cloud) and these are what a page can show.
      lastKnown: async (edge, _args, ctx) => {
        const { entry } = edge as unknown as IndexedEdge;
        const record = (await freshness(ctx)).get(entry.cloudId);
        const node = registry.find('cloud-node', entry.cloudId);
        return {
          name: entry.name,
          powerState: entry.powerState as PowerState,
          cpuCount: entry.cpuCount,
          memoryMb: entry.memoryMb,
          syncedAt: record?.syncedAt?.toISOString() ?? null,
          stale: !record || record.stale || !answersLive(node),
        };
      },
    },
    CloudFreshness: {
      cloud: (f) => ({ id: f.cloudId }),
      syncedAt: (f) => f.syncedAt?.toISOString() ?? null,
    },
  };
}
