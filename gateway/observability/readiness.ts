/**
 * Liveness and readiness, as Kubernetes probes and Hive Gateway's health endpoints
 * mean them:
 *
 * - live (`/healthz`): the process serves HTTP. Nothing else is checked: a liveness
 *   probe that failed on a dependency would restart healthy gateways for a node's
 *   outage, all replicas at once.
 * - ready (`/readyz`): worth sending traffic to. The supergraph is loaded, the store
 *   is open, the gateway is not stopping, and at least one node of the graph answers,
 *   UP or DEGRADED (by its last health check; UNKNOWN before the first does not count).
 *   A DEGRADED node counts even with its cloud unreachable: that is the node's view of
 *   its cloud, the same from every replica, so unreadiness could not steer traffic to
 *   a better one; it would pull them all, and clients would get connection errors
 *   instead of CLOUD_UNAVAILABLE naming the cloud and the index's last known values.
 *   Each DEGRADED node is a line in `warnings` instead. A node DOWN may be this
 *   replica's own trouble (its network), which is why none answering is unreadiness. A gateway
 *   with no node at all is ready: nodes join by registering through this same port,
 *   and a gateway held unready until one joins could never be joined behind a
 *   load balancer that sends traffic only to ready instances.
 *
 * "The store is open" means opened and not closed, not reachable this instant: a
 * MongoDB hiccup fails the few requests that read the store (see the store metrics),
 * and pulling every replica out of the load balancer for it would fail them all.
 * Likewise the event bus (Redis): without it a replica still answers queries and
 * delivers the events it collects, so its loss is listed in `warnings`, not `reasons`.
 */
import type { BusState } from '../events/bus';
import { nodeId, type NodeInstance } from '../registry';
import type { NodeStatus } from '../store/types';

export interface ReadinessState {
  supergraphLoaded: boolean;
  storeOpen: boolean;
  stopping: boolean;
  /** The registry's nodes of the kinds the supergraph has (none over a foreign supergraph). */
  nodes: readonly NodeInstance[];
  eventBus: BusState;
}

export interface Readiness {
  ready: boolean;
  /** Why not, one entry per failed check; empty when ready. */
  reasons: string[];
  supergraph: 'loaded' | 'not loaded';
  store: 'open' | 'closed';
  nodes: {
    up: number;
    degraded: number;
    total: number;
    /** `cloudReachable` and `cloudLatencyMs` as the node last reported them, when it did. */
    list: Array<{ id: string; cloudId: string; kind: string; status: NodeStatus; cloudReachable?: boolean; cloudLatencyMs?: number }>;
  };
  /**
   * The bus between replicas. Disconnected is a warning, not unreadiness: this replica
   * still serves queries and delivers the events it collects itself.
   */
  eventBus: BusState;
  /** What is degraded but does not make the gateway unready, one line each; empty when nothing is. */
  warnings: string[];
}

export function readiness({ supergraphLoaded, storeOpen, stopping, nodes, eventBus }: ReadinessState): Readiness {
  const list = nodes.map((node) => ({
    id: nodeId(node),
    cloudId: node.cloudId,
    kind: node.kind,
    status: node.status ?? 'UNKNOWN',
    ...(node.cloudReachable !== undefined ? { cloudReachable: node.cloudReachable } : {}),
    ...(node.cloudLatencyMs !== undefined ? { cloudLatencyMs: node.cloudLatencyMs } : {}),
  }));
  const up = list.filter((node) => node.status === 'UP').length;
  const degraded = list.filter((node) => node.status === 'DEGRADED');
  const reasons = [
    ...(stopping ? ['stopping'] : []),
    ...(supergraphLoaded ? [] : ['supergraph not loaded']),
    ...(storeOpen ? [] : ['store closed']),
    ...(list.length > 0 && up + degraded.length === 0 ? [`no node is up (0 of ${list.length})`] : []),
  ];
  return {
    ready: reasons.length === 0,
    reasons,
    supergraph: supergraphLoaded ? 'loaded' : 'not loaded',
    store: storeOpen ? 'open' : 'closed',
    nodes: { up, degraded: degraded.length, total: list.length, list },
    eventBus,
    warnings: [
      ...(eventBus.state === 'disconnected' ? [`event bus (${eventBus.kind}) disconnected since ${eventBus.since}`] : []),
      ...degraded.map((node) =>
        node.cloudReachable === false
          ? `${node.id} degraded: its cloud's API is not answering`
          : `${node.id} degraded: its cloud's API answers slowly (${node.cloudLatencyMs ?? '?'} ms)`,
      ),
    ],
  };
}
