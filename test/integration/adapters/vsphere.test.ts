/**
 * vSphere-specific behaviour of the mock vCenter and its adapter: the session flow,
 * error mapping and per-datacenter batching. Expected values come from buildSeed().
 */
import { buildSeed, type SeedCloud, type SeedVm } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { startVsphereMock } from '../../../mocks/vsphere';
import { createVsphereAdapter } from '../../../subgraphs/cloud-node/adapters/vsphere';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { byId, expectedVmRecord } from '../../support/expected';
import { waitFor } from '../../support/waitFor';
import { expectCode } from '../../support/cloudErrors';

const seedCloud = (): SeedCloud => {
  const cloud = buildSeed().clouds.find((c) => c.kind === 'vsphere');
  if (!cloud) throw new Error('the demo seed has no vsphere cloud');
  return cloud;
};

const adapterFor = (mock: MockCloud, password = mock.credentials.password): CloudAdapter =>
  createVsphereAdapter({ baseUrl: mock.url, username: mock.credentials.username, password, timeoutMs: 5000 });

describe('vSphere mock API', () => {
  const seed = seedCloud();
  let mock: MockCloud;
  let session: string;

  const api = (path: string, init: RequestInit = {}, id = session): Promise<Response> =>
    fetch(`${mock.url}${path}`, { ...init, headers: { 'vmware-api-session-id': id, ...init.headers } });
  const login = async (): Promise<string> => {
    const basic = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64');
    const res = await fetch(`${mock.url}/api/session`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(201);
    return (await res.json()) as string;
  };

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed));
    session = await login();
  });
  afterAll(() => mock.close());

  it('rejects wrong credentials and missing sessions with UNAUTHENTICATED', async () => {
    const basic = Buffer.from(`${mock.credentials.username}:wrong`).toString('base64');
    const login = await fetch(`${mock.url}/api/session`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
    expect(login.status).toBe(401);
    expect(await login.json()).toMatchObject({ error_type: 'UNAUTHENTICATED', messages: [{ args: [] }] });

    const anonymous = await fetch(`${mock.url}/api/vcenter/vm`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error_type: 'UNAUTHENTICATED' });
  });

  it('lists datacenters and filters VMs with AND between filters', async () => {
    const dcs = await (await api('/api/vcenter/datacenter')).json();
    expect(dcs).toEqual(seed.vdcs.map((d) => ({ datacenter: d.nativeId, name: d.name })));

    const dc = seed.vdcs[0]!.nativeId;
    const res = await api(`/api/vcenter/vm?datacenters=${dc}&power_states=POWERED_ON&power_states=SUSPENDED`);
    const expected = seed.vms
      .filter((vm) => vm.vdcNativeId === dc && vm.powerState !== 'POWERED_OFF')
      .map((vm) => ({
        vm: vm.nativeId,
        name: vm.name,
        power_state: vm.powerState,
        cpu_count: vm.cpuCount,
        memory_size_MiB: vm.memoryMb,
      }));
    expect(await res.json()).toEqual(expected);
  });

  it('answers VM detail and power state, and 404 NOT_FOUND for an unknown VM', async () => {
    const vm = seed.vms[0]!;
    const detail = await (await api(`/api/vcenter/vm/${vm.nativeId}`)).json();
    expect(detail).toMatchObject({
      name: vm.name,
      power_state: vm.powerState,
      cpu: { count: vm.cpuCount },
      memory: { size_MiB: vm.memoryMb },
    });
    expect(await (await api(`/api/vcenter/vm/${vm.nativeId}/power`)).json()).toMatchObject({ state: vm.powerState });

    const missing = await api('/api/vcenter/vm/vm-999999');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error_type: 'NOT_FOUND' });
  });

  it('answers injected failures with 503 SERVICE_UNAVAILABLE', async () => {
    mock.setFaults({ failRequests: true });
    try {
      const res = await api('/api/vcenter/datacenter');
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error_type: 'SERVICE_UNAVAILABLE' });
    } finally {
      mock.setFaults({ failRequests: false });
    }
  });

  it('answers a power action that fails in vCenter with 500 ERROR, and leaves the VM as it was', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    mock.setFaults({ failOperations: true });
    try {
      const res = await api(`/api/vcenter/vm/${vm.nativeId}/power?action=stop`, { method: 'POST' });
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({
        error_type: 'ERROR',
        messages: [{ id: expect.any(String), default_message: expect.any(String) }],
      });
      expect(mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)?.powerState).toBe('POWERED_ON');
    } finally {
      mock.setFaults({ failOperations: false });
    }
  });

  it("answers a power action once it has taken `operationMs`, the VM's state changed only then", async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const live = () => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!;
    // Long enough that the state is read while the call is surely still held (no assertion on how long it took).
    mock.setFaults({ operationMs: 3000 });
    try {
      const answered = api(`/api/vcenter/vm/${vm.nativeId}/power?action=stop`, { method: 'POST' });
      await waitFor('the power-off to reach the mock', () =>
        mock.requests.some((r) => r.url.startsWith(`/api/vcenter/vm/${vm.nativeId}/power`)),
      );
      expect(live().powerState).toBe('POWERED_ON');
      expect((await answered).status).toBe(204);
      expect(live().powerState).toBe('POWERED_OFF');
    } finally {
      mock.setFaults({ operationMs: 0 });
      live().powerState = vm.powerState;
    }
  });

  it("answers every request with the reverse proxy's plain-text 503 under proxyStatus", async () => {
    mock.setFaults({ proxyStatus: 503 });
    try {
      const res = await api('/api/vcenter/datacenter');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(/^503 Service Unavailable/);
    } finally {
      mock.setFaults({ proxyStatus: 0 });
    }
  });

  it('ends a session on DELETE /api/session', async () => {
    // A session of its own: the other tests keep theirs.
    const own = await login();
    expect((await api('/api/vcenter/datacenter', {}, own)).status).toBe(200);
    expect((await api('/api/session', { method: 'DELETE' }, own)).status).toBe(204);
    expect((await api('/api/vcenter/datacenter', {}, own)).status).toBe(401);
    expect((await api('/api/vcenter/datacenter')).status).toBe(200);
  });
});

describe('vSphere adapter', () => {
  const seed = seedCloud();
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed));
    adapter = adapterFor(mock);
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });

  it('logs in lazily, once, and reuses the session', async () => {
    mock.resetRequests();
    const fresh = adapterFor(mock);
    try {
      expect(mock.countRequests()).toBe(0);
      const vdcs = await fresh.listVdcs();
      expect(vdcs).toEqual(seed.vdcs.map((d) => ({ id: d.nativeId, name: d.name })));
      await fresh.listVdcs();
      expect(mock.countRequests('/api/session')).toBe(1);
      expect(mock.countRequests('/api/vcenter/datacenter')).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('logs in again once after vCenter drops every session', async () => {
    await adapter.listVdcs();
    const expired = await (await fetch(`${mock.url}/__mock/expire-sessions`, { method: 'POST' })).json();
    expect(expired).toEqual({ expired: 1 });
    mock.resetRequests();

    expect(await adapter.listVdcs()).toHaveLength(seed.vdcs.length);
    // The refused call, one login, the retry.
    expect(mock.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/vcenter/datacenter',
      'POST /api/session',
      'GET /api/vcenter/datacenter',
    ]);
  });

  it('shares one re-login between concurrent calls refused at the same time', async () => {
    await adapter.listVdcs();
    await fetch(`${mock.url}/__mock/expire-sessions`, { method: 'POST' });
    mock.resetRequests();
    const results = await Promise.all([adapter.listVdcs(), adapter.listVdcs(), adapter.listVdcs()]);
    for (const vdcs of results) expect(vdcs).toHaveLength(seed.vdcs.length);
    expect(mock.countRequests('/api/session')).toBe(1);
  });

  it('lists every VM with its datacenter, or only the asked datacenters', async () => {
    expect((await adapter.listVms()).sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    const dc = seed.vdcs[1]!.nativeId;
    expect((await adapter.listVms([dc])).sort(byId)).toEqual(
      seed.vms
        .filter((vm) => vm.vdcNativeId === dc)
        .map(expectedVmRecord)
        .sort(byId),
    );
  });

  it('gets all seeded VMs with one request per datacenter, not per VM', async () => {
    await adapter.listVdcs(); // warm session and datacenter list
    mock.resetRequests();
    const ids = seed.vms.map((vm) => vm.nativeId);
    const found = await adapter.getVms([...ids, 'vm-999999']);

    expect(mock.countRequests()).toBe(seed.vdcs.length);
    expect(mock.countRequests('/api/vcenter/vm?')).toBe(seed.vdcs.length);
    expect(seed.vms.length).toBeGreaterThan(seed.vdcs.length);
    expect(found.size).toBe(seed.vms.length);
    expect(found.has('vm-999999')).toBe(false);
    for (const vm of seed.vms) expect(found.get(vm.nativeId)).toEqual(expectedVmRecord(vm));
  });

  it('powers a VM off and on, and maps ALREADY_IN_DESIRED_STATE to CONFLICT', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON');
    if (!vm) throw new Error('seed has no powered-on vSphere VM');
    const live = (): SeedVm | undefined => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId);
    expect(live()?.powerState).toBe('POWERED_ON');

    try {
      await adapter.powerOff(vm.nativeId);
      expect(live()?.powerState).toBe('POWERED_OFF');
      const offAgain = await expectCode(adapter.powerOff(vm.nativeId), ErrorCode.CONFLICT);
      expect(offAgain.status).toBe(400);

      await adapter.powerOn(vm.nativeId);
      expect(live()?.powerState).toBe('POWERED_ON');
      expect((await adapter.getVms([vm.nativeId])).get(vm.nativeId)?.powerState).toBe('POWERED_ON');
      const onAgain = await expectCode(adapter.powerOn(vm.nativeId), ErrorCode.CONFLICT);
      expect(onAgain.message).not.toMatch(/already in the state/); // the upstream default_message
    } finally {
      live()!.powerState = vm.powerState;
    }
  });

  it('maps an unknown VM to NOT_FOUND and injected failures to CLOUD_UNAVAILABLE', async () => {
    const notFound = await expectCode(adapter.powerOn('vm-999999'), ErrorCode.NOT_FOUND);
    expect(notFound.message).not.toMatch(/does not exist/);

    mock.setFaults({ failRequests: true });
    try {
      await expectCode(adapter.listVms(), ErrorCode.CLOUD_UNAVAILABLE);
    } finally {
      mock.setFaults({ failRequests: false });
    }
  });

  it('reports refused credentials as UPSTREAM_ERROR, and retries login on the next call', async () => {
    const wrong = adapterFor(mock, 'not-the-password');
    try {
      mock.resetRequests();
      await expectCode(wrong.listVdcs(), ErrorCode.UPSTREAM_ERROR);
      await expectCode(wrong.listVdcs(), ErrorCode.UPSTREAM_ERROR);
      expect(mock.countRequests('/api/session')).toBe(2);
      expect(mock.countRequests('/api/vcenter')).toBe(0);
    } finally {
      await wrong.close();
    }
  });

  it('ends its session on close()', async () => {
    const own = adapterFor(mock);
    await own.listVdcs();
    mock.resetRequests();
    await own.close();
    expect(mock.requests.map(({ method, url }) => ({ method, url }))).toEqual([{ method: 'DELETE', url: '/api/session' }]);
  });
});

describe('vSphere 4000-VM list cap', () => {
  // One datacenter holding more VMs than vCenter lists in one answer.
  const seed = buildSeed({ clouds: [{ id: 'big-dc', kind: 'vsphere' }], vdcsPerCloud: 1, vmsPerVdc: 4001 }).clouds[0]!;
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed));
    adapter = adapterFor(mock);
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });

  it('refuses an over-large list with 400 UNABLE_TO_ALLOCATE_RESOURCE', async () => {
    const basic = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64');
    const login = await fetch(`${mock.url}/api/session`, { method: 'POST', headers: { authorization: `Basic ${basic}` } });
    const res = await fetch(`${mock.url}/api/vcenter/vm`, {
      headers: { 'vmware-api-session-id': (await login.json()) as string },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_type: 'UNABLE_TO_ALLOCATE_RESOURCE' });
  });

  it('lists the datacenter anyway by splitting the query by power state', async () => {
    const vms = await adapter.listVms([seed.vdcs[0]!.nativeId]);
    expect(vms).toHaveLength(seed.vms.length);
    expect(new Set(vms.map((vm) => vm.id))).toEqual(new Set(seed.vms.map((vm) => vm.nativeId)));
  });
});
