/**
 * Every error code a client (or a joining node) can receive in `extensions.code`,
 * with its HTTP status and what it means: the one registry both sides use. The
 * gateway's errors (gateway/errors.ts), the nodes' (subgraphs/shared/cloudApiError.ts),
 * the HTTP surface (gateway/http/) and node registration take their codes from here;
 * a code spelled anywhere else is a bug (test/unit/errorCodes.test.ts), and the
 * README's table is checked against this one. Plain TypeScript, no GraphQL: adapters
 * load it too.
 */

export interface ErrorCodeInfo {
  /**
   * HTTP statuses of a response this code refuses as a whole, the usual one first;
   * empty when it never refuses an HTTP request (a field's error, or a subscription's).
   */
  readonly status: readonly number[];
  /** Also (or only) one field's error beside the other fields' data, in an HTTP 200 answer. */
  readonly field?: true;
  /** Whose name the code is, when not Overcast's: `apollo` (Apollo Server's `ApolloServerErrorCode`), `federation` (@apollo/gateway's). */
  readonly by?: 'apollo' | 'federation';
  /** One line: when a client gets it. */
  readonly meaning: string;
}

export const ERROR_CODES = {
  // The request as HTTP: refused before any GraphQL is run (gateway/http/).
  BAD_REQUEST: {
    status: [400, 405],
    by: 'apollo',
    meaning:
      'not a GraphQL request: the body is not one JSON object with a `query` string (empty, malformed, an array, a number), a GET without a preflight header (CSRF prevention), a mutation over GET (405), a bad registration request',
  },
  PAYLOAD_TOO_LARGE: { status: [413], meaning: 'the body is larger than the limit of 1 MiB (1048576 bytes)' },
  UNSUPPORTED_MEDIA_TYPE: { status: [415], meaning: 'a POST body that is not `application/json` (e.g. `text/plain`, a form)' },
  METHOD_NOT_ALLOWED: { status: [405], meaning: 'the path exists, but not for this method (`Allow` lists those it has)' },
  ORIGIN_NOT_ALLOWED: { status: [403], meaning: 'a browser preflight (CORS) from an origin not in `cors.origins`' },
  // The document.
  GRAPHQL_PARSE_FAILED: { status: [400], by: 'apollo', meaning: 'the document is not GraphQL, or has more tokens than `limits.maxTokens`' },
  // Armor's limits and the cost rule report BAD_USER_INPUT, which Apollo overwrites with this; the message names the limit.
  GRAPHQL_VALIDATION_FAILED: {
    status: [400],
    by: 'apollo',
    meaning: 'the document breaks a rule of GraphQL or a request limit (depth, aliases, directives, cost; introspection in production)',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: [400],
    by: 'apollo',
    meaning: 'no operation to run: `operationName` names none of the document, or several operations and no `operationName`',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: [200],
    by: 'apollo',
    meaning: 'automatic persisted query: the hash is not known yet; send it again with the `query`',
  },
  PERSISTED_QUERY_HASH_MISMATCH: { status: [400], meaning: "automatic persisted query: `sha256Hash` is not the query's SHA-256" },
  // Who is asking.
  UNAUTHENTICATED: {
    status: [401],
    meaning: 'no valid bearer token (missing, malformed, expired, wrong issuer or audience); a node: a request not signed by the gateway',
  },
  FORBIDDEN: { status: [403], meaning: "authenticated, but the principal's role may not use this field" },
  // What is asked for.
  BAD_USER_INPUT: {
    status: [400],
    field: true,
    by: 'apollo',
    meaning: 'an argument or variable is malformed: an id that is not `<cloudId>:<native id>`, a page size out of range, a bad cursor',
  },
  NOT_FOUND: {
    status: [404],
    field: true,
    meaning: 'an unknown cloud, or an id that does not exist (or is not yours: answered alike); HTTP 404: an unknown path',
  },
  CONFLICT: { status: [], field: true, meaning: "the cloud refuses the operation in the resource's current state" },
  PERIOD_CLOSED: {
    status: [],
    field: true,
    meaning:
      "billing: the month is already closed (its invoices are frozen); later usage of it becomes corrections in the next month's invoices",
  },
  CLOUD_OPERATION_FAILED: {
    status: [],
    field: true,
    meaning:
      'the cloud is up and tried the operation, and it failed there (vSphere `error`, Nova `computeFault` or a server in ERROR, a Cloud Director task that ended in `error`); the VM is as the cloud left it',
  },
  // Somebody else's trouble.
  CLOUD_UNAVAILABLE: {
    status: [],
    field: true,
    meaning:
      "a cloud's node or API is down, slower than the timeout, or answered garbage; `extensions.cloudId` names it. A mutation cut off by the timeout may still complete: `extensions.taskId` names its task (follow it on `taskProgress`, or read it with `task(id:)`)",
  },
  SUBGRAPH_UNAVAILABLE: {
    status: [],
    field: true,
    meaning:
      'supergraph mode: a subgraph that is no Overcast kind is down, too slow or answered garbage; `extensions.serviceName` names it',
  },
  UPSTREAM_ERROR: { status: [], field: true, meaning: "the cloud refused the node's credentials or answered something unusable" },
  INVALID_GRAPHQL: {
    status: [],
    field: true,
    by: 'federation',
    meaning: "a subgraph's answer does not fit the schema (e.g. null for a non-null field)",
  },
  SERVICE_UNAVAILABLE: { status: [], meaning: 'a subscription (graphql-ws) before the gateway has loaded its schema; retry' },
  CONSOLE_NOT_BUILT: { status: [503], meaning: 'the web console at `/` whose assets are not built yet (`npm run build:console`)' },
  INTERNAL_SERVER_ERROR: {
    status: [500],
    field: true,
    by: 'apollo',
    meaning: 'a defect on our side, or the store failing; the message says nothing more (the log does)',
  },
  // Node registration (POST /nodes/register), answered to a joining node.
  INVALID_TOKEN: { status: [401], meaning: 'registration: unknown registration token' },
  TOKEN_EXPIRED: { status: [401], meaning: 'registration: the registration token has expired' },
  TOKEN_USED: { status: [409], meaning: 'registration: the registration token was already used' },
  WRONG_KIND: { status: [409], meaning: 'registration: the token is for the other kind of node' },
  SCHEMA_MISMATCH: { status: [409], meaning: "registration: the node's schema differs from this gateway's supergraph" },
  UNKNOWN_NODE: {
    status: [401],
    meaning:
      "rejoin: the gateway does not know this node's credential (deregistered, or the gateway's store was lost): register with a new token",
  },
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Each code by name (`ErrorCode.NOT_FOUND === 'NOT_FOUND'`): a misspelt code does not compile. */
export const ErrorCode = Object.freeze(Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code]))) as {
  readonly [C in ErrorCode]: C;
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

/** The usual HTTP status of a request refused with `code` (500 for a code that never refuses one). */
export function httpStatusOf(code: ErrorCode): number {
  const info: ErrorCodeInfo = ERROR_CODES[code];
  return info.status[0] ?? 500;
}

/** The message of CLOUD_UNAVAILABLE, wherever it is made (the gateway for a node, a node for its cloud). */
export function cloudUnavailableMessage(cloudId: string, reason: string): string {
  return `Cloud "${cloudId}" is unavailable: ${reason}`;
}
