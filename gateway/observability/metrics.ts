/**
 * The gateway's Prometheus metrics, served at /metrics: client requests, upstream
 * (node) exchanges, the store, node status, the event bus and subscriptions, and the
 * process. One registry per gateway instance, never prom-client's global one: tests
 * run several gateways in one process, and each must count only its own.
 *
 * ```ts
 * const metrics = createGatewayMetrics();
 * createNodeTransport({ timeoutMs, observe: metrics.upstream });
 * instrumentStore(store, metrics.store);
 * metrics.watch({ nodes: () => registry.all(), hub: () => hub.stats, ready: () => … });
 * ```
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BUCKETS, processMetrics } from '../../schema/processMetrics';
import type { BusState } from '../events/bus';
import type { HubStats } from '../events/hub';
import type { UpstreamObserver } from '../nodes/transport';
import type { NodeInstance } from '../registry';
import type { StoreCall } from '../store';

export interface GatewayMetrics {
  /** Content type of {@link GatewayMetrics.text}. */
  readonly contentType: string;
  /** The exposition text: this gateway's metrics, then the process's. */
  text(): Promise<string>;
  /** One client GraphQL request over HTTP, once answered. */
  request(operation: string, outcome: string, seconds: number, errorCodes: readonly string[]): void;
  /** For the node transport. */
  upstream: UpstreamObserver;
  /** For instrumentStore. */
  store(call: StoreCall): void;
  /** Read on every scrape: the registry's node status, the hub's counters, readiness. */
  watch(sources: MetricSources): void;
}

export interface MetricSources {
  nodes(): readonly NodeInstance[];
  hub(): Readonly<HubStats>;
  ready(): boolean;
  bus(): BusState;
}

/** Seconds: the embedded store answers in microseconds, MongoDB in milliseconds. */
const STORE_BUCKETS = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const NODE_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'overcast_gateway_requests_total',
    help: 'Client GraphQL requests over HTTP, by operation type (query, mutation, subscription, unknown) and outcome (success, partial, error, unauthenticated)',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const requestDuration = new Histogram({
    name: 'overcast_gateway_request_duration_seconds',
    help: 'Time to answer a client GraphQL request over HTTP, by operation type and outcome',
    labelNames: ['operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const errors = new Counter({
    name: 'overcast_gateway_graphql_errors_total',
    help: 'Errors in answers to clients, by extensions.code',
    labelNames: ['code'],
    registers,
  });
  const upstreamRequests = new Counter({
    name: 'overcast_gateway_upstream_requests_total',
    help: 'Requests to nodes, by cloud, node kind (cloud-node, sp-node; foreign: a subgraph in supergraph mode), route and outcome (ok, error)',
    labelNames: ['cloud_id', 'node_kind', 'route', 'outcome'],
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'overcast_gateway_upstream_request_duration_seconds',
    help: 'Time until a node answered (the headers, for an event stream) or failed, by cloud, node kind and route',
    labelNames: ['cloud_id', 'node_kind', 'route'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstreamErrors = new Counter({
    name: 'overcast_gateway_upstream_errors_total',
    help: 'Requests to nodes that got no usable answer, by cloud, node kind, route and reason (timeout, unreachable, refused, rejected, bad_answer)',
    labelNames: ['cloud_id', 'node_kind', 'route', 'reason'],
    registers,
  });
  const storeDuration = new Histogram({
    name: 'overcast_gateway_store_operation_duration_seconds',
    help: 'Time of a store repository call, by repository, operation and outcome (ok, error)',
    labelNames: ['repository', 'operation', 'outcome'],
    buckets: STORE_BUCKETS,
    registers,
  });

  let sources: MetricSources | undefined;
  new Gauge({
    name: 'overcast_gateway_node_status',
    help: 'Each node of the registry: 1 for the status its last health check gave (UP, DEGRADED, DOWN, UNKNOWN before the first), 0 for the others',
    labelNames: ['cloud_id', 'node_kind', 'status'],
    registers,
    collect() {
      // Reset first: a deregistered node's series disappear with it.
      this.reset();
      for (const node of sources?.nodes() ?? []) {
        for (const status of NODE_STATUSES) {
          this.set({ cloud_id: node.cloudId, node_kind: node.kind, status }, (node.status ?? 'UNKNOWN') === status ? 1 : 0);
        }
      }
    },
  });
  new Gauge({
    name: 'overcast_gateway_ready',
    help: '1 while /readyz answers 200',
    registers,
    collect() {
      this.set(sources?.ready() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'overcast_gateway_event_bus_connected',
    help: '1 while the event bus between replicas is connected (always, in process), by kind (memory, redis)',
    labelNames: ['kind'],
    registers,
    collect() {
      this.reset();
      const bus = sources?.bus();
      if (bus) this.set({ kind: bus.kind }, bus.state === 'connected' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'overcast_gateway_subscriptions',
    help: 'Subscriptions open now',
    registers,
    collect() {
      this.set(sources?.hub().subscribers ?? 0);
    },
  });
  // The hub keeps plain counts; each scrape adds what they grew by since the last.
  const hubCounter = (name: string, help: string, field: keyof HubStats): void => {
    let seen = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const now = sources?.hub()[field] ?? seen;
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  };
  hubCounter('overcast_gateway_subscriptions_started_total', 'Subscriptions registered', 'subscribed');
  hubCounter(
    'overcast_gateway_events_total',
    'Events received, collected here or heard on the bus, and dispatched (duplicates dropped)',
    'events',
  );
  hubCounter('overcast_gateway_event_hydrations_total', 'Subscription payloads resolved through the supergraph', 'hydrations');
  hubCounter('overcast_gateway_event_deliveries_total', 'Events queued to subscribers', 'delivered');
  hubCounter(
    'overcast_gateway_event_gaps_total',
    "Jumps in a node's event seq whose skipped events never arrived (subscribers told to resync)",
    'gaps',
  );

  const shared = processMetrics();
  return {
    contentType: registry.contentType,
    text: async () => `${await registry.metrics()}\n${await shared.metrics()}`,
    request(operation, outcome, seconds, errorCodes) {
      requests.inc({ operation, outcome });
      requestDuration.observe({ operation, outcome }, seconds);
      for (const code of errorCodes) errors.inc({ code });
    },
    upstream({ cloudId, kind, route, seconds, failure }) {
      const labels = { cloud_id: cloudId, node_kind: kind, route };
      upstreamRequests.inc({ ...labels, outcome: failure ? 'error' : 'ok' });
      upstreamDuration.observe(labels, seconds);
      if (failure) upstreamErrors.inc({ ...labels, reason: failure });
    },
    store({ repository, operation, seconds, ok }) {
      storeDuration.observe({ repository, operation, outcome: ok ? 'ok' : 'error' }, seconds);
    },
    watch(next) {
      sources = next;
    },
  };
}
