/**
 * The OpenStack (Keystone v3 + Nova v2.1) mock and the nova adapter together:
 * token flow, catalog use, error mapping, batching and paging. Expected values
 * come from buildSeed(), never from responses.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { startNovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud, type SeedOptions } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { byId, expectedVmRecord } from '../../support/expected';
import { liveVm } from '../../support/vmEvents';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { cloudError } from '../../support/cloudErrors';
import { keystoneLogin, passwordAuth } from '../../support/keystone';

const COMPUTE = '/compute/v2.1';
const TOKENS = '/identity/v3/auth/tokens';
const V279 = { 'OpenStack-API-Version': 'compute 2.79' };

function novaSeed(options: SeedOptions = {}): SeedCloud {
  return buildSeed({ ...options, clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
}

function adapterFor(mock: MockCloud, baseUrl = mock.apiUrl, password = mock.credentials.password): CloudAdapter {
  return createNovaAdapter(adapterOptionsFor(mock, 'nova', { baseUrl, password, timeoutMs: 5000 }));
}

describe('nova adapter against the Keystone + Nova mock', () => {
  // 28 zones: nova-eu-a .. nova-eu-z, then nova-eu-a1 and nova-eu-b1 (regex look-alikes).
  const seed = novaSeed({ vdcsPerCloud: 28, vmsPerVdc: 3 });
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    adapter = adapterFor(mock);
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  test('listVdcs returns every availability zone', async () => {
    const vdcs = await adapter.listVdcs();
    expect(vdcs).toEqual(seed.vdcs.map((v) => ({ id: v.nativeId, name: v.nativeId })));
    expect(mock.countRequests(`${COMPUTE}/os-availability-zone`)).toBe(1);
  });

  test('listVms() returns every server in one request', async () => {
    // cpuCount/memoryMb only exist in the embedded flavor (2.47+), so this also shows the microversion is sent.
    const vms = await adapter.listVms();
    expect(vms.sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(1);
  });

  test('listVms for one zone filters server side, anchored so nova-eu-a does not match nova-eu-a1', async () => {
    const zone = seed.vdcs[0]!.nativeId;
    expect(seed.vdcs.some((v) => v.nativeId === `${zone}1`)).toBe(true);
    const vms = await adapter.listVms([zone]);
    expect(vms.sort(byId)).toEqual(
      seed.vms
        .filter((vm) => vm.vdcNativeId === zone)
        .map(expectedVmRecord)
        .sort(byId),
    );
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(1);
    expect(mock.requests.find((r) => r.url.startsWith(`${COMPUTE}/servers/detail`))?.url).toContain('availability_zone=');
  });

  test('listVms for several zones is one unfiltered request, filtered client side', async () => {
    const zones = [seed.vdcs[1]!.nativeId, seed.vdcs[26]!.nativeId];
    const vms = await adapter.listVms(zones);
    expect(vms.sort(byId)).toEqual(
      seed.vms
        .filter((vm) => zones.includes(vm.vdcNativeId))
        .map(expectedVmRecord)
        .sort(byId),
    );
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(1);
  });

  test('listVms([]) and getVms([]) make no request', async () => {
    expect(await adapter.listVms([])).toEqual([]);
    expect((await adapter.getVms([])).size).toBe(0);
    expect(mock.requests).toHaveLength(0);
  });

  test('getVms costs the same single request for one id or all ids; unknown ids are absent', async () => {
    const one = await adapter.getVms([seed.vms[5]!.nativeId]);
    expect([...one.values()]).toEqual([expectedVmRecord(seed.vms[5]!)]);
    const oneCount = mock.countRequests(`${COMPUTE}/servers`);
    mock.resetRequests();

    const unknown = '00000000-0000-4000-a000-000000000000';
    const all = await adapter.getVms([...seed.vms.map((vm) => vm.nativeId), unknown]);
    expect(all.size).toBe(seed.vms.length);
    expect(all.has(unknown)).toBe(false);
    for (const vm of seed.vms) expect(all.get(vm.nativeId)).toEqual(expectedVmRecord(vm));
    expect(oneCount).toBe(1);
    expect(mock.countRequests(`${COMPUTE}/servers`)).toBe(1);
  });

  test('the compute endpoint comes from the catalog, not from baseUrl', async () => {
    const { body } = await keystoneLogin(mock);
    const catalog = body.token.catalog as { type: string; endpoints: { interface: string; region_id: string; url: string }[] }[];
    const compute = catalog
      .find((s) => s.type === 'compute')!
      .endpoints.find((e) => e.interface === 'public' && e.region_id === 'RegionOne')!;
    expect(compute.url).toBe(`${mock.url}${COMPUTE}`);

    // A separate identity service whose catalog points at the mock's compute API:
    // the adapter must send compute calls where the catalog says, not to baseUrl.
    const identity: FastifyInstance = Fastify();
    let logins = 0;
    identity.post(TOKENS, async (request, reply) => {
      logins++;
      const res = await fetch(`${mock.url}${TOKENS}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request.body),
      });
      return reply
        .code(res.status)
        .header('X-Subject-Token', res.headers.get('x-subject-token') ?? '')
        .send(await res.json());
    });
    await identity.listen({ host: '127.0.0.1', port: 0 });
    const address = identity.server.address() as { port: number };
    const viaCatalog = adapterFor(mock, `http://127.0.0.1:${address.port}/identity/v3`);
    try {
      mock.resetRequests();
      expect(await viaCatalog.listVdcs()).toHaveLength(seed.vdcs.length);
      expect(logins).toBe(1);
      expect(mock.countRequests(`${COMPUTE}/os-availability-zone`)).toBe(1);
    } finally {
      await viaCatalog.close();
      await identity.close();
    }
  });

  test('logs in once, reuses the token, and logs in again once after the tokens are revoked', async () => {
    const fresh = adapterFor(mock);
    try {
      await fresh.listVdcs();
      await fresh.listVms();
      expect(mock.countRequests(TOKENS)).toBe(1);

      await fetch(`${mock.url}/__mock/revoke-tokens`, { method: 'POST' });
      mock.resetRequests();
      expect(await fresh.listVdcs()).toHaveLength(seed.vdcs.length);
      expect(mock.countRequests(TOKENS)).toBe(1);
      expect(mock.countRequests(`${COMPUTE}/os-availability-zone`)).toBe(2); // 401, then the retry
    } finally {
      await fresh.close();
      // The revocation took the shared adapter's token too: have it log in again before the next test counts.
      await adapter.listVdcs();
    }
  });

  test('a revoked token whose re-login fails is UPSTREAM_ERROR after exactly one retry', async () => {
    const rotating = adapterFor(mock);
    const password = mock.credentials.password;
    try {
      await rotating.listVdcs();
      await fetch(`${mock.url}/__mock/revoke-tokens`, { method: 'POST' });
      mock.credentials.password = 'rotated';
      mock.resetRequests();
      const err = await cloudError(rotating.listVdcs());
      expect(err.code).toBe('UPSTREAM_ERROR');
      expect(mock.countRequests(TOKENS)).toBe(1);
      expect(mock.countRequests(COMPUTE)).toBe(1);
    } finally {
      mock.credentials.password = password;
      await rotating.close();
      await adapter.listVdcs(); // a new token for the shared adapter, as above
    }
  });

  test('bad credentials: keystone answers 401 in its shape, the adapter says UPSTREAM_ERROR', async () => {
    const res = await fetch(`${mock.url}${TOKENS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(passwordAuth(mock, 'wrong')),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
    });
    const wrong = adapterFor(mock, mock.apiUrl, 'wrong');
    try {
      const err = await cloudError(wrong.listVdcs());
      expect(err.code).toBe('UPSTREAM_ERROR');
      expect(err.status).toBe(401);
    } finally {
      await wrong.close();
    }
  });

  test('compute without a valid token is 401', async () => {
    const res = await fetch(`${mock.url}${COMPUTE}/servers/detail`, { headers: { 'X-Auth-Token': 'nope' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(401);
  });

  test('close() revokes the token at keystone', async () => {
    const closing = adapterFor(mock);
    await closing.listVdcs();
    mock.resetRequests();
    await closing.close();
    expect(mock.requests.map(({ method, url }) => ({ method, url }))).toEqual([{ method: 'DELETE', url: TOKENS }]);
  });

  test('injected failures are 503 computeFault, CLOUD_UNAVAILABLE to the adapter', async () => {
    const { token } = await keystoneLogin(mock);
    mock.setFaults({ failRequests: true });
    try {
      const res = await fetch(`${mock.url}${COMPUTE}/servers/detail`, { headers: { 'X-Auth-Token': token } });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ computeFault: { code: 503, message: 'Service Unavailable' } });
      expect((await cloudError(adapter.listVms())).code).toBe('CLOUD_UNAVAILABLE');
    } finally {
      mock.setFaults({ failRequests: false });
    }
  });
});

describe('nova mock: API shapes', () => {
  const seed = novaSeed();
  let mock: MockCloud;
  let token: string;
  const get = (path: string, headers: Record<string, string> = V279) =>
    fetch(`${mock.url}${COMPUTE}${path}`, { headers: { 'X-Auth-Token': token, ...headers } });
  const action = (id: string, body: unknown) =>
    fetch(`${mock.url}${COMPUTE}/servers/${id}/action`, {
      method: 'POST',
      headers: { 'X-Auth-Token': token, 'content-type': 'application/json', ...V279 },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    token = (await keystoneLogin(mock)).token;
  });
  afterAll(() => mock.close());

  test('availability zones', async () => {
    const res = await get('/os-availability-zone');
    expect(await res.json()).toEqual({
      availabilityZoneInfo: seed.vdcs.map((v) => ({ zoneName: v.nativeId, zoneState: { available: true }, hosts: null })),
    });
  });

  test('server detail: embedded flavor from 2.47, flavor link below it', async () => {
    const vm = seed.vms[0]!;
    const res = await get(`/servers/${vm.nativeId}`);
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.79');
    const { server } = (await res.json()) as { server: Record<string, unknown> };
    expect(server).toMatchObject({
      id: vm.nativeId,
      name: vm.name,
      'OS-EXT-AZ:availability_zone': vm.vdcNativeId,
      flavor: { vcpus: vm.cpuCount, ram: vm.memoryMb, disk: vm.storageGb },
    });
    const old = (await (await get(`/servers/${vm.nativeId}`, {})).json()) as { server: { flavor: Record<string, unknown> } };
    expect(old.server.flavor.vcpus).toBeUndefined();
    expect(typeof old.server.flavor.id).toBe('string');
  });

  test('status, vm_state and power_state follow the seed power state', async () => {
    const expected = {
      POWERED_ON: ['ACTIVE', 'active', 1],
      POWERED_OFF: ['SHUTOFF', 'stopped', 4],
      SUSPENDED: ['SUSPENDED', 'suspended', 7],
    };
    const { servers } = (await (await get('/servers/detail')).json()) as { servers: Record<string, unknown>[] };
    for (const vm of seed.vms) {
      const s = servers.find((x) => x.id === vm.nativeId)!;
      expect([s.status, s['OS-EXT-STS:vm_state'], s['OS-EXT-STS:power_state']]).toEqual(expected[vm.powerState]);
    }
  });

  test('filters: name (substring), status, availability_zone', async () => {
    const ids = async (query: string) =>
      ((await (await get(`/servers/detail?${query}`)).json()) as { servers: { id: string }[] }).servers.map((s) => s.id).sort();
    const vm = seed.vms[2]!;
    expect(await ids(`name=${encodeURIComponent(vm.name.slice(-7))}`)).toEqual(
      seed.vms
        .filter((v) => v.name.includes(vm.name.slice(-7)))
        .map((v) => v.nativeId)
        .sort(),
    );
    expect(await ids('status=SHUTOFF')).toEqual(
      seed.vms
        .filter((v) => v.powerState === 'POWERED_OFF')
        .map((v) => v.nativeId)
        .sort(),
    );
    expect(await ids(`availability_zone=${seed.vdcs[1]!.nativeId}`)).toEqual(
      seed.vms
        .filter((v) => v.vdcNativeId === seed.vdcs[1]!.nativeId)
        .map((v) => v.nativeId)
        .sort(),
    );
  });

  test('limit/marker paging with servers_links, unknown marker is 400 badRequest', async () => {
    const first = (await (await get('/servers/detail?limit=3')).json()) as {
      servers: { id: string }[];
      servers_links: { rel: string; href: string }[];
    };
    expect(first.servers.map((s) => s.id)).toEqual(seed.vms.slice(0, 3).map((v) => v.nativeId));
    const next = first.servers_links.find((l) => l.rel === 'next')!;
    expect(new URL(next.href).searchParams.get('marker')).toBe(seed.vms[2]!.nativeId);
    const second = (await (await fetch(next.href, { headers: { 'X-Auth-Token': token, ...V279 } })).json()) as {
      servers: { id: string }[];
    };
    expect(second.servers.map((s) => s.id)).toEqual(seed.vms.slice(3, 6).map((v) => v.nativeId));

    const bad = await get('/servers/detail?marker=nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ badRequest: { code: 400, message: 'marker [nope] not found' } });
  });

  test('unknown server is 404 itemNotFound', async () => {
    const res = await get('/servers/00000000-0000-4000-a000-000000000000');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      itemNotFound: { code: 404, message: 'Instance 00000000-0000-4000-a000-000000000000 could not be found.' },
    });
  });

  test('os-start on an ACTIVE server is 409 conflictingRequest; unknown action is 400', async () => {
    const active = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const res = await action(active.nativeId, { 'os-start': null });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      conflictingRequest: { code: 409, message: `Cannot 'start' instance ${active.nativeId} while it is in vm_state active` },
    });
    const unknown = await action(active.nativeId, { 'os-teleport': null });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { badRequest: { code: number } }).badRequest.code).toBe(400);
  });
});

describe('nova adapter: power operations', () => {
  const seed = novaSeed();
  let mock: MockCloud;
  let adapter: CloudAdapter;
  const stateOf = (id: string) => mock.cloud.vms.find((vm) => vm.nativeId === id)!.powerState;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    adapter = adapterFor(mock);
    await adapter.listVdcs(); // log in up front so the counts below are power calls only
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  test('powerOff then powerOn: one action POST and one confirming GET each', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    expect(stateOf(vm.nativeId)).toBe('POWERED_ON');
    try {
      await adapter.powerOff(vm.nativeId);
      expect(stateOf(vm.nativeId)).toBe('POWERED_OFF');
      expect(mock.requests.map(({ method, url }) => ({ method, url }))).toEqual([
        { method: 'POST', url: `${COMPUTE}/servers/${vm.nativeId}/action` },
        { method: 'GET', url: `${COMPUTE}/servers/${vm.nativeId}` },
      ]);
      expect((await adapter.getVms([vm.nativeId])).get(vm.nativeId)?.powerState).toBe('POWERED_OFF');

      mock.resetRequests();
      await adapter.powerOn(vm.nativeId);
      expect(stateOf(vm.nativeId)).toBe('POWERED_ON');
      expect(mock.requests.map(({ method, url }) => ({ method, url }))).toEqual([
        { method: 'POST', url: `${COMPUTE}/servers/${vm.nativeId}/action` },
        { method: 'GET', url: `${COMPUTE}/servers/${vm.nativeId}` },
      ]);
    } finally {
      liveVm(mock.cloud, vm.nativeId).powerState = vm.powerState;
    }
  });

  test('a power action still in progress is polled until nova shows the new state', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    expect(stateOf(vm.nativeId)).toBe('POWERED_OFF');
    mock.setFaults({ operationMs: 500 });
    try {
      await adapter.powerOn(vm.nativeId);
      expect(stateOf(vm.nativeId)).toBe('POWERED_ON');
      // The action, then reads while nova shows the task, then the settled read.
      expect(mock.countRequests(`${COMPUTE}/servers/${vm.nativeId}`)).toBeGreaterThan(1 + 1);
    } finally {
      mock.setFaults({ operationMs: 0 });
      liveVm(mock.cloud, vm.nativeId).powerState = vm.powerState;
    }
  });

  test('conflictingRequest is CONFLICT, without the upstream message text', async () => {
    const on = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const off = seed.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    const suspended = seed.vms.find((v) => v.powerState === 'SUSPENDED')!;
    const errors = await Promise.all([
      cloudError(adapter.powerOn(on.nativeId)),
      cloudError(adapter.powerOff(off.nativeId)),
      cloudError(adapter.powerOff(suspended.nativeId)), // nova stops only active servers
    ]);
    for (const err of errors) {
      expect(err.code).toBe('CONFLICT');
      expect(err.status).toBe(409);
      expect(err.message).not.toContain('vm_state');
    }
    expect(stateOf(on.nativeId)).toBe('POWERED_ON');
    expect(stateOf(off.nativeId)).toBe('POWERED_OFF');
  });

  test('itemNotFound is NOT_FOUND', async () => {
    const id = '00000000-0000-4000-a000-000000000000';
    const err = await cloudError(adapter.powerOn(id));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.status).toBe(404);
    expect(err.message).not.toContain('could not be found');
  });
});

describe('nova adapter: paging past max_limit', () => {
  // 2 zones x 1100 servers = 2200 servers: pages of 1000, 1000, 200.
  const seed = novaSeed({ vmsPerVdc: 1100 });
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    adapter = adapterFor(mock);
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  const pages = (n: number) => Math.ceil(n / 1000);

  test('getVms walks every page once, whatever the number of ids', async () => {
    const ids = [seed.vms[0]!.nativeId, seed.vms[1500]!.nativeId, seed.vms[2199]!.nativeId];
    const found = await adapter.getVms(ids);
    expect([...found.values()].sort(byId)).toEqual([seed.vms[0]!, seed.vms[1500]!, seed.vms[2199]!].map(expectedVmRecord).sort(byId));
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(pages(seed.vms.length));
    const markers = mock.requests.map((r) => new URL(r.url, mock.url).searchParams.get('marker')).filter((m) => m !== null);
    expect(markers).toEqual([seed.vms[999]!.nativeId, seed.vms[1999]!.nativeId]);
  });

  test('listVms() returns all servers across pages; one zone pages through that zone only', async () => {
    const all = await adapter.listVms();
    expect(all).toHaveLength(seed.vms.length);
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(pages(seed.vms.length));

    mock.resetRequests();
    const zone = seed.vdcs[1]!.nativeId;
    const inZone = seed.vms.filter((vm) => vm.vdcNativeId === zone);
    const vms = await adapter.listVms([zone]);
    expect(vms.sort(byId)).toEqual(inZone.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(pages(inZone.length));
  });
});
