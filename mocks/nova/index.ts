/**
 * A simulated OpenStack public-cloud account: Keystone v3 (password auth, service
 * catalog) under `/identity/v3` and Nova compute v2.1 under `/compute/v2.1`.
 * Availability zones are the seed's VDCs, servers its VMs.
 *
 * Mock-only controls (not logged, not subject to faults):
 * - `POST /__mock/revoke-tokens` revokes every issued token (forces a re-login).
 * - `POST /__mock/transition-reads {"reads":n}` makes power actions look in
 *   progress (task_state set, old status) for the next n reads of the server.
 */
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { keystoneError, novaFault } from './faults';
import { registerCompute } from './compute';
import { registerKeystone } from './keystone';
import { createState } from './state';

export const NOVA_CREDENTIALS = { username: 'admin', password: 'overcast' } as const;

/** Start the Keystone + Nova mock serving (and mutating) `cloud`. */
export async function startNovaMock(cloud: SeedCloud, options: MockServerOptions = {}): Promise<MockCloud> {
  const state = createState(cloud);
  const credentials = { ...NOVA_CREDENTIALS };
  const { app, listen } = createMockServer(
    cloud,
    credentials,
    (reply) =>
      reply.request.url.startsWith('/identity/')
        ? keystoneError(reply, 503, 'Service Unavailable')
        : novaFault(reply, 503, 'Service Unavailable'),
    options,
  );

  registerKeystone(app, state, credentials);
  registerCompute(app, state);

  app.post('/__mock/revoke-tokens', async () => {
    const revoked = state.tokens.size;
    state.tokens.clear();
    return { revoked };
  });
  app.post('/__mock/transition-reads', async (request) => {
    const reads = Number((request.body as { reads?: unknown } | undefined)?.reads ?? 0);
    state.transitionReads = Number.isInteger(reads) && reads > 0 ? reads : 0;
    return { reads: state.transitionReads };
  });

  // Keystone's auth URL in devstack's layout: what a node is configured with.
  const mock = await listen('/identity/v3');
  state.baseUrl = mock.url;
  return mock;
}
