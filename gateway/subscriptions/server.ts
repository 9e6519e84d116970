/**
 * Subscriptions over graphql-ws on the gateway's /graphql path (same port as HTTP):
 * the same JWT authentication at connection init, the same size limit, document
 * limits, role policy and id checks as HTTP, refused with the codes HTTP gives the
 * same mistake; then the hub delivers. A socket lives no longer than its token: it
 * is closed with 4403 when the token expires. Keepalive is ours, not graphql-ws's
 * (which terminates a silent socket without a close code): see `keepAlive`.
 */
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, getVariableValues, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { keepaliveTimeoutReason, OvercastCloseCode } from '../../schema/closeCodes';
import type { Principal } from '../../schema/principal';
import { authenticate } from '../auth/authenticate';
import { firstForbiddenField } from '../auth/policy';
import type { TokenVerifier } from '../auth/tokens';
import { ErrorCode } from '../errors';
import type { SubscribeSpec, SubscriberFeed, SubscriptionHub } from '../events/hub';
import type { RequestLimits } from '../limits';
import { batchWrites } from './batchWrites';
import { prepareSubscription, resolveOperation } from './operation';

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  /** The supergraph API schema plus Subscription, once the gateway has loaded. */
  schema: () => GraphQLSchema | undefined;
  /** Undefined: authentication disabled (supergraph mode), everyone is `anonymous`. */
  verifyToken: TokenVerifier | undefined;
  anonymous: Principal;
  limits: RequestLimits;
  /**
   * The largest message a client may send, in bytes: the HTTP body limit, so a document
   * HTTP refuses for its size is refused here too (ws closes the socket with 1009).
   */
  maxPayloadBytes: number;
  hub: SubscriptionHub;
  /** A ping this often; a socket that has not answered the previous one is closed with 4410. */
  keepAliveMs: number;
}

interface Context {
  socket: WebSocket;
  principal: Principal;
  /** The subscription as read in onSubscribe (arguments checked there, so refusals are `error` messages). */
  prepared: Omit<SubscribeSpec, 'principal'>;
}

/**
 * `error` with the code Apollo Server gives it over HTTP (its SyntaxError,
 * ValidationError, UserInputError, OperationResolutionError classes): Apollo
 * overwrites whatever code the error had (armor's limits and the cost rule say
 * BAD_USER_INPUT), and so does this.
 */
function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    originalError: error.originalError ?? error,
    extensions: { ...error.extensions, code },
  });
}

/**
 * ws reports a client's protocol violation (a frame over maxPayload: WS_ERR_UNSUPPORTED_MESSAGE_LENGTH)
 * as a socket `error` after it has already closed the socket with the matching code (1009);
 * graphql-ws logs every socket error to console.error as a fault of ours. Those are the
 * client's mistakes: keep them out of the log and leave every other error to graphql-ws.
 */
function quietProtocolErrors(socket: WebSocket): void {
  const theirs = socket.listeners('error') as Array<(err: Error) => void>;
  socket.removeAllListeners('error');
  socket.once('error', (err: Error & { code?: unknown }) => {
    if (typeof err.code === 'string' && err.code.startsWith('WS_ERR_')) return;
    for (const listener of theirs) listener.call(socket, err);
  });
}

export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: options.path, maxPayload: options.maxPayloadBytes });
  const principals = new WeakMap<object, Principal>();
  const expiries = new WeakMap<object, number>();
  // Each socket's live subscriptions: what they still hold undelivered is told when the socket is cut.
  const feeds = new WeakMap<object, Set<SubscriberFeed>>();
  const refuse = (message: string, code: ErrorCode = ErrorCode.BAD_USER_INPUT) => [new GraphQLError(message, { extensions: { code } })];

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      // A missing or bad token closes the socket with 4403 Forbidden before any subscription.
      onConnect: async (ctx) => {
        if (!options.verifyToken) {
          principals.set(ctx.extra.socket, options.anonymous);
          return true;
        }
        const fromParams = ctx.connectionParams?.authorization;
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          const { principal, expiresAt } = await authenticate({ authorization }, options.verifyToken);
          principals.set(ctx.extra.socket, principal);
          if (expiresAt !== undefined) {
            expiries.set(ctx.extra.socket, expiresAt);
            closeAtExpiry(ctx.extra.socket, expiresAt);
          }
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: (ctx, _id, payload) => {
        const schema = options.schema();
        const principal = principals.get(ctx.extra.socket);
        // The expiry timer is coarse; a subscription arriving after the token's expiry is refused whatever it says.
        if (Date.now() >= (expiries.get(ctx.extra.socket) ?? Infinity)) {
          ctx.extra.socket.close(CloseCode.Forbidden, 'Token expired');
          return refuse('The token has expired', ErrorCode.UNAUTHENTICATED);
        }
        if (!schema || !principal) return refuse('The gateway is not ready', ErrorCode.SERVICE_UNAVAILABLE);
        // In Apollo Server's order, with its codes: parse, validate, pick the operation, coerce variables.
        let document;
        try {
          document = parse(payload.query, options.limits.parseOptions);
        } catch (err) {
          return [withCode(err as GraphQLError, ErrorCode.GRAPHQL_PARSE_FAILED)];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.limits.validationRules]);
        if (errors.length) return errors.map((e) => withCode(e, ErrorCode.GRAPHQL_VALIDATION_FAILED));
        const op = resolveOperation(document, payload.operationName ?? undefined);
        if (op instanceof GraphQLError) return [op];
        const denied = firstForbiddenField(schema, document, principal.role);
        if (denied) return refuse(`Not allowed: ${denied}`, ErrorCode.FORBIDDEN);
        const coerced = getVariableValues(schema, op.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors.map((e) => withCode(e, ErrorCode.BAD_USER_INPUT));
        // Refuses a query or mutation, and arguments HTTP would refuse (malformed ids).
        const prepared = prepareSubscription(schema, document, op, coerced.coerced);
        if (Array.isArray(prepared)) return prepared;
        return {
          schema,
          document,
          variableValues: coerced.coerced,
          operationName: op.name?.value,
          contextValue: { socket: ctx.extra.socket, principal, prepared } satisfies Context,
        };
      },
      subscribe: (args) => {
        const { socket, principal, prepared } = args.contextValue as Context;
        const feed = options.hub.subscribe({ principal, ...prepared });
        const open = feeds.get(socket) ?? new Set();
        feeds.set(socket, open.add(feed));
        const tracked: AsyncIterableIterator<ExecutionResult> = {
          next: () => feed.next(),
          return: () => {
            open.delete(feed);
            return feed.return!();
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
        return tracked;
      },
    },
    wss,
    // graphql-ws's keepalive off: ours says why it closes (keepAlive below).
    0,
  );
  // After useServer's own connection listener, which adds graphql-ws's error listener.
  wss.on('connection', quietProtocolErrors);
  wss.on('connection', (socket: WebSocket, request: IncomingMessage) => batchWrites(socket, request.socket));
  wss.on('connection', (socket: WebSocket) =>
    keepAlive(socket, options.keepAliveMs, () => [...(feeds.get(socket) ?? [])].reduce((sum, f) => sum + f.undelivered(), 0)),
  );

  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** How long a socket closed for keepalive has to complete the close handshake before it is terminated. */
const CLOSE_GRACE_MS = 3000;

/**
 * Ping `socket` every `intervalMs`; at a ping, a socket that has not answered the
 * previous one (a frozen client, a dead network path) is closed with 4410 Keepalive
 * timeout, so it is cut one to two intervals after it fell silent. The reason says how
 * many events its subscriptions still held undelivered (`undelivered`: the hub's queues;
 * what already sits in the socket's buffers is not counted). A socket that cannot even
 * complete the close is terminated after CLOSE_GRACE_MS.
 */
function keepAlive(socket: WebSocket, intervalMs: number, undelivered: () => number): void {
  let answered = true;
  let grace: NodeJS.Timeout | undefined;
  socket.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    if (answered) {
      answered = false;
      socket.ping();
      return;
    }
    clearInterval(timer);
    socket.close(OvercastCloseCode.KeepaliveTimeout, keepaliveTimeoutReason(undelivered()));
    grace = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }, intervalMs).unref();
  socket.once('close', () => {
    clearInterval(timer);
    clearTimeout(grace);
  });
}

/** setTimeout holds at most 2^31 - 1 ms (24.8 days): a later expiry re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Close `socket` with 4403 Forbidden once `expiresAt` has passed (and forget the timer when it closes first). */
function closeAtExpiry(socket: WebSocket, expiresAt: number): void {
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) return socket.close(CloseCode.Forbidden, 'Token expired');
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS)).unref();
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
}
