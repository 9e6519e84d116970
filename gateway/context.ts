/** What the gateway knows about one client request; passed to every data source. */
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../schema/principal';

export interface GatewayContext {
  /** The request id in logs and on node requests (schema/requestId.ts); `internal:…` for the gateway's own reads. */
  readonly requestId: string;
  /** The authenticated caller (set by the auth step before any data source runs). */
  readonly principal: Principal;
}

/** What a request leaves for its log line and metrics (gateway/observability/requests.ts). */
export interface RequestNotes {
  operation?: 'query' | 'mutation' | 'subscription';
  operationName?: string;
  /** `success`, `partial` (data and errors: a cloud was missing) or `error`. */
  outcome?: 'success' | 'partial' | 'error';
  /** The `extensions.code` of each error answered. */
  errorCodes?: string[];
}

/** The context of a client's HTTP request: the GatewayContext plus its log and its notes. */
export interface ClientContext extends GatewayContext {
  /** The request's child logger: every line carries its `requestId`. */
  readonly log: FastifyBaseLogger;
  readonly notes: RequestNotes;
}
