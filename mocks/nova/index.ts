/**
 * A simulated OpenStack public-cloud account: Keystone v3 (password and
 * application-credential auth, a two-region service catalog) under `/identity/v3`,
 * Nova compute v2.1 under `/compute/v2.1` and Glance v2 under `/image`.
 * Availability zones are the seed's VDCs, servers its VMs; each server's root disk
 * is seeded bytes (`vmDiskKey`), and Glance starts with the seed's templates as
 * images of the catalog `seedCatalogName(cloud)` (images.ts). Nova snapshots a
 * server into Glance (`createImage`), boots one from an image, deletes one, and
 * reports its quotas (`GET /limits`).
 *
 * Mock-only controls (not logged, not subject to faults):
 * - `POST /__mock/revoke-tokens` revokes every issued token (forces a re-login).
 * - `POST /__mock/fail-into-error` `{"enabled": true}`: operations failed by `faults.failOperations`
 *   leave the server in ERROR with a fault instead of reverting (which is how nova usually fails a start
 *   or stop); `{"enabled": false}` puts the revert back.
 * - `NovaMock.deployment`: the catalog's endpoints, nova's link prefix, the maximum microversion.
 */
import { defaultDiskBytes } from '../content/seededBytes';
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { keystoneError, novaFault } from './faults';
import { registerCompute } from './compute';
import { registerGlance } from './glance';
import { glanceError } from './glanceFaults';
import { seedImages } from './images';
import { registerKeystone } from './keystone';
import { PROJECT, createState, type NovaDeployment } from './state';
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
  const diskBytes = options.diskBytes ?? defaultDiskBytes();
  const state = createState(cloud, maxMicroversion, diskBytes);
  const seeded = seedImages(cloud, PROJECT.id, diskBytes);
  for (const image of seeded.images) state.images.set(image.id, image);
  state.imagesReady = seeded.ready;
  const credentials = { ...NOVA_CREDENTIALS };
  const { app, faults, history, listen } = createMockServer(
    cloud,
    credentials,
    (reply) =>
      reply.request.url.startsWith('/identity/')
        ? keystoneError(reply, 503, 'Service Unavailable')
        : reply.request.url.startsWith('/image/')
          ? glanceError(reply.request, reply, 503, 'The server is currently unavailable.')
          : novaFault(reply, 503, 'Service Unavailable'),
    options,
  );

  registerKeystone(app, state, credentials);
  registerCompute(app, state, faults, history);
  registerGlance(app, state, faults);

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
  const close = mock.close;
  return Object.assign(mock, {
    deployment: state.deployment,
    // Uploaded image data lives in files of the mock's own: removed with it.
    close: async () => {
      await close();
      await state.files.close();
    },
  });
}
