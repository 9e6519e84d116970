/**
 * The director mock's tenancy surface as a client sees it over HTTP: the
 * `organization`, `adminOrgVdc` and `providerVdc` query types, and the
 * tenant-unaware metrics application under /suite-api (tokens, resource paging,
 * latest-stats queries, limits, error shapes), and the cloudapi vCenter list that
 * joins the two. Expected values come from buildSeed().
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
const hrefUuid = (r: Record<string, unknown>): string => String(r.href).slice(String(r.href).lastIndexOf('/') + 1);
/** A whole percentage, as a ReservationPool VDC reports "used" (CapacityWithUsageType). */
const percent = (used: number, of: number): number => Math.round((100 * used) / of);

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

  it('serves adminOrgVdc records with org hrefs, and limits and usage derived from the VMs in each allocation model’s terms', async () => {
    expect(VCPU_SPEED_MHZ).toBe(2000);
    const page = await query('type=adminOrgVdc&format=records&pageSize=128');
    expect(page.total).toBe(seed.vdcs.length);
    expect(new Set(seed.vdcs.map((v) => v.allocationModel))).toEqual(
      new Set(['AllocationVApp', 'AllocationPool', 'ReservationPool', 'Flex']),
    );
    for (const vdc of seed.vdcs) {
      const vms = seed.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId);
      const on = vms.filter((vm) => vm.powerState === 'POWERED_ON');
      const org = seed.orgs.find((o) => o.nativeId === vdc.orgNativeId)!;
      const cpuUsed = on.reduce((s, vm) => s + vm.cpuCount * 2000, 0);
      const memoryUsed = on.reduce((s, vm) => s + vm.memoryMb, 0);
      const compute = {
        // Pay-as-you-go: no allocation, limits of 0 (unlimited).
        AllocationVApp: {
          cpuAllocationMhz: null,
          cpuLimitMhz: 0,
          cpuUsedMhz: cpuUsed,
          memoryAllocationMB: null,
          memoryLimitMB: 0,
          memoryUsedMB: memoryUsed,
        },
        ReservationPool: {
          cpuAllocationMhz: vdc.cpuLimitMhz,
          cpuLimitMhz: vdc.cpuLimitMhz,
          cpuReservedMhz: null,
          cpuUsedMhz: percent(cpuUsed, vdc.cpuLimitMhz),
          memoryAllocationMB: vdc.memoryLimitMb,
          memoryLimitMB: vdc.memoryLimitMb,
          memoryUsedMB: percent(memoryUsed, vdc.memoryLimitMb),
        },
      }[vdc.allocationModel as string] ?? {
        cpuAllocationMhz: vdc.cpuLimitMhz,
        cpuLimitMhz: vdc.cpuLimitMhz,
        cpuUsedMhz: cpuUsed,
        memoryAllocationMB: vdc.memoryLimitMb,
        memoryLimitMB: vdc.memoryLimitMb,
        memoryUsedMB: memoryUsed,
      };
      expect(page.record.find((r) => r.href === `${mock.url}/api/vdc/${uuidOf(vdc.nativeId)}`)).toMatchObject({
        id: null,
        name: vdc.name,
        orgName: org.name,
        org: `${mock.url}/api/org/${uuidOf(org.nativeId)}`,
        isEnabled: true,
        allocationModel: vdc.allocationModel,
        ...compute,
        storageLimitMB: vdc.storageLimitMb,
        storageUsedMB: vms.reduce((s, vm) => s + vm.storageGb * 1024, 0),
        numberOfVMs: vms.length,
        numberOfRunningVMs: on.length,
      });
    }
  });

  it('serves adminVM records with the moref and vimServer href of the VM in its vCenter', async () => {
    const page = await query('type=adminVM&format=records&pageSize=128');
    expect(page.total).toBe(seed.vms.length);
    for (const vm of seed.vms) {
      expect(page.record.find((r) => r.href === `${mock.url}/api/vApp/vm-${uuidOf(vm.nativeId)}`)).toMatchObject({
        id: null,
        moref: vm.vsphere!.moref,
        vc: `${mock.url}/api/admin/extension/vimServer/${uuidOf(vm.vsphere!.vcenterId)}`,
        vmNameInVc: `${vm.name} (${uuidOf(vm.nativeId)})`,
        containerName: expect.any(String),
      });
    }
  });

  it('lists the vCenters with the director’s vimServer URN and vCenter’s own instance uuid', async () => {
    const res = await fetch(`${mock.url}/cloudapi/1.0.0/virtualCenters?page=1&pageSize=1`, {
      headers: { accept: 'application/json;version=38.0', authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const first = await json<{ resultTotal: number; pageCount: number; values: unknown[] }>(res);
    expect(first).toMatchObject({ resultTotal: seed.vcenters!.length, pageCount: seed.vcenters!.length, values: [expect.anything()] });
    const all = await fetch(`${mock.url}/cloudapi/1.0.0/virtualCenters?pageSize=128`, {
      headers: { accept: 'application/json;version=38.0', authorization: `Bearer ${token}` },
    });
    expect((await json<{ values: unknown[] }>(all)).values).toEqual(
      seed.vcenters!.map((vc) =>
        expect.objectContaining({ vcId: vc.vimServerId, uuid: vc.instanceUuid, name: vc.name, isConnected: true }),
      ),
    );
    expect(new Set(seed.vcenters!.map((vc) => uuidOf(vc.vimServerId))).has(seed.vcenters![0]!.instanceUuid)).toBe(false);
  });

  it('pages and filters adminOrgVdc records by org URN or href', async () => {
    const org = seed.orgs[0]!;
    const expected = seed.vdcs.filter((v) => v.orgNativeId === org.nativeId).map((v) => v.nativeId);
    for (const ref of [org.nativeId, `${mock.url}/api/org/${uuidOf(org.nativeId)}`]) {
      const page = await query(`type=adminOrgVdc&pageSize=128&filter=${encodeURIComponent(`org==${ref}`)}`);
      expect(page.record.map((r) => `urn:vcloud:vdc:${hrefUuid(r)}`)).toEqual(expected);
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
          id: null,
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
        id: null,
        href: expect.stringMatching(new RegExp(`^${mock.url}/api/admin/providervdc/[0-9a-f-]{36}$`)),
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
  const statsQuery = (resourceId: string[], extra: Record<string, unknown> = {}) =>
    api('/resources/stats/latest/query', {
      method: 'POST',
      body: JSON.stringify({
        resourceId,
        statKey: ['cpu|usagemhz_average', 'mem|consumed_average', 'diskspace|used', 'net|usage_average'],
        ...extra,
      }),
    });
  const settings = (body: unknown) =>
    fetch(`${mock.url}/__mock/metrics-settings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const vcenterUuidOf = (vm: (typeof seed.vms)[number]) =>
    seed.vcenters!.find((vc) => vc.vimServerId === vm.vsphere!.vcenterId)!.instanceUuid;
  const resourceIdOf = async (vm: (typeof seed.vms)[number]) => {
    const page = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&pageSize=1000'));
    return page.resourceList.find((r) => r.resourceKey.name === vm.name)!.identifier;
  };

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

  it('lists VMs as resources of its own, unique by moref and vCenter uuid, with vCenter’s instance uuid beside them', async () => {
    const page = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&page=0&pageSize=1000'));
    expect(page.pageInfo).toEqual({ totalCount: seed.vms.length, page: 0, pageSize: 1000 });
    expect(page.links).toContainEqual(expect.objectContaining({ name: 'current' }));
    expect(page.resourceList).toHaveLength(seed.vms.length);
    const id = (name: string, value: string, isPartOfUniqueness: boolean) => ({
      identifierType: { name, dataType: 'STRING', isPartOfUniqueness },
      value,
    });
    for (const vm of seed.vms) {
      const resource = page.resourceList.find((r) => r.resourceKey.name === vm.name)!;
      expect(resource.resourceKey).toMatchObject({ adapterKindKey: 'VMWARE', resourceKindKey: 'VirtualMachine' });
      expect(resource.resourceKey.resourceIdentifiers).toEqual([
        id('VMEntityInstanceUUID', vm.vsphere!.instanceUuid, false),
        id('VMEntityName', vm.name, false),
        id('VMEntityObjectID', vm.vsphere!.moref, true),
        id('VMEntityVCID', vcenterUuidOf(vm), true),
        id('VMServiceMonitoringEnabled', 'false', false),
        id('isPingEnabled', 'false', false),
      ]);
      expect(vm.vsphere!.instanceUuid).not.toBe(uuidOf(vm.nativeId));
      expect(resource.identifier).not.toBe(uuidOf(vm.nativeId));
    }
    // A moref alone names a VM in each vCenter: only with the vCenter is it one VM.
    const keys = seed.vms.map((vm) => vm.vsphere!.moref);
    expect(new Set(keys).size).toBeLessThan(seed.vms.length);
    expect(new Set(seed.vms.map((vm) => `${vcenterUuidOf(vm)}/${vm.vsphere!.moref}`)).size).toBe(seed.vms.length);
    const second = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&page=1&pageSize=5'));
    expect(second.resourceList.map((r) => r.resourceKey.name)).toEqual(seed.vms.slice(5, 10).map((vm) => vm.name));
    expect((await api('/resources?resourceKind=VirtualMachine&pageSize=0')).status).toBe(400);
  });

  it('serves a page larger than its maximum at the maximum, saying so only in pageInfo.pageSize', async () => {
    expect((await settings({ maxPageSize: 3 })).status).toBe(200);
    try {
      const page = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&page=1&pageSize=1000'));
      expect(page.pageInfo).toEqual({ totalCount: seed.vms.length, page: 1, pageSize: 3 });
      expect(page.resourceList.map((r) => r.resourceKey.name)).toEqual(seed.vms.slice(3, 6).map((vm) => vm.name));
    } finally {
      await settings({ maxPageSize: 5000 });
    }
    const whole = await json<Resources>(await api('/resources?resourceKind=VirtualMachine&pageSize=6000'));
    expect(whole.pageInfo.pageSize).toBe(5000);
  });

  it('logs in users of the configured authentication source only', async () => {
    expect((await settings({ authSource: 'corp-ldap' })).status).toBe(200);
    try {
      expect((await acquire(METRICS_CREDENTIALS)).status).toBe(401);
      expect((await acquire({ ...METRICS_CREDENTIALS, authSource: 'other' })).status).toBe(401);
      const ok = await acquire({ ...METRICS_CREDENTIALS, authSource: 'corp-ldap' });
      expect(ok.status).toBe(200);
      expect(await json<{ token: string }>(ok)).toMatchObject({ token: expect.stringMatching(TOKEN) });
    } finally {
      await settings({ authSource: null });
    }
    expect((await acquire({ ...METRICS_CREDENTIALS, authSource: 'corp-ldap' })).status).toBe(401);
  });

  it('answers a stopped VM’s last performance figures, days old, unless currentOnly is asked for', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    const id = await resourceIdOf(vm);
    const stale = await json<Stats>(await statsQuery([id]));
    const now = Date.now();
    const byKey = Object.fromEntries(stale.values[0]!['stat-list'].stat.map((s) => [s.statKey.key, s]));
    expect(byKey['cpu|usagemhz_average']!.data).toEqual([vm.metrics.cpuUsageMhz]);
    expect(now - byKey['cpu|usagemhz_average']!.timestamps[0]!).toBeGreaterThan(24 * 60 * 60 * 1000);
    expect(now - byKey['diskspace|used']!.timestamps[0]!).toBeLessThan(24 * 60 * 60 * 1000);

    const current = await json<Stats>(await statsQuery([id], { currentOnly: true }));
    expect(current.values[0]!['stat-list'].stat.map((s) => ({ key: s.statKey.key, data: s.data }))).toEqual([
      { key: 'diskspace|used', data: [vm.metrics.storageUsedGb] },
    ]);
  });

  it('answers the latest stats in the application’s units; unknown ids are absent', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = await resourceIdOf(vm);
    const stats = await json<Stats>(await statsQuery([id, '00000000-0000-0000-0000-000000000000'], { currentOnly: true }));
    expect(stats.values).toHaveLength(1);
    expect(stats.values[0]!.resourceId).toBe(id);
    const byKey = Object.fromEntries(stats.values[0]!['stat-list'].stat.map((s) => [s.statKey.key, s.data]));
    expect(byKey).toEqual({
      'cpu|usagemhz_average': [vm.metrics.cpuUsageMhz],
      'mem|consumed_average': [vm.metrics.memoryUsedMb * 1024],
      'diskspace|used': [vm.metrics.storageUsedGb],
      // KBps: the seed holds kilobits per second.
      'net|usage_average': [vm.metrics.networkKbps / 8],
    });
    expect(stats.values[0]!['stat-list'].stat[0]).toMatchObject({
      rollUpType: 'AVG',
      intervalUnit: { quantifier: 5, intervalType: 'MINUTES' },
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
