/**
 * Browsers on other origins (a console served elsewhere) may call the API when their
 * origin is in `cors.origins` (@fastify/cors answers their preflights and marks the
 * answers). Off by default. A preflight from any other origin, or from every origin
 * when none is configured, is refused as ORIGIN_NOT_ALLOWED in the one error shape.
 * Bearer tokens, not cookies: credentials are never allowed.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ErrorCode } from '../../schema/errorCodes';
import { refuse } from './errorShape';

/**
 * What a browser may send: JSON, the token, and the headers that satisfy Apollo
 * Server's CSRF prevention on a GET (`apollo-require-preflight`, `x-apollo-operation-name`).
 */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;
export const CORS_METHODS = ['GET', 'POST'] as const;
/** How long a browser may reuse a preflight's answer. */
export const CORS_MAX_AGE_SECONDS = 600;

const isPreflight = (request: FastifyRequest): boolean =>
  request.method === 'OPTIONS' && request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;

/** Register before the routes; `origins` are exact (`https://console.example.com`). */
export async function registerCors(app: FastifyInstance, origins: readonly string[]): Promise<void> {
  const allowed = new Set(origins);
  // Before @fastify/cors's own hook, which would answer a refused origin 204 without allowing it.
  app.addHook('onRequest', async (request, reply) => {
    if (!isPreflight(request) || allowed.has(request.headers.origin!)) return;
    const why = allowed.size ? 'is not in cors.origins' : 'may not: cross-origin requests are off (cors.origins is empty)';
    return refuse(reply, ErrorCode.ORIGIN_NOT_ALLOWED, `Origin ${JSON.stringify(request.headers.origin)} ${why}`);
  });
  if (!allowed.size) return;
  await app.register(cors, {
    origin: [...allowed],
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    maxAge: CORS_MAX_AGE_SECONDS,
    credentials: false,
    // An OPTIONS request that is no preflight is answered 204 rather than with a text/plain 400.
    strictPreflight: false,
  });
}
