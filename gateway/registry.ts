/**
 * The node registry's contract (gateway/nodes/liveRegistry.ts implements it): which
 * node instance serves which cloud for which kind, at which URL. Clouds are data
 * here; adding one never recomposes the supergraph.
 */
import type { ShardedKind, SubgraphKind } from '../schema/kinds';

export interface NodeInstance {
  cloudId: string;
  kind: ShardedKind;
  /** The node's GraphQL endpoint. */
  url: string;
  /** Shared with that node only: the gateway signs its requests with it (see schema/signing.ts). */
  secret: string;
  /** From health checks; the gateway does not route to a node that is DOWN. @default UNKNOWN */
  status?: 'UP' | 'DOWN' | 'UNKNOWN';
  lastSeen?: Date;
  latencyMs?: number;
  /** Software version the node registered with. */
  version?: string;
  /** Registered by token, or listed in the configuration file. @default CONFIGURED */
  origin?: 'REGISTERED' | 'CONFIGURED';
}

export { nodeId } from '../schema/kinds';

export interface NodeRegistry {
  /** Every instance of a kind, in registration order. */
  list(kind: SubgraphKind): readonly NodeInstance[];
  /** The instance of `kind` serving `cloudId`, if there is one. */
  find(kind: SubgraphKind, cloudId: string): NodeInstance | undefined;
  /** The instance with this id (`<cloudId>/<kind>`), if there is one. */
  get(id: string): NodeInstance | undefined;
  all(): readonly NodeInstance[];
}
