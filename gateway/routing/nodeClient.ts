/**
 * HTTP to node instances: one keep-alive undici Agent for all of them, a bounded
 * timeout per request, and every transport failure turned into one error type.
 */
import { Agent, request } from 'undici';
import type { GraphQLFormattedError } from 'graphql';

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
  post(url: string, body: GraphQLBody): Promise<GraphQLResult>;
  close(): Promise<void>;
}

export function createNodeClient(timeoutMs: number): NodeClient {
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  return {
    async post(url, body) {
      let res;
      try {
        res = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw new NodeUnavailableError((err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable');
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
