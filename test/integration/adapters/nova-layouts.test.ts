/**
 * The nova adapter against OpenStack deployments laid out unlike devstack: Keystone
 * at `/v3` of its own auth URL (or under a path prefix), a catalog with two regions and several interfaces,
 * a cloud whose compute microversions stop below 2.79, and a path-routing gateway
 * in front of nova, which then builds its links without the gateway's prefix.
 */
import { startGateway, type Gateway } from '../../../mocks/nova/gateway';
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud, type SeedOptions } from '../../../mocks/seed';
import { PROJECT } from '../../../mocks/nova/state';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { AdapterOptions, CloudAdapter, OpenStackOptions } from '../../../subgraphs/cloud-node/adapters/types';
import { MOCK_OPENSTACK, adapterOptionsFor } from '../../support/cloudOptions';
import { byId, expectedVmRecord } from '../../support/expected';
import { keystoneLogin } from '../../support/keystone';

const COMPUTE = '/compute/v2.1';

function novaSeed(options: SeedOptions = {}): SeedCloud {
  return buildSeed({ ...options, clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
}

const adapterFor = (mock: NovaMock, openstack: Partial<OpenStackOptions> = {}, overrides: Partial<AdapterOptions> = {}): CloudAdapter =>
  createNovaAdapter(adapterOptionsFor(mock, 'nova', { openstack: { ...MOCK_OPENSTACK, ...openstack }, ...overrides }));

/** Run `use` with an adapter, closing it whatever happens. */
async function withAdapter<T>(adapter: CloudAdapter, use: (adapter: CloudAdapter) => Promise<T>): Promise<T> {
  try {
    return await use(adapter);
  } finally {
    await adapter.close();
  }
}

describe('nova adapter: Keystone at its own auth URL', () => {
  const seed = novaSeed();
  let mock: NovaMock;
  let keystone: Gateway;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    // `https://keystone.example:5000/v3`: Keystone at /v3, no devstack `/identity`; and `https://api.example/identity/v3`.
    keystone = await startGateway([
      { prefix: '/v3', target: `${mock.url}/identity/v3` },
      { prefix: '/identity', target: `${mock.url}/identity` },
    ]);
  });
  afterAll(async () => {
    await keystone.close();
    await mock.close();
  });

  it.each([
    ['with its /v3', '/v3', '/v3/auth/tokens'],
    ['with its /v3 and a trailing slash', '/v3/', '/v3/auth/tokens'],
    ['without its version (the adapter adds /v3)', '', '/v3/auth/tokens'],
    ['under a path prefix, without its version', '/identity', '/identity/v3/auth/tokens'],
  ])('logs in at the auth URL as configured, %s', async (_name, path, tokens) => {
    keystone.requests.splice(0);
    await withAdapter(adapterFor(mock, {}, { baseUrl: `${keystone.url}${path}` }), async (adapter) => {
      expect(await adapter.listVdcs()).toHaveLength(seed.vdcs.length);
    });
    expect(keystone.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${tokens}`, `DELETE ${tokens}`]);
  });
});

describe('nova adapter: the compute endpoint by region and interface', () => {
  const seed = novaSeed();
  let mock: NovaMock;
  let internal: Gateway;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    // RegionOne's internal endpoint: the same API reached another way.
    internal = await startGateway([{ prefix: '/internal', target: mock.url }]);
    mock.deployment.internalComputeUrl = `${internal.url}/internal${COMPUTE}`;
  });
  afterAll(async () => {
    await internal.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('takes the first listed region when none is configured, not the first public endpoint (region two)', async () => {
    await withAdapter(adapterFor(mock), async (adapter) => {
      expect((await adapter.listVms()).sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    });
    expect(mock.countRequests('/region-two')).toBe(0);
  });

  it('uses the configured region and interface', async () => {
    internal.requests.splice(0);
    await withAdapter(adapterFor(mock, { region: 'RegionOne', interface: 'internal' }), async (adapter) => {
      expect((await adapter.listVms()).sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    });
    expect(internal.count(`/internal${COMPUTE}/servers/detail`)).toBe(1);
    expect(mock.countRequests('/region-two')).toBe(0);
  });

  it.each([
    [{ region: 'RegionThree' }, ['RegionThree', 'public']],
    [{ region: 'RegionTwo', interface: 'admin' as const }, ['RegionTwo', 'admin']],
  ])('answers UPSTREAM_ERROR naming the region and interface when the catalog has no such endpoint (%j)', async (openstack, named) => {
    await withAdapter(adapterFor(mock, openstack), async (adapter) => {
      const err = await adapter.listVdcs().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'UPSTREAM_ERROR' });
      for (const word of named) expect((err as Error).message).toContain(word);
    });
    expect(mock.countRequests(COMPUTE)).toBe(0);
  });
});

describe('nova adapter: the compute microversion', () => {
  const seed = novaSeed();
  let gateway: Gateway;
  const mocks: NovaMock[] = [];

  /** A mock offering microversions up to `max`, its compute API reached through `gateway` so the headers can be read. */
  async function cloudUpTo(max: string): Promise<NovaMock> {
    const mock = await startNovaMock(structuredClone(seed), { novaMaxMicroversion: max });
    mocks.push(mock);
    return mock;
  }
  async function throughGateway(mock: NovaMock): Promise<void> {
    await gateway?.close();
    gateway = await startGateway([{ prefix: '/compute', target: `${mock.url}/compute` }]);
    mock.deployment.publicComputeUrl = `${gateway.url}${COMPUTE}`;
  }
  const versionsSent = (path: string) =>
    gateway.requests.filter((r) => r.url.startsWith(path)).map((r) => r.headers['openstack-api-version']);

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(mocks.map((m) => m.close()));
  });

  it('negotiates down to the cloud maximum (2.60), once per session', async () => {
    const mock = await cloudUpTo('2.60');
    await throughGateway(mock);
    await withAdapter(adapterFor(mock), async (adapter) => {
      expect((await adapter.listVms()).sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
      await adapter.listVdcs();
    });
    expect(versionsSent(`${COMPUTE}/servers/detail`)).toEqual(['compute 2.60']);
    expect(versionsSent(`${COMPUTE}/os-availability-zone`)).toEqual(['compute 2.60']);
    expect(gateway.requests.filter((r) => r.url === `${COMPUTE}/`)).toHaveLength(1);
  });

  it('mock nova: the version document says the maximum, unauthenticated; above it is 406', async () => {
    const mock = await cloudUpTo('2.60');
    const doc = (await (await fetch(`${mock.url}${COMPUTE}/`)).json()) as { version: Record<string, unknown> };
    expect(doc.version).toMatchObject({ id: 'v2.1', status: 'CURRENT', version: '2.60', min_version: '2.1' });
    const above = await fetch(`${mock.url}${COMPUTE}/os-availability-zone`, { headers: { 'OpenStack-API-Version': 'compute 2.61' } });
    expect(above.status).toBe(401); // keystonemiddleware first: no token
    const { token } = await keystoneLogin(mock, { id: PROJECT.id });
    const refused = await fetch(`${mock.url}${COMPUTE}/os-availability-zone`, {
      headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.61' },
    });
    expect(refused.status).toBe(406);
    expect(Object.keys((await refused.json()) as object)).toEqual(['computeFault']);
  });

  it('sends 2.79 to a cloud that offers more', async () => {
    const mock = await cloudUpTo('2.96');
    await throughGateway(mock);
    await withAdapter(adapterFor(mock), (adapter) => adapter.listVdcs());
    expect(versionsSent(`${COMPUTE}/os-availability-zone`)).toEqual(['compute 2.79']);
  });

  it('refuses a cloud below 2.47 with an error that says 2.47 is needed, sending nothing else', async () => {
    const mock = await cloudUpTo('2.40');
    await throughGateway(mock);
    await withAdapter(adapterFor(mock), async (adapter) => {
      const err = await adapter.listVms().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'UPSTREAM_ERROR' });
      expect((err as Error).message).toContain('2.47');
    });
    expect(gateway.requests.map((r) => r.url)).toEqual([`${COMPUTE}/`]);
  });

  it('sends a configured microversion without negotiating', async () => {
    const mock = await cloudUpTo('2.60');
    await throughGateway(mock);
    await withAdapter(adapterFor(mock, { microversion: '2.53' }), (adapter) => adapter.listVdcs());
    expect(gateway.requests.map((r) => [r.url, r.headers['openstack-api-version']])).toEqual([
      [`${COMPUTE}/os-availability-zone`, 'compute 2.53'],
    ]);
  });

  it('refuses at creation a configured microversion below 2.47', async () => {
    const mock = await cloudUpTo('2.60');
    expect(() => adapterFor(mock, { microversion: '2.40' })).toThrow(/2\.47/);
  });
});

describe('nova adapter: servers_links behind a path-routing gateway', () => {
  // 2 zones x 600 servers: two pages of nova's max_limit (1000).
  const seed = novaSeed({ vmsPerVdc: 600 });
  let mock: NovaMock;
  let gateway: Gateway;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    gateway = await startGateway([{ prefix: '/edge', target: mock.url }]);
    mock.deployment.publicComputeUrl = `${gateway.url}/edge${COMPUTE}`;
    // Nova without `[api] compute_link_prefix`: links from the path it received (no `/edge`).
    mock.deployment.computeLinkPrefix = false;
  });
  afterAll(async () => {
    await gateway.close();
    await mock.close();
  });

  it('follows a next link that lost the prefix on the catalog endpoint path, with its query', async () => {
    await withAdapter(adapterFor(mock), async (adapter) => {
      expect((await adapter.listVms()).sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    });
    const pages = gateway.requests.filter((r) => r.url.startsWith(`/edge${COMPUTE}/servers/detail`));
    expect(pages).toHaveLength(2);
    expect(new URL(pages[1]!.url, gateway.url).searchParams.get('marker')).toBe(seed.vms[999]!.nativeId);
    expect(gateway.count(COMPUTE)).toBe(0); // nothing sent off the prefix
  });
});
