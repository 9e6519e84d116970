/**
 * The aggregation server: Apollo Server 5 + @apollo/gateway over the static
 * supergraph, served by fastify. Sharded kinds get a routing data source over the
 * node registry; the control subgraph runs in this process.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Principal } from '../schema/principal';
import { SHARDED_KINDS, readSdl, type SubgraphKind } from '../schema/kinds';
import { authenticate } from './auth/authenticate';
import { rolePolicyPlugin, unknownPolicyFields } from './auth/policy';
import { createTokenVerifier, type AuthConfig } from './auth/tokens';
import { parseGatewayConfig, type GatewayConfig, type GatewayConfigInput } from './config';
import type { ClientContext } from './context';
import { createBilling } from './billing';
import { DEFAULT_CONSOLE_DIR } from './console/paths';
import { registerConsole } from './console/serve';
import { createControlSchema } from './control/schema';
import { discoverOrgs } from './tenancy/discovery';
import { GatewayInternalClient } from './internal/client';
import { shareGateway } from './internal/sharedGateway';
import { TenantDirectory } from './tenancy/directory';
import { AccessGuard } from './isolation/guard';
import { OwnershipIndex } from './isolation/ownership';
import { requestLimits } from './limits';
import { nodeId, type NodeRegistry } from './registry';
import type { RegistrationRequest } from '../schema/nodeSettings';
import { InventorySync } from './inventory/sync';
import type { GraphQLSchema } from 'graphql';
import { EventCollector } from './events/collector';
import { SubscriptionHub, type HubStats } from './events/hub';
import { openReplicaBus } from './events/replicaBus';
import { subscriptionsOverWebSocketOnly } from './subscriptions/overHttp';
import { checkPersistedQuery, refuseClientMistakes } from './http/apolloRefusals';
import { registerCors } from './http/cors';
import { BODY_LIMIT_BYTES, frameworkErrors, registerErrorShape } from './http/errorShape';
import { startSubscriptionServer } from './subscriptions/server';
import { ConfigUpdates } from './nodes/configUpdates';
import { HealthChecker } from './nodes/health';
import { LiveRegistry } from './nodes/liveRegistry';
import { Registration, RegistrationError } from './nodes/registration';
import { registerRejoinRoute } from './nodes/rejoinRoute';
import { instrumentStore, openStore } from './store';
import { createGatewayMetrics } from './observability/metrics';
import { registerProbes } from './observability/probes';
import { readiness } from './observability/readiness';
import { clientRequests } from './observability/requests';
import { currentRequestId, inRequestScope, requestLogger, withRequestId } from './observability/requestScope';
import type { Store } from './store/types';
import { CachedLocalDataSource } from './routing/localDataSource';
import { createNodeTransport } from './nodes/transport';
import { shareInFlight } from './routing/inFlight';
import { withSharedOperations } from './execution/sharedOperations';
import { rootFieldRoutes } from './routing/rootFields';
import { ShardedDataSource } from './routing/shardedDataSource';
import { ANONYMOUS_PRINCIPAL, chooseSupergraph, foreignSubgraphSource } from './supergraphMode';
import { createTransferCoordinator, type NodeContent, type Transfers } from './transfers';
import { createCatalogService } from './catalogs/service';

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
  /** Where the log lines go (tests capture them here). @default stdout */
  logDestination?: DestinationStream;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  registry: NodeRegistry;
  /** Run the health checks now (they also run every `healthCheckIntervalMs`). */
  checkHealth(): Promise<void>;
  /** Counters of the subscription hub (events, hydrations, deliveries, subscribers). */
  subscriptionStats(): HubStats;
  /** The transfer coordinator: what copyVm and the rest call, and what a catalog service starts copies with (`settled` awaits one). */
  transfers: Transfers;
  /** Content operations on a cloud through its node (catalogs, templates). */
  nodeContent: NodeContent;
  close(): Promise<void>;
}

/**
 * The store the configuration names; says once in the log where data lives, and when
 * it does not survive a restart. Replicas (a shared event bus) must share their state
 * too, and an embedded store is one process's: replicas on it would disagree (an org
 * unmapped on one still mapped on the other), so that combination is refused.
 */
async function openConfiguredStore(config: GatewayConfig, logger: Logger): Promise<Store> {
  const { mongodbUri, dataDir } = config.store;
  if (config.events.redisUrl && !mongodbUri) {
    throw new Error(
      'events.redisUrl (REDIS_URL) makes this gateway a replica, and replicas need a shared store: set store.mongodbUri (MONGODB_URI). The embedded store belongs to one gateway.',
    );
  }
  const store = await openStore({ mongodbUri, dataDir, warn: (message) => logger.warn(message) });
  if (mongodbUri) logger.info('store: MongoDB');
  else if (dataDir) logger.info({ dataDir: resolve(dataDir) }, 'store: embedded, durable');
  else
    logger.warn(
      'store: embedded, in memory: registrations, configurations, mappings and the index are lost at exit (set store.dataDir or OVERCAST_DATA_DIR)',
    );
  return store;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = parseGatewayConfig(options.config ?? {});
  const supergraph = chooseSupergraph(config, options.supergraphSdl);
  const logOptions = { level: config.logLevel, name: 'overcast-gateway' };
  const logger = options.logDestination ? pino(logOptions, options.logDestination) : pino(logOptions);
  // This instance's own registry (see observability/metrics.ts); its store calls timed there.
  const metrics = createGatewayMetrics();
  const store = instrumentStore(options.store ?? (await openConfiguredStore(config, logger)), (call) => metrics.store(call));
  const registry = await LiveRegistry.load(config.nodes, store.nodes);
  // One transport for every request to a node: GraphQL, configuration, health, events. Measured there,
  // and carrying the id of the client request a fetch is made for (observability/requestScope.ts).
  const client = createNodeTransport({
    timeoutMs: config.nodeTimeoutMs,
    observe: metrics.upstream,
    requestId: currentRequestId,
    // Read once at start: a missing file fails it, naming the file.
    ...(config.nodeTls.caFile !== undefined ? { ca: readFileSync(config.nodeTls.caFile) } : {}),
  });
  const verifyToken = config.auth.disabled ? undefined : createTokenVerifier(config.auth satisfies AuthConfig);
  // Checked once at start: a sharded kind whose root fields cannot be routed is a configuration bug.
  const routes = new Map(SHARDED_KINDS.map((kind) => [kind, rootFieldRoutes(kind, readSdl(kind))]));
  const directory = new TenantDirectory(config.tenants, config.autoMatchOrgs);
  // An administrator's mappings outlive a restart: the stored ones override configuration from the start.
  directory.restore(await store.orgMappings.list());
  // And the organizations discovery saw before: their tenants see them even while their cloud's sp-node is down.
  directory.applyDiscovered((await store.discoveredOrgs.list()).map((org) => ({ id: org.orgId, name: org.name })));
  // Discovery, ownership, the index and subscriptions read the supergraph through this client,
  // each naming its principal; it is bound to the gateway once the public server has loaded it.
  const internal = new GatewayInternalClient();
  const discover = () => discoverOrgs(directory, internal, store.orgMappings, store.discoveredOrgs);
  const runDiscovery = () =>
    discover().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'organization discovery failed'));
  const ownership = new OwnershipIndex(internal, config.ownershipTtlMs, {
    store: store.ownership,
    onError: (err) => logger.warn({ err: err.message }, 'ownership snapshot not kept in the store; a restart begins from an older one'),
  });
  ownership.restore(await store.ownership.list());
  const guard = new AccessGuard(directory, registry, ownership);
  const configUpdates = new ConfigUpdates(store.nodeConfigs, client, (node, reason) =>
    requestLogger(logger).warn({ node: nodeId(node), reason }, 'configuration not delivered; will retry when the node is up'),
  );
  const registration = new Registration(store, registry, (node) => {
    requestLogger(logger).info({ node: nodeId(node), url: node.url }, 'node registered');
    // A new multi-tenant cloud brings organizations to match.
    if (node.kind === 'sp-node') void runDiscovery();
  });
  // Metering, rating, invoices and the FOCUS export; its subgraph runs in this process too.
  const billing = createBilling({ config: config.billing, store, directory, registry, internal, logger });

  const health = new HealthChecker(registry, store.nodes, client, config, {
    onChange: (node, previous) => {
      logger.info({ node: nodeId(node), from: previous, to: node.status, cloudReachable: node.cloudReachable }, 'node health changed');
      // A DEGRADED node answers too: it applies configuration (redeliver sends only what it has not acknowledged).
      if (node.status === 'UP' || node.status === 'DEGRADED') void configUpdates.redeliver(node);
      // A cloud's node up (a demo's nodes join after the gateway starts): meter its hours now, not an interval later.
      if (node.status === 'UP') billing.meter.wake();
      // A node back from DOWN or DEGRADED: the transfers it takes part in resume from their checkpoints.
      if (node.kind === 'cloud-node') coordinator.resumer.nodeStatusChanged(node.cloudId, node.status, previous);
      hub.publishLocal({
        id: `status:${nodeId(node)}:${Date.now()}`,
        kind: 'nodeStatus',
        at: new Date().toISOString(),
        nodeId: nodeId(node),
        cloudId: node.cloudId,
        nodeKind: node.kind,
        status: node.status ?? 'UNKNOWN',
        previous,
      });
    },
  });
  // Live status feeds: the events a replica collects go to its own hub, and over the bus (Redis) to the
  // other replicas'. Without Redis a replica starts and goes on, missing only what the others collected.
  const { bus, share } = openReplicaBus(config, logger);
  const hub = new SubscriptionHub(bus, guard, internal, {
    queueCapacity: config.events.queueCapacity,
    gapGraceMs: config.events.gapGraceMs,
    onError: (err) => logger.warn({ err: err.message }, 'event delivery failed'),
  });
  // Transfers between clouds: progress from destination nodes' reports, task events to this hub and the others.
  const coordinator = createTransferCoordinator({
    store: store.transfers,
    registry,
    guard,
    transport: client,
    chunkBytes: config.transfers.chunkBytes,
    stallMs: config.transfers.stallMs,
    publish: (event) => {
      hub.accept(event);
      share(event);
    },
    onError: (err, what) => logger.warn({ err: err.message }, what),
  });
  const collector = new EventCollector(registry, client, {
    onEvent: (event) => {
      if (event.kind === 'transfer') void coordinator.progress.accept(event);
      hub.accept(event);
      share(event);
    },
    // A node that restarted lost the imports and exports it held: theirs resume.
    onEpoch: (node, epoch, previous) => coordinator.resumer.nodeEpoch(node.cloudId, epoch, previous),
    onError: (node, err) => logger.debug({ node: nodeId(node), err: err.message }, 'event stream interrupted'),
  });
  // Published catalogs: their subscribers' copies are template transfers.
  const catalogs = createCatalogService({
    repository: store.catalogs,
    transfers: coordinator.service,
    content: coordinator.nodeContent,
    onError: (err) => logger.warn({ err: err.message }, 'catalog sync failed'),
  });
  let subscriptionSchema_: GraphQLSchema | undefined;
  const inventorySync = new InventorySync(internal, store.inventory, registry, (err) =>
    requestLogger(logger).warn({ err: err.message }, 'inventory sync failed'),
  );
  const controlSchema = createControlSchema({
    registry,
    directory,
    orgMappings: store.orgMappings,
    discover,
    onInternalError: (err, what) => requestLogger(logger).error({ err: err.message }, what),
    guard,
    registration,
    configUpdates,
    configs: store.nodeConfigs,
    inventory: store.inventory,
    sync: inventorySync,
    transfers: coordinator.service,
    catalogs,
  });

  // The query planner's fetches share identical queries in flight (routing/inFlight.ts); nothing else does.
  const fetches = config.sharing.upstream ? shareInFlight(client) : client;
  const distinct = config.sharing.representations;
  // Subgraphs of the supergraph served (ApolloGateway builds every data source while loading).
  const subgraphs = new Set<string>();
  const apolloGateway = new ApolloGateway({
    supergraphSdl: supergraph.sdl,
    logger,
    buildService: ({ name, url }) => {
      subgraphs.add(name);
      // Supergraph mode: a subgraph that is no Overcast kind is one server at a fixed URL.
      // Every source runs its fetches in the scope of their request's id (forwarded to nodes).
      const foreign = foreignSubgraphSource(config, { name, url }, fetches, distinct);
      if (foreign) return inRequestScope(foreign);
      const kind = name as SubgraphKind;
      // In process; parsed and validated once per operation text (see routing/localDataSource.ts).
      if (kind === 'control' || kind === 'billing') {
        const onInternalError = (err: Error, path: readonly (string | number)[] | undefined) =>
          requestLogger(logger).error({ err: err.message, path: path?.join('.') }, `internal error in the ${kind} subgraph`);
        return inRequestScope(new CachedLocalDataSource(kind === 'control' ? controlSchema : billing.schema, onInternalError));
      }
      const kindRoutes = routes.get(kind);
      if (!kindRoutes) throw new Error(`supergraph names subgraph "${name}", which is not a known kind`);
      return inRequestScope(new ShardedDataSource({ kind, registry, routes: kindRoutes, client: fetches, guard, distinct }));
    },
  });
  // Served by the public server (which loads it) and by the internal client.
  // Identical queries in flight executed once (execution/sharedOperations.ts), for both servers.
  const gateway = shareGateway(config.sharing.operations ? withSharedOperations(apolloGateway) : apolloGateway);
  // Subscriptions are Overcast's own, over Overcast's graph (not over a foreign supergraph).
  let unprotected: string[] = [];
  let supergraphLoaded = false;
  gateway.primary.onSchemaLoadOrUpdate(({ apiSchema }) => {
    supergraphLoaded = true;
    subscriptionSchema_ = apiSchema.getSubscriptionType()?.getFields().vmEvents ? apiSchema : undefined;
    if (supergraph.own) unprotected = unknownPolicyFields(apiSchema);
  });

  // A request id per request (the client's x-request-id if acceptable), on its child logger and in the answer.
  const requests = clientRequests(metrics);
  const app = Fastify({
    // As fastify's base logger type: the app stays the FastifyInstance the Apollo integration expects.
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: requests.genReqId,
    logController: requests.logController,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors,
  });
  requests.install(app);
  // Every refusal in one shape with a registry code (gateway/http/); CORS only for `cors.origins`.
  registerErrorShape(app);
  await registerCors(app, config.cors.origins);
  // Depth, aliases, directives, tokens, cost; introspection and suggestions off in production.
  const limits = requestLimits(config.limits);
  const apollo = new ApolloServer<ClientContext>({
    gateway: gateway.primary,
    logger,
    includeStacktraceInErrorResponses: false,
    // Signals are main.ts's: Apollo's own handler would stop this server and re-raise the signal (exit 143),
    // racing the close of the store, the bus and the node client.
    stopOnTerminationSignals: false,
    ...limits,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      refuseClientMistakes(),
      rolePolicyPlugin(),
      subscriptionsOverWebSocketOnly(),
      requests.plugin,
      ...limits.plugins,
    ],
  });
  await apollo.start();
  // A role-policy entry naming no field of the graph would protect nothing: refuse to serve.
  if (unprotected.length) {
    await apollo.stop();
    await bus.close();
    if (!options.store) await store.close();
    throw new Error(`role policy names fields the supergraph does not have: ${unprotected.join(', ')}`);
  }
  await internal.start(gateway.secondary, logger);
  // Organizations live in sp-nodes: nothing to discover in a supergraph without them.
  if (subgraphs.has('sp-node')) await runDiscovery();
  const discoveryTimer =
    subgraphs.has('sp-node') && config.orgDiscoveryIntervalMs > 0
      ? setInterval(runDiscovery, config.orgDiscoveryIntervalMs).unref()
      : undefined;

  // Who is asking, from the bearer token: the same for /graphql and the billing export.
  const principalOf = async (request: FastifyRequest): Promise<Principal> =>
    verifyToken
      ? (await authenticate(request.headers, verifyToken, (reason) => request.log.info({ reason }, 'token refused'))).principal
      : ANONYMOUS_PRINCIPAL;
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    preHandler: checkPersistedQuery,
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => ({
        requestId: request.id,
        log: request.log,
        notes: requests.notesOf(request),
        principal: await principalOf(request),
      }),
    }),
  });
  if (subgraphs.has('billing')) {
    billing.registerRoutes(app, principalOf);
    await billing.start();
  }
  // The web console at / (console/), a client of /graphql like any other.
  if (config.console.enabled) await registerConsole(app, config.console.dir ?? DEFAULT_CONSOLE_DIR, (message) => logger.warn(message));
  // /healthz, /health, /readyz, /metrics (observability/probes.ts).
  let stopping = false;
  let storeOpen = true;
  const ready = () =>
    readiness({
      supergraphLoaded,
      storeOpen,
      stopping,
      nodes: registry.all().filter((node) => subgraphs.has(node.kind)),
      eventBus: bus.state(),
    });
  metrics.watch({ nodes: () => registry.all(), hub: () => hub.stats, ready: () => ready().ready, bus: () => bus.state() });
  registerProbes(app, { metrics, ready });
  // Nodes join here with a one-time token (not a client JWT): see gateway/nodes/registration.ts.
  app.post('/nodes/register', async (request, reply) => {
    try {
      const body = (request.body ?? {}) as Partial<RegistrationRequest>;
      return reply.code(201).send(await withRequestId(request.id, () => registration.register(body)));
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      request.log.warn({ code: err.code }, 'node registration refused');
      return reply.code(err.status).send({ errors: [{ message: err.message, extensions: { code: err.code } }] });
    }
  });
  // A registered node back after a restart, signed with its secret (gateway/nodes/rejoinRoute.ts).
  await registerRejoinRoute(app, registration);
  health.start(config.healthCheckIntervalMs);
  // With checks on, the first one now rather than an interval later: until then no node is UP, and /readyz is 503.
  if (config.healthCheckIntervalMs > 0) void health.checkAll();
  // Over a foreign supergraph (supergraph mode) there are no clouds to index or watch.
  if (subgraphs.has('cloud-node')) inventorySync.start(config.inventorySyncIntervalMs);
  const subscriptions = startSubscriptionServer({
    server: app.server,
    path: '/graphql',
    schema: () => subscriptionSchema_,
    verifyToken,
    anonymous: ANONYMOUS_PRINCIPAL,
    limits,
    // One size limit on both paths: a WebSocket message is held to the HTTP body limit.
    maxPayloadBytes: BODY_LIMIT_BYTES,
    hub,
    keepAliveMs: config.subscriptions.keepAliveMs,
  });
  if (config.events.collect && subgraphs.has('cloud-node')) collector.start();
  // Transfers the gateway was coordinating when it stopped go on from their checkpoints.
  if (subgraphs.has('cloud-node')) {
    void coordinator.resumer.start();
    await catalogs.start();
  }

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('gateway has no TCP address');
  logger.info({ nodes: registry.all().length }, 'gateway listening on port %d', address.port);
  return {
    url: `http://${config.host}:${address.port}/graphql`,
    registry,
    checkHealth: () => health.checkAll(),
    subscriptionStats: () => ({ ...hub.stats }),
    transfers: coordinator.service,
    nodeContent: coordinator.nodeContent,
    close: async () => {
      // Unready first: a probe while the rest closes sees 503, not a gateway that looks fine.
      stopping = true;
      clearInterval(discoveryTimer);
      health.stop();
      inventorySync.stop();
      collector.stop();
      // Transfers in flight are not awaited (an export may take minutes): they resume at the next start.
      coordinator.resumer.stop();
      catalogs.stop();
      await billing.stop();
      hub.close();
      await subscriptions.close();
      await bus.close();
      await app.close();
      await internal.stop();
      await apollo.stop();
      await client.close();
      await ownership.settled();
      storeOpen = false;
      if (!options.store) await store.close();
    },
  };
}
