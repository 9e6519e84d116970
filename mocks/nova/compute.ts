/**
 * The compute API scope (`/compute/v2.1`): token check the way keystonemiddleware
 * does it, microversion negotiation, nova-shaped errors for bad requests, and the
 * availability zone list. Server routes live in `servers.ts`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUTH_REQUIRED, keystoneError, novaFault } from './faults';
import { registerServers } from './servers';
import { isTokenValid, type NovaState } from './state';
import { MIN_VERSION, requestedVersion, versionHeaders, type Microversion } from './views';

const versions = new WeakMap<FastifyRequest, Microversion>();

/** The microversion negotiated for a request (set by the scope's hook). */
export const versionOf = (request: FastifyRequest): Microversion => versions.get(request) ?? MIN_VERSION;

/** Register every `/compute/v2.1` route. */
export function registerCompute(app: FastifyInstance, state: NovaState): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        // keystonemiddleware rejects before nova sees the request, in keystone's shape.
        if (!isTokenValid(state, request.headers['x-auth-token'])) {
          return keystoneError(reply.header('WWW-Authenticate', `Keystone uri="${state.baseUrl}/identity"`), 401, AUTH_REQUIRED);
        }
        const version = requestedVersion(request.headers);
        if ('status' in version) return novaFault(reply, version.status, version.message);
        versions.set(request, version);
        reply.headers(versionHeaders(version));
        return undefined;
      });

      scope.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
        const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
        const message = status === 400 ? 'Malformed request body' : status === 415 ? 'Unsupported Content-Type' : 'Unexpected API Error.';
        return novaFault(reply, status, message);
      });

      scope.get('/os-availability-zone', async () => ({
        availabilityZoneInfo: state.cloud.vdcs.map((vdc) => ({ zoneName: vdc.nativeId, zoneState: { available: true }, hosts: null })),
      }));

      registerServers(scope, state, versionOf);
    },
    { prefix: '/compute/v2.1' },
  );
}
