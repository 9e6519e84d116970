/**
 * A cloud-node's Prometheus metrics, served at /metrics. A registry per node (not
 * prom-client's global one) so several nodes can share a process, as in tests.
 */
import { Counter, Registry } from 'prom-client';

export interface NodeMetrics {
  registry: Registry;
  /** GraphQL requests received, by kind: `entities` (`_entities` fetches) or `root`. */
  requests: Counter<'kind'>;
  /** Requests refused for want of a good gateway signature, by reason (schema/signing.ts RejectReason). */
  refused: Counter<'reason'>;
}

export function createNodeMetrics(cloudId: string): NodeMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ cloud_id: cloudId });
  const requests = new Counter({
    name: 'overcast_node_graphql_requests_total',
    help: 'GraphQL requests received by this node',
    labelNames: ['kind'],
    registers: [registry],
  });
  const refused = new Counter({
    name: 'overcast_node_refused_requests_total',
    help: 'Requests refused because they were not signed by the gateway',
    labelNames: ['reason'],
    registers: [registry],
  });
  return { registry, requests, refused };
}
