/**
 * The director mock's tenancy surface as a client sees it over HTTP: the
 * `organization`, `adminOrgVdc` and `providerVdc` query types, and the
 * tenant-unaware metrics application under /suite-api (tokens, resource paging,
 * latest-stats queries, limits, error shapes). Expected values come from buildSeed().
 */
import { METRICS_CREDENTIALS, startDirectorMock, VCPU_SPEED_MHZ } from '../../../mocks/director';
import type { MockCloud } from '../../../mocks/server';
import { directorSeed, uuidOf } from '../../support/seedTenancy';

const LEGACY_ACCEPT = 'application/*+json;version=38.0';
const SUITE = '/suite-api/api';
const TOKEN = /^[0-9a-f-]{36}::[0-9a-f-]{36}$/;

interface Records {
  total: number;
  link: Array<{ rel: string }>;
  record: Array<Record<string, unknown>>;
}
interface Resource {
  identifier: string;
  resourceKey: { name: string; resourceIdentifiers: Array<{ identifierType: { name: string }; value: string }> };
}
interface Resources {
  pageInfo: { totalCount: number; page: number; pageSize: number };
  links: Array<{ name: string }>;
  resourceList: Resource[];
}
interface Stats {
  values: Array<{ resourceId: string; 'stat-list': { stat: Array<{ timestamps: number[]; statKey: { key: string }; data: number[] }> } }>;
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;

describe('director mock: tenancy query types', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let token: string;
  const query = async (params: string) => {
    const res = await fetch(`${mock.url}/api/query?${params}`, { headers: { accept: LEGACY_ACCEPT, authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return json<Records>(res);
  };

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    const basic = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64');
    const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
      method: 'POST',
      headers: { accept: 'application/json;version=38.0', authorization: `Basic ${basic}` },
    });
    expect(login.status).toBe(200);
    token = login.headers.get('x-vmware-vcloud-access-token') ?? '';
    expect(token).not.toBe('');
  });
  afterAll(() => mock.close());

  it('serves adminOrgVdc records with org hrefs, limits and usage derived from the VMs', async () => {
    expect(VCPU_SPEED_MHZ).toBe(2000);
    const page = await query('type=adminOrgVdc&format=records&pageSize=128');
    expect(page.total).toBe(seed.vdcs.length);
    for (const vdc of seed.vdcs) {
      const vms = seed.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId);
      const on = vms.filter((vm) => vm.powerState === 'POWERED_ON');
      const org = seed.orgs.find((o) => o.nativeId === vdc.orgNativeId)!;
      expect(page.record.find((r) => r.id === vdc.nativeId)).toMatchObject({
        name: vdc.name,
        href: `${mock.url}/api/vdc/${uuidOf(vdc.nativeId)}`,
        orgName: org.name,
        org: `${mock.url}/api/org/${uuidOf(org.nativeId)}`,
        isEnabled: true,
        allocationModel: 'AllocationVApp',
        cpuAllocationMhz: vdc.cpuLimitMhz,
        cpuLimitMhz: vdc.cpuLimitMhz,
        cpuUsedMhz: on.reduce((s, vm) => s + vm.cpuCount * 2000, 0),
        memoryAllocationMB: vdc.memoryLimitMb,
        memoryLimitMB: vdc.memoryLimitMb,
        memoryUsedMB: on.reduce((s, vm) => s + vm.memoryMb, 0),
        storageLimitMB: vdc.storageLimitMb,
        storageUsedMB: vms.reduce((s, vm) => s + vm.storageGb * 1024, 0),
        numberOfVMs: vms.length,
        numberOfRunningVMs: on.length,
      });
    }
  });

  it('pages and filters adminOrgVdc records by org URN or href', async () => {
    const org = seed.orgs[0]!;
    const expected = seed.vdcs.filter((v) => v.orgNativeId === org.nativeId).map((v) => v.nativeId);
    for (const ref of [org.nativeId, `${mock.url}/api/org/${uuidOf(org.nativeId)}`]) {
      const page = await query(`type=adminOrgVdc&pageSize=128&filter=${encodeURIComponent(`org==${ref}`)}`);
      expect(page.record.map((r) => r.id)).toEqual(expected);
    }
    const first = await query('type=adminOrgVdc&page=1&pageSize=1');
    expect(first.record).toHaveLength(1);
    expect(first.link).toContainEqual(expect.objectContaining({ rel: 'nextPage' }));
  });

  it('serves organization records and the one provider VDC with its capacity and allocation', async () => {
    const orgs = await query('type=organization&format=records');
    expect(orgs.record).toEqual(
      seed.orgs.map((o) =>
        expect.objectContaining({
          id: o.nativeId,
          href: `${mock.url}/api/org/${uuidOf(o.nativeId)}`,
          name: o.name,
          displayName: o.fullName,
          isEnabled: true,
          numberOfVdcs: seed.vdcs.filter((v) => v.orgNativeId === o.nativeId).length,
        }),
      ),
    );

    const provider = await query('type=providerVdc&format=records');
    const total = (get: (v: (typeof seed.vdcs)[number]) => number) => seed.vdcs.reduce((s, v) => s + get(v), 0);
    expect(provider.record).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^urn:vcloud:providervdc:/),
        href: expect.stringContaining(`${mock.url}/api/admin/providervdc/`),
        isEnabled: true,
        cpuLimitMhz: seed.provider!.cpuMhz,
        cpuAllocationMhz: total((v) => v.cpuLimitMhz),
        memoryLimitMB: seed.provider!.memoryMb,
        memoryAllocationMB: total((v) => v.memoryLimitMb),
        storageLimitMB: seed.provider!.storageMb,
        storageAllocationMB: total((v) => v.storageLimitMb),
        numberOfVdcs: seed.vdcs.length,
      }),
    ]);
  });

  it('rejects a filter on an attribute the type lacks with a legacy 400', async () => {
    const res = await fetch(`${mock.url}/api/query?type=organization&filter=vdc==x`, {
      headers: { accept: LEGACY_ACCEPT, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ majorErrorCode: 400, minorErrorCode: 'BAD_REQUEST' });
  });
});

describe('director mock: metrics application', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let token: string;
  const acquire = (body: unknown) =>
    fetch(`${mock.url}${SUITE}/auth/token/acquire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  const api = (path: string, init: RequestInit = {}, auth = `vRealizeOpsToken ${token}`) =>
    fetch(`${mock.url}${SUITE}${path}`, {
      ...init,
      headers: { accept: 'application/json', 'content-type': 'application/json', authorization: auth },
    });
  const statsQuery = (resourceId: string[]) =>
    api('/resources/stats/latest/query', {
      method: 'POST',
      body: JSON.stringify({
        resourceId,
        statKey: ['cpu|usagemhz_average', 'mem|consumed_average', 'diskspace|used', 'net|usage_average'],
      }),
    });

  /** A new token from the application. */
  const acquireToken = async (): Promise<string> => {
    const res = await acquire(METRICS_CREDENTIALS);
    expect(res.status).toBe(200);
    const body = await json<{ token: string; validity: number; expiresAt: string }>(res);
    expect(body).toMatchObject({
      token: expect.stringMatching(TOKEN),
      validity: expect.any(Number),
      expiresAt: expect.stringMatching(/UTC$/),
    });
    expect(body.validity).toBeGreaterThan(Date.now());
    return body.token;
  };

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    token = await acquireToken();
  });
  afterAll(() => mock.close());

  it('refuses bad credentials and missing or unknown tokens with its own 401 shape', async () => {
    expect((await acquire({ ...METRICS_CREDENTIALS, password: 'wrong' })).status).toBe(401);
    for (const auth of ['', 'vRealizeOpsToken nope', `Bearer ${token}`]) {
      const res = await api('/resources', {}, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: expect.any(String), httpStatusCode: 401, apiErrorCode: 1512 });
    }
  });

  it('lists VMs as resources of its own, mapped to the VM by VMEntityInstanceUUID', async () => {
    const page = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&page=0&pageSize=1000'));
    expect(page.pageInfo).toEqual({ totalCount: seed.vms.length, page: 0, pageSize: 1000 });
    expect(page.links).toContainEqual(expect.objectContaining({ name: 'current' }));
    expect(page.resourceList).toHaveLength(seed.vms.length);
    for (const vm of seed.vms) {
      const resource = page.resourceList.find((r) => r.resourceKey.name === vm.name)!;
      expect(resource.resourceKey).toMatchObject({ adapterKindKey: 'VMWARE', resourceKindKey: 'VirtualMachine' });
      expect(resource.resourceKey.resourceIdentifiers).toEqual([
        { identifierType: { name: 'VMEntityInstanceUUID', dataType: 'STRING', isPartOfUniqueness: true }, value: uuidOf(vm.nativeId) },
        { identifierType: { name: 'VMEntityName', dataType: 'STRING', isPartOfUniqueness: false }, value: vm.name },
      ]);
      expect(resource.identifier).not.toBe(uuidOf(vm.nativeId));
    }
    const second = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&page=1&pageSize=5'));
    expect(second.resourceList.map((r) => r.resourceKey.name)).toEqual(seed.vms.slice(5, 10).map((vm) => vm.name));
    expect((await api('/resources?resourceKind=VirtualMachine&pageSize=5001')).status).toBe(400);
  });

  it('answers the latest stats in the application’s units; unknown ids are absent', async () => {
    const page = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&pageSize=1000'));
    const vm = seed.vms[2]!;
    const id = page.resourceList.find((r) => r.resourceKey.name === vm.name)!.identifier;
    const stats = await json<Stats>(await statsQuery([id, '00000000-0000-0000-0000-000000000000']));
    expect(stats.values).toHaveLength(1);
    expect(stats.values[0]!.resourceId).toBe(id);
    const byKey = Object.fromEntries(stats.values[0]!['stat-list'].stat.map((s) => [s.statKey.key, s.data]));
    expect(byKey).toEqual({
      'cpu|usagemhz_average': [vm.metrics.cpuUsageMhz],
      'mem|consumed_average': [vm.metrics.memoryUsedMb * 1024],
      'diskspace|used': [vm.metrics.storageUsedGb],
      'net|usage_average': [vm.metrics.networkKbps],
    });
  });

  it('refuses more than 1000 ids in one stats query with a 400 in its shape', async () => {
    const res = await statsQuery(Array.from({ length: 1001 }, (_, i) => `id-${i}`));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ message: expect.any(String), httpStatusCode: 400, apiErrorCode: 400 });
  });

  it('answers injected failures with a 503 in its shape, and expired tokens with 401', async () => {
    mock.setFaults({ failRequests: true });
    let failed: Response;
    try {
      failed = await api('/resources');
    } finally {
      mock.setFaults({ failRequests: false });
    }
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ message: expect.any(String), httpStatusCode: 503, apiErrorCode: 503 });

    expect((await api('/resources')).status).toBe(200);
    try {
      expect((await fetch(`${mock.url}/__mock/expire-metrics-tokens`, { method: 'POST' })).status).toBe(200);
      expect((await api('/resources')).status).toBe(401);
    } finally {
      // Every token is gone: the other tests need one.
      token = await acquireToken();
    }
  });
});
