/**
 * Hourly usage of a multi-tenant cloud from its metrics application's history: the
 * history query of the director mock's suite-api, the sp-node's stats history client
 * against it over HTTP, and the sp-node's `orgUsage` over HTTP. Expected figures come
 * from mocks/usageHistory.ts for the same VM and hour (the seed's history), orgs from
 * the seed's VDCs; request counts from the mock's request log.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { METRICS_CREDENTIALS, metricsResourceId, startDirectorMock } from '../../mocks/director';
import type { SeedCloud, SeedVm } from '../../mocks/seed';
import type { MockCloud } from '../../mocks/server';
import { cloudHistory, type VmHistory } from '../../mocks/usageHistory';
import { HOUR_MS, MAX_USAGE_WINDOW_HOURS, hourStart, isoSeconds, type HourRange } from '../../schema/hours';
import { readSdl } from '../../schema/kinds';
import type { Principal } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import { ErrorCode } from '../../subgraphs/shared/cloudApiError';
import { serveSubgraph, type RunningNode } from '../../subgraphs/shared/serve';
import { createTenancyClient } from '../../subgraphs/sp-node/clients/director';
import { createMetricsClient } from '../../subgraphs/sp-node/clients/metrics';
import { createStatsHistoryClient, type StatsHistoryClient, type VmUsageHour } from '../../subgraphs/sp-node/clients/statsHistory';
import { placementKey } from '../../subgraphs/sp-node/clients/types';
import { createSpContext } from '../../subgraphs/sp-node/context';
import { resolvers } from '../../subgraphs/sp-node/resolvers';
import { expectCode } from '../support/cloudErrors';
import { directorSeed } from '../support/seedTenancy';

const STATS_QUERY = '/suite-api/api/resources/stats/query';
const RESOURCES = '/suite-api/api/resources?';
const DAY_MS = 24 * HOUR_MS;
const TIMEOUT_MS = 5000;
const VCENTER = '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f';

/** History 20 days back from the current hour: the resize (day 10) and the late creations (day 10 + index hours) lie in the past. */
const historyStartNow = (): Date => new Date(hourStart(Date.now()).getTime() - 20 * DAY_MS);
/** From 3 hours before the resize to 20 hours after: covers the resize and the creation of VMs 3, 7, 11 and 15. */
const resizeWindow = (historyStart: Date): HourRange => ({
  start: new Date(historyStart.getTime() + 10 * DAY_MS - 3 * HOUR_MS),
  end: new Date(historyStart.getTime() + 10 * DAY_MS + 20 * HOUR_MS),
});
const hoursOf = (range: HourRange): number[] =>
  Array.from({ length: (range.end.getTime() - range.start.getTime()) / HOUR_MS }, (_, i) => range.start.getTime() + i * HOUR_MS);

const keyOf = (cloud: SeedCloud, vm: SeedVm): string =>
  placementKey({
    vcenterUuid: cloud.vcenters!.find((vc) => vc.vimServerId === vm.vsphere!.vcenterId)!.instanceUuid,
    moref: vm.vsphere!.moref,
  });

/** What the client should answer for one VM: its history's hours in `range`, in our units. */
function expectedHours(history: VmHistory, range: HourRange): VmUsageHour[] {
  return hoursOf(range).flatMap((hour) => {
    const u = history.hourUsage(hour);
    if (!u) return [];
    return [
      {
        hour,
        max: u.allocation.max,
        avg: u.allocation.avg,
        cpuUsedMhz: u.used?.cpuUsedMhz ?? null,
        memoryUsedMb: u.used?.memoryUsedMb ?? null,
        storageUsedGb: u.used?.storageUsedGb ?? null,
        networkKbps: u.used?.networkKbps ?? null,
      },
    ];
  });
}

const historyFor = (cloud: SeedCloud, mock: MockCloud): VmHistory[] => cloudHistory(structuredClone(cloud), mock.historyStart);
const indexWhere = (cloud: SeedCloud, test: (vm: SeedVm, index: number) => boolean): number => {
  const index = cloud.vms.findIndex(test);
  if (index < 0) throw new Error('the seed has no VM of the kind this test needs');
  return index;
};
/** Index % 4 === 1 with more than one vCPU: resized at day 10 (usageHistory.ts). */
const resizedIndex = (cloud: SeedCloud) => indexWhere(cloud, (vm, i) => i % 4 === 1 && vm.cpuCount > 1);
/** Index % 4 === 3: created at day 10 plus `index` hours. */
const lateIndex = (cloud: SeedCloud) => indexWhere(cloud, (vm, i) => i % 4 === 3 && i % 24 > 0);
const offIndex = (cloud: SeedCloud) => indexWhere(cloud, (vm, i) => vm.powerState === 'POWERED_OFF' && i % 4 !== 3);

const post = (mock: MockCloud, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
async function tokenOf(mock: MockCloud): Promise<string> {
  const res = await post(mock, '/suite-api/api/auth/token/acquire', METRICS_CREDENTIALS);
  return ((await res.json()) as { token: string }).token;
}

describe('the stats history client against the director mock', () => {
  const cloud = directorSeed();
  let mock: MockCloud;
  let client: StatsHistoryClient;
  let history: VmHistory[];
  let range: HourRange;
  const allKeys = () => new Set(cloud.vms.map((vm) => keyOf(cloud, vm)));

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(cloud), { historyStart: historyStartNow() });
    history = historyFor(cloud, mock);
    range = resizeWindow(mock.historyStart);
  });
  beforeEach(() => {
    client = createStatsHistoryClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: TIMEOUT_MS });
    mock.resetRequests();
  });
  afterEach(async () => {
    await client.close();
    await post(mock, '/__mock/metrics-settings', { failStats: false });
    await post(mock, '/__mock/faults', { failRequests: false });
  });
  afterAll(() => mock.close());

  it("answers every VM's hours as the seed's history has them, with one listing and one AVG and one MAX query", async () => {
    const usage = await client.usageByVm(range, allKeys());
    const expected = new Map(cloud.vms.map((vm, i) => [keyOf(cloud, vm), expectedHours(history[i]!, range)]));
    expect(usage).toEqual(expected);
    expect(mock.countRequests(RESOURCES)).toBe(1);
    expect(mock.countRequests(STATS_QUERY)).toBe(2);
  });

  it('gives a resized VM half its vCPUs before the resize and all of them after', async () => {
    const index = resizedIndex(cloud);
    const vm = cloud.vms[index]!;
    const resizedAt = mock.historyStart.getTime() + 10 * DAY_MS;
    const hours = (await client.usageByVm(range, new Set([keyOf(cloud, vm)]))).get(keyOf(cloud, vm))!;
    const before = hours.find((h) => h.hour === resizedAt - HOUR_MS)!;
    const after = hours.find((h) => h.hour === resizedAt)!;
    expect([before.max.vcpu, before.avg.vcpu]).toEqual([vm.cpuCount / 2, vm.cpuCount / 2]);
    expect([after.max.vcpu, after.avg.vcpu]).toEqual([vm.cpuCount, vm.cpuCount]);
    expect(before.max.vcpu).toBe(history[index]!.allocationAt(resizedAt - 1).vcpu);
  });

  it('answers no hour of a VM created mid-history before it existed', async () => {
    const index = lateIndex(cloud);
    const vm = cloud.vms[index]!;
    const createdAt = history[index]!.createdAt;
    expect(createdAt).toBeGreaterThan(range.start.getTime());
    const hours = (await client.usageByVm(range, new Set([keyOf(cloud, vm)]))).get(keyOf(cloud, vm))!;
    expect(hours.map((h) => h.hour)).toEqual(hoursOf(range).filter((h) => h >= createdAt));
  });

  it('gives a powered-off VM its allocation and no used figures', async () => {
    const vm = cloud.vms[offIndex(cloud)]!;
    const hours = (await client.usageByVm(range, new Set([keyOf(cloud, vm)]))).get(keyOf(cloud, vm))!;
    expect(hours).toHaveLength(hoursOf(range).length);
    for (const h of hours) {
      expect(h.max).toEqual({ vcpu: vm.cpuCount, memoryMb: vm.memoryMb, storageGb: vm.storageGb });
      expect([h.cpuUsedMhz, h.memoryUsedMb, h.storageUsedGb, h.networkKbps]).toEqual([null, null, null, null]);
    }
  });

  it('asks only about the resources of the VMs wanted', async () => {
    const vm = cloud.vms[0]!;
    const usage = await client.usageByVm(range, new Set([keyOf(cloud, vm)]));
    expect([...usage.keys()]).toEqual([keyOf(cloud, vm)]);
  });

  it('answers an hour that has not ended yet with nothing', async () => {
    const current = hourStart(Date.now());
    const usage = await client.usageByVm({ start: current, end: new Date(current.getTime() + HOUR_MS) }, allKeys());
    // The mock reads the clock when it answers: if the hour ended meanwhile, it may answer it.
    const after = hourStart(Date.now());
    const answered = [...usage.values()].flat();
    if (after.getTime() === current.getTime()) expect(answered).toEqual([]);
    else expect(answered.filter((h) => h.hour !== current.getTime())).toEqual([]);
    // The check above sees hours: the hour before, ended, has them.
    const last = await client.usageByVm({ start: new Date(current.getTime() - HOUR_MS), end: current }, allKeys());
    expect([...last.values()].flat().length).toBeGreaterThan(0);
  });

  it('makes a failing stats read UPSTREAM_ERROR and an unavailable application CLOUD_UNAVAILABLE', async () => {
    await post(mock, '/__mock/metrics-settings', { failStats: true });
    await expectCode(client.usageByVm(range, allKeys()), ErrorCode.UPSTREAM_ERROR);
    await post(mock, '/__mock/metrics-settings', { failStats: false });
    await post(mock, '/__mock/faults', { failRequests: true });
    await expectCode(client.usageByVm(range, allKeys()), ErrorCode.CLOUD_UNAVAILABLE);
  });
});

describe('the history query of the director mock', () => {
  const cloud = directorSeed();
  let mock: MockCloud;
  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(cloud), { historyStart: historyStartNow() });
  });
  afterAll(() => mock.close());
  const query = (ids: string[], extra: Record<string, unknown> = {}) => ({
    resourceId: ids,
    statKey: ['cpu|corecount_provisioned', 'net|usage_average'],
    begin: mock.historyStart.getTime() + HOUR_MS,
    end: mock.historyStart.getTime() + 3 * HOUR_MS,
    rollUpType: 'AVG',
    intervalType: 'HOURS',
    intervalQuantifier: 1,
    ...extra,
  });

  it('refuses a query without a token', async () => {
    const res = await post(mock, STATS_QUERY, query([metricsResourceId(cloud.vms[0]!.nativeId)]));
    expect(res.status).toBe(401);
  });

  it('refuses more than 1000 resource ids in one query', async () => {
    const auth = { authorization: `vRealizeOpsToken ${await tokenOf(mock)}` };
    const ids = Array.from({ length: 1001 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    expect((await post(mock, STATS_QUERY, query(ids), auth)).status).toBe(400);
    expect((await post(mock, STATS_QUERY, query(ids.slice(0, 1000)), auth)).status).toBe(200);
  });

  it('stamps each hour with its start, in the application units (KBps for the network)', async () => {
    const auth = { authorization: `vRealizeOpsToken ${await tokenOf(mock)}` };
    const index = cloud.vms.findIndex((vm) => vm.powerState === 'POWERED_ON');
    const h = cloudHistory(structuredClone(cloud), mock.historyStart)[index]!;
    const id = metricsResourceId(cloud.vms[index]!.nativeId);
    const body = (await (await post(mock, STATS_QUERY, query([id]), auth)).json()) as {
      values: { resourceId: string; 'stat-list': { stat: { statKey: { key: string }; timestamps: number[]; data: number[] }[] } }[];
    };
    const hours = [1, 2].map((n) => mock.historyStart.getTime() + n * HOUR_MS);
    const stat = (key: string) => body.values[0]!['stat-list'].stat.find((s) => s.statKey.key === key);
    expect(body.values.map((v) => v.resourceId)).toEqual([id]);
    expect(stat('cpu|corecount_provisioned')).toMatchObject({
      timestamps: hours,
      data: hours.map((t) => h.hourUsage(t)!.allocation.avg.vcpu),
    });
    const used = hours.filter((t) => h.hourUsage(t)!.used !== null);
    expect(stat('net|usage_average')).toMatchObject({ timestamps: used, data: used.map((t) => h.hourUsage(t)!.used!.networkKbps / 8) });
  });
  it('answers MAX of a used key as the highest 5-minute sample of the hour, AVG as their mean', async () => {
    const auth = { authorization: `vRealizeOpsToken ${await tokenOf(mock)}` };
    const index = cloud.vms.findIndex((vm) => vm.powerState === 'POWERED_ON');
    const h = cloudHistory(structuredClone(cloud), mock.historyStart)[index]!;
    const id = metricsResourceId(cloud.vms[index]!.nativeId);
    const hour = mock.historyStart.getTime() + HOUR_MS;
    const read = async (rollUpType: string) => {
      const res = await post(
        mock,
        STATS_QUERY,
        query([id], { statKey: ['cpu|usagemhz_average'], begin: hour, end: hour + HOUR_MS, rollUpType }),
        auth,
      );
      const body = (await res.json()) as { values: { 'stat-list': { stat: { data: number[]; rollUpType: string }[] } }[] };
      return body.values[0]!['stat-list'].stat[0]!;
    };
    const samples = Array.from({ length: 12 }, (_, i) => h.sampleAt(hour + i * 300_000)!.cpuUsedMhz);
    expect(await read('MAX')).toMatchObject({ rollUpType: 'MAX', data: [Math.max(...samples)] });
    expect(await read('AVG')).toMatchObject({ rollUpType: 'AVG', data: [h.hourUsage(hour)!.used!.cpuUsedMhz] });
    expect(Math.max(...samples)).not.toBe(h.hourUsage(hour)!.used!.cpuUsedMhz);
  });
});

/**
 * The seed's hours never tell MAX from AVG of an allocation (resizes and creations fall on
 * whole hours), so a small stand-in application answers different figures per rollUp.
 */
describe('the stats history client and the rollUps', () => {
  let server: Server;
  let url: string;
  const rollUps: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.url?.startsWith('/suite-api/api/auth/token/')) return send({ token: 't' });
        if (req.url?.startsWith('/suite-api/api/resources?')) {
          const ids = [
            { identifierType: { name: 'VMEntityVCID' }, value: VCENTER },
            { identifierType: { name: 'VMEntityObjectID' }, value: 'vm-7' },
          ];
          return send({
            pageInfo: { totalCount: 1, pageSize: 1000 },
            resourceList: [{ identifier: 'r-1', resourceKey: { resourceIdentifiers: ids } }],
          });
        }
        const q = JSON.parse(text) as { statKey: string[]; rollUpType: string; begin: number };
        rollUps.push(q.rollUpType);
        // MAX: 4 vCPUs, 4096 MB, 40 GB; AVG: 3, 3072 MB, 30 GB; used figures only in AVG.
        const n = q.rollUpType === 'MAX' ? 4 : 3;
        const value: Record<string, number> = {
          'cpu|corecount_provisioned': n,
          'mem|guest_provisioned': n * 1024 * 1024,
          'diskspace|provisioned': n * 10,
          'cpu|usagemhz_average': 500,
          'mem|consumed_average': 2048,
          'diskspace|used': 7,
          'net|usage_average': 100,
        };
        const hour = Math.ceil(q.begin / HOUR_MS) * HOUR_MS;
        return send({
          values: [
            {
              resourceId: 'r-1',
              'stat-list': { stat: q.statKey.map((key) => ({ statKey: { key }, timestamps: [hour], data: [value[key]] })) },
            },
          ],
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fills the highest allocation from the MAX rollup and the mean from AVG, used figures from AVG in our units', async () => {
    const client = createStatsHistoryClient({ baseUrl: url, username: 'u', password: 'p', timeoutMs: TIMEOUT_MS });
    try {
      const start = hourStart(Date.now() - DAY_MS);
      const usage = await client.usageByVm(
        { start, end: new Date(start.getTime() + HOUR_MS) },
        new Set([placementKey({ vcenterUuid: VCENTER, moref: 'vm-7' })]),
      );
      expect([...usage.values()]).toEqual([
        [
          {
            hour: start.getTime(),
            max: { vcpu: 4, memoryMb: 4096, storageGb: 40 },
            avg: { vcpu: 3, memoryMb: 3072, storageGb: 30 },
            cpuUsedMhz: 500,
            memoryUsedMb: 2,
            storageUsedGb: 7,
            networkKbps: 800,
          },
        ],
      ]);
      expect([...rollUps].sort()).toEqual(['AVG', 'MAX']);
    } finally {
      await client.close();
    }
  });
});

describe('the stats history client with more resources than one query takes', () => {
  // 2 orgs × 2 VDCs × 300 VMs: 1200 resources, two batches.
  const cloud = directorSeed({ vmsPerVdc: 300 });
  let mock: MockCloud;
  afterAll(() => mock?.close());

  it('asks in batches of at most 1000 resources, one AVG and one MAX query each', async () => {
    mock = await startDirectorMock(structuredClone(cloud), { historyStart: historyStartNow() });
    const client = createStatsHistoryClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: TIMEOUT_MS });
    try {
      const range = {
        start: new Date(mock.historyStart.getTime() + 10 * DAY_MS),
        end: new Date(mock.historyStart.getTime() + 10 * DAY_MS + HOUR_MS),
      };
      const history = historyFor(cloud, mock);
      mock.resetRequests();
      const usage = await client.usageByVm(range, new Set(cloud.vms.map((vm) => keyOf(cloud, vm))));
      expect(cloud.vms.length).toBeGreaterThan(1000);
      expect(mock.countRequests(STATS_QUERY)).toBe(2 * Math.ceil(cloud.vms.length / 1000));
      expect(usage).toEqual(new Map(cloud.vms.map((vm, i) => [keyOf(cloud, vm), expectedHours(history[i]!, range)])));
    } finally {
      await client.close();
    }
  });
});

describe('orgUsage on an sp-node', () => {
  const cloud = directorSeed();
  const secret = randomBytes(32).toString('hex');
  const ADMIN: Principal = { subject: 'test-gateway', role: 'provider-admin' };
  let mock: MockCloud;
  let node: RunningNode;
  let stats: StatsHistoryClient;
  let range: HourRange;

  /**
   * The sp-node's subgraph served as server.ts serves it, over clients the test keeps
   * (to switch the metrics API's failures on and off).
   */
  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(cloud), { historyStart: historyStartNow() });
    range = resizeWindow(mock.historyStart);
    const tenancy = createTenancyClient({ baseUrl: mock.url, ...mock.credentials, timeoutMs: TIMEOUT_MS });
    const metrics = createMetricsClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: TIMEOUT_MS });
    stats = createStatsHistoryClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: TIMEOUT_MS });
    node = await serveSubgraph({
      kind: 'sp-node',
      cloudId: cloud.id,
      schema: buildSubgraphSchema({ typeDefs: parse(readSdl('sp-node')), resolvers: resolvers as never }),
      context: (principal) => createSpContext({ id: cloud.id, name: cloud.name }, tenancy, metrics, stats, principal),
      secret,
      onClose: async () => {
        await Promise.all([tenancy.close(), metrics.close(), stats.close()]);
      },
    });
  });
  afterEach(() => post(mock, '/__mock/metrics-settings', { failStats: false }));
  afterAll(async () => {
    await node?.close();
    await mock?.close();
  });

  const FIELDS =
    'vmId vmName vdcId orgId hour vcpuMax vcpuAvg memoryMbMax memoryMbAvg storageGbMax storageGbAvg cpuUsedMhz memoryUsedMb storageUsedGb networkKbps';
  async function orgUsage(start: string, end: string, principal: Principal = ADMIN, cloudId = cloud.id) {
    const body = JSON.stringify({
      query: `query ($cloudId: ID!, $start: String!, $end: String!) { orgUsage(cloudId: $cloudId, start: $start, end: $end) { ${FIELDS} } }`,
      variables: { cloudId, start, end },
    });
    const headers = signRequest({ secret, method: 'POST', path: new URL(node.url).pathname, body, principal });
    const res = await fetch(node.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return (await res.json()) as {
      data?: { orgUsage: Record<string, unknown>[] } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
  }
  const window = () => [isoSeconds(range.start), isoSeconds(range.end)] as const;
  const orgOf = (vm: SeedVm): string => cloud.vdcs.find((vdc) => vdc.nativeId === vm.vdcNativeId)!.orgNativeId!;

  it('answers one row per VM and hour it existed, with the org owning its VDC, from the seed history', async () => {
    const history = historyFor(cloud, mock);
    mock.resetRequests();
    const answer = await orgUsage(...window());
    expect(answer.errors).toBeUndefined();
    const expected = cloud.vms.flatMap((vm, i) =>
      expectedHours(history[i]!, range).map((u) => ({
        vmId: `${cloud.id}:${vm.nativeId}`,
        vmName: vm.name,
        vdcId: `${cloud.id}:${vm.vdcNativeId}`,
        orgId: `${cloud.id}:${orgOf(vm)}`,
        hour: isoSeconds(u.hour),
        vcpuMax: u.max.vcpu,
        vcpuAvg: u.avg.vcpu,
        memoryMbMax: u.max.memoryMb,
        memoryMbAvg: u.avg.memoryMb,
        storageGbMax: u.max.storageGb,
        storageGbAvg: u.avg.storageGb,
        cpuUsedMhz: u.cpuUsedMhz,
        memoryUsedMb: u.memoryUsedMb,
        storageUsedGb: u.storageUsedGb,
        networkKbps: u.networkKbps,
      })),
    );
    const order = (r: Record<string, unknown>) => `${String(r.vmId)} ${String(r.hour)}`;
    const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => (order(a) < order(b) ? -1 : 1));
    expect(sorted(answer.data!.orgUsage)).toEqual(sorted(expected));
    expect(mock.countRequests(STATS_QUERY)).toBe(2);
  });

  it("gives a resized VM's rows half its vCPUs before the resize and all after", async () => {
    const vm = cloud.vms[resizedIndex(cloud)]!;
    const resizedAt = mock.historyStart.getTime() + 10 * DAY_MS;
    const rows = (await orgUsage(...window())).data!.orgUsage.filter((r) => r.vmId === `${cloud.id}:${vm.nativeId}`);
    const at = (t: number) => rows.find((r) => r.hour === isoSeconds(t))!;
    expect([at(resizedAt - HOUR_MS).vcpuMax, at(resizedAt - HOUR_MS).vcpuAvg]).toEqual([vm.cpuCount / 2, vm.cpuCount / 2]);
    expect([at(resizedAt).vcpuMax, at(resizedAt).vcpuAvg]).toEqual([vm.cpuCount, vm.cpuCount]);
  });

  it('answers no row of a VM created mid-history before it existed, and null used figures of a powered-off VM', async () => {
    const history = historyFor(cloud, mock);
    const late = lateIndex(cloud);
    const off = cloud.vms[offIndex(cloud)]!;
    const rows = (await orgUsage(...window())).data!.orgUsage;
    const lateRows = rows.filter((r) => r.vmId === `${cloud.id}:${cloud.vms[late]!.nativeId}`);
    expect(lateRows.map((r) => r.hour)).toEqual(
      hoursOf(range)
        .filter((h) => h >= history[late]!.createdAt)
        .map(isoSeconds),
    );
    const offRows = rows.filter((r) => r.vmId === `${cloud.id}:${off.nativeId}`);
    expect(offRows).toHaveLength(hoursOf(range).length);
    for (const r of offRows) {
      expect(r).toMatchObject({ vcpuMax: off.cpuCount, cpuUsedMhz: null, memoryUsedMb: null, storageUsedGb: null, networkKbps: null });
      expect(r.orgId).toBe(`${cloud.id}:${orgOf(off)}`);
    }
  });

  it.each([
    ['a start that is not a whole hour', (s: string, e: string) => [s.replace(':00:00Z', ':30:00Z'), e], 'start must be a whole UTC hour'],
    ['an end before the start', (s: string, e: string) => [e, s], 'end must be after start'],
    [
      'a window longer than 744 hours',
      (s: string) => [s, isoSeconds(new Date(s).getTime() + (MAX_USAGE_WINDOW_HOURS + 1) * HOUR_MS)],
      'at most 744 are allowed',
    ],
  ])('refuses %s with BAD_USER_INPUT and the reason', async (_name, make, reason) => {
    const [start, end] = make(...window()) as [string, string];
    mock.resetRequests();
    const answer = await orgUsage(start, end);
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(reason),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(mock.countRequests(STATS_QUERY)).toBe(0);
  });

  it('refuses a tenant with FORBIDDEN before reading anything', async () => {
    const tenant: Principal = {
      subject: 'alice',
      role: 'tenant-admin',
      tenantId: cloud.orgs[0]!.tenantId,
      scope: {
        orgs: [cloud.orgs[0]!.nativeId],
        vdcs: cloud.vdcs.filter((v) => v.orgNativeId === cloud.orgs[0]!.nativeId).map((v) => v.nativeId),
      },
    };
    mock.resetRequests();
    const answer = await orgUsage(...window(), tenant);
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    expect(answer.data ?? null).toBeNull();
    expect(mock.requests).toHaveLength(0);
  });

  it('answers another cloud id with NOT_FOUND', async () => {
    const answer = await orgUsage(...window(), ADMIN, 'elsewhere');
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  });

  it('makes a failing history read UPSTREAM_ERROR, naming the cloud', async () => {
    await post(mock, '/__mock/metrics-settings', { failStats: true });
    const answer = await orgUsage(...window());
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: 'UPSTREAM_ERROR', cloudId: cloud.id } })]);
  });
});
