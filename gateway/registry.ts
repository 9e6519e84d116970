/**
 * The node registry's contract (gateway/nodes/liveRegistry.ts implements it): which
 * node instance serves which cloud for which kind, at which URL. Clouds are data
 * here; adding one never recomposes the supergraph.
 */
import type { ShardedKind, SubgraphKind } from '../schema/kinds';
import type { NodeStatus } from './store/types';

/** One node's registry entry; entries are replaced, never changed (see LiveRegistry.replace). */
export interface NodeInstance {
  readonly cloudId: string;
  readonly kind: ShardedKind;
  /** The node's GraphQL endpoint. */
  readonly url: string;
  /** Shared with that node only: the gateway signs its requests with it (see schema/signing.ts). */
  readonly secret: string;
  /**
   * From health checks; the gateway does not route to a node that is DOWN, nor to one
   * DEGRADED with its cloud unreachable. @default UNKNOWN
   */
  readonly status?: NodeStatus;
  readonly lastSeen?: Date;
  readonly latencyMs?: number;
  /** Whether the node reached its cloud's API at its last probe (its /health says); undefined before a report. */
  readonly cloudReachable?: boolean;
  /** How long that probe took; undefined when it got no answer. */
  readonly cloudLatencyMs?: number;
  /** Software version the node registered with. */
  readonly version?: string;
  /** Registered by token, or listed in the configuration file. @default CONFIGURED */
  readonly origin?: 'REGISTERED' | 'CONFIGURED';
}

export { nodeId } from '../schema/kinds';

/**
 * Why the health checks say this node cannot answer now (DOWN, or DEGRADED with its
 * cloud unreachable); undefined when it may. Routing answers such a cloud at once
 * instead of waiting out the timeout, and the index marks its last known values stale.
 */
export function knownUnavailable(node: NodeInstance): string | undefined {
  if (node.status === 'DOWN') return 'its node is down (health check)';
  if (node.status === 'DEGRADED' && node.cloudReachable === false) return 'its cloud is not answering its node (health check)';
  return undefined;
}

export interface NodeRegistry {
  /** Every instance of a kind, in registration order. */
  list(kind: SubgraphKind): readonly NodeInstance[];
  /** The instance of `kind` serving `cloudId`, if there is one. */
  find(kind: SubgraphKind, cloudId: string): NodeInstance | undefined;
  /** The instance with this id (`<cloudId>/<kind>`), if there is one. */
  get(id: string): NodeInstance | undefined;
  all(): readonly NodeInstance[];
}
