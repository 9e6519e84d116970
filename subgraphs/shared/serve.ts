/**
 * Serving a node's subgraph over HTTP (fastify + Apollo Server), the same for every
 * node kind: /graphql (only requests signed by the gateway), /events (the node's
 * event stream, signed too, for nodes that have one), /health, Prometheus
 * /metrics, client-safe errors naming the cloud, and no inline tracing (the gateway
 * does not use it). /health and /metrics stay open: they reveal no cloud data and
 * are what probes and scrapers without the secret need. All of them may sit under a
 * base path (`/edge/graphql`, `/edge/health`, …) for a node behind a path-routing proxy.
 * Given a certificate (`tls`) it serves HTTPS and reports an https:// URL.
 * A node kind adds routes of its own with `routes` (a cloud-node's transfers), guarded
 * by the same signature check or, for node-to-node requests, by a check of their own.
 *
 * Every request gets a request id (the gateway's `x-request-id`, else a new one),
 * returned in the same header and written in its log line (./logging.ts).
 */
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Principal } from '../../schema/principal';
import { REQUEST_ID_HEADER, requestIdOf } from '../../schema/requestId';
import { TASK_ID_HEADER, acceptTaskId } from '../../schema/taskId';
import { formatNodeError } from './errors';
import { createNodeLog, NodeRequestLog, observeRequests, PINO_LEVEL, withRequest, type NodeLogOptions, type RequestNotes } from './logging';
import { createNodeMetrics } from './metrics';
import { signedRequests } from './signedRequests';
import type { EventLog } from './events';
import { registerEventStream } from './eventStream';
import { unusedConnections } from './unusedConnections';
import { isBasePath, type NodeTls } from './nodeEnv';
import { readFileSync } from 'node:fs';
import { NodeSettingsSchema, type ConfigDelivery, type NodeSettings } from '../../schema/nodeSettings';
import { assertSecret, type RejectReason } from '../../schema/signing';
import type { CloudHealth } from '../../schema/cloudHealth';

export interface ServeOptions<C extends BaseContext> {
  /** Node kind, reported by /health. */
  kind: string;
  cloudId: string;
  schema: GraphQLSchema;
  /** A fresh context (DataLoaders) per request, for the principal the gateway signed for. */
  context: (principal: Principal, request: NodeRequest) => C;
  /**
   * Shared with the gateway (at least 32 characters): /graphql answers only requests
   * signed with it. Undefined for a node that registers: it refuses everything until
   * `setSecret` gives it the secret the gateway issued.
   */
  secret?: string;
  /**
   * Apply a configuration the gateway delivered (already validated); throw to refuse
   * it. `logLevel` is applied here for every node; `onConfig` applies the others.
   */
  onConfig?: (settings: NodeSettings) => void;
  /**
   * The settings `onConfig` applies. A delivery naming any other (besides `logLevel`)
   * is refused, HTTP 400, and so not acknowledged: nothing here would apply it.
   * @default []
   */
  appliesSettings?: ReadonlyArray<Exclude<keyof NodeSettings, 'logLevel'>>;
  /** Where the node's log goes, and its level until the gateway sets one (see ./logging.ts). */
  log?: NodeLogOptions;
  /** Largest accepted distance between a signature's time and this node's clock. @default 60000 */
  maxSkewMs?: number;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Prefix of every route (`/edge` serves `/edge/graphql`, `/edge/events`, …), for a
   * node behind a path-routing proxy; '' serves them at the root. @default ''
   */
  basePath?: string;
  /** Called after the server stopped: release clients. */
  onClose?: () => Promise<void>;
  /** The node's event log, served on GET /events (signed); without one /events is 404. */
  events?: EventLog;
  /** Comment line interval on open /events streams. @default 15000 */
  eventHeartbeatMs?: number;
  /** The cloud probe's last report (./cloudProbe.ts), served as /health's `cloud`; absent, or undefined before a probe ended: no `cloud`. */
  cloudHealth?: () => CloudHealth | undefined;
  /** Serve HTTPS with this certificate and key (PEM files, read at start); absent: plain HTTP. */
  tls?: NodeTls;
  /**
   * Routes of this node kind besides /graphql and the others here (a cloud-node's
   * transfers), registered in a plugin of their own under the base path: paths are
   * given without it, and an error handler set there stays there. Bodies arrive as
   * the raw bytes until `requireSignature` let a request through.
   */
  routes?: (app: FastifyInstance, tools: NodeRoutes) => void | Promise<void>;
}

/** What `routes` get to guard their routes with. */
export interface NodeRoutes {
  /** preValidation hook: only requests signed with the gateway's secret get through (their JSON body parsed then). */
  requireSignature(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  /** The principal the gateway signed for (only after requireSignature). */
  principalOf(request: FastifyRequest): Principal;
  /** The secret shared with the gateway (undefined until registration): for a route with a check of its own, keyed from it. */
  secret(): string | undefined;
  /** Count a request such a check refused, as requireSignature counts its own refusals. */
  refused(reason: RejectReason): void;
}

/** What a GraphQL request from the gateway says besides its body and principal. */
export interface NodeRequest {
  /** The native id for the task a mutation starts (`x-overcast-task-id`), when well-formed; unsigned (schema/taskId.ts). */
  taskId: string | undefined;
}

export interface RunningNode {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4201/graphql` (`…/edge/graphql` under a base path). */
  url: string;
  /** Start accepting requests signed with this secret (after registration). */
  setSecret(secret: string): void;
  /** When a request signed by the gateway last got through (Date.now()); undefined before the first. */
  lastSignedAt(): number | undefined;
  /** The node's log (its level is the configured `logLevel`). */
  logger: Logger;
  close(): Promise<void>;
}

export async function serveSubgraph<C extends BaseContext>(options: ServeOptions<C>): Promise<RunningNode> {
  const { cloudId } = options;
  const host = options.host ?? '127.0.0.1';
  const basePath = options.basePath ?? '';
  if (!isBasePath(basePath))
    throw new Error(`${options.kind}: basePath "${basePath}" must be empty or /segment[/segment…], without a trailing slash`);
  // Every route under the base path. The signature check reads the path as received (prefix included), which is what the gateway signs.
  const at = (route: string): string => `${basePath}${route}`;
  const log = createNodeLog(options.kind, cloudId, options.log);
  const notes = new WeakMap<FastifyRequest, RequestNotes>();
  const tls = options.tls;
  const app = Fastify({
    // `null` is plain HTTP (fastify reads it so); a missing file fails the start, naming the file.
    https: tls ? { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } : null,
    // As fastify's base logger type: the app stays the FastifyInstance the Apollo integration expects.
    loggerInstance: log.logger as FastifyBaseLogger,
    // Untrusted like any header (it is not signed): taken only when short and safe, else a new one.
    genReqId: (req) => requestIdOf(req.headers[REQUEST_ID_HEADER]),
    logController: new NodeRequestLog((request) => notes.get(request)),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const metrics = createNodeMetrics(cloudId);
  const applies = new Set<string>(['logLevel', ...(options.appliesSettings ?? [])]);
  // Before Apollo starts: a bad secret fails the start, not every request.
  let secret = options.secret;
  let applied: ConfigDelivery = { version: 0, settings: {} };
  const signed = signedRequests(app, {
    secret: () => secret,
    maxSkewMs: options.maxSkewMs,
    onRefused: (reason) => metrics.refused.inc({ reason }),
  });
  // Noted after the check: a node that registered rejoins when the gateway has gone quiet (runNode.ts).
  let lastSignedAt: number | undefined;
  const requireSignature: typeof signed.requireSignature = async (request, reply) => {
    const refused = await signed.requireSignature(request, reply);
    if (refused === undefined) lastSignedAt = Date.now();
    return refused;
  };
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => formatNodeError(formatted, unwrapResolverError(error), cloudId),
    includeStacktraceInErrorResponses: false,
    // The process's signal handling is runNode's: Apollo's own would stop it and re-raise the signal (exit 143).
    stopOnTerminationSignals: false,
    plugins: [fastifyApolloDrainPlugin(app), ApolloServerPluginInlineTraceDisabled(), observeRequests<C>(notes)],
  });
  await apollo.start();

  app.route({
    url: at('/graphql'),
    method: ['POST', 'OPTIONS'],
    // Every method: the signature covers it, and nothing here is for an unsigned caller.
    preValidation: requireSignature,
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => {
        const query = (request.body as { query?: unknown } | undefined)?.query;
        const kind = typeof query === 'string' && query.includes('_entities') ? 'entities' : 'root';
        metrics.requests.inc({ kind });
        notes.set(request, { kind });
        const facts: NodeRequest = { taskId: acceptTaskId(request.headers[TASK_ID_HEADER]) };
        return withRequest(options.context(signed.principalOf(request), facts), request);
      },
    }),
  });
  // Signed requests only: a refusal is counted by reason, not timed.
  app.addHook('onResponse', async (request, reply) => {
    const note = notes.get(request);
    if (request.routeOptions.url !== at('/graphql') || !note?.kind) return;
    const outcome = note.outcome ?? (reply.statusCode >= 400 ? 'error' : 'success');
    metrics.duration.observe({ kind: note.kind, outcome }, reply.elapsedTime / 1000);
  });
  // Configuration updates from the gateway: signed like /graphql, validated here again.
  app.post(at('/config'), { preValidation: requireSignature }, async (request, reply) => {
    const body = request.body as Partial<ConfigDelivery> | undefined;
    const settings = NodeSettingsSchema.safeParse(body?.settings);
    if (typeof body?.version !== 'number' || !settings.success) return reply.code(400).send({ error: 'invalid configuration' });
    const foreign = Object.keys(settings.data).filter((key) => !applies.has(key));
    if (foreign.length) return reply.code(400).send({ error: `not applied by a ${options.kind}: ${foreign.join(', ')}` });
    // Applied, then acknowledged: an onConfig that throws leaves the version unacknowledged.
    if (body.version > applied.version) {
      options.onConfig?.(settings.data);
      log.setLevel(settings.data.logLevel && PINO_LEVEL[settings.data.logLevel]);
      applied = { version: body.version, settings: settings.data };
      request.log.info({ version: applied.version, logLevel: log.level() }, 'configuration applied');
    }
    return { appliedVersion: applied.version };
  });
  // eventStream.ts registers its own path: a plugin puts it under the prefix.
  const events = options.events;
  if (events)
    await app.register(async (scoped) => registerEventStream(scoped, events, { requireSignature, heartbeatMs: options.eventHeartbeatMs }), {
      prefix: basePath,
    });
  const routes = options.routes;
  if (routes)
    await app.register(
      async (scoped) =>
        routes(scoped, {
          requireSignature,
          principalOf: (request) => signed.principalOf(request),
          secret: () => secret,
          refused: (reason) => metrics.refused.inc({ reason }),
        }),
      { prefix: basePath },
    );
  app.get(at('/health'), async () => {
    const cloud = options.cloudHealth?.();
    return {
      status: 'ok',
      cloudId,
      kind: options.kind,
      registered: secret !== undefined,
      configVersion: applied.version,
      logLevel: log.level(),
      // Reachability, latency and a fixed failure word: nothing of the cloud's own answer (/health is open).
      ...(cloud ? { cloud } : {}),
    };
  });
  app.get(at('/metrics'), async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.text()));

  const unused = unusedConnections(app.server);
  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error(`${options.kind} has no TCP address`);
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${address.port}${basePath}/graphql`,
    setSecret: (next) => {
      assertSecret(next, 'the node secret');
      secret = next;
    },
    lastSignedAt: () => lastSignedAt,
    logger: log.logger,
    close: async () => {
      const closing = app.close();
      // Until the listener is gone a new unused connection can still arrive: sweep until closed.
      unused.destroy();
      const sweep = setInterval(() => unused.destroy(), 50);
      try {
        await closing;
      } finally {
        clearInterval(sweep);
      }
      await options.onClose?.();
    },
  };
}
