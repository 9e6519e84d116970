/**
 * A node's log: pino, one JSON line per request (with the request id the gateway
 * forwarded, schema/requestId.ts) and one per request that had errors, at the level
 * the gateway's `logLevel` setting chose (schema/nodeSettings.ts).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import type { LogLevel } from '../../schema/generated/enums';
import { CloudApiError, ErrorCode } from './cloudApiError';

export interface NodeLogOptions {
  /**
   * Where the lines go. The node process writes to stdout; without a destination
   * (embedding code, tests) nothing is written at any level.
   */
  destination?: DestinationStream;
  /** The level until the gateway configures another. @default info */
  level?: Level;
}

/** The pino level of each `LogLevel` of the contract. */
export const PINO_LEVEL: Readonly<Record<LogLevel, Level>> = { DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

export interface NodeLog {
  logger: Logger;
  /** The level in force (what the node's /health reports). */
  level(): Level;
  /** Apply a level; `undefined` returns to the starting one (a configuration without `logLevel`). */
  setLevel(level: Level | undefined): void;
}

export function createNodeLog(kind: string, cloudId: string, options: NodeLogOptions = {}): NodeLog {
  const initial = options.level ?? 'info';
  const sink = options.destination;
  let level = initial;
  // No destination: silent for good, so a level pushed later cannot open a default stdout stream.
  const logger = pino(
    { name: `overcast-${kind}`, level: sink ? initial : 'silent', base: { cloudId } },
    sink ?? { write: () => undefined },
  );
  return {
    logger,
    level: () => level,
    setLevel(next) {
      level = next ?? initial;
      if (sink) logger.level = level;
    },
  };
}

/** What one request left for its log line: filled by the routes, read when it completes. */
export interface RequestNotes {
  /** GraphQL requests: `entities` or `root`. */
  kind?: string;
  /** GraphQL requests: `success`, `partial` or `error`. */
  outcome?: string;
}

/** Routes polled by probes and scrapers: their lines are `debug`, so `info` is one line per real request. */
const PROBE_ROUTES = /\/(health|metrics)$/;

/**
 * fastify's request log lines, replaced by one line when a request completes (its
 * request id is the child logger's `requestId`). fastify's own error lines stay.
 */
export class NodeRequestLog extends LogController {
  constructor(private readonly notes: (request: FastifyRequest) => RequestNotes | undefined) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      // The path only, as on the gateway (the query string of /events is a resume point, not news).
      path: request.url.split('?', 1)[0],
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...this.notes(request),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else if (PROBE_ROUTES.test(request.routeOptions.url ?? '')) reply.log.debug(line, 'request completed');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * The fastify request a GraphQL context belongs to. Apollo hands plugins a shallow
 * copy of the context object (not the object itself, so no WeakMap on it finds it),
 * and a copy keeps symbol keys: the request rides along under one.
 */
const REQUEST = Symbol('fastify request');

export function withRequest<C extends BaseContext>(context: C, request: FastifyRequest): C {
  return Object.assign(context, { [REQUEST]: request });
}

function requestOf(context: BaseContext): FastifyRequest | undefined {
  return (context as { [REQUEST]?: FastifyRequest })[REQUEST];
}

/** The log level of an error: a defect is `error`, a cloud failing `warn`, a caller's mistake `info`. */
function levelOf(code: string): Level {
  if (code === ErrorCode.CLOUD_UNAVAILABLE || code === ErrorCode.UPSTREAM_ERROR) return 'warn';
  return code === ErrorCode.INTERNAL_SERVER_ERROR ? 'error' : 'info';
}

function codeOf(error: GraphQLError): string {
  const original = error.originalError;
  if (original instanceof CloudApiError) return original.code;
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * The Apollo plugin of a node's GraphQL route: notes each request's outcome (for its
 * log line and latency histogram) and logs its errors, one line on the request's logger.
 */
export function observeRequests<C extends BaseContext>(notes: WeakMap<FastifyRequest, RequestNotes>): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          const request = requestOf(contextValue);
          if (!request) return;
          const coded = errors.map((error) => ({ error, code: codeOf(error) }));
          const worst = coded.some((e) => levelOf(e.code) === 'error')
            ? 'error'
            : coded.some((e) => levelOf(e.code) === 'warn')
              ? 'warn'
              : 'info';
          // A defect's cause goes to the log (never to the client: formatNodeError hides it).
          const defect = coded.find((e) => e.code === ErrorCode.INTERNAL_SERVER_ERROR)?.error.originalError;
          request.log[worst](
            {
              errors: coded.map(({ error, code }) => ({ code, message: error.message, path: error.path })),
              ...(defect ? { err: defect } : {}),
            },
            'request had errors',
          );
        },
        async willSendResponse({ contextValue, response }) {
          const request = requestOf(contextValue);
          const note = request && notes.get(request);
          if (!note || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          note.outcome = !errors?.length ? 'success' : data ? 'partial' : 'error';
        },
      };
    },
  };
}
