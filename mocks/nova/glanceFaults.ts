/**
 * Glance's error bodies. Glance raises webob HTTP exceptions, which render by the
 * request's Accept header: JSON `{"message", "code": "404 Not Found", "title"}` for
 * `application/json`, else plain text (`404 Not Found\n\n<message>\n\n   `). Unlike
 * nova's, there is no fault name to key on: clients go by the status.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  411: 'Length Required',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Answer with a Glance (webob) error, shaped by what the request accepts. */
export function glanceError(request: FastifyRequest, reply: FastifyReply, code: number, message: string): FastifyReply {
  const title = TITLES[code] ?? 'Error';
  const status = `${code} ${title}`;
  if ((request.headers.accept ?? '').includes('application/json')) {
    return reply.code(code).type('application/json').send({ message, code: status, title });
  }
  return reply.code(code).type('text/plain; charset=UTF-8').send(`${status}\n\n${message}\n\n   `);
}
