/**
 * A simulated VMware Cloud Director (API version 38.0), multi-tenant: the
 * `SeedCloud`'s orgs own its VDCs. It speaks the JSON flavour of both halves of
 * the API: `/cloudapi/1.0.0` (sessions, orgs, vdcs) and the legacy `/api`
 * (query service, VMs, power actions, tasks), with their own error shapes.
 *
 * Mock-only: `POST /__mock/expire-sessions` ends every session (forces re-login).
 */
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { registerCloudapi } from './cloudapi';
import { sendError, sendLegacyError } from './errors';
import { registerQueryService } from './query';
import { registerSessions } from './sessions';
import { registerVms } from './vms';

/** The provider (System org) administrator the mock accepts. */
export const DIRECTOR_CREDENTIALS = { username: 'administrator@System', password: 'overcast' } as const;

/** Start the mock on loopback; it serves and mutates `cloud` (pass a copy of the seed). */
export async function startDirectorMock(cloud: SeedCloud, options: MockServerOptions = {}): Promise<MockCloud> {
  const { app, listen } = createMockServer(
    cloud,
    { ...DIRECTOR_CREDENTIALS },
    (reply) => sendLegacyError(reply, 503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Try again later.'),
    options,
  );
  registerSessions(app, DIRECTOR_CREDENTIALS);
  registerCloudapi(app, cloud);
  registerQueryService(app, cloud);
  registerVms(app, cloud);

  app.setNotFoundHandler((request, reply) =>
    sendError(request.url, reply, 404, 'RESOURCE_NOT_FOUND', `No resource at ${request.method} ${request.url.split('?')[0]}.`));
  // Anything fastify itself rejects (bad JSON body, ...) still answers in the API's shape.
  app.setErrorHandler((err: { statusCode?: number }, request, reply) => {
    const status = err.statusCode ?? 500;
    return status < 500
      ? sendError(request.url, reply, status, 'BAD_REQUEST', 'The request could not be understood.')
      : sendError(request.url, reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
  });
  return listen();
}
