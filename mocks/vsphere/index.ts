/**
 * A simulated vCenter: the session, datacenter and VM subset of the vSphere
 * Automation REST API (`/api`, 7.0U2+ style), serving and mutating a `SeedCloud`,
 * and its content library (./content.ts): libraries and items, update and download
 * sessions with their `/cls/data` transfer endpoints, OVF capture and deploy, and
 * VM delete. Seeded with a library of the seed's templates; disks are generated
 * from the seed (`options.diskBytes` each) and uploads stored in temporary files.
 *
 * Auth works like the real thing: POST /api/session with HTTP Basic credentials
 * returns a session id (a JSON string), which later requests send in the
 * `vmware-api-session-id` header. POST /__mock/expire-sessions drops every session,
 * so tests can check that a client logs in again.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { sendUnauthenticated, sendUnavailable, sendVapiError } from './errors';
import { queryList, registerVmRoutes } from './vms';
import { registerPerfRoutes } from './perf';
import { registerContentRoutes } from './content';

/** The one account the mock accepts. */
export const VSPHERE_CREDENTIALS = { username: 'administrator@vsphere.local', password: 'overcast' } as const;

export const SESSION_HEADER = 'vmware-api-session-id';

interface Session {
  user: string;
  created: string;
  lastAccessed: string;
}

/** `user:password` from an HTTP Basic `authorization` header, if well formed. */
function basicCredentials(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function registerSessionRoutes(app: FastifyInstance, sessions: Map<string, Session>): void {
  const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? '';

  // Every /api route except login needs a live session.
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request);
    if (!path.startsWith('/api/') || (request.method === 'POST' && path === '/api/session')) return undefined;
    const id = request.headers[SESSION_HEADER];
    const session = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!session) return sendUnauthenticated(reply);
    session.lastAccessed = new Date().toISOString();
    return undefined;
  });

  app.post('/api/session', async (request, reply) => {
    const given = basicCredentials(request.headers.authorization);
    if (given?.username !== VSPHERE_CREDENTIALS.username || given.password !== VSPHERE_CREDENTIALS.password) {
      return sendVapiError(
        reply,
        'UNAUTHENTICATED',
        'com.vmware.vapi.endpoint.failedToLoginMissingCredentials',
        'Unable to authenticate user.',
      );
    }
    const id = randomBytes(16).toString('hex');
    const now = new Date().toISOString();
    sessions.set(id, { user: 'VSPHERE.LOCAL\\Administrator', created: now, lastAccessed: now });
    // The body is the bare session id, JSON encoded: `"b0f2..."`.
    return reply.code(201).type('application/json').send(JSON.stringify(id));
  });

  app.get('/api/session', async (request) => {
    const session = sessions.get(request.headers[SESSION_HEADER] as string);
    return { user: session?.user, created_time: session?.created, last_accessed_time: session?.lastAccessed };
  });

  app.delete('/api/session', async (request, reply) => {
    sessions.delete(request.headers[SESSION_HEADER] as string);
    return reply.code(204).send();
  });

  // Mock only: what a vCenter restart or session timeout does to every client.
  app.post('/__mock/expire-sessions', async () => {
    const expired = sessions.size;
    sessions.clear();
    return { expired };
  });
}

function registerDatacenterRoutes(app: FastifyInstance, cloud: SeedCloud): void {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/api/vcenter/datacenter', async (request) => {
    const ids = queryList(request.query, 'datacenters');
    const names = queryList(request.query, 'names');
    return cloud.vdcs
      .filter((dc) => (ids.length === 0 || ids.includes(dc.nativeId)) && (names.length === 0 || names.includes(dc.name)))
      .map((dc) => ({ datacenter: dc.nativeId, name: dc.name }));
  });

  app.get<{ Params: { datacenter: string } }>('/api/vcenter/datacenter/:datacenter', async (request, reply) => {
    const dc = cloud.vdcs.find((d) => d.nativeId === request.params.datacenter);
    if (!dc) {
      return sendVapiError(
        reply,
        'NOT_FOUND',
        'com.vmware.api.vcenter.datacenter.not_found',
        `Datacenter with identifier '${request.params.datacenter}' does not exist.`,
        [request.params.datacenter],
      );
    }
    const n = dc.nativeId.replace(/^datacenter-/, '');
    return {
      name: dc.name,
      datastore_folder: `group-s${n}`,
      host_folder: `group-h${n}`,
      network_folder: `group-n${n}`,
      vm_folder: `group-v${n}`,
    };
  });
}

/**
 * Start a vSphere mock on loopback serving `cloud` (pass a structuredClone of the
 * seed: power operations change it). Credentials: `VSPHERE_CREDENTIALS`.
 */
export async function startVsphereMock(cloud: SeedCloud, options: MockServerOptions = {}): Promise<MockCloud> {
  const { app, faults, history, listen } = createMockServer(cloud, { ...VSPHERE_CREDENTIALS }, sendUnavailable, options);
  const sessions = new Map<string, Session>();

  registerSessionRoutes(app, sessions);
  registerDatacenterRoutes(app, cloud);
  registerVmRoutes(app, cloud, faults);
  registerContentRoutes(app, cloud, faults, {
    authenticated: (request) => typeof request.headers[SESSION_HEADER] === 'string' && sessions.has(request.headers[SESSION_HEADER]),
    diskBytes: options.diskBytes,
  });
  // The VI/JSON API (/sdk/vim25): performance statistics and VM configuration, for usage metering.
  registerPerfRoutes(app, cloud, history, sessions, VSPHERE_CREDENTIALS);

  app.setNotFoundHandler((request, reply) =>
    sendVapiError(reply, 'NOT_FOUND', 'com.vmware.vapi.rest.httpNotFound', 'Not found.', [request.url.split('?')[0] ?? '']),
  );
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode ?? 500;
    return status < 500
      ? sendVapiError(reply, 'INVALID_ARGUMENT', 'vapi.method.input.invalid', 'Invalid request.')
      : sendVapiError(reply, 'ERROR', 'vapi.server.error', 'Internal server error.');
  });

  return listen();
}
