/**
 * GraphQL formatting of a node's errors: a `CloudApiError` (./cloudApiError.ts)
 * becomes an error naming the cloud; anything unplanned says nothing of its cause.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { cloudUnavailableMessage } from '../../schema/errorCodes';
import { CloudApiError, ErrorCode } from './cloudApiError';

/**
 * The formatted error a client sees for an error thrown while serving `cloudId`:
 * cloud API errors name the cloud; errors we made on purpose keep their code;
 * anything else is a defect and says nothing of its cause.
 */
export function formatNodeError(formatted: GraphQLFormattedError, original: unknown, cloudId: string): GraphQLFormattedError {
  if (original instanceof CloudApiError) {
    const message = original.code === ErrorCode.CLOUD_UNAVAILABLE ? cloudUnavailableMessage(cloudId, original.message) : original.message;
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
