/** Resolvers of the control subgraph for node registration, health and configuration. */
import { isCloudId } from '../../schema/ids';
import { NODE_KIND_OF, shardedKindOf } from '../../schema/kinds';
import { ErrorCode, graphQLError } from '../errors';
import type { InventorySync } from '../inventory/sync';
import type { ConfigUpdates } from '../nodes/configUpdates';
import { InvalidSettingsError } from '../nodes/configUpdates';
import type { LiveRegistry } from '../nodes/liveRegistry';
import type { Registration } from '../nodes/registration';
import { nodeId, type NodeInstance } from '../registry';
import type { NodeConfigRepository } from '../store/types';
import type { Resolvers } from './generated/graphql';

export interface NodeDeps {
  registry: LiveRegistry;
  registration: Registration;
  configUpdates: ConfigUpdates;
  configs: NodeConfigRepository;
  sync: InventorySync;
}

const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 7 * 24 * 3600;

export function createNodeResolvers({ registry, registration, configUpdates, configs, sync }: NodeDeps): Resolvers {
  const nodeOrFail = (id: string): NodeInstance => {
    const node = registry.get(id);
    if (!node) throw graphQLError(ErrorCode.NOT_FOUND, `Node "${id}" not found`);
    return node;
  };
  const configure = async (node: NodeInstance, settings: Record<string, unknown>) => {
    try {
      return await configUpdates.post(node, settings);
    } catch (err) {
      if (err instanceof InvalidSettingsError) throw graphQLError(ErrorCode.BAD_USER_INPUT, err.message);
      throw err;
    }
  };

  return {
    Query: {
      node: (_root, { id }) => nodeOrFail(id),
    },
    Mutation: {
      createRegistrationToken: (_root, { cloudId, kind, ttlSeconds }) => {
        if (!isCloudId(cloudId)) throw graphQLError(ErrorCode.BAD_USER_INPUT, `"${cloudId}" is not a cloudId (a slug of [a-z0-9-])`);
        // graphql-js fills in the SDL default, and `Int!` refuses null.
        if (ttlSeconds < MIN_TTL_SECONDS || ttlSeconds > MAX_TTL_SECONDS) {
          throw graphQLError(ErrorCode.BAD_USER_INPUT, `ttlSeconds must be between ${MIN_TTL_SECONDS} and ${MAX_TTL_SECONDS}`);
        }
        return registration.createToken(cloudId, shardedKindOf(kind), ttlSeconds);
      },
      deregisterNode: async (_root, { id }) => {
        const node = nodeOrFail(id);
        if (node.origin !== 'REGISTERED')
          throw graphQLError(ErrorCode.BAD_USER_INPUT, `Node "${id}" is in the configuration file; remove it there`);
        const forgotten = await registration.deregister(id);
        // A cloud left without a cloud-node leaves the inventory index now, not at the next sync.
        await sync.forgetIfUnserved(node.cloudId);
        return forgotten;
      },
      configureNode: (_root, { id, settings }) => configure(nodeOrFail(id), settings),
      configureNodes: (_root, { kind, settings }) =>
        Promise.all(registry.list(shardedKindOf(kind)).map((node) => configure(node, settings))),
    },
    Node: {
      status: (node) => node.status ?? 'UNKNOWN',
      lastSeen: (node) => node.lastSeen?.toISOString() ?? null,
      latencyMs: (node) => node.latencyMs ?? null,
      cloudReachable: (node) => node.cloudReachable ?? null,
      cloudLatencyMs: (node) => node.cloudLatencyMs ?? null,
      version: (node) => node.version ?? null,
      origin: (node) => node.origin ?? 'CONFIGURED',
      config: (node) => configs.get(nodeId(node)),
    },
    NodeConfig: {
      updatedAt: (config) => config.updatedAt.toISOString(),
    },
    RegistrationToken: {
      kind: (token) => NODE_KIND_OF[token.kind],
      expiresAt: (token) => token.expiresAt.toISOString(),
    },
  };
}
