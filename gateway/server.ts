/**
 * The aggregation server: Apollo Server 5 + @apollo/gateway over the static
 * supergraph, served by fastify. Sharded kinds get a routing data source over the
 * node registry; the control subgraph runs in this process.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify from 'fastify';
import pino from 'pino';
import { SHARDED_KINDS, SUBGRAPH_KINDS, readSdl, readSupergraphSdl, type SubgraphKind } from '../schema/kinds';
import { SYSTEM_PRINCIPAL } from '../schema/principal';
import { authenticate } from './auth/authenticate';
import { rolePolicyPlugin } from './auth/policy';
import { createTokenVerifier, type AuthConfig } from './auth/tokens';
import { parseGatewayConfig, type GatewayConfigInput } from './config';
import type { GatewayContext } from './context';
import { createControlSchema } from './control/schema';
import { discoverOrgs, type OperationResult } from './control/tenancy/discovery';
import { TenantDirectory } from './control/tenancy/directory';
import { AccessGuard } from './isolation/guard';
import { OwnershipIndex } from './isolation/ownership';
import { requestLimits } from './limits';
import { nodeId, type NodeRegistry } from './registry';
import type { RegistrationRequest } from '../schema/nodeSettings';
import { InventorySync } from './inventory/sync';
import type { GraphQLSchema } from 'graphql';
import { memoryBus } from './events/bus';
import { EventCollector } from './events/collector';
import { SubscriptionHub, type HubStats } from './events/hub';
import { redisBus } from './events/redisBus';
import { startSubscriptionServer } from './subscriptions/server';
import { subscriptionSchema } from './subscriptions/schema';
import { ConfigUpdates } from './nodes/configUpdates';
import { HealthChecker } from './nodes/health';
import { LiveRegistry } from './nodes/liveRegistry';
import { Registration, RegistrationError } from './nodes/registration';
import { openStore } from './store';
import type { Store } from './store/types';
import { FixedUrlDataSource } from './routing/fixedUrlDataSource';
import { CachedLocalDataSource } from './routing/localDataSource';
import { createNodeClient } from './routing/nodeClient';
import { rootFieldRoutes } from './routing/rootFields';
import { ShardedDataSource } from './routing/shardedDataSource';

export interface GatewayOptions {
  /** Raw configuration; validated here. */
  config?: GatewayConfigInput;
  /**
   * Use this store (left open on close) instead of opening one: MongoDB when
   * MONGODB_URI is set, else embedded. Reusing one embedded store across gateway
   * instances is a restart.
   */
  store?: Store;
  /** Supergraph mode: serve this supergraph SDL (instead of `config.supergraph.path`). */
  supergraphSdl?: string;
}

/** With `auth: { disabled: true }` (supergraph mode only): every request acts with full rights. */
const UNAUTHENTICATED_PRINCIPAL = Object.freeze({ subject: 'anonymous', role: 'provider-admin' as const });

/** Overcast's own supergraph, or in supergraph mode the one given. */
function supergraphSdlOf(config: ReturnType<typeof parseGatewayConfig>, sdl: string | undefined): string {
  if (sdl !== undefined) return sdl;
  if (!config.supergraph) return readSupergraphSdl();
  if (!config.supergraph.path) throw new Error('supergraph: set supergraph.path (or pass supergraphSdl to startGateway)');
  return readFileSync(config.supergraph.path, 'utf8');
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  registry: NodeRegistry;
  /** Run the health checks now (they also run every `healthCheckIntervalMs`). */
  checkHealth(): Promise<void>;
  /** Counters of the subscription hub (events, hydrations, deliveries, subscribers). */
  subscriptionStats(): HubStats;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = parseGatewayConfig(options.config ?? {});
  const logger = pino({ level: config.logLevel, name: 'overcast-gateway' });
  const store = options.store ?? (await openStore({ mongodbUri: process.env.MONGODB_URI }));
  const registry = await LiveRegistry.load(config.nodes, store.nodes);
  const client = createNodeClient(config.nodeTimeoutMs);
  const verifyToken = config.auth.disabled ? undefined : createTokenVerifier(config.auth as AuthConfig);
  // Checked once at start: a sharded kind whose root fields cannot be routed is a configuration bug.
  const routes = new Map(SHARDED_KINDS.map((kind) => [kind, rootFieldRoutes(kind, readSdl(kind))]));
  const directory = new TenantDirectory(config.tenants, config.autoMatchOrgs);
  // Discovery, ownership and the index ask the supergraph itself, so they are bound once Apollo runs.
  let execute: ((query: string, variables?: Record<string, unknown>) => Promise<OperationResult>) | undefined;
  /** A query through this gateway's own supergraph, as the gateway (SYSTEM_PRINCIPAL). */
  const selfQuery = (query: string, variables?: Record<string, unknown>): Promise<OperationResult> => {
    if (!execute) throw new Error('the gateway has not started');
    return execute(query, variables);
  };
  const discover = () => discoverOrgs(directory, selfQuery);
  const runDiscovery = () =>
    discover().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'organization discovery failed'));
  const ownership = new OwnershipIndex(selfQuery, config.ownershipTtlMs);
  const guard = new AccessGuard(directory, registry, ownership);
  const configUpdates = new ConfigUpdates(store.nodeConfigs, config.nodeTimeoutMs, (node, reason) =>
    logger.warn({ node: nodeId(node), reason }, 'configuration not delivered; will retry when the node is up'),
  );
  const registration = new Registration(store, registry, (node) => {
    logger.info({ node: nodeId(node), url: node.url }, 'node registered');
    // A new multi-tenant cloud brings organizations to match.
    if (node.kind === 'sp-node') void runDiscovery();
  });
  const health = new HealthChecker(registry, store.nodes, config.nodeTimeoutMs, {
    onChange: (node, previous) => {
      logger.info({ node: nodeId(node), from: previous, to: node.status }, 'node health changed');
      if (node.status === 'UP') void configUpdates.redeliver(node);
      hub.publishLocal({ id: `status:${nodeId(node)}:${Date.now()}`, kind: 'nodeStatus', at: new Date().toISOString(), nodeId: nodeId(node), cloudId: node.cloudId, nodeKind: node.kind, status: node.status ?? 'UNKNOWN', previous });
    },
  });
  // Live status feeds: nodes' events onto the bus (shared by replicas through Redis), the hub delivers.
  const redisUrl = config.events.redisUrl ?? process.env.REDIS_URL;
  const bus = redisUrl ? await redisBus(redisUrl, config.events.redisChannel) : memoryBus();
  const hub = new SubscriptionHub(
    bus,
    guard,
    selfQuery,
    config.events.queueCapacity,
    (err) => logger.warn({ err: err.message }, 'event delivery failed'),
  );
  const collector = new EventCollector(registry, {
    timeoutMs: config.nodeTimeoutMs,
    onEvent: (event) => void bus.publish(event).catch((err: Error) => logger.warn({ err: err.message }, 'event not published')),
    onError: (node, err) => logger.debug({ node: nodeId(node), err: err.message }, 'event stream interrupted'),
  });
  let subscriptionSchema_: GraphQLSchema | undefined;
  const inventorySync = new InventorySync(selfQuery, store.inventory, registry, (err) => logger.warn({ err: err.message }, 'inventory sync failed'));
  const controlSchema = createControlSchema({
    registry,
    directory,
    discover,
    guard,
    registration,
    configUpdates,
    configs: store.nodeConfigs,
    inventory: store.inventory,
    sync: inventorySync,
  });

  // Subgraphs of the supergraph served (ApolloGateway builds every data source while loading).
  const subgraphs = new Set<string>();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdlOf(config, options.supergraphSdl),
    logger,
    buildService: ({ name, url }) => {
      subgraphs.add(name);
      // Supergraph mode: a subgraph that is no Overcast kind is one server at a fixed URL.
      if (!(SUBGRAPH_KINDS as readonly string[]).includes(name)) {
        return new FixedUrlDataSource({ name, url: config.supergraph?.subgraphs[name] ?? url ?? '', client });
      }
      const kind = name as SubgraphKind;
      // In process; parsed and validated once per operation text (see routing/localDataSource.ts).
      if (kind === 'control') return new CachedLocalDataSource(controlSchema);
      const kindRoutes = routes.get(kind);
      if (!kindRoutes) throw new Error(`supergraph names subgraph "${name}", which is not a known kind`);
      return new ShardedDataSource({ kind, registry, routes: kindRoutes, client, guard });
    },
  });
  // Subscriptions are Overcast's own, over Overcast's graph (not over a foreign supergraph).
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    subscriptionSchema_ = apiSchema.getType('VirtualMachine') ? subscriptionSchema(apiSchema) : undefined;
  });

  const app = Fastify({ logger: false });
  // Depth, aliases, directives, tokens, cost; introspection and suggestions off in production.
  const limits = requestLimits(config.limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    includeStacktraceInErrorResponses: false,
    ...limits,
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginLandingPageDisabled(), rolePolicyPlugin(), ...limits.plugins],
  });
  await apollo.start();
  execute = async (query, variables) => {
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { requestId: 'gateway', principal: SYSTEM_PRINCIPAL } });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as OperationResult;
  };
  // Organizations live in sp-nodes: nothing to discover in a supergraph without them.
  if (subgraphs.has('sp-node')) await runDiscovery();
  const discoveryTimer = subgraphs.has('sp-node') && config.orgDiscoveryIntervalMs > 0 ? setInterval(runDiscovery, config.orgDiscoveryIntervalMs).unref() : undefined;

  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => ({
        requestId: randomUUID(),
        principal: verifyToken
          ? await authenticate(request.headers, verifyToken, (reason) => logger.info({ reason }, 'token refused'))
          : UNAUTHENTICATED_PRINCIPAL,
      }),
    }),
  });
  app.get('/health', async () => ({ status: 'ok' }));
  // Nodes join here with a one-time token (not a client JWT): see gateway/nodes/registration.ts.
  app.post('/nodes/register', async (request, reply) => {
    try {
      return reply.code(201).send(await registration.register((request.body ?? {}) as Partial<RegistrationRequest>));
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      logger.warn({ code: err.code }, 'node registration refused');
      return reply.code(err.status).send({ error: { code: err.code, message: err.message } });
    }
  });
  health.start(config.healthCheckIntervalMs);
  // Over a foreign supergraph (supergraph mode) there are no clouds to index or watch.
  if (subgraphs.has('cloud-node')) inventorySync.start(config.inventorySyncIntervalMs);
  const subscriptions = startSubscriptionServer({
    server: app.server,
    path: '/graphql',
    schema: () => subscriptionSchema_,
    verifyToken,
    anonymous: UNAUTHENTICATED_PRINCIPAL,
    limits,
    hub,
  });
  if (config.events.collect && subgraphs.has('cloud-node')) collector.start();

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('gateway has no TCP address');
  logger.info({ nodes: registry.all().length }, 'gateway listening on port %d', address.port);
  return {
    url: `http://${config.host}:${address.port}/graphql`,
    registry,
    checkHealth: () => health.checkAll(),
    subscriptionStats: () => ({ ...hub.stats }),
    close: async () => {
      clearInterval(discoveryTimer);
      health.stop();
      inventorySync.stop();
      collector.stop();
      hub.close();
      await subscriptions.close();
      await bus.close();
      await app.close();
      await apollo.stop();
      await client.close();
      if (!options.store) await store.close();
    },
  };
}
