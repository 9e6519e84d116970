/**
 * Client requests, observed: each gets a request id (the client's `x-request-id`
 * when short and safe, else a new one; schema/requestId.ts), returned in the same
 * response header, carried by the request's child logger (`requestId` on every
 * line) and by its context to the nodes (./requestScope.ts). Each answered request
 * is one log line and one sample of the request metrics, with its GraphQL operation
 * type and outcome noted by the Apollo plugin on the way.
 *
 * ```ts
 * const requests = clientRequests(metrics);
 * const app = Fastify({ loggerInstance, genReqId: requests.genReqId, logController: requests.logController });
 * requests.install(app);
 * new ApolloServer<ClientContext>({ plugins: [requests.plugin, …] });
 * // context: { requestId: request.id, log: request.log, notes: requests.notesOf(request), principal }
 * ```
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { REQUEST_ID_HEADER, requestIdOf } from '../../schema/requestId';
import type { ClientContext, RequestNotes } from '../context';
import { ErrorCode } from '../errors';
import type { GatewayMetrics } from './metrics';

/** The GraphQL route: the one that is timed and counted. */
const GRAPHQL_PATH = '/graphql';
/** Probed and scraped routes: `debug` lines, so `info` is one line per client request. */
const PROBE_PATHS = new Set(['/healthz', '/readyz', '/health', '/metrics']);

export interface ClientRequests {
  /** fastify's `genReqId`. */
  genReqId(req: IncomingMessage): string;
  /** fastify's `logController`: one line per completed request instead of fastify's two. */
  logController: LogController;
  /** Add the hooks (response header, metrics) to the app. */
  install(app: FastifyInstance): void;
  /** The notes of a request, for its GraphQL context. */
  notesOf(request: FastifyRequest): RequestNotes;
  /** Notes operation type, outcome and error codes; logs defects with their cause. */
  plugin: ApolloServerPlugin<ClientContext>;
}

const pathOf = (request: FastifyRequest): string => request.url.split('?', 1)[0]!;

class ClientRequestLog extends LogController {
  constructor(private readonly notes: WeakMap<FastifyRequest, RequestNotes>) {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const level = error ? 'error' : PROBE_PATHS.has(pathOf(request)) ? 'debug' : 'info';
    // The path only: a GET's query string is the GraphQL document and its variables.
    const line = {
      method: request.method,
      path: pathOf(request),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      ...this.notes.get(request),
      ...(error ? { err: error } : {}),
    };
    reply.log[level](line, error ? 'request errored' : 'request completed');
  }
}

export function clientRequests(metrics: Pick<GatewayMetrics, 'request'>): ClientRequests {
  const notes = new WeakMap<FastifyRequest, RequestNotes>();
  const notesOf = (request: FastifyRequest): RequestNotes => {
    let note = notes.get(request);
    if (!note) notes.set(request, (note = {}));
    return note;
  };
  return {
    genReqId: (req) => requestIdOf(req.headers[REQUEST_ID_HEADER]),
    logController: new ClientRequestLog(notes),
    notesOf,
    install(app) {
      app.addHook('onRequest', async (request, reply) => {
        reply.header(REQUEST_ID_HEADER, request.id);
      });
      app.addHook('onResponse', async (request, reply) => {
        if (pathOf(request) !== GRAPHQL_PATH || request.method === 'OPTIONS') return;
        const note = notesOf(request);
        // No outcome noted: refused before the GraphQL pipeline ran (a bad token is 401).
        if (!note.outcome && reply.statusCode === 401) note.errorCodes = [ErrorCode.UNAUTHENTICATED];
        const outcome = note.outcome ?? (reply.statusCode === 401 ? 'unauthenticated' : reply.statusCode >= 400 ? 'error' : 'success');
        metrics.request(note.operation ?? 'unknown', outcome, reply.elapsedTime / 1000, note.errorCodes ?? []);
      });
    },
    plugin: {
      async requestDidStart() {
        return {
          async didEncounterErrors({ contextValue, errors }) {
            // A defect's cause goes to the log only: the client gets a code and no stack.
            for (const error of errors) {
              const code = error.extensions?.code;
              if (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) {
                contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'internal error');
              }
            }
          },
          async willSendResponse({ contextValue, response, operation, operationName }) {
            const note = contextValue.notes;
            if (operation) note.operation = operation.operation;
            if (operationName) note.operationName = operationName;
            if (response.body.kind !== 'single') return;
            const { data, errors } = response.body.singleResult;
            note.outcome = !errors?.length ? 'success' : data ? 'partial' : 'error';
            if (errors?.length) note.errorCodes = errors.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR));
          },
        };
      },
    },
  };
}
