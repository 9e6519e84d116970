/** The content library's vAPI errors (shape and statuses: ./errors.ts). */
import type { FastifyReply } from 'fastify';
import { sendVapiError } from './errors';

export function sendLibraryNotFound(reply: FastifyReply, id: string): FastifyReply {
  return sendVapiError(
    reply,
    'NOT_FOUND',
    'com.vmware.vdcs.cls-main.library_not_found',
    `Library with identifier '${id}' does not exist.`,
    [id],
  );
}

export function sendItemNotFound(reply: FastifyReply, id: string): FastifyReply {
  return sendVapiError(
    reply,
    'NOT_FOUND',
    'com.vmware.vdcs.cls-main.item_not_found',
    `Library item with identifier '${id}' does not exist.`,
    [id],
  );
}

export function sendSessionNotFound(reply: FastifyReply, id: string): FastifyReply {
  return sendVapiError(
    reply,
    'NOT_FOUND',
    'com.vmware.vdcs.cls-main.session_not_found',
    `Session with identifier '${id}' does not exist.`,
    [id],
  );
}

/** A missing or malformed field of the request body. */
export function sendInvalid(reply: FastifyReply, field: string, message = `Invalid or missing '${field}'.`): FastifyReply {
  return sendVapiError(reply, 'INVALID_ARGUMENT', 'vapi.method.input.invalid', message, [field]);
}

/** An operation the session, item or VM does not allow in its state. */
export function sendNotAllowed(reply: FastifyReply, id: string, message: string, args: string[] = []): FastifyReply {
  return sendVapiError(reply, 'NOT_ALLOWED_IN_CURRENT_STATE', id, message, args);
}

/** A string field of a JSON body, or undefined. */
export function field(body: unknown, ...path: string[]): string | undefined {
  let at: unknown = body;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' && at !== '' ? at : undefined;
}
