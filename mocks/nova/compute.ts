/**
 * The compute API scope (`/compute/v2.1`): its version document (unauthenticated, as
 * nova serves it), the token check the way keystonemiddleware does it, microversion
 * negotiation, nova-shaped errors for bad requests, and the availability zone list.
 * Server routes live in `servers.ts` (boot and delete in `boot.ts`), flavors in
 * `flavors.ts`, quotas in `limits.ts`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Faults } from '../server';
import { AUTH_REQUIRED, keystoneError, novaFault } from './faults';
import { registerBoot } from './boot';
import { registerFlavors } from './flavors';
import { registerLimits } from './limits';
import { registerServers, type RequestContext } from './servers';
import { registerUsage } from './usage';
import type { VmHistory } from '../usageHistory';
import { publishedComputeUrl, validToken, type NovaState } from './state';
import { MIN_VERSION, parseVersion, requestedVersion, show, versionHeaders } from './views';

const contexts = new WeakMap<FastifyRequest, RequestContext>();

/** Nova's `GET /v2.1/` document: the microversion range a client negotiates from. */
function versionDocument(state: NovaState, self: string): unknown {
  return {
    version: {
      id: 'v2.1',
      status: 'CURRENT',
      version: state.deployment.maxMicroversion,
      min_version: show(MIN_VERSION),
      updated: '2013-07-23T11:33:21Z',
      links: [
        { rel: 'self', href: `${self}/` },
        { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
      ],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
    },
  };
}

/** Register every `/compute/v2.1` route; `history`: the seeded VMs' usage history, for os-simple-tenant-usage. */
export function registerCompute(app: FastifyInstance, state: NovaState, faults: Readonly<Faults>, history: readonly VmHistory[]): void {
  void app.register(
    async (scope) => {
      /** The URL nova builds links on: the published endpoint, or the request as nova received it. */
      const linkBase = (request: FastifyRequest): string =>
        state.deployment.computeLinkPrefix
          ? publishedComputeUrl(state)
          : `${request.protocol}://${request.headers.host ?? ''}/compute/v2.1`;

      scope.addHook('onRequest', async (request, reply) => {
        // The version document is served without a token (nova's `/v2.1` pipeline has no authtoken).
        if (request.routeOptions.url === '/compute/v2.1/' || request.routeOptions.url === '/compute/v2.1') return undefined;
        // keystonemiddleware rejects before nova sees the request, in keystone's shape.
        const token = validToken(state, request.headers['x-auth-token']);
        if (!token) {
          return keystoneError(reply.header('WWW-Authenticate', `Keystone uri="${state.baseUrl}/identity"`), 401, AUTH_REQUIRED);
        }
        const max = parseVersion(state.deployment.maxMicroversion)!;
        const version = requestedVersion(request.headers, max);
        if ('status' in version) return novaFault(reply, version.status, version.message);
        contexts.set(request, { version, projectId: token.projectId, links: linkBase(request) });
        reply.headers(versionHeaders(version));
        return undefined;
      });

      scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
        const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
        const message = status === 400 ? 'Malformed request body' : status === 415 ? 'Unsupported Content-Type' : 'Unexpected API Error.';
        return novaFault(reply, status, message);
      });

      scope.get('/', async (request) => versionDocument(state, linkBase(request)));

      scope.get('/os-availability-zone', async () => ({
        availabilityZoneInfo: state.cloud.vdcs.map((vdc) => ({ zoneName: vdc.nativeId, zoneState: { available: true }, hosts: null })),
      }));

      const contextOf = (request: FastifyRequest): RequestContext =>
        contexts.get(request) ?? { version: MIN_VERSION, projectId: undefined, links: linkBase(request) };
      registerServers(scope, state, faults, contextOf);
      registerBoot(scope, state, faults, contextOf);
      registerFlavors(scope, state, (request) => contextOf(request as FastifyRequest).links);
      registerLimits(scope, state, (request) => contextOf(request).projectId);
      registerUsage(scope, state, history, contextOf);
    },
    { prefix: '/compute/v2.1' },
  );
}
