/**
 * The gateway's front door: every HTTP request must carry `Authorization: Bearer
 * <JWT>`. A missing or bad token is UNAUTHENTICATED (HTTP 401) before anything
 * else runs; the reason stays in the log, never in the answer.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { AuthenticationError, type TokenVerifier, type VerifiedToken } from './tokens';

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Missing or invalid bearer token', {
    extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) } },
  });
}

export async function authenticate(
  headers: IncomingHttpHeaders,
  verify: TokenVerifier,
  onReject?: (reason: string) => void,
): Promise<VerifiedToken> {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? '');
  if (!match) {
    onReject?.('no bearer token');
    throw unauthenticated();
  }
  try {
    return await verify(match[1]!);
  } catch (err) {
    if (!(err instanceof AuthenticationError)) throw err;
    onReject?.(err.message);
    throw unauthenticated();
  }
}
