/**
 * Cloud Director-specific behaviour of the mock cell and its adapter: the bearer
 * session flow (and re-login after the cell expires sessions), both error shapes,
 * paging and FIQL filters, batching counts, the power task flow and URN ids.
 * Expected values come from buildSeed().
 */
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { startDirectorMock } from '../../../mocks/director';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { byId, expectedVmRecord } from '../../support/expected';
import { expectCode } from '../../support/cloudErrors';

const CLOUDAPI_ACCEPT = 'application/json;version=38.0';
const LEGACY_ACCEPT = 'application/*+json;version=38.0';
const LOGIN = '/cloudapi/1.0.0/sessions/provider';

const directorSeed = (options: Parameters<typeof buildSeed>[0] = {}): SeedCloud => {
  const cloud = buildSeed(options).clouds.find((c) => c.kind === 'director');
  if (!cloud) throw new Error('the seed has no director cloud');
  return cloud;
};

const uuidOf = (urn: string): string => urn.slice(urn.lastIndexOf(':') + 1);

const adapterFor = (mock: MockCloud, password = mock.credentials.password): CloudAdapter =>
  createDirectorAdapter({ baseUrl: mock.url, username: mock.credentials.username, password, timeoutMs: 5000 });

/** Just the parts of the answers the assertions below dereference. */
interface Paged {
  resultTotal: number;
  values: unknown[];
}
interface Records {
  link: unknown[];
  pageSize: number;
  record: Array<{ href: string; id: null }>;
}
/** A record's VM URN, from its href as clients build it (records carry `"id": null`). */
const vmUrnOf = (record: { href: string }): string => `urn:vcloud:vm:${record.href.slice(record.href.lastIndexOf('/vm-') + 4)}`;
const body = async <T>(res: Response): Promise<T> => (await res.json()) as T;

const expireSessions = (mock: MockCloud): Promise<Response> => fetch(`${mock.url}/__mock/expire-sessions`, { method: 'POST' });

describe('Cloud Director mock API', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let token: string;

  const api = (path: string, init: RequestInit = {}, accept = path.startsWith('/api/') ? LEGACY_ACCEPT : CLOUDAPI_ACCEPT) =>
    fetch(`${mock.url}${path}`, { ...init, headers: { accept, authorization: `Bearer ${token}`, ...init.headers } });
  const login = (password: string) =>
    fetch(`${mock.url}${LOGIN}`, {
      method: 'POST',
      headers: {
        accept: CLOUDAPI_ACCEPT,
        authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${password}`).toString('base64')}`,
      },
    });

  /** A new session's bearer token. */
  const signIn = async (): Promise<string> => {
    const res = await login(mock.credentials.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: expect.stringMatching(/^urn:vcloud:session:/),
      user: { name: 'administrator' },
      org: { name: 'System' },
    });
    const bearer = res.headers.get('x-vmware-vcloud-access-token') ?? '';
    expect(bearer).not.toBe('');
    return bearer;
  };

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    token = await signIn();
  });
  afterAll(() => mock.close());

  it('answers bad credentials, missing tokens and missing versions in each half’s error shape', async () => {
    const bad = await login('wrong');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ minorErrorCode: 'UNAUTHORIZED', message: expect.any(String), stackTrace: null });

    const anonymous = await fetch(`${mock.url}/api/query?type=adminVM`, { headers: { accept: LEGACY_ACCEPT } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ minorErrorCode: 'UNAUTHORIZED', majorErrorCode: 401, stackTrace: null });

    expect((await api('/cloudapi/1.0.0/vdcs', {}, 'application/json')).status).toBe(406);
    expect((await api('/api/query?type=adminVM', {}, 'application/*+json;version=5.1')).status).toBe(406);
  });

  it('pages and filters organizations and VDCs', async () => {
    const orgs = await body<Paged>(await api('/cloudapi/1.0.0/orgs?page=2&pageSize=1'));
    expect(orgs).toMatchObject({ resultTotal: seed.orgs.length, pageCount: seed.orgs.length, page: 2, pageSize: 1, associations: null });
    const second = seed.orgs[1]!;
    expect(orgs.values).toEqual([
      expect.objectContaining({ id: second.nativeId, name: second.name, displayName: second.fullName, isEnabled: true }),
    ]);

    const [a, , c] = seed.vdcs;
    const filter = encodeURIComponent(`(id==${a!.nativeId},id==${c!.nativeId})`);
    const vdcs = await body<Paged>(await api(`/cloudapi/1.0.0/vdcs?filter=${filter}`));
    const orgOf = (orgId: string | undefined) => seed.orgs.find((o) => o.nativeId === orgId)!;
    expect(vdcs.resultTotal).toBe(2);
    expect(vdcs.values).toEqual(
      [a!, c!].map((v) =>
        expect.objectContaining({
          id: v.nativeId,
          name: v.name,
          allocationType: 'AllocationVApp',
          org: { name: orgOf(v.orgNativeId).name, id: v.orgNativeId },
        }),
      ),
    );
    const tooBig = await api('/cloudapi/1.0.0/vdcs?pageSize=129');
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ minorErrorCode: 'BAD_REQUEST', stackTrace: null });
  });

  it('serves adminVM records with paging links and FIQL filters on vdc href or URN', async () => {
    const page = await body<Records>(await api('/api/query?type=adminVM&format=records&page=1&pageSize=3'));
    expect(page).toMatchObject({
      type: 'application/vnd.vmware.vcloud.query.records+json',
      name: 'adminVM',
      page: 1,
      pageSize: 3,
      total: seed.vms.length,
    });
    expect(page.record).toHaveLength(3);
    expect(page.link).toContainEqual(expect.objectContaining({ rel: 'nextPage', href: expect.stringContaining('page=2') }));
    const vm = seed.vms[0]!;
    const vdc = seed.vdcs.find((v) => v.nativeId === vm.vdcNativeId)!;
    expect(page.record[0]).toMatchObject({
      href: `${mock.url}/api/vApp/vm-${uuidOf(vm.nativeId)}`,
      id: null,
      type: null,
      _type: 'QueryResultAdminVMRecordType',
      name: vm.name,
      status: vm.powerState,
      numberOfCpus: vm.cpuCount,
      memoryMB: vm.memoryMb,
      vdc: `${mock.url}/api/vdc/${uuidOf(vdc.nativeId)}`,
      vdcName: vdc.name,
      org: `${mock.url}/api/org/${uuidOf(vdc.orgNativeId!)}`,
      isVAppTemplate: false,
    });

    const expected = seed.vms.filter((v) => v.vdcNativeId === vdc.nativeId && v.powerState === 'POWERED_ON').map((v) => v.nativeId);
    for (const ref of [vdc.nativeId, `${mock.url}/api/vdc/${uuidOf(vdc.nativeId)}`]) {
      const filter = encodeURIComponent(`(vdc==${ref};status==POWERED_ON)`);
      const res = await body<Records>(await api(`/api/query?type=adminVM&pageSize=128&filter=${filter}`));
      expect(res.record.map(vmUrnOf)).toEqual(expected);
      expect(res.link).toEqual([]);
    }
  });

  it('rejects unknown query types and unknown VMs with legacy errors, and caps oversized pages silently', async () => {
    const unknownType = await api('/api/query?type=nope');
    expect(unknownType.status).toBe(400);
    expect(await unknownType.json()).toMatchObject({
      minorErrorCode: 'BAD_REQUEST',
      majorErrorCode: 400,
      message: expect.any(String),
      stackTrace: null,
    });
    const oversized = await api('/api/query?type=adminVM&pageSize=200');
    expect(oversized.status).toBe(200);
    expect(await body<Records>(oversized)).toMatchObject({ pageSize: 128 });

    // A cell does not tell a missing entity from a forbidden one.
    const missing = await api('/api/vApp/vm-00000000-0000-4000-a000-000000000000');
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ minorErrorCode: 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', majorErrorCode: 403 });
    const noTask = await api('/api/task/00000000-0000-4000-a000-000000000000');
    expect(noTask.status).toBe(403);
    expect(await noTask.json()).toMatchObject({ minorErrorCode: 'ACCESS_TO_RESOURCE_IS_FORBIDDEN', majorErrorCode: 403 });
  });

  it('runs a power action as a task and refuses one that does not fit the state', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const path = `/api/vApp/vm-${uuidOf(vm.nativeId)}`;
    const detail = await (await api(path)).json();
    expect(detail).toMatchObject({
      id: vm.nativeId,
      name: vm.name,
      status: 4,
      vmSpecSection: { numCpus: vm.cpuCount, memoryResourceMb: { configured: vm.memoryMb } },
    });

    const again = await api(`${path}/power/action/powerOn`, { method: 'POST' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({
      minorErrorCode: 'BAD_REQUEST',
      majorErrorCode: 400,
      message: expect.stringContaining(vm.name),
    });

    const live = () => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!;
    try {
      const accepted = await api(`${path}/power/action/powerOff`, { method: 'POST' });
      expect(accepted.status).toBe(202);
      const task = await body<{ href: string }>(accepted);
      expect(task).toMatchObject({ status: 'running', operationName: 'vappPowerOff', id: expect.stringMatching(/^urn:vcloud:task:/) });
      const done = await (await api(new URL(task.href).pathname)).json();
      expect(done).toMatchObject({ status: 'success', owner: { id: vm.nativeId } });
      expect(live().powerState).toBe('POWERED_OFF');
    } finally {
      live().powerState = vm.powerState;
    }
  });

  it('answers injected failures with 503 and expired sessions with 401', async () => {
    mock.setFaults({ failRequests: true });
    let failed: Response;
    try {
      failed = await api('/cloudapi/1.0.0/orgs');
    } finally {
      mock.setFaults({ failRequests: false });
    }
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ minorErrorCode: 'SERVICE_UNAVAILABLE', majorErrorCode: 503 });

    expect((await api('/cloudapi/1.0.0/orgs')).status).toBe(200);
    try {
      expect((await expireSessions(mock)).status).toBe(200);
      expect((await api('/cloudapi/1.0.0/orgs')).status).toBe(401);
    } finally {
      // Every session is gone: the other tests need one.
      token = await signIn();
    }
  });
});

describe('Cloud Director adapter', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    adapter = adapterFor(mock);
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('logs in lazily, once, and reuses the token', async () => {
    const fresh = adapterFor(mock);
    try {
      expect(mock.countRequests()).toBe(0);
      const [vdcs, vms] = await Promise.all([fresh.listVdcs(), fresh.listVms()]);
      await fresh.listVdcs();
      expect(mock.countRequests(LOGIN)).toBe(1);
      expect(vdcs.map((v) => v.id)).toEqual(seed.vdcs.map((v) => v.nativeId));
      expect(vms).toHaveLength(seed.vms.length);
    } finally {
      await fresh.close();
    }
  });

  it('logs in again once after the cell expired its sessions', async () => {
    await adapter.listVdcs();
    await expireSessions(mock);
    mock.resetRequests();
    const vms = await adapter.listVms();
    expect([...vms].sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests(LOGIN)).toBe(1);
    // The refused query and its retry.
    expect(mock.countRequests('/api/query')).toBe(2);
  });

  it('lists VDCs with URN ids and names', async () => {
    const vdcs = await adapter.listVdcs();
    expect(vdcs).toEqual(seed.vdcs.map((v) => ({ id: v.nativeId, name: v.name })));
    expect(vdcs.every((v) => v.id.startsWith('urn:vcloud:vdc:'))).toBe(true);
  });

  it('lists the VMs of chosen VDCs in one query', async () => {
    await adapter.listVdcs();
    mock.resetRequests();
    const [first, , third] = seed.vdcs;
    const vms = await adapter.listVms([first!.nativeId, third!.nativeId, 'not-a-vdc']);
    const expected = seed.vms.filter((vm) => vm.vdcNativeId === first!.nativeId || vm.vdcNativeId === third!.nativeId);
    expect([...vms].sort(byId)).toEqual(expected.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests('/api/query')).toBe(1);
    expect(await adapter.listVms([])).toEqual([]);
    expect(mock.countRequests('/api/query')).toBe(1);
  });

  it('gets VMs by URN in one request; unknown and malformed ids are absent', async () => {
    await adapter.listVdcs();
    mock.resetRequests();
    const wanted = seed.vms.filter((_, i) => i % 2 === 0);
    const unknown = 'urn:vcloud:vm:00000000-0000-4000-a000-000000000000';
    const found = await adapter.getVms([...wanted.map((vm) => vm.nativeId), unknown, 'vm-1001', 'x,id==y']);
    expect([...found.values()].sort(byId)).toEqual(wanted.map(expectedVmRecord).sort(byId));
    expect(found.has(unknown)).toBe(false);
    expect(mock.countRequests('/api/query')).toBe(1);
  });

  it('powers a VM on through a task, then maps a repeated power-on to CONFLICT', async () => {
    const vm = seed.vms.find((v) => v.powerState !== 'POWERED_ON')!;
    const live = () => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!;
    expect(live().powerState).toBe(vm.powerState);
    try {
      await adapter.powerOn(vm.nativeId);
      expect(live().powerState).toBe('POWERED_ON');
      expect(mock.countRequests(`/api/vApp/vm-${uuidOf(vm.nativeId)}/power/action/powerOn`)).toBe(1);
      expect(mock.countRequests('/api/task/')).toBeGreaterThanOrEqual(1);
      expect((await adapter.getVms([vm.nativeId])).get(vm.nativeId)?.powerState).toBe('POWERED_ON');

      const conflict = await expectCode(adapter.powerOn(vm.nativeId), ErrorCode.CONFLICT);
      expect(conflict.message).not.toMatch(/could not be executed/);
      await adapter.powerOff(vm.nativeId);
      expect(live().powerState).toBe('POWERED_OFF');
      await expectCode(adapter.powerOff(vm.nativeId), ErrorCode.CONFLICT);
    } finally {
      live().powerState = vm.powerState;
    }
  });

  it('maps unknown VMs to NOT_FOUND without asking about malformed ids', async () => {
    await expectCode(adapter.powerOn('urn:vcloud:vm:00000000-0000-4000-a000-000000000000'), ErrorCode.NOT_FOUND);
    mock.resetRequests();
    await expectCode(adapter.powerOff('vm-1001'), ErrorCode.NOT_FOUND);
    expect(mock.countRequests()).toBe(0);
  });

  it('maps refused credentials to UPSTREAM_ERROR without the upstream message', async () => {
    const wrong = adapterFor(mock, 'wrong');
    try {
      const err = await expectCode(wrong.listVdcs(), ErrorCode.UPSTREAM_ERROR);
      expect(err.message).not.toMatch(/Invalid credentials/);
    } finally {
      await wrong.close();
    }
  });

  it('maps injected failures and an unreachable cell to CLOUD_UNAVAILABLE', async () => {
    try {
      mock.setFaults({ failRequests: true });
      await expectCode(adapter.listVms(), ErrorCode.CLOUD_UNAVAILABLE);
      mock.setFaults({ failRequests: false, down: true });
      await expectCode(adapter.listVdcs(), ErrorCode.CLOUD_UNAVAILABLE);
    } finally {
      mock.setFaults({ failRequests: false, down: false });
    }
    expect(await adapter.listVdcs()).toHaveLength(seed.vdcs.length);
  });
});

describe('Cloud Director adapter batching at scale', () => {
  // 130 VDCs (two cloudapi pages) of 3 VMs: 390 VMs (four query pages).
  const seed = directorSeed({ clouds: [{ id: 'vcd-big', kind: 'director' }], vdcsPerOrg: 65, vmsPerVdc: 3 });
  let mock: MockCloud;
  let adapter: CloudAdapter;
  const pagesFor = (n: number) => Math.ceil(n / 128);

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    adapter = adapterFor(mock);
    await adapter.listVdcs(); // log in before counting
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('reads every page of VDCs', async () => {
    const vdcs = await adapter.listVdcs();
    expect(vdcs.map((v) => v.id)).toEqual(seed.vdcs.map((v) => v.nativeId));
    expect(mock.countRequests('/cloudapi/1.0.0/vdcs')).toBe(pagesFor(seed.vdcs.length));
  });

  it('lists every VM in pages of 128', async () => {
    const vms = await adapter.listVms();
    expect([...vms].sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vms.length));
  });

  it('lists the VMs of many VDCs in chunks of 50 VDCs', async () => {
    const vdcIds = seed.vdcs.map((v) => v.nativeId);
    const vms = await adapter.listVms(vdcIds);
    expect(vms).toHaveLength(seed.vms.length);
    const expectedRequests = Array.from({ length: Math.ceil(vdcIds.length / 50) }, (_, i) => {
      const chunk = new Set(vdcIds.slice(i * 50, (i + 1) * 50));
      return pagesFor(seed.vms.filter((vm) => chunk.has(vm.vdcNativeId)).length);
    }).reduce((a, b) => a + b, 0);
    expect(mock.countRequests('/api/query')).toBe(expectedRequests);
  });

  it('gets many VMs with ceil(ids / 50) requests', async () => {
    const ids = seed.vms.slice(0, 120).map((vm) => vm.nativeId);
    const found = await adapter.getVms([...ids, ...ids]);
    expect([...found.keys()].sort()).toEqual([...ids].sort());
    expect(mock.countRequests('/api/query')).toBe(Math.ceil(ids.length / 50));
  });
});
