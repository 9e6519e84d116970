/**
 * A node's Prometheus metrics, served at /metrics. A registry per node (not
 * prom-client's global one) so several nodes can share a process, as in tests; the
 * process metrics (CPU, memory, event loop, GC) are the process's, collected once
 * per process and appended to every node's answer.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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

/** Seconds: a node answers from its cloud API, so from a few milliseconds to its timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/**
 * The process metrics, once per process: each set of default collectors keeps an
 * event-loop monitor and a GC observer for good, so one per node would multiply
 * them in a process running many nodes (tests, the fan-out benchmark).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
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
