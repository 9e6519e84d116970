/**
 * The aggregation server: Apollo Server 5 + @apollo/gateway over the static
 * supergraph, served by fastify. Sharded kinds get a routing data source over the
 * node registry; the control subgraph runs in this process.
 */
import { randomUUID } from 'node:crypto';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify from 'fastify';
import pino from 'pino';
import { SHARDED_KINDS, readSdl, readSupergraphSdl, type SubgraphKind } from '../schema/kinds';
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
import { staticRegistry, type NodeRegistry } from './registry';
import { createNodeClient } from './routing/nodeClient';
import { rootFieldRoutes } from './routing/rootFields';
import { ShardedDataSource } from './routing/shardedDataSource';

export interface GatewayOptions {
  /** Raw configuration; validated here. */
  config?: GatewayConfigInput;
  /** Use this registry instead of the configuration's `nodes`. */
  registry?: NodeRegistry;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  registry: NodeRegistry;
  close(): Promise<void>;
}

export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = parseGatewayConfig(options.config ?? {});
  const logger = pino({ level: config.logLevel, name: 'overcast-gateway' });
  const registry = options.registry ?? staticRegistry(config.nodes);
  const client = createNodeClient(config.nodeTimeoutMs);
  const verifyToken = createTokenVerifier(config.auth as AuthConfig);
  // Checked once at start: a sharded kind whose root fields cannot be routed is a configuration bug.
  const routes = new Map(SHARDED_KINDS.map((kind) => [kind, rootFieldRoutes(kind, readSdl(kind))]));
  const directory = new TenantDirectory(config.tenants, config.autoMatchOrgs);
  // Discovery asks the supergraph itself (sp-nodes' `orgs`), so it is bound once Apollo runs.
  let execute: ((query: string) => Promise<OperationResult>) | undefined;
  const discover = () => {
    if (!execute) throw new Error('the gateway has not started');
    return discoverOrgs(directory, execute);
  };
  const ownership = new OwnershipIndex((query) => {
    if (!execute) throw new Error('the gateway has not started');
    return execute(query);
  }, config.ownershipTtlMs);
  const guard = new AccessGuard(directory, registry, ownership);
  const controlSchema = createControlSchema({ registry, directory, discover, guard });

  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraphSdl(),
    logger,
    buildService: ({ name }) => {
      const kind = name as SubgraphKind;
      if (kind === 'control') return new LocalGraphQLDataSource(controlSchema);
      const kindRoutes = routes.get(kind);
      if (!kindRoutes) throw new Error(`supergraph names subgraph "${name}", which is not a known kind`);
      return new ShardedDataSource({ kind, registry, routes: kindRoutes, client, guard });
    },
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
  execute = async (query) => {
    const response = await apollo.executeOperation({ query }, { contextValue: { requestId: 'org-discovery', principal: SYSTEM_PRINCIPAL } });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as OperationResult;
  };
  const runDiscovery = () =>
    discover().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'organization discovery failed'));
  await runDiscovery();
  const discoveryTimer = config.orgDiscoveryIntervalMs > 0 ? setInterval(runDiscovery, config.orgDiscoveryIntervalMs).unref() : undefined;

  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => ({
        requestId: randomUUID(),
        principal: await authenticate(request.headers, verifyToken, (reason) => logger.info({ reason }, 'token refused')),
      }),
    }),
  });
  app.get('/health', async () => ({ status: 'ok' }));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('gateway has no TCP address');
  logger.info({ nodes: registry.all().length }, 'gateway listening on port %d', address.port);
  return {
    url: `http://${config.host}:${address.port}/graphql`,
    registry,
    close: async () => {
      clearInterval(discoveryTimer);
      await app.close();
      await apollo.stop();
      await client.close();
    },
  };
}
