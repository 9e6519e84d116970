/**
 * The gateway's GraphQL errors, made in one place. Their codes are the registry's
 * (schema/errorCodes.ts: every code with its HTTP status and meaning); errors that
 * nodes answer keep the node's code.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, cloudUnavailableMessage, httpStatusOf } from '../schema/errorCodes';

export { ErrorCode };

type Path = ReadonlyArray<string | number>;

export function cloudUnavailable(cloudId: string, reason: string, path?: Path): GraphQLFormattedError {
  return {
    message: cloudUnavailableMessage(cloudId, reason),
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

/**
 * A refusal of the whole request, for Apollo Server plugins: the code and the HTTP
 * status the registry gives it (Apollo answers `extensions.http.status`).
 */
export function requestRefused(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: httpStatusOf(code) } } });
}
