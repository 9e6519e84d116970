/**
 * A simulated OpenStack public-cloud account: Keystone v3 (password and
 * application-credential auth, a two-region service catalog) under `/identity/v3`
 * and Nova compute v2.1 under `/compute/v2.1`. Availability zones are the seed's
 * VDCs, servers its VMs.
 *
 * Mock-only controls (not logged, not subject to faults):
 * - `POST /__mock/revoke-tokens` revokes every issued token (forces a re-login).
 * - `POST /__mock/fail-into-error` `{"enabled": true}`: operations failed by `faults.failOperations`
 *   leave the server in ERROR with a fault instead of reverting (which is how nova usually fails a start
 *   or stop); `{"enabled": false}` puts the revert back.
 * - `NovaMock.deployment`: the catalog's endpoints, nova's link prefix, the maximum microversion.
 */
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { keystoneError, novaFault } from './faults';
import { registerCompute } from './compute';
import { registerKeystone } from './keystone';
import { createState, type NovaDeployment } from './state';
import { MAX_VERSION, parseVersion } from './views';

const NOVA_CREDENTIALS = { username: 'admin', password: 'overcast' } as const;

export interface NovaMock extends MockCloud {
  /** How the deployment is set up; change it while the mock runs (read at request time). */
  readonly deployment: NovaDeployment;
}

/** Start the Keystone + Nova mock serving (and mutating) `cloud`. */
export async function startNovaMock(cloud: SeedCloud, options: MockServerOptions = {}): Promise<NovaMock> {
  const maxMicroversion = options.novaMaxMicroversion ?? MAX_VERSION;
  if (parseVersion(maxMicroversion) === undefined) throw new Error(`novaMaxMicroversion ${maxMicroversion} is not a version such as 2.60`);
  const state = createState(cloud, maxMicroversion);
  const credentials = { ...NOVA_CREDENTIALS };
  const { app, faults, history, listen } = createMockServer(
    cloud,
    credentials,
    (reply) =>
      reply.request.url.startsWith('/identity/')
        ? keystoneError(reply, 503, 'Service Unavailable')
        : novaFault(reply, 503, 'Service Unavailable'),
    options,
  );

  registerKeystone(app, state, credentials);
  registerCompute(app, state, faults, history);

  app.post('/__mock/fail-into-error', async (request, reply) => {
    const enabled = (request.body as { enabled?: unknown } | undefined)?.enabled;
    if (typeof enabled !== 'boolean') return reply.code(400).send({ error: 'expected {"enabled": true|false}' });
    state.failIntoError = enabled;
    return { enabled };
  });

  app.post('/__mock/revoke-tokens', async () => {
    const revoked = state.tokens.size;
    state.tokens.clear();
    return { revoked };
  });

  // Keystone's auth URL in devstack's layout: what a node is configured with.
  const mock = await listen('/identity/v3');
  state.baseUrl = mock.url;
  return Object.assign(mock, { deployment: state.deployment });
}
