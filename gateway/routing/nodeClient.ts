/**
 * HTTP to node instances: one keep-alive undici Agent for all of them, a bounded
 * timeout per request, every request signed with its node's secret (nodes refuse
 * anything else), and every transport failure turned into one error type.
 */
import { Agent, request } from 'undici';
import type { GraphQLFormattedError } from 'graphql';
import type { Principal } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import type { NodeInstance } from '../registry';

export interface GraphQLBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

/** The node could not give a GraphQL answer: down, too slow, or not speaking GraphQL. */
export class NodeUnavailableError extends Error {}

export interface NodeClient {
  /** POST to a node on behalf of `principal` (forwarded to the node, signed). */
  post(node: NodeInstance, body: GraphQLBody, principal: Principal): Promise<GraphQLResult>;
  close(): Promise<void>;
}

export function createNodeClient(timeoutMs: number): NodeClient {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  return {
    async post(node, body, principal) {
      const url = new URL(node.url);
      // The signature covers these exact bytes and the path as it goes on the request line.
      const text = JSON.stringify(body);
      const signed = signRequest({ secret: node.secret, method: 'POST', path: url.pathname + url.search, body: text, principal });
      let res;
      try {
        res = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', accept: 'application/json', ...signed },
          body: text,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new NodeUnavailableError((err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable');
      }
      // A refused signature (wrong secret, clocks apart) is the gateway's problem, not the
      // client's: the cloud is unavailable, rather than the node's UNAUTHENTICATED passed on.
      if (res.statusCode === 401) {
        await res.body.dump();
        throw new NodeUnavailableError("its node refused the gateway's signature");
      }
      let parsed: unknown;
      try {
        parsed = await res.body.json();
      } catch {
        throw new NodeUnavailableError(`answered HTTP ${res.statusCode} without a GraphQL body`);
      }
      // GraphQL-over-HTTP: a 4xx may still carry a GraphQL answer (validation errors); a 5xx does not count.
      if (res.statusCode >= 500 || parsed === null || typeof parsed !== 'object' || !('data' in parsed || 'errors' in parsed)) {
        throw new NodeUnavailableError(`answered HTTP ${res.statusCode} without a GraphQL body`);
      }
      return parsed as GraphQLResult;
    },
    close: () => agent.close(),
  };
}
