/**
 * Every error code a cloud-node puts in `extensions.code`, made in one place.
 * Adapters throw `CloudApiError`; the GraphQL layer turns it into a GraphQLError
 * naming the cloud. Upstream bodies and stack traces never reach a client.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The cloud's API is unreachable, too slow, or answers 5xx. */
  CLOUD_UNAVAILABLE: 'CLOUD_UNAVAILABLE',
  /** The operation does not fit the resource's state (e.g. already powered on). */
  CONFLICT: 'CONFLICT',
  /** The cloud refused our credentials or answered something we cannot use. */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** A defect on our side; the message says nothing more. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CloudApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** HTTP status the cloud answered, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CloudApiError';
  }
}

/**
 * The formatted error a client sees for an error thrown while serving `cloudId`:
 * cloud API errors name the cloud; errors we made on purpose keep their code;
 * anything else is a defect and says nothing of its cause.
 */
export function formatNodeError(formatted: GraphQLFormattedError, original: unknown, cloudId: string): GraphQLFormattedError {
  if (original instanceof CloudApiError) {
    const message = original.code === ErrorCode.CLOUD_UNAVAILABLE ? `Cloud "${cloudId}" is unavailable: ${original.message}` : original.message;
    return { message, path: formatted.path, extensions: { code: original.code, cloudId } };
  }
  const code = formatted.extensions?.code;
  if (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
  return { message: 'Internal error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, cloudId } };
}

/** A well-formed id of something this cloud does not have. */
export function notFound(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} "${id}" not found`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}
