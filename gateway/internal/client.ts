/**
 * The gateway's one way to read its own graph (ownership, organization discovery,
 * the inventory sync, subscription hydration). Every call names its principal: reads
 * for a tenant (a tenant's subscription) run as that tenant and are routed and
 * guarded exactly as its HTTP requests are; the gateway's own reads name
 * SYSTEM_PRINCIPAL. Nothing defaults to it.
 *
 * Internal reads are not held to client request limits (depth, aliases, cost) nor to
 * the role policy: their documents are the gateway's own, or a client document that
 * already passed both when it was subscribed.
 */
import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { Principal } from '../../schema/principal';
import type { GatewayContext } from '../context';

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
}

export interface InternalClient {
  /** Run `query` through the supergraph on behalf of `principal`. */
  execute(query: string, variables: Record<string, unknown> | undefined, options: { principal: Principal }): Promise<OperationResult>;
}

/**
 * Built before the services that use it; `start` binds it to the gateway once the
 * public server has loaded the supergraph (a call before that fails).
 */
export class GatewayInternalClient implements InternalClient {
  private server: ApolloServer<GatewayContext> | undefined;

  async start(gateway: GatewayInterface, logger: Logger): Promise<void> {
    const server = new ApolloServer<GatewayContext>({
      gateway,
      logger,
      includeStacktraceInErrorResponses: false,
      // Signals are gateway/main.ts's: Apollo's own handler would stop this server and re-raise the signal (exit 143).
      stopOnTerminationSignals: false,
      plugins: [ApolloServerPluginLandingPageDisabled()],
    });
    await server.start();
    this.server = server;
  }

  async execute(
    query: string,
    variables: Record<string, unknown> | undefined,
    { principal }: { principal: Principal },
  ): Promise<OperationResult> {
    if (!this.server) throw new Error('the gateway has not started');
    const response = await this.server.executeOperation(
      { query, variables },
      { contextValue: { requestId: `internal:${randomUUID()}`, principal } },
    );
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult as OperationResult;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }
}
