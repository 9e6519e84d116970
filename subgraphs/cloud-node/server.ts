/**
 * A cloud-node: the cloud-node subgraph schema served over HTTP (fastify) for one
 * cloud, talking to that cloud through its adapter.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify from 'fastify';
import { parse, type GraphQLFormattedError } from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { CloudAdapter } from './adapters/types';
import { createContext, type CloudIdentity, type NodeContext } from './context';
import { formatNodeError } from './errors';
import { createNodeMetrics } from './metrics';
import { resolvers } from './resolvers';

export interface CloudNodeOptions {
  cloud: CloudIdentity;
  adapter: CloudAdapter;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

export interface RunningCloudNode {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4201/graphql`. */
  url: string;
  close(): Promise<void>;
}

export async function startCloudNode(options: CloudNodeOptions): Promise<RunningCloudNode> {
  const { cloud, adapter } = options;
  const app = Fastify({ logger: false });
  const schema = buildSubgraphSchema({ typeDefs: parse(readSdl('cloud-node')), resolvers: resolvers as never });

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError =>
    formatNodeError(formatted, unwrapResolverError(error), cloud.id);

  const apollo = new ApolloServer<NodeContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const metrics = createNodeMetrics(cloud.id);
  app.route({
    url: '/graphql',
    method: ['POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => {
        const query = (request.body as { query?: unknown } | undefined)?.query;
        metrics.requests.inc({ kind: typeof query === 'string' && query.includes('_entities') ? 'entities' : 'root' });
        return createContext(cloud, adapter);
      },
    }),
  });
  app.get('/health', async () => ({ status: 'ok', cloudId: cloud.id, kind: cloud.kind }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('cloud-node has no TCP address');
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}/graphql`,
    close: async () => {
      await app.close();
      await adapter.close();
    },
  };
}
