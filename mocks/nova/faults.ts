/**
 * Error bodies in the two shapes the real services use: nova wraps a fault as
 * `{"<faultName>": {"code", "message"}}`, keystone (and keystonemiddleware in front
 * of nova) as `{"error": {"code", "message", "title"}}`.
 */
import type { FastifyReply } from 'fastify';

/** Fault names nova's WSGI layer picks by status (nova.api.openstack.wsgi.Fault). */
const NOVA_FAULT_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
};

const KEYSTONE_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  503: 'Service Unavailable',
};

/** Answer with a nova fault; unmapped statuses are `computeFault`, as in nova. */
export function novaFault(reply: FastifyReply, code: number, message: string): FastifyReply {
  const name = NOVA_FAULT_NAMES[code] ?? 'computeFault';
  return reply.code(code).send({ [name]: { code, message } });
}

/** Answer with a keystone-style error. */
export function keystoneError(reply: FastifyReply, code: number, message: string): FastifyReply {
  return reply.code(code).send({ error: { code, message, title: KEYSTONE_TITLES[code] ?? 'Error' } });
}

export const AUTH_REQUIRED = 'The request you have made requires authentication.';
