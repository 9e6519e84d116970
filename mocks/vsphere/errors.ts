/**
 * vSphere Automation API error bodies. Every `/api` error is
 * `{"error_type": "...", "messages": [{"args", "default_message", "id"}]}` with
 * the HTTP status the real vCenter uses for that error type.
 */
import type { FastifyReply } from 'fastify';

export type VapiErrorType =
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'ALREADY_IN_DESIRED_STATE'
  | 'NOT_ALLOWED_IN_CURRENT_STATE'
  | 'INVALID_ARGUMENT'
  | 'UNABLE_TO_ALLOCATE_RESOURCE'
  | 'SERVICE_UNAVAILABLE'
  | 'ERROR';

const STATUS: Record<VapiErrorType, number> = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  ALREADY_IN_DESIRED_STATE: 400,
  NOT_ALLOWED_IN_CURRENT_STATE: 400,
  INVALID_ARGUMENT: 400,
  UNABLE_TO_ALLOCATE_RESOURCE: 400,
  SERVICE_UNAVAILABLE: 503,
  ERROR: 500,
};

export interface VapiErrorBody {
  error_type: VapiErrorType;
  messages: { args: string[]; default_message: string; id: string }[];
}

/** Build the error body vCenter sends for `type`. */
export function vapiErrorBody(type: VapiErrorType, id: string, message: string, args: string[] = []): VapiErrorBody {
  return { error_type: type, messages: [{ args, default_message: message, id }] };
}

/** Send a vSphere error with the status that belongs to its type. */
export function sendVapiError(reply: FastifyReply, type: VapiErrorType, id: string, message: string, args: string[] = []): FastifyReply {
  return reply.code(STATUS[type]).send(vapiErrorBody(type, id, message, args));
}

/** The `unavailable` reply for injected failures (createMockServer's fault hook). */
export function sendUnavailable(reply: FastifyReply): FastifyReply {
  return sendVapiError(reply, 'SERVICE_UNAVAILABLE', 'com.vmware.vapi.endpoint.serviceUnavailable', 'Service is unavailable.');
}

/** The 401 for a missing, unknown or expired `vmware-api-session-id`. */
export function sendUnauthenticated(reply: FastifyReply): FastifyReply {
  return sendVapiError(reply, 'UNAUTHENTICATED', 'com.vmware.vapi.endpoint.method.authentication.required', 'Authentication required.');
}

/** The 404 for a VM id that does not exist. */
export function sendVmNotFound(reply: FastifyReply, vm: string): FastifyReply {
  return sendVapiError(
    reply,
    'NOT_FOUND',
    'com.vmware.api.vcenter.vm.not_found',
    `Virtual machine with identifier '${vm}:VirtualMachine' does not exist.`,
    [`${vm}:VirtualMachine`],
  );
}
