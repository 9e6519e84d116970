/**
 * Every error code the gateway itself puts in `extensions.code`, made in one place.
 * Errors that nodes answer keep the node's code; these are the gateway's own.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The node serving a cloud is down, too slow or answered garbage. */
  CLOUD_UNAVAILABLE: 'CLOUD_UNAVAILABLE',
  /** Supergraph mode: a subgraph that is not an Overcast kind is down, too slow or answered garbage. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** No valid bearer token. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Authenticated, but the role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /**
   * Apollo's, HTTP 400: the document breaks a rule of GraphQL or a request limit
   * (gateway/limits: depth, aliases, directives, cost; introspection in production).
   * Armor and the cost rule report BAD_USER_INPUT, which Apollo overwrites with this;
   * the message names the limit, e.g. "Syntax Error: Query depth limit of 12 exceeded, found 13.".
   */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** Apollo's, HTTP 400: not parsable, or more tokens than limits.maxTokens. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

type Path = ReadonlyArray<string | number>;

export function cloudUnavailable(cloudId: string, reason: string, path?: Path): GraphQLFormattedError {
  return {
    message: `Cloud "${cloudId}" is unavailable: ${reason}`,
    ...(path ? { path } : {}),
    extensions: { code: ErrorCode.CLOUD_UNAVAILABLE, cloudId },
  };
}

export function subgraphUnavailable(subgraph: string, reason: string): GraphQLFormattedError {
  return {
    message: `Subgraph "${subgraph}" is unavailable: ${reason}`,
    extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, serviceName: subgraph },
  };
}

export function notFound(message: string, path?: Path): GraphQLFormattedError {
  return { message, ...(path ? { path } : {}), extensions: { code: ErrorCode.NOT_FOUND } };
}

export function badUserInput(message: string, path?: Path): GraphQLFormattedError {
  return { message, ...(path ? { path } : {}), extensions: { code: ErrorCode.BAD_USER_INPUT } };
}

/** For resolvers of the gateway's own subgraphs: a thrown error with a stable code. */
export function graphQLError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
