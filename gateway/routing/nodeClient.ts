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
  /**
   * Whether the node may have received the request, and so may have acted on it: it was
   * too slow to answer (not to connect), or answered something unusable (a proxy's 504).
   * A mutation's task may then still run on the node; otherwise it never reached it.
   */
  readonly delivered: boolean;

  constructor(message: string, options: ErrorOptions & { reason?: UnavailableReason; delivered?: boolean } = {}) {
    super(message, options);
    this.reason = options.reason ?? 'unreachable';
    this.delivered = options.delivered ?? false;
  }
}

/** What else goes with one GraphQL POST to a node. */
export interface PostOptions {
  /** The native task id the node is to give the task a mutation starts (schema/taskId.ts). */
  taskId?: string;
  /** `JSON.stringify(body)`, when the caller already has it. */
  text?: string;
}

/** What the data sources need of the node transport. */
export interface NodeClient {
  /** POST to a node's GraphQL endpoint on behalf of `principal` (forwarded to the node, signed). */
  post(node: NodeInstance, body: GraphQLBody, principal: Principal, options?: PostOptions): Promise<GraphQLResult>;
  /**
   * POST to a subgraph that is not an Overcast node (supergraph mode), at its fixed
   * URL: unsigned, no principal, nothing of the client's request forwarded.
   */
  postUnsigned(url: string, body: GraphQLBody, options?: Pick<PostOptions, 'text'>): Promise<GraphQLResult>;
}

/** undici's codes for a peer that took too long: to connect, to send its headers, between body chunks. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A failed exchange as the one error type: "too slow" when undici timed out, `otherwise` (for `reason`) when not.
 * `delivered` when it timed out after connecting (the node has the request), or it says so (it answered).
 */
export function unavailable(
  err: unknown,
  timeoutMs: number,
  otherwise: string,
  reason: UnavailableReason = 'unreachable',
  delivered = false,
): NodeUnavailableError {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  return TIMEOUT_CODES.has(code)
    ? new NodeUnavailableError(`no answer within ${timeoutMs} ms`, {
        cause: err,
        reason: 'timeout',
        delivered: delivered || code !== 'UND_ERR_CONNECT_TIMEOUT',
      })
    : new NodeUnavailableError(otherwise, { cause: err, reason, delivered });
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
    throw unavailable(err, timeoutMs, `answered HTTP ${res.statusCode} without a GraphQL body`, 'bad_answer', true);
  }
  // GraphQL-over-HTTP: a 4xx may still carry a GraphQL answer (validation errors); a 5xx does not count.
  if (res.statusCode >= 500 || answer === null || typeof answer !== 'object' || !('data' in answer || 'errors' in answer)) {
    throw new NodeUnavailableError(`answered HTTP ${res.statusCode} without a GraphQL body`, { reason: 'bad_answer', delivered: true });
  }
  return answer as GraphQLResult;
}
