/**
 * Cloud Director's two error shapes. The OpenAPI side (`/cloudapi`) answers
 * `{minorErrorCode, message, stackTrace}`; the legacy side (`/api`) answers the
 * `Error` type with `majorErrorCode` (the HTTP status) as well. Both carry the
 * version the request named in their Content-Type.
 */
import type { FastifyReply } from 'fastify';
import { versionOf } from './versions';

export type MinorErrorCode =
  | 'BAD_REQUEST'
  | 'BUSY_ENTITY'
  | 'UNAUTHORIZED'
  | 'ACCESS_TO_RESOURCE_IS_FORBIDDEN'
  | 'NOT_ACCEPTABLE'
  | 'RESOURCE_NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** `/cloudapi/...` error body. */
export function sendCloudapiError(reply: FastifyReply, status: number, minor: MinorErrorCode, message: string): FastifyReply {
  return reply
    .code(status)
    .type(`application/json;version=${versionOf(reply.request)}`)
    .send({ minorErrorCode: minor, message, stackTrace: null });
}

/** `/api/...` error body (the legacy `Error` type in JSON). */
export function sendLegacyError(reply: FastifyReply, status: number, minor: MinorErrorCode, message: string): FastifyReply {
  return reply
    .code(status)
    .type(`application/vnd.vmware.vcloud.error+json;version=${versionOf(reply.request)}`)
    .send({
      otherAttributes: {},
      majorErrorCode: status,
      minorErrorCode: minor,
      message,
      vendorSpecificErrorCode: null,
      stackTrace: null,
    });
}

/** Pick the shape by the request path, as each half of the real API does. */
export function sendError(url: string, reply: FastifyReply, status: number, minor: MinorErrorCode, message: string): FastifyReply {
  return url.startsWith('/cloudapi/') ? sendCloudapiError(reply, status, minor, message) : sendLegacyError(reply, status, minor, message);
}
