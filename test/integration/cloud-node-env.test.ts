/**
 * A cloud-node process configured the way an operator configures one for a real
 * cloud: OpenStack through its OS_* scope settings and Keystone's auth URL, Cloud
 * Director through a negotiated or pinned API version. What the node's `/health`
 * says of its cloud shows whether the configuration reached it.
 */
import { request } from 'undici';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { cloudNodeEnvFor } from '../support/cloudOptions';
import { killAll, startPart, type Part } from '../support/processes';
import { waitFor } from '../support/waitFor';

type CloudHealth = { reachable: boolean; failure?: string };

async function cloudHealth(node: Part): Promise<CloudHealth | undefined> {
  const res = await request(node.url.replace(/\/graphql$/, '/health'));
  return ((await res.body.json()) as { cloud?: CloudHealth }).cloud;
}

const seed = buildSeed();
const novaCloud = seed.clouds.find((c) => c.kind === 'nova')!;
const directorCloud = seed.clouds.find((c) => c.kind === 'director')!;

describe('cloud-node processes configured for real clouds', () => {
  let nova: MockCloud;
  let director: MockCloud;
  const startNode = (mock: MockCloud, cloudId: string, kind: 'nova' | 'director', env: Record<string, string> = {}): Promise<Part> =>
    startPart({
      script: 'subgraphs/cloud-node/main.ts',
      env: {
        ...cloudNodeEnvFor(mock, kind),
        CLOUD_ID: cloudId,
        NODE_SECRET: 'a'.repeat(32),
        WATCH_INTERVAL_MS: '0',
        CLOUD_PROBE_INTERVAL_MS: '50',
        ...env,
      },
    });
  const settled = async (node: Part, what: string): Promise<CloudHealth> => {
    let last: CloudHealth | undefined;
    await waitFor(what, async () => (last = await cloudHealth(node)) !== undefined);
    return last!;
  };

  beforeAll(async () => {
    // A Cloud Director 10.4 cell: API 37.0 at most.
    [nova, director] = await Promise.all([startMockCloud(novaCloud), startMockCloud(directorCloud, { directorMaxApiVersion: '37.0' })]);
  });
  afterAll(async () => {
    await killAll();
    await Promise.all([nova?.close(), director?.close()]);
  });

  it('reaches OpenStack with the project named by OS_PROJECT_NAME at the auth URL as published', async () => {
    const node = await startNode(nova, novaCloud.id, 'nova');
    await waitFor('the OpenStack probe to succeed', async () => (await cloudHealth(node))?.reachable === true);
    expect(nova.countRequests('/identity/v3/auth/tokens')).toBeGreaterThan(0);
  });

  it('reports OpenStack refusing a project that the account does not have', async () => {
    const node = await startNode(nova, novaCloud.id, 'nova', { OS_PROJECT_NAME: 'no-such-project' });
    expect(await settled(node, 'a probe of OpenStack with a wrong project')).toMatchObject({ reachable: false, failure: 'error' });
  });

  it('reaches a 37.0 cell with the version negotiated, and not with 38.0 pinned', async () => {
    const [negotiated, pinned] = await Promise.all([
      startNode(director, directorCloud.id, 'director'),
      startNode(director, directorCloud.id, 'director', { DIRECTOR_API_VERSION: '38.0' }),
    ]);
    await waitFor('the negotiated Director probe to succeed', async () => (await cloudHealth(negotiated))?.reachable === true);
    expect(await settled(pinned, 'a probe of the cell at 38.0')).toMatchObject({ reachable: false, failure: 'error' });
  });
});
