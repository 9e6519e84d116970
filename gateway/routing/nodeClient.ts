/**
 * HTTP to node instances: one keep-alive undici Agent for all of them, a bounded
 * timeout per request, every request signed with its node's secret (nodes refuse
 * anything else), and every transport failure turned into one error type.
 *
 * The same client reaches the subgraphs of a foreign supergraph (supergraph mode:
 * subgraphs that are not Overcast kinds, at a fixed URL), unsigned: JSON in, JSON out.
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
  /**
   * POST to a subgraph that is not an Overcast node (supergraph mode), at its fixed
   * URL: unsigned, no principal, nothing of the client's request forwarded.
   */
  postUnsigned(url: string, body: GraphQLBody): Promise<GraphQLResult>;
  close(): Promise<void>;
}

/** undici's codes for a peer that took too long: to connect, to send its headers, between body chunks. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const timedOut = (err: unknown): boolean => TIMEOUT_CODES.has((err as { code?: string }).code ?? '');

export function createNodeClient(timeoutMs: number): NodeClient {
  // The timeout is undici's own, per phase (connect, headers, body): its timers are shared and
  // coarse (±0.5 s above 1 s), unlike an AbortSignal.timeout per request, which keeps a timer,
  // a signal and its listeners alive for the whole timeout after every request and showed up in
  // the gateway's CPU profile.
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, connect: { timeout: timeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  // Node URLs are few and fixed: parse each once.
  const urls = new Map<string, URL>();
  const parsed = (raw: string): URL => {
    let url = urls.get(raw);
    if (!url) urls.set(raw, (url = new URL(raw)));
    return url;
  };

  /** One POST of a GraphQL body (already serialized), answered with a GraphQL result or a NodeUnavailableError. */
  async function exchange(url: URL, text: string, headers: Record<string, string>, refused: string): Promise<GraphQLResult> {
    let res;
    try {
      res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: text,
      });
    } catch (err) {
      throw new NodeUnavailableError(timedOut(err) ? `no answer within ${timeoutMs} ms` : 'unreachable');
    }
    // A refused signature (wrong secret, clocks apart) is the gateway's problem, not the
    // client's: the cloud is unavailable, rather than the node's UNAUTHENTICATED passed on.
    if (res.statusCode === 401) {
      await res.body.dump();
      throw new NodeUnavailableError(refused);
    }
    let answer: unknown;
    try {
      answer = await res.body.json();
    } catch (err) {
      throw new NodeUnavailableError(timedOut(err) ? `no answer within ${timeoutMs} ms` : `answered HTTP ${res.statusCode} without a GraphQL body`);
    }
    // GraphQL-over-HTTP: a 4xx may still carry a GraphQL answer (validation errors); a 5xx does not count.
    if (res.statusCode >= 500 || answer === null || typeof answer !== 'object' || !('data' in answer || 'errors' in answer)) {
      throw new NodeUnavailableError(`answered HTTP ${res.statusCode} without a GraphQL body`);
    }
    return answer as GraphQLResult;
  }

  return {
    async post(node, body, principal) {
      const url = parsed(node.url);
      // The signature covers these exact bytes and the path as it goes on the request line.
      const text = JSON.stringify(body);
      const signed = signRequest({ secret: node.secret, method: 'POST', path: url.pathname + url.search, body: text, principal });
      return exchange(url, text, { ...signed }, "its node refused the gateway's signature");
    },
    async postUnsigned(url, body) {
      return exchange(parsed(url), JSON.stringify(body), {}, 'it refused the request (HTTP 401)');
    },
    close: () => agent.close(),
  };
}
