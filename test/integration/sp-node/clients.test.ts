/**
 * The sp-node's clients over HTTP against the director mock: the tenancy client
 * (query service: organizations, org VDCs with usage, VMs with their org, the
 * provider VDC) and the metrics client (the tenant-unaware suite-api on the same
 * mock), and the join of the two by vCenter and moref. Expected values are
 * computed from buildSeed(); request counts come from the mock's request log.
 */
import { METRICS_CREDENTIALS, startDirectorMock, VCPU_SPEED_MHZ } from '../../../mocks/director';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { createMetricsClient } from '../../../subgraphs/sp-node/clients/metrics';
import { createTenancyClient } from '../../../subgraphs/sp-node/clients/director';
import type { MetricsApiOptions, MetricsClient, TenancyClient } from '../../../subgraphs/sp-node/clients/types';
import { UNKNOWN_VCENTER_MS } from '../../../subgraphs/sp-node/clients/vcenters';
import { orgMetrics } from '../../../subgraphs/sp-node/figures';
import type { SeedCloud, SeedVm } from '../../../mocks/seed';
import { byId } from '../../support/expected';
import { directorSeed, expectedOrgs, expectedOrgVdcs, expectedOrgVms, expectedProvider } from '../../support/seedTenancy';
import { expectCode } from '../../support/cloudErrors';

const LOGIN = '/cloudapi/1.0.0/sessions/provider';
const ACQUIRE = '/suite-api/api/auth/token/acquire';
// The listing's path with its query string, so the stats query (`/resources/stats/...`) is not counted with it.
const RESOURCES = '/suite-api/api/resources?';
const STATS = '/suite-api/api/resources/stats/latest/query';

const sorted = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort(byId);
const tenancyFor = (mock: MockCloud, password = mock.credentials.password): TenancyClient =>
  createTenancyClient({ baseUrl: mock.url, username: mock.credentials.username, password, timeoutMs: 5000 });
const metricsFor = (
  mock: MockCloud,
  baseUrl = mock.url,
  password: string = METRICS_CREDENTIALS.password,
  extra: Partial<MetricsApiOptions> = {},
): MetricsClient => createMetricsClient({ baseUrl, username: METRICS_CREDENTIALS.username, password, timeoutMs: 5000, ...extra });
const post = (mock: MockCloud, path: string, body?: unknown): Promise<Response> =>
  fetch(`${mock.url}${path}`, {
    method: 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
const VCENTERS = '/cloudapi/1.0.0/virtualCenters';

/** The metrics application's key of a seeded VM: its vCenter's instance uuid and its moref. */
const vcenterUuidOf = (cloud: SeedCloud, vm: SeedVm): string =>
  cloud.vcenters!.find((vc) => vc.vimServerId === vm.vsphere!.vcenterId)!.instanceUuid;
const keyOf = (cloud: SeedCloud, vm: SeedVm): string => `${vcenterUuidOf(cloud, vm)}/${vm.vsphere!.moref}`;

/** The VMs with where vSphere runs them, as the adminVM records and the vCenter list say. */
const expectedPlacedVms = (cloud: SeedCloud, orgIds?: readonly string[]) =>
  expectedOrgVms(cloud, orgIds).map((vm) => {
    const seeded = cloud.vms.find((v) => v.nativeId === vm.id)!;
    return { ...vm, placement: { vcenterUuid: vcenterUuidOf(cloud, seeded), moref: seeded.vsphere!.moref } };
  });

/**
 * The org VDCs in the client's one meaning per allocation model: pay-as-you-go has
 * compute limits of 0, that is none (null); a reservation pool reports "used" as a
 * whole percentage of its reservation, which the client turns back into MHz and MB.
 */
/** Current figures by VM key: a VM that is not running publishes no CPU, memory or network figures (0), its disks still count. */
const expectedMetrics = (cloud: SeedCloud) =>
  new Map(
    cloud.vms.map((vm) => {
      const running = vm.powerState === 'POWERED_ON';
      const m = vm.metrics;
      return [
        keyOf(cloud, vm),
        {
          placementKey: keyOf(cloud, vm),
          cpuUsageMhz: running ? m.cpuUsageMhz : 0,
          memoryUsedMb: running ? m.memoryUsedMb : 0,
          storageUsedGb: m.storageUsedGb,
          networkKbps: running ? m.networkKbps : 0,
        },
      ];
    }),
  );

describe('sp-node tenancy client', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let client: TenancyClient;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    client = tenancyFor(mock);
    await client.listOrgs(); // log in before counting
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('lists every organization with its URN, name and full name', async () => {
    expect(sorted(await client.listOrgs())).toEqual(sorted(expectedOrgs(seed)));
    expect(mock.countRequests('/api/query')).toBe(1);
  });

  it('lists every org VDC with its org, allocation and usage in one query request', async () => {
    expect(sorted(await client.listOrgVdcs())).toEqual(sorted(expectedOrgVdcs(seed)));
    expect(mock.countRequests()).toBe(1);
    expect(mock.countRequests('/api/query?type=adminOrgVdc')).toBe(1);
  });

  it('lists every VM with its org, VDC and vSphere placement, or those of chosen orgs only, in one query request', async () => {
    expect(sorted(await client.listOrgVms())).toEqual(sorted(expectedPlacedVms(seed)));
    const org = seed.orgs[1]!;
    mock.resetRequests();
    const vms = await client.listOrgVms([org.nativeId, 'urn:vcloud:org:00000000-0000-4000-a000-000000000000', 'not-an-org', 'x,org==y']);
    expect(sorted(vms)).toEqual(sorted(expectedPlacedVms(seed, [org.nativeId])));
    expect(vms.length).toBeGreaterThan(0);
    expect(mock.countRequests('/api/query')).toBe(1);
    // The vCenters were read with the first list and are kept.
    expect(mock.countRequests(VCENTERS)).toBe(0);
    expect(await client.listOrgVms([])).toEqual([]);
    expect(mock.countRequests('/api/query')).toBe(1);
  });

  it('reads the vCenter list again when a VM names a vCenter it has not seen', async () => {
    await client.listOrgVms();
    const added = {
      vimServerId: 'urn:vcloud:vimserver:0f0f0f0f-0000-4000-a000-000000000001',
      instanceUuid: '0f0f0f0f-1111-4111-a111-000000000001',
      name: 'vc-new',
    };
    const vm = mock.cloud.vms[0]!;
    const before = structuredClone(vm.vsphere!);
    mock.cloud.vcenters!.push(added);
    vm.vsphere = { ...before, vcenterId: added.vimServerId };
    try {
      mock.resetRequests();
      const moved = (await client.listOrgVms()).find((v) => v.id === vm.nativeId)!;
      expect(moved.placement).toEqual({ vcenterUuid: added.instanceUuid, moref: before.moref });
      expect(mock.countRequests(VCENTERS)).toBe(1);
    } finally {
      vm.vsphere = before;
      mock.cloud.vcenters!.pop();
    }
  });

  describe('a VM naming a vCenter the cell does not list', () => {
    const missing = 'urn:vcloud:vimserver:0e0e0e0e-0000-4000-a000-00000000dead';
    let clock = 0;
    let timed: TenancyClient;
    let vm: SeedVm;
    let before: NonNullable<SeedVm['vsphere']>;

    beforeAll(async () => {
      timed = createTenancyClient(
        { baseUrl: mock.url, username: mock.credentials.username, password: mock.credentials.password, timeoutMs: 5000 },
        () => clock,
      );
      await timed.listOrgVms(); // every vCenter known, the list read
      vm = mock.cloud.vms[0]!;
      before = structuredClone(vm.vsphere!);
      vm.vsphere = { ...before, vcenterId: missing };
    });
    afterAll(async () => {
      vm.vsphere = before;
      await timed.close();
    });

    it('re-reads the list once for concurrent queries, then not again for a while', async () => {
      mock.resetRequests();
      const lists = await Promise.all([timed.listOrgVms(), timed.listOrgVms(), timed.listOrgVms()]);
      for (const vms of lists) expect(vms.find((v) => v.id === vm.nativeId)?.placement).toBeUndefined();
      expect(mock.countRequests('/api/query')).toBe(3);
      expect(mock.countRequests(VCENTERS)).toBe(1);
      clock += UNKNOWN_VCENTER_MS - 1;
      await timed.listOrgVms();
      await timed.listOrgVms();
      expect(mock.countRequests(VCENTERS)).toBe(1);
    });

    it('reads it again once the while is over, and sees the vCenter registered meanwhile', async () => {
      const added = { vimServerId: missing, instanceUuid: '0e0e0e0e-1111-4111-a111-00000000dead', name: 'vc-late' };
      mock.cloud.vcenters!.push(added);
      try {
        mock.resetRequests();
        clock += UNKNOWN_VCENTER_MS;
        const moved = (await timed.listOrgVms()).find((v) => v.id === vm.nativeId)!;
        expect(moved.placement).toEqual({ vcenterUuid: added.instanceUuid, moref: before.moref });
        expect(mock.countRequests(VCENTERS)).toBe(1);
      } finally {
        mock.cloud.vcenters!.pop();
      }
    });
  });

  it('sums the provider VDCs into capacity and allocation', async () => {
    expect(await client.provider()).toEqual(expectedProvider(seed));
    expect(mock.countRequests('/api/query?type=providerVdc')).toBe(1);
  });

  it('reports the usage the VMs’ power states make, after a power-off through the director', async () => {
    // In a VDC reporting used figures in MHz and MB (not a reservation pool's percentage), so the change is exact.
    const inUnits = (v: SeedVm) => mock.cloud.vdcs.find((d) => d.nativeId === v.vdcNativeId)?.allocationModel !== 'ReservationPool';
    const vm = mock.cloud.vms.find((v) => v.powerState === 'POWERED_ON' && inUnits(v))!;
    const before = (await client.listOrgVdcs()).find((v) => v.id === vm.vdcNativeId)!;
    const adapter = createDirectorAdapter({ baseUrl: mock.url, ...mock.credentials, timeoutMs: 5000 });
    try {
      await adapter.powerOff(vm.nativeId);
      const after = structuredClone(seed);
      after.vms.find((v) => v.nativeId === vm.nativeId)!.powerState = 'POWERED_OFF';
      const vdcs = await client.listOrgVdcs();
      expect(sorted(vdcs)).toEqual(sorted(expectedOrgVdcs(after)));
      const changed = vdcs.find((v) => v.id === vm.vdcNativeId)!;
      expect(changed.cpuUsedMhz).toBe(before.cpuUsedMhz - vm.cpuCount * VCPU_SPEED_MHZ);
      expect(changed.memoryUsedMb).toBe(before.memoryUsedMb - vm.memoryMb);
      expect(changed.poweredOnVmCount).toBe(before.poweredOnVmCount - 1);
      expect(changed.storageUsedMb).toBe(before.storageUsedMb);
      expect((await client.listOrgVms()).find((v) => v.id === vm.nativeId)?.powerState).toBe('POWERED_OFF');
    } finally {
      await adapter.powerOn(vm.nativeId);
      await adapter.close();
    }
    expect(sorted(await client.listOrgVdcs())).toEqual(sorted(expectedOrgVdcs(seed)));
  });

  it('logs in again once after the cell expired its sessions', async () => {
    expect((await post(mock, '/__mock/expire-sessions')).status).toBe(200);
    mock.resetRequests();
    expect(sorted(await client.listOrgs())).toEqual(sorted(expectedOrgs(seed)));
    expect(mock.countRequests(LOGIN)).toBe(1);
    expect(mock.countRequests('/api/query')).toBe(2); // the refused query and its retry
  });

  it('maps refused credentials to UPSTREAM_ERROR without the upstream message', async () => {
    const wrong = tenancyFor(mock, 'wrong');
    const err = await expectCode(wrong.listOrgVdcs(), ErrorCode.UPSTREAM_ERROR);
    expect(err.message).not.toMatch(/Invalid credentials/);
    await wrong.close();
  });

  it('maps injected failures and an unreachable cell to CLOUD_UNAVAILABLE, and works again after', async () => {
    try {
      mock.setFaults({ failRequests: true });
      await expectCode(client.listOrgVdcs(), ErrorCode.CLOUD_UNAVAILABLE);
      mock.setFaults({ failRequests: false, down: true });
      await expectCode(client.provider(), ErrorCode.CLOUD_UNAVAILABLE);
    } finally {
      mock.setFaults({ failRequests: false, down: false });
    }
    expect(await client.listOrgs()).toHaveLength(seed.orgs.length);
  });
});

describe('sp-node tenancy client paging at scale', () => {
  // 130 org VDCs of 2 VMs: two query pages of VDCs, three of VMs.
  const seed = directorSeed({ clouds: [{ id: 'vcd-big', kind: 'director' }], vdcsPerOrg: 65, vmsPerVdc: 2 });
  let mock: MockCloud;
  let client: TenancyClient;
  const pagesFor = (n: number) => Math.ceil(n / 128);

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    client = tenancyFor(mock);
    await client.listOrgs();
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('reads every page of org VDCs and VMs', async () => {
    expect(sorted(await client.listOrgVdcs())).toEqual(sorted(expectedOrgVdcs(seed)));
    expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vdcs.length));
    mock.resetRequests();
    expect(sorted(await client.listOrgVms())).toEqual(sorted(expectedPlacedVms(seed)));
    expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vms.length));
  });
});

/** `[page, pageSize]` of each resource listing request, by page. */
function listingPagesAsked(mock: MockCloud): number[][] {
  return mock.requests
    .filter((r) => r.url.startsWith(RESOURCES))
    .map((r) => new URLSearchParams(r.url.split('?')[1]))
    .map((q) => [Number(q.get('page')), Number(q.get('pageSize'))])
    .sort((a, b) => a[0]! - b[0]!);
}

describe('sp-node metrics client', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let client: MetricsClient;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    client = metricsFor(mock);
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('acquires a token once, then reads every VM’s latest figures in one listing and one stats query', async () => {
    // A client of its own, so that it has no token yet whatever ran before.
    const fresh = metricsFor(mock);
    try {
      const [byVm, again] = await Promise.all([fresh.latestByVm(), fresh.latestByVm()]);
      expect(byVm).toEqual(expectedMetrics(seed));
      expect(again).toEqual(byVm);
      expect(mock.countRequests(ACQUIRE)).toBe(1);

      mock.resetRequests();
      expect(await fresh.latestByVm()).toEqual(expectedMetrics(seed));
      expect(mock.countRequests(RESOURCES)).toBe(1);
      expect(mock.countRequests(STATS)).toBe(1);
      expect(mock.countRequests()).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('keys figures by vCenter uuid and moref, converting memory from KB to MB and network from KBps to kilobits per second', async () => {
    const vm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
    expect((await client.latestByVm()).get(keyOf(seed, vm))).toEqual({
      placementKey: keyOf(seed, vm),
      cpuUsageMhz: vm.metrics.cpuUsageMhz,
      memoryUsedMb: vm.metrics.memoryUsedMb,
      storageUsedGb: vm.metrics.storageUsedGb,
      networkKbps: vm.metrics.networkKbps,
    });
  });

  it('reports no stale CPU, memory or network figures for VMs that are not running', async () => {
    const off = seed.vms.filter((v) => v.powerState !== 'POWERED_ON');
    expect(off.length).toBeGreaterThan(0);
    const byVm = await client.latestByVm();
    for (const vm of off) {
      expect(vm.metrics.cpuUsageMhz + vm.metrics.networkKbps).toBeGreaterThan(0);
      expect(byVm.get(keyOf(seed, vm))).toEqual({
        placementKey: keyOf(seed, vm),
        cpuUsageMhz: 0,
        memoryUsedMb: 0,
        storageUsedGb: vm.metrics.storageUsedGb,
        networkKbps: 0,
      });
    }
  });

  it('sums each organization’s own VMs’ figures, joining VMs to resources by vCenter and moref', async () => {
    const tenancy = tenancyFor(mock);
    try {
      const [vms, byVm] = await Promise.all([tenancy.listOrgVms(), client.latestByVm()]);
      for (const org of seed.orgs) {
        const own = seed.vms.filter((vm) => seed.vdcs.find((v) => v.nativeId === vm.vdcNativeId)?.orgNativeId === org.nativeId);
        const running = own.filter((vm) => vm.powerState === 'POWERED_ON');
        const total = (of: (vm: SeedVm) => number, among = running) => among.reduce((s, vm) => s + of(vm), 0);
        expect(
          orgMetrics(
            vms.filter((vm) => vm.orgId === org.nativeId),
            byVm,
          ),
        ).toEqual({
          vmCount: own.length,
          cpuUsageMhz: total((vm) => vm.metrics.cpuUsageMhz),
          memoryUsedMb: total((vm) => vm.metrics.memoryUsedMb),
          storageUsedGb: total((vm) => vm.metrics.storageUsedGb, own),
          networkKbps: total((vm) => vm.metrics.networkKbps),
        });
      }
    } finally {
      await tenancy.close();
    }
  });

  it.each([
    ['the page size the application says it served', { maxPageSize: 7 }],
    // Served at 7 while pageInfo says 1000: at 1000, pages 1.. would be past the end and VMs missed.
    ['the size served when the application echoes the size asked for', { maxPageSize: 7, echoPageSize: true }],
  ])('pages the listing at %s', async (_, settings) => {
    expect((await post(mock, '/__mock/metrics-settings', settings)).status).toBe(200);
    try {
      mock.resetRequests();
      expect(await client.latestByVm()).toEqual(expectedMetrics(seed));
      // Page 0 at 1000, served at 7; then every other page at 7.
      const pages = Math.ceil(seed.vms.length / 7);
      expect(listingPagesAsked(mock)).toEqual([[0, 1000], ...Array.from({ length: pages - 1 }, (_, i) => [i + 1, 7])]);
    } finally {
      await post(mock, '/__mock/metrics-settings', { maxPageSize: 5000, echoPageSize: false });
    }
  });

  it('sends the configured authentication source when acquiring a token', async () => {
    expect((await post(mock, '/__mock/metrics-settings', { authSource: 'corp-ldap' })).status).toBe(200);
    const ldap = metricsFor(mock, mock.url, METRICS_CREDENTIALS.password, { authSource: 'corp-ldap' });
    const local = metricsFor(mock);
    try {
      expect(await ldap.latestByVm()).toEqual(expectedMetrics(seed));
      await expectCode(local.latestByVm(), ErrorCode.UPSTREAM_ERROR);
    } finally {
      await post(mock, '/__mock/metrics-settings', { authSource: null });
      await Promise.all([ldap.close(), local.close()]);
    }
  });

  it('acquires a new token once after the application expired its tokens', async () => {
    await client.latestByVm();
    expect((await post(mock, '/__mock/expire-metrics-tokens')).status).toBe(200);
    mock.resetRequests();
    expect(await client.latestByVm()).toEqual(expectedMetrics(seed));
    expect(mock.countRequests(ACQUIRE)).toBe(1);
    expect(mock.countRequests(RESOURCES)).toBe(2); // the refused listing and its retry
    expect(mock.countRequests(STATS)).toBe(1);
  });

  it('accepts a base URL that already names /suite-api', async () => {
    const other = metricsFor(mock, `${mock.url}/suite-api`);
    expect(await other.latestByVm()).toEqual(expectedMetrics(seed));
    await other.close();
  });

  it('maps refused credentials to UPSTREAM_ERROR without the upstream message', async () => {
    const wrong = metricsFor(mock, mock.url, 'wrong');
    const err = await expectCode(wrong.latestByVm(), ErrorCode.UPSTREAM_ERROR);
    expect(err.message).not.toMatch(/Invalid username/);
    await wrong.close();
  });

  it('maps the application’s JSON 500 for a read to UPSTREAM_ERROR without the upstream message', async () => {
    expect((await post(mock, '/__mock/metrics-settings', { failStats: true })).status).toBe(200);
    try {
      const err = await expectCode(client.latestByVm(), ErrorCode.UPSTREAM_ERROR);
      expect(err.status).toBe(500);
      expect(err.message).not.toMatch(/internal error occurred/i);
    } finally {
      await post(mock, '/__mock/metrics-settings', { failStats: false });
    }
    expect(await client.latestByVm()).toEqual(expectedMetrics(seed));
  });

  it('knows no resource for a VM without a vSphere placement (no empty identifiers)', async () => {
    const vm = mock.cloud.vms[0]!;
    const before = vm.vsphere;
    delete vm.vsphere;
    try {
      const token = ((await (await post(mock, ACQUIRE, METRICS_CREDENTIALS)).json()) as { token: string }).token;
      const res = await fetch(`${mock.url}${RESOURCES}resourceKind=VirtualMachine`, {
        headers: { authorization: `vRealizeOpsToken ${token}` },
      });
      const body = (await res.json()) as {
        pageInfo: { totalCount: number };
        resourceList: Array<{ resourceKey: { resourceIdentifiers: Array<{ value: string }> } }>;
      };
      expect(body.pageInfo.totalCount).toBe(seed.vms.length - 1);
      expect(body.resourceList.flatMap((r) => r.resourceKey.resourceIdentifiers).every((i) => i.value !== '')).toBe(true);
      const expected = expectedMetrics(seed);
      expected.delete(keyOf(seed, seed.vms[0]!));
      expect(await client.latestByVm()).toEqual(expected);
    } finally {
      vm.vsphere = before;
    }
  });

  it('maps injected failures and an unreachable application to CLOUD_UNAVAILABLE, and works again after', async () => {
    try {
      mock.setFaults({ failRequests: true });
      await expectCode(client.latestByVm(), ErrorCode.CLOUD_UNAVAILABLE);
      mock.setFaults({ failRequests: false, down: true });
      await expectCode(client.latestByVm(), ErrorCode.CLOUD_UNAVAILABLE);
    } finally {
      mock.setFaults({ failRequests: false, down: false });
    }
    expect(await client.latestByVm()).toEqual(expectedMetrics(seed));
  });
});

describe('sp-node metrics client batching at scale', () => {
  // 2 orgs × 2 VDCs × 300 VMs = 1200 VMs: two listing pages of 1000, two stats queries of ≤ 1000 ids.
  const seed = directorSeed({ vmsPerVdc: 300 });
  let mock: MockCloud;
  let client: MetricsClient;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    client = metricsFor(mock);
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });

  it('pages the listing and queries stats in chunks of at most 1000 ids', async () => {
    expect(seed.vms.length).toBe(1200);
    const byVm = await client.latestByVm();
    expect(byVm.size).toBe(seed.vms.length);
    expect(byVm).toEqual(expectedMetrics(seed));
    expect(mock.countRequests(ACQUIRE)).toBe(1);
    expect(mock.countRequests(RESOURCES)).toBe(Math.ceil(seed.vms.length / 1000));
    // The mock refuses a query of more than 1000 ids, so two successful queries were each within it.
    expect(mock.countRequests(STATS)).toBe(Math.ceil(seed.vms.length / 1000));
  });
});

describe('sp-node tenancy client against a cell serving one item a page', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  let client: TenancyClient;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed), { directorMaxPageSize: 1 });
    client = tenancyFor(mock);
    await client.listOrgs();
  });
  afterAll(async () => {
    await client.close();
    await mock.close();
  });

  it('reads the vCenter list one page per vCenter, as every cloudapi list', async () => {
    expect(seed.vcenters!.length).toBeGreaterThan(1);
    mock.resetRequests();
    expect(sorted(await client.listOrgVms())).toEqual(sorted(expectedPlacedVms(seed)));
    expect(mock.countRequests(VCENTERS)).toBe(seed.vcenters!.length);
  });
});
