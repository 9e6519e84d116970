/**
 * The feeds are in the one API schema (so introspection and codegen see them on both
 * paths), but only the WebSocket server runs them: @apollo/gateway answers a
 * subscription sent over HTTP with a 500. Refuse it as the client mistake it is.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors';

export function subscriptionsOverWebSocketOnly(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError(
            'Subscriptions are served over WebSocket (graphql-ws) on this path; send queries and mutations over HTTP',
            {
              extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
            },
          );
        },
      };
    },
  };
}
