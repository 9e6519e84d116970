/**
 * Cloud Director's two error shapes. The OpenAPI side (`/cloudapi`) answers
 * `{minorErrorCode, message, stackTrace}`; the legacy side (`/api`) answers the
 * `Error` type with `majorErrorCode` (the HTTP status) as well.
 */
import type { FastifyReply } from 'fastify';

export const API_VERSION = '38.0';
/** Versions a cell of this mock can offer, oldest first; a cell offers them up to its maximum. */
export const KNOWN_VERSIONS: readonly string[] = ['36.0', '37.0', '37.1', '37.2', '38.0', '38.1', '39.0', '39.1'];
/** Versions this mock negotiates by default; anything else is a 406, like a real cell. */
export const SUPPORTED_VERSIONS: readonly string[] = versionsUpTo(API_VERSION);

/** The known versions up to `max` (a 10.4 cell: up to 37.x). */
export function versionsUpTo(max: string): readonly string[] {
  const [maxMajor = 0, maxMinor = 0] = max.split('.').map(Number);
  return KNOWN_VERSIONS.filter((v) => {
    const [major = 0, minor = 0] = v.split('.').map(Number);
    return major < maxMajor || (major === maxMajor && minor <= maxMinor);
  });
}

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
  return reply.code(status).type(`application/json;version=${API_VERSION}`).send({ minorErrorCode: minor, message, stackTrace: null });
}

/** `/api/...` error body (the legacy `Error` type in JSON). */
export function sendLegacyError(reply: FastifyReply, status: number, minor: MinorErrorCode, message: string): FastifyReply {
  return reply.code(status).type(`application/vnd.vmware.vcloud.error+json;version=${API_VERSION}`).send({
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
