/** Resolvers of the control subgraph for the node registry and cross-cloud lookups. */
import type { Resolvers } from './generated/graphql';
import { NODE_KIND_OF } from '../../schema/kinds';
import { parseGlobalId } from '../../schema/ids';
import { ErrorCode, graphQLError } from '../errors';
import { malformedEntityId } from '../ids';
import type { AccessGuard } from '../isolation/guard';
import { nodeId, type NodeRegistry } from '../registry';

export function createRegistryResolvers(registry: NodeRegistry, guard: AccessGuard): Resolvers {
  return {
    Query: {
      nodes: () => [...registry.all()],
      // References only: the cloud-nodes resolve them, batched per cloud by the gateway's routing.
      // An id a tenant may not see is null, exactly like an id of an unknown cloud.
      vmsByIds: async (_root, { ids }, ctx) => {
        const allowed = await guard.allowsMany(
          ctx.principal,
          ids.map((id) => ({ typename: 'VirtualMachine', id })),
        );
        return ids.map((id, i) => {
          // The rule of `vm(id:)`: a malformed id is BAD_USER_INPUT. graphql-js turns an Error in a list
          // into a null item with its error at that item's path, so the other ids still answer.
          const malformed = malformedEntityId('VirtualMachine', id);
          if (malformed) return graphQLError(ErrorCode.BAD_USER_INPUT, malformed) as never;
          const cloudId = parseGlobalId(id)?.cloudId;
          return allowed[i] && cloudId !== undefined && registry.find('cloud-node', cloudId) ? { id } : null;
        });
      },
    },
    Node: {
      __resolveReference: (ref) => registry.get(ref.id) ?? null,
      id: (node) => nodeId(node),
      kind: (node) => NODE_KIND_OF[node.kind],
      cloud: (node) => ({ id: node.cloudId }),
    },
    Cloud: {
      __resolveReference: (ref) => ({ id: ref.id }),
      nodes: (cloud) => registry.all().filter((n) => n.cloudId === cloud.id),
    },
  };
}
