/**
 * Subscriptions over graphql-ws on the gateway's /graphql path (same port as HTTP):
 * the same JWT authentication at connection init, the same limits and role policy
 * on the subscription document, then the hub delivers. A socket lives no longer
 * than its token: it is closed with 4403 when the token expires.
 */
import type { Server } from 'node:http';
import {
  GraphQLError,
  Kind,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal } from '../../schema/principal';
import { authenticate } from '../auth/authenticate';
import { firstForbiddenField } from '../auth/policy';
import type { TokenVerifier } from '../auth/tokens';
import { ErrorCode } from '../errors';
import type { SubscriptionHub } from '../events/hub';
import type { RequestLimits } from '../limits';
import { prepareSubscription } from './operation';

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  /** The supergraph API schema plus Subscription, once the gateway has loaded. */
  schema: () => GraphQLSchema | undefined;
  /** Undefined: authentication disabled (supergraph mode), everyone is `anonymous`. */
  verifyToken: TokenVerifier | undefined;
  anonymous: Principal;
  limits: RequestLimits;
  hub: SubscriptionHub;
}

interface Context {
  principal: Principal;
}

export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: options.path });
  const principals = new WeakMap<object, Principal>();
  const expiries = new WeakMap<object, number>();
  const refuse = (message: string, code: string = ErrorCode.BAD_USER_INPUT) => [new GraphQLError(message, { extensions: { code } })];

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
        if (!schema || !principal) return refuse('The gateway is not ready', 'SERVICE_UNAVAILABLE');
        let document;
        try {
          document = parse(payload.query, options.limits.parseOptions);
        } catch (err) {
          return [err as GraphQLError];
        }
        const errors = validate(schema, document, [...specifiedRules, ...options.limits.validationRules]);
        if (errors.length) return errors;
        const op = document.definitions.find(
          (d): d is OperationDefinitionNode =>
            d.kind === Kind.OPERATION_DEFINITION && (!payload.operationName || d.name?.value === payload.operationName),
        );
        if (op?.operation !== 'subscription')
          return refuse('Only subscriptions are served over WebSocket; send queries and mutations over HTTP');
        const denied = firstForbiddenField(schema, document, principal.role);
        if (denied) return refuse(`Not allowed: ${denied}`, ErrorCode.FORBIDDEN);
        const coerced = getVariableValues(schema, op.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced.errors) return coerced.errors;
        return {
          schema,
          document,
          variableValues: coerced.coerced,
          operationName: payload.operationName ?? undefined,
          contextValue: { principal } satisfies Context,
        };
      },
      subscribe: (args) => {
        const prepared = prepareSubscription(
          args.schema,
          args.document,
          (args.variableValues ?? {}) as Record<string, unknown>,
          args.operationName ?? undefined,
        );
        if (Array.isArray(prepared)) return { errors: prepared };
        return options.hub.subscribe({ principal: (args.contextValue as Context).principal, ...prepared });
      },
    },
    wss,
  );

  return {
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
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
