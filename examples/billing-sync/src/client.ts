/**
 * A minimal GraphQL-over-HTTP client for the gateway: POST JSON with a bearer token,
 * typed by the document (its result and variables come from codegen). An answer with
 * errors is a failure even when it carries data: a ledger built from part of an answer
 * would look whole and be wrong.
 */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** One error of an answer: its `extensions.code` (undefined when the server gave none) and message. */
export interface AnswerError {
  code: string | undefined;
  message: string;
}

/** The gateway refused the request or answered it with errors. */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';

  constructor(
    /** The HTTP status of the answer. */
    readonly status: number,
    /** The answer's errors, in its order; one made from the status when the body had none. */
    readonly errors: readonly AnswerError[],
  ) {
    super(`the gateway answered ${status}: ${errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)).join('; ')}`);
  }

  /** The errors' codes, in order (undefined where one had none). */
  get codes(): Array<string | undefined> {
    return this.errors.map((e) => e.code);
  }
}

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** A bearer token (JWT) of the gateway's issuer. */
  token: string;
  /** How long one request may take. @default 30000 */
  timeoutMs?: number;
}

export interface GraphQLClient {
  /** Run a typed document; resolves with its data, rejects with GraphQLRequestError. */
  request<TResult, TVariables>(document: DocumentTypeDecoration<TResult, TVariables>, variables: TVariables): Promise<TResult>;
}

interface Answer {
  data?: unknown;
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>;
}

/** A client for one gateway and token. */
export function createClient(options: ClientOptions): GraphQLClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async request<TResult, TVariables>(document: DocumentTypeDecoration<TResult, TVariables>, variables: TVariables): Promise<TResult> {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${options.token}` },
        body: JSON.stringify({ query: String(document), variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await answerOf(res);
      const errors = (answer?.errors ?? []).map((e): AnswerError => ({
        code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
        message: typeof e.message === 'string' ? e.message : 'an error without a message',
      }));
      if (res.status !== 200 || errors.length) {
        throw new GraphQLRequestError(
          res.status,
          errors.length ? errors : [{ code: undefined, message: res.statusText || 'no GraphQL answer' }],
        );
      }
      if (answer?.data === undefined || answer.data === null) {
        throw new GraphQLRequestError(res.status, [{ code: undefined, message: 'an answer without data' }]);
      }
      return answer.data as TResult;
    },
  };
}

/** The body as a GraphQL answer; null when it is not JSON (a proxy's error page, say). */
async function answerOf(res: Response): Promise<Answer | null> {
  const text = await res.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Answer) : null;
  } catch {
    return null;
  }
}
