/**
 * GraphQL over HTTP to a node, as the data sources see it: a body in, a GraphQL
 * result or one error type out. Where the request goes, how it is signed and how
 * long it may take is the node transport's (gateway/nodes/transport.ts), which
 * implements {@link NodeClient}.
 */
import { request, type Dispatcher } from 'undici';
import type { GraphQLFormattedError } from 'graphql';
import type { Principal } from '../../schema/principal';
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

/**
 * Why a node gave no usable answer (the `reason` label of the gateway's upstream
 * error metric): too slow, not reachable, refused the gateway's signature (401),
 * refused the request otherwise (another 4xx), or answered something unusable.
 */
export type UnavailableReason = 'timeout' | 'unreachable' | 'refused' | 'rejected' | 'bad_answer';

/** The node could not give a GraphQL answer: down, too slow, or not speaking GraphQL. */
export class NodeUnavailableError extends Error {
  readonly reason: UnavailableReason;

  constructor(message: string, options: ErrorOptions & { reason?: UnavailableReason } = {}) {
    super(message, options);
    this.reason = options.reason ?? 'unreachable';
  }
}

/** What the data sources need of the node transport. */
export interface NodeClient {
  /** POST to a node's GraphQL endpoint on behalf of `principal` (forwarded to the node, signed). */
  post(node: NodeInstance, body: GraphQLBody, principal: Principal): Promise<GraphQLResult>;
  /**
   * POST to a subgraph that is not an Overcast node (supergraph mode), at its fixed
   * URL: unsigned, no principal, nothing of the client's request forwarded.
   */
  postUnsigned(url: string, body: GraphQLBody): Promise<GraphQLResult>;
}

/** undici's codes for a peer that took too long: to connect, to send its headers, between body chunks. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** A failed exchange as the one error type: "too slow" when undici timed out, `otherwise` (for `reason`) when not. */
export function unavailable(
  err: unknown,
  timeoutMs: number,
  otherwise: string,
  reason: UnavailableReason = 'unreachable',
): NodeUnavailableError {
  const slow = TIMEOUT_CODES.has((err as { code?: string } | undefined)?.code ?? '');
  return slow
    ? new NodeUnavailableError(`no answer within ${timeoutMs} ms`, { cause: err, reason: 'timeout' })
    : new NodeUnavailableError(otherwise, { cause: err, reason });
}

/** One GraphQL POST already prepared (URL, serialized body, headers). */
export interface GraphQLExchange {
  dispatcher: Dispatcher;
  url: URL;
  text: string;
  headers: Record<string, string>;
  /** For the message of a timeout. */
  timeoutMs: number;
  /** The message when the peer answers 401. */
  refused: string;
}

/** Send one GraphQL POST; a GraphQL result, or a NodeUnavailableError. */
export async function exchangeGraphQL({ dispatcher, url, text, headers, timeoutMs, refused }: GraphQLExchange): Promise<GraphQLResult> {
  let res;
  try {
    res = await request(url, {
      method: 'POST',
      dispatcher,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: text,
    });
  } catch (err) {
    throw unavailable(err, timeoutMs, 'unreachable');
  }
  // A refused signature (wrong secret, clocks apart) is the gateway's problem, not the
  // client's: the cloud is unavailable, rather than the node's UNAUTHENTICATED passed on.
  if (res.statusCode === 401) {
    await res.body.dump();
    throw new NodeUnavailableError(refused, { reason: 'refused' });
  }
  let answer: unknown;
  try {
    answer = await res.body.json();
  } catch (err) {
    throw unavailable(err, timeoutMs, `answered HTTP ${res.statusCode} without a GraphQL body`, 'bad_answer');
  }
  // GraphQL-over-HTTP: a 4xx may still carry a GraphQL answer (validation errors); a 5xx does not count.
  if (res.statusCode >= 500 || answer === null || typeof answer !== 'object' || !('data' in answer || 'errors' in answer)) {
    throw new NodeUnavailableError(`answered HTTP ${res.statusCode} without a GraphQL body`, { reason: 'bad_answer' });
  }
  return answer as GraphQLResult;
}
