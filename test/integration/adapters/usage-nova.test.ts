/**
 * OpenStack usage metering: the mock's `os-simple-tenant-usage`, read by the nova
 * adapter over HTTP. Expected hours come from the seed's usage history
 * (mocks/usageHistory.ts): the hours each instance existed in, at its flavor, with no
 * used figures (Nova has none).
 */
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { PROJECT } from '../../../mocks/nova/state';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { vmHistory } from '../../../mocks/usageHistory';
import { HOUR_MS, hourStart } from '../../../schema/hours';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { CloudAdapter, UsageHourRecord } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { keystoneLogin } from '../../support/keystone';

const DAY_MS = 24 * HOUR_MS;
const COMPUTE = '/compute/v2.1';
const USAGE = `${COMPUTE}/os-simple-tenant-usage`;

/** 2 zones × 501 servers: more than one page (1000, nova's max_limit) of servers and of usages. */
const seedCloud = (): SeedCloud =>
  buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }], vdcsPerCloud: 2, vmsPerVdc: 501 }).clouds[0]!;

const key = (r: { vmId: string; hour: number }): string => `${r.vmId}@${r.hour}`;

describe('OpenStack usage from os-simple-tenant-usage', () => {
  const seed = seedCloud();
  const historyStart = new Date(hourStart(Date.now()).getTime() - 20 * DAY_MS);
  // Day 10: every fourth server is launched in it (at index % 24 hours), so all of them exist by its end.
  const window = { start: new Date(historyStart.getTime() + 10 * DAY_MS), end: new Date(historyStart.getTime() + 11 * DAY_MS) };
  const hours = Array.from({ length: 24 }, (_, i) => window.start.getTime() + i * HOUR_MS);
  const history = seed.vms.map((_, i) => vmHistory(seed, i, historyStart));
  let mock: NovaMock;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed), { historyStart });
    adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova'));
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  const read = async (w = window): Promise<UsageHourRecord[]> => {
    if (!adapter.usage) throw new Error('the nova adapter has no usage method');
    return adapter.usage(w);
  };

  it('answers each hour an instance existed in at its flavor, with no used figures', async () => {
    const expected = history.flatMap((h) =>
      hours
        .map((hour) => h.hourUsage(hour))
        .filter((u) => u !== null)
        .map((u) => ({
          vmId: h.vm.nativeId,
          vmName: h.vm.name,
          vdcId: h.vm.vdcNativeId,
          hour: u.hour,
          max: u.allocation.max,
          avg: u.allocation.avg,
          used: [null, null, null, null],
        })),
    );
    const records = (await read()).map((r) => ({
      vmId: r.vmId,
      vmName: r.vmName,
      vdcId: r.vdcId,
      hour: r.hour.getTime(),
      max: r.max,
      avg: r.avg,
      used: [r.cpuUsedMhz, r.memoryUsedMb, r.storageUsedGb, r.networkKbps],
    }));
    // 24 000 hours: compared by key, the differences listed (a deep toEqual of them all is slow).
    const got = new Map(records.map((r) => [key(r), JSON.stringify(r)]));
    expect(got.size).toBe(records.length);
    const differences = expected.filter((e) => got.get(key(e)) !== JSON.stringify(e)).map(key);
    expect({ count: records.length, differences }).toEqual({ count: expected.length, differences: [] });
  });

  it('counts existence: a powered-off server has every hour, a server launched in the window none before its launch', async () => {
    const records = await read();
    const off = history.find((h) => h.vm.powerState === 'POWERED_OFF' && h.createdAt <= window.start.getTime());
    const late = history.find((h) => h.createdAt > window.start.getTime() && h.createdAt < window.end.getTime());
    if (!off || !late) throw new Error('the seed has no powered-off server or none launched in the window');
    expect(records.filter((r) => r.vmId === off.vm.nativeId)).toHaveLength(hours.length);
    const own = records.filter((r) => r.vmId === late.vm.nativeId).map((r) => r.hour.getTime());
    expect(Math.min(...own)).toBe(late.createdAt);
    expect(own).toHaveLength((window.end.getTime() - late.createdAt) / HOUR_MS);
  });

  it('pages through the usage with marker and limit, and through the server list for the zones', async () => {
    await read();
    const usageRequests = mock.requests.filter((r) => r.url.startsWith(USAGE));
    // 1002 servers: a full page of 1000 with a next link, then the last 2.
    expect(usageRequests).toHaveLength(2);
    expect(usageRequests[0]!.url).toContain(`/os-simple-tenant-usage/${PROJECT.id}?`);
    expect(usageRequests[0]!.url).not.toContain('marker=');
    const active = history.filter((h) => h.createdAt < window.end.getTime());
    expect(active).toHaveLength(1002);
    expect(new URL(usageRequests[1]!.url, mock.url).searchParams.get('marker')).toBe(active[999]!.vm.nativeId);
    expect(mock.countRequests(`${COMPUTE}/servers/detail`)).toBe(2);
  });

  it('prices the whole period at the latest flavor, as Nova does', async () => {
    const vm = mock.cloud.vms[0]!;
    const before = vm.cpuCount;
    vm.cpuCount = before * 2;
    try {
      const own = (await read()).filter((r) => r.vmId === vm.nativeId);
      expect(own).toHaveLength(hours.length);
      expect(own.every((r) => r.max.vcpu === before * 2)).toBe(true);
    } finally {
      vm.cpuCount = before;
    }
  });

  it('answers no hour that has not begun', async () => {
    const current = hourStart(Date.now()).getTime();
    const records = await read({ start: new Date(current - HOUR_MS), end: new Date(current + 3 * HOUR_MS) });
    // The mock reads the clock when it answers: an hour may have begun since `current`.
    const after = hourStart(Date.now()).getTime();
    const answered = [...new Set(records.map((r) => r.hour.getTime()))].sort((a, b) => a - b);
    const upTo = (last: number): number[] => [current - HOUR_MS, current, current + HOUR_MS].filter((h) => h <= last);
    expect([upTo(current), upTo(after)]).toContainEqual(answered);
  });
});

describe('Nova mock os-simple-tenant-usage', () => {
  const seed = buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova' }] }).clouds[0]!;
  // Twelve days back, the period its first day: every fourth server (launched on day 10) did not exist yet.
  const historyStart = new Date(hourStart(Date.now()).getTime() - 12 * DAY_MS);
  const existing = seed.vms.filter((_, i) => vmHistory(seed, i, historyStart).createdAt < historyStart.getTime() + DAY_MS);
  let mock: NovaMock;
  let token: string;

  const get = (path: string, version: string): Promise<Response> =>
    fetch(`${mock.url}${USAGE}${path}`, { headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': `compute ${version}` } });
  const period = `start=${new Date(historyStart).toISOString().slice(0, 19)}&end=${new Date(historyStart.getTime() + DAY_MS).toISOString().slice(0, 19)}`;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed), { historyStart });
    token = (await keystoneLogin(mock)).token;
  });
  afterAll(() => mock.close());

  it('answers the project totals as hours × the flavor, one day for every server that existed', async () => {
    expect(existing.length).toBeLessThan(seed.vms.length);
    const body = (await (await get(`/${PROJECT.id}?${period}`, '2.79')).json()) as { tenant_usage: Record<string, unknown> };
    expect(body.tenant_usage).toMatchObject({
      tenant_id: PROJECT.id,
      total_hours: 24 * existing.length,
      total_vcpus_usage: 24 * existing.reduce((n, vm) => n + vm.cpuCount, 0),
      total_memory_mb_usage: 24 * existing.reduce((n, vm) => n + vm.memoryMb, 0),
      total_local_gb_usage: 24 * existing.reduce((n, vm) => n + vm.storageGb, 0),
    });
    expect((body.tenant_usage.server_usages as { instance_id: string }[]).map((u) => u.instance_id)).toEqual(
      existing.map((vm) => vm.nativeId),
    );
  });

  it('pages from 2.40 only: below it limit is ignored and no link is given', async () => {
    const paged = (await (await get(`/${PROJECT.id}?${period}&limit=2`, '2.40')).json()) as Record<string, { server_usages?: unknown[] }>;
    expect(paged.tenant_usage!.server_usages).toHaveLength(2);
    expect(paged.tenant_usage_links).toEqual([{ rel: 'next', href: expect.stringContaining(`marker=${existing[1]!.nativeId}`) }]);
    const old = (await (await get(`/${PROJECT.id}?${period}&limit=2`, '2.39')).json()) as Record<string, { server_usages?: unknown[] }>;
    expect(old.tenant_usage!.server_usages).toHaveLength(existing.length);
    expect(old.tenant_usage_links).toBeUndefined();
  });

  it('answers an empty usage for a project without servers, and lists every project for the admin form', async () => {
    expect(await (await get(`/0c1d2e3f4a5b4c6d8e9f0a1b2c3d4e5f?${period}`, '2.79')).json()).toEqual({ tenant_usage: {} });
    const all = (await (await get(`?detailed=1&${period}`, '2.79')).json()) as {
      tenant_usages: { tenant_id: string; server_usages: unknown[] }[];
    };
    expect(all.tenant_usages.map((t) => [t.tenant_id, t.server_usages.length])).toEqual([[PROJECT.id, existing.length]]);
  });
});
