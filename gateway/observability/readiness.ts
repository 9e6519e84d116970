/**
 * Liveness and readiness, as Kubernetes probes and Hive Gateway's health endpoints
 * mean them:
 *
 * - live (`/healthz`): the process serves HTTP. Nothing else is checked: a liveness
 *   probe that failed on a dependency would restart healthy gateways for a node's
 *   outage, all replicas at once.
 * - ready (`/readyz`): worth sending traffic to. The supergraph is loaded, the store
 *   is open, the gateway is not stopping, and at least one node of the graph is UP
 *   (by its last health check; UNKNOWN before the first does not count). A gateway
 *   with no node at all is ready: nodes join by registering through this same port,
 *   and a gateway held unready until one joins could never be joined behind a
 *   load balancer that sends traffic only to ready instances.
 *
 * "The store is open" means opened and not closed, not reachable this instant: a
 * MongoDB hiccup fails the few requests that read the store (see the store metrics),
 * and pulling every replica out of the load balancer for it would fail them all.
 */
import { nodeId, type NodeInstance } from '../registry';
import type { NodeStatus } from '../store/types';

export interface ReadinessState {
  supergraphLoaded: boolean;
  storeOpen: boolean;
  stopping: boolean;
  /** The registry's nodes of the kinds the supergraph has (none over a foreign supergraph). */
  nodes: readonly NodeInstance[];
}

export interface Readiness {
  ready: boolean;
  /** Why not, one entry per failed check; empty when ready. */
  reasons: string[];
  supergraph: 'loaded' | 'not loaded';
  store: 'open' | 'closed';
  nodes: {
    up: number;
    total: number;
    list: Array<{ id: string; cloudId: string; kind: string; status: NodeStatus }>;
  };
}

export function readiness({ supergraphLoaded, storeOpen, stopping, nodes }: ReadinessState): Readiness {
  const list = nodes.map((node) => ({ id: nodeId(node), cloudId: node.cloudId, kind: node.kind, status: node.status ?? 'UNKNOWN' }));
  const up = list.filter((node) => node.status === 'UP').length;
  const reasons = [
    ...(stopping ? ['stopping'] : []),
    ...(supergraphLoaded ? [] : ['supergraph not loaded']),
    ...(storeOpen ? [] : ['store closed']),
    ...(list.length > 0 && up === 0 ? [`no node is up (0 of ${list.length})`] : []),
  ];
  return {
    ready: reasons.length === 0,
    reasons,
    supergraph: supergraphLoaded ? 'loaded' : 'not loaded',
    store: storeOpen ? 'open' : 'closed',
    nodes: { up, total: list.length, list },
  };
}
