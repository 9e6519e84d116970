/**
 * The sp-node's clients over HTTP against the director mock: the tenancy client
 * (query service: organizations, org VDCs with usage, VMs with their org, the
 * provider VDC) and the metrics client (the tenant-unaware suite-api on the same
 * mock). Expected values are computed from buildSeed(); request counts come from
 * the mock's request log.
 */
import { METRICS_CREDENTIALS, startDirectorMock, VCPU_SPEED_MHZ } from '../../../mocks/director';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import { CloudApiError, ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { createMetricsClient } from '../../../subgraphs/sp-node/clients/metrics';
import { createTenancyClient } from '../../../subgraphs/sp-node/clients/director';
import type { MetricsClient, TenancyClient } from '../../../subgraphs/sp-node/clients/types';
import { byId } from '../../support/expected';
import { directorSeed, expectedMetrics, expectedOrgs, expectedOrgVdcs, expectedOrgVms, expectedProvider } from '../../support/seedTenancy';

const LOGIN = '/cloudapi/1.0.0/sessions/provider';
const ACQUIRE = '/suite-api/api/auth/token/acquire';
// The listing's path with its query string, so the stats query (`/resources/stats/...`) is not counted with it.
const RESOURCES = '/suite-api/api/resources?';
const STATS = '/suite-api/api/resources/stats/latest/query';

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<CloudApiError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CloudApiError);
  expect((err as CloudApiError).code).toBe(code);
  return err as CloudApiError;
}

const sorted = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort(byId);
const tenancyFor = (mock: MockCloud, password = mock.credentials.password): TenancyClient =>
  createTenancyClient({ baseUrl: mock.url, username: mock.credentials.username, password, timeoutMs: 5000 });
const metricsFor = (mock: MockCloud, baseUrl = mock.url, password: string = METRICS_CREDENTIALS.password): MetricsClient =>
  createMetricsClient({ baseUrl, username: METRICS_CREDENTIALS.username, password, timeoutMs: 5000 });
const post = (mock: MockCloud, path: string): Promise<Response> => fetch(`${mock.url}${path}`, { method: 'POST' });

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

  it('lists every VM with its org and VDC, or those of chosen orgs only, in one request', async () => {
    expect(sorted(await client.listOrgVms())).toEqual(sorted(expectedOrgVms(seed)));
    const org = seed.orgs[1]!;
    mock.resetRequests();
    const vms = await client.listOrgVms([org.nativeId, 'urn:vcloud:org:00000000-0000-4000-a000-000000000000', 'not-an-org', 'x,org==y']);
    expect(sorted(vms)).toEqual(sorted(expectedOrgVms(seed, [org.nativeId])));
    expect(vms.length).toBeGreaterThan(0);
    expect(mock.countRequests('/api/query')).toBe(1);
    expect(await client.listOrgVms([])).toEqual([]);
    expect(mock.countRequests('/api/query')).toBe(1);
  });

  it('sums the provider VDCs into capacity and allocation', async () => {
    expect(await client.provider()).toEqual(expectedProvider(seed));
    expect(mock.countRequests('/api/query?type=providerVdc')).toBe(1);
  });

  it('reports the usage the VMs’ power states make, after a power-off through the director', async () => {
    const vm = mock.cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
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
    expect(sorted(await client.listOrgVms())).toEqual(sorted(expectedOrgVms(seed)));
    expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vms.length));
  });
});

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

  it('keys figures by the director’s VM URN, converting memory from KB to MB', async () => {
    const vm = seed.vms[0]!;
    expect((await client.latestByVm()).get(vm.nativeId)).toEqual({
      vmId: vm.nativeId,
      cpuUsageMhz: vm.metrics.cpuUsageMhz,
      memoryUsedMb: vm.metrics.memoryUsedMb,
      storageUsedGb: vm.metrics.storageUsedGb,
      networkKbps: vm.metrics.networkKbps,
    });
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
