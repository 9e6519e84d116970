/**
 * Serving a node's subgraph over HTTP (fastify + Apollo Server), the same for every
 * node kind: /graphql, /health, Prometheus /metrics, client-safe errors naming the
 * cloud, and no inline tracing (the gateway does not use it).
 */
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { formatNodeError } from './errors';
import { createNodeMetrics } from './metrics';

export interface ServeOptions<C extends BaseContext> {
  /** Node kind, reported by /health. */
  kind: string;
  cloudId: string;
  schema: GraphQLSchema;
  /** A fresh context (DataLoaders) per request. */
  context: () => C;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Called after the server stopped: release clients. */
  onClose?: () => Promise<void>;
}

export interface RunningNode {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4201/graphql`. */
  url: string;
  close(): Promise<void>;
}

export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<RunningNode> {
  const { cloudId } = options;
  const host = options.host ?? '127.0.0.1';
  const app = Fastify({ logger: false });
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => formatNodeError(formatted, unwrapResolverError(error), cloudId),
    includeStacktraceInErrorResponses: false,
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const metrics = createNodeMetrics(cloudId);
  app.route({
    url: '/graphql',
    method: ['POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => {
        const query = (request.body as { query?: unknown } | undefined)?.query;
        metrics.requests.inc({ kind: typeof query === 'string' && query.includes('_entities') ? 'entities' : 'root' });
        return options.context();
      },
    }),
  });
  app.get('/health', async () => ({ status: 'ok', cloudId, kind: options.kind }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error(`${options.kind} has no TCP address`);
  return {
    url: `http://${host}:${address.port}/graphql`,
    close: async () => {
      await app.close();
      await options.onClose?.();
    },
  };
}
