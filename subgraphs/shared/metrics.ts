/**
 * A node's Prometheus metrics, served at /metrics. A registry per node (not
 * prom-client's global one) so several nodes can share a process, as in tests; the
 * process metrics (CPU, memory, event loop, GC) are the process's, collected once
 * per process and appended to every node's answer.
 */
import { Counter, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, processMetrics } from '../../schema/processMetrics';

export interface NodeMetrics {
  registry: Registry;
  /** GraphQL requests received, by kind: `entities` (`_entities` fetches) or `root`. */
  requests: Counter<'kind'>;
  /** Requests refused for want of a good gateway signature, by reason (schema/signing.ts RejectReason). */
  refused: Counter<'reason'>;
  /** Time to answer a signed GraphQL request, by kind and outcome (`success`, `partial`, `error`). */
  duration: Histogram<'kind' | 'outcome'>;
  /** The exposition text: this node's metrics, then the process's. */
  text(): Promise<string>;
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
  const duration = new Histogram({
    name: 'overcast_node_graphql_request_duration_seconds',
    help: 'Time to answer a signed GraphQL request, by kind (entities, root) and outcome (success, partial, error)',
    labelNames: ['kind', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const shared = processMetrics();
  return {
    registry,
    requests,
    refused,
    duration,
    text: async () => `${await registry.metrics()}\n${await shared.metrics()}`,
  };
}
