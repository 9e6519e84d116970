/** A node's refusal, as a client of the catalog mutations sees it. */
import { GraphQLError } from 'graphql';
import { isErrorCode } from '../../schema/errorCodes';
import { graphQLError } from '../errors';

/**
 * NodeContent's errors carry a code of the registry (NOT_FOUND for a cloud with no node,
 * CLOUD_UNAVAILABLE, the node's own) but are no GraphQLErrors, which Apollo would
 * answer as INTERNAL_SERVER_ERROR: made GraphQLErrors with the same code and message.
 */
export async function answered<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (!(err instanceof GraphQLError) && err instanceof Error && isErrorCode(code)) throw graphQLError(code, err.message);
    throw err;
  }
}
