/**
 * One shape for every refusal the gateway's HTTP server makes itself, the shape
 * Apollo Server answers GraphQL refusals in: `{ "errors": [{ "message", "extensions":
 * { "code" } }] }`, with a code of the registry (schema/errorCodes.ts) and its HTTP
 * status. fastify's own refusals (a body it cannot read, an unknown path) would be
 * `{ "statusCode", "code": "FST_ERR_…" }`; they are translated here, and anything
 * unplanned is a 500 that says nothing of its cause (the log does).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, httpStatusOf } from '../../schema/errorCodes';

/** The largest request body the gateway reads (fastify's `bodyLimit`); a larger one is PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ErrorBody {
  errors: [{ message: string; extensions: { code: ErrorCode } }];
}

export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { errors: [{ message, extensions: { code } }] };
}

/** Answer `reply` with `code`, at the registry's HTTP status for it unless told another. */
export function refuse(reply: FastifyReply, code: ErrorCode, message: string, status = httpStatusOf(code)): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(errorBody(code, message));
}

/** The codes of a refused HTTP request, by status: a 4xx of fastify's that has no entry below gets one of these. */
const BY_STATUS = new Map(
  [
    ErrorCode.BAD_REQUEST,
    ErrorCode.NOT_FOUND,
    ErrorCode.METHOD_NOT_ALLOWED,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  ].map((code) => [httpStatusOf(code), code] as const),
);

/** The methods a path may have routes for, to tell "no such path" from "not with this method". */
const METHODS = ['GET', 'POST'] as const;

/** fastify's refusals, by fastify's code: ours, with a message that says what to send. */
function fastifyRefusal(error: FastifyError, bodyLimit: number): [ErrorCode, string] | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return [ErrorCode.BAD_REQUEST, 'The body is not valid JSON'];
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return [ErrorCode.BAD_REQUEST, 'The body is empty, but its content-type is application/json'];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return [ErrorCode.BAD_REQUEST, 'Content-Length does not match the body'];
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return [ErrorCode.PAYLOAD_TOO_LARGE, `The body is larger than the limit of ${bodyLimit} bytes`];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return [ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the body as application/json'];
    case 'FST_ERR_BAD_URL':
      return [ErrorCode.BAD_REQUEST, 'The URL is not valid (a malformed percent-encoding)'];
    default:
      return undefined;
  }
}

/** Any error that reached fastify's handler, answered in the one shape. */
function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = fastifyRefusal(error, request.server.initialConfig.bodyLimit ?? BODY_LIMIT_BYTES);
  if (known) return refuse(reply, ...known);
  const status = error.statusCode ?? 500;
  // A client's mistake fastify found (its messages are its own, never a body's content); its status kept.
  if (status >= 400 && status < 500) return refuse(reply, BY_STATUS.get(status) ?? ErrorCode.BAD_REQUEST, error.message, status);
  request.log.error({ err: error }, 'request failed');
  return refuse(reply, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error');
}

/**
 * fastify's `frameworkErrors` option: what it refuses before routing (a malformed URL)
 * skips the error handler and would answer in its own shape.
 */
export const frameworkErrors = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  answerError(error, request, reply);
};

/**
 * Every refusal of `app` in the one shape (with `frameworkErrors` among its options);
 * call it before any route. A POST body is read only as JSON (fastify's text/plain
 * parser is removed): any other type is refused with UNSUPPORTED_MEDIA_TYPE, before
 * Apollo Server's CSRF prevention would call it a 400.
 */
export function registerErrorShape(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(answerError);

  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '/').slice(0, 200);
    const allow = METHODS.filter((method) => method !== request.method && app.hasRoute({ method, url: path }));
    if (!allow.length) return refuse(reply, ErrorCode.NOT_FOUND, `No route ${request.method} ${path}`);
    reply.header('allow', allow.join(', '));
    return refuse(reply, ErrorCode.METHOD_NOT_ALLOWED, `${path} answers ${allow.join(' and ')}, not ${request.method}`);
  });
}
