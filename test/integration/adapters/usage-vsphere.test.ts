/**
 * vSphere usage metering: the mock vCenter's VI/JSON PerformanceManager and VM config,
 * read by the vSphere adapter over HTTP. Expected figures come from the seed's usage
 * history (mocks/usageHistory.ts) for the same VM and hour, never from answers.
 */
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { startVsphereMock } from '../../../mocks/vsphere';
import { kiloBytesPerSecond, MAX_QUERY_METRICS } from '../../../mocks/vsphere/perf';
import { SAMPLE_MS, vmHistory, type VmHistory } from '../../../mocks/usageHistory';
import { HOUR_MS, hourStart } from '../../../schema/hours';
import { createVsphereAdapter } from '../../../subgraphs/cloud-node/adapters/vsphere';
import type { CloudAdapter, UsageHourRecord } from '../../../subgraphs/cloud-node/adapters/types';

const DAY_MS = 24 * HOUR_MS;
const SDK = '/sdk/vim25/8.0.1.0';

/** 3 datacenters × 12 VMs: 36 VMs, more than one QueryPerf of 16 can hold. */
const seedCloud = (): SeedCloud => buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere' }], vdcsPerCloud: 3, vmsPerVdc: 12 }).clouds[0]!;

/** Figures compared at a precision far below any unit, so summing order does not matter. */
const round = (n: number | null): number | null => (n === null ? null : Math.round(n * 1e6) / 1e6);

interface Expected {
  vmId: string;
  hour: number;
  vcpu: number;
  memoryMb: number;
  storageGb: number;
  cpuUsedMhz: number | null;
  memoryUsedMb: number | null;
  storageUsedGb: number | null;
  networkKbps: number | null;
}

/**
 * What the history says of one VM and hour. The network figure is the mean of the
 * samples as vCenter's integer KBps series holds them (rounded), times 8.
 */
function expectedHour(h: VmHistory, hour: number): Expected | undefined {
  const usage = h.hourUsage(hour);
  if (!usage) return undefined;
  const samples = Array.from({ length: HOUR_MS / SAMPLE_MS }, (_, i) => h.sampleAt(hour + i * SAMPLE_MS)).filter((s) => s !== null);
  return {
    vmId: h.vm.nativeId,
    hour,
    vcpu: usage.allocation.max.vcpu,
    memoryMb: usage.allocation.max.memoryMb,
    storageGb: usage.allocation.max.storageGb,
    cpuUsedMhz: round(usage.used?.cpuUsedMhz ?? null),
    memoryUsedMb: round(usage.used?.memoryUsedMb ?? null),
    storageUsedGb: round(usage.used?.storageUsedGb ?? null),
    networkKbps: usage.used ? round((samples.reduce((n, s) => n + kiloBytesPerSecond(s), 0) / samples.length) * 8) : null,
  };
}

const seen = (r: UsageHourRecord): Expected => ({
  vmId: r.vmId,
  hour: r.hour.getTime(),
  vcpu: r.max.vcpu,
  memoryMb: r.max.memoryMb,
  storageGb: r.max.storageGb,
  cpuUsedMhz: round(r.cpuUsedMhz),
  memoryUsedMb: round(r.memoryUsedMb),
  storageUsedGb: round(r.storageUsedGb),
  networkKbps: round(r.networkKbps),
});

const byVmHour = (a: { vmId: string; hour: number }, b: { vmId: string; hour: number }) =>
  a.vmId < b.vmId ? -1 : a.vmId > b.vmId ? 1 : a.hour - b.hour;

describe('vSphere usage from the VI/JSON performance statistics', () => {
  const seed = seedCloud();
  // Twenty days back: the creations of every fourth VM (day 10 plus some hours) lie in the window below.
  const historyStart = new Date(hourStart(Date.now()).getTime() - 20 * DAY_MS);
  const window = { start: new Date(historyStart.getTime() + 10 * DAY_MS), end: new Date(historyStart.getTime() + 11 * DAY_MS) };
  const history = seed.vms.map((_, i) => vmHistory(seed, i, historyStart));
  const hours = Array.from({ length: 24 }, (_, i) => window.start.getTime() + i * HOUR_MS);
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed), { historyStart });
    adapter = createVsphereAdapter({ baseUrl: mock.url, ...mock.credentials, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  const read = async (w = window): Promise<UsageHourRecord[]> => {
    if (!adapter.usage) throw new Error('the vSphere adapter has no usage method');
    return adapter.usage(w);
  };

  it('answers every hour each VM existed in, with the means of the history samples as used figures', async () => {
    const expected = history.flatMap((h) => hours.map((hour) => expectedHour(h, hour)).filter((e) => e !== undefined));
    const records = await read();
    expect(records.map(seen).sort(byVmHour)).toEqual(expected.sort(byVmHour));
    // Names and datacenters are the seed's.
    for (const r of records) {
      const vm = seed.vms.find((v) => v.nativeId === r.vmId)!;
      expect({ name: r.vmName, vdc: r.vdcId, avg: r.avg }).toEqual({ name: vm.name, vdc: vm.vdcNativeId, avg: r.max });
    }
  });

  it('gives a VM created inside the window no hour before its creation', async () => {
    const created = history.find((h) => h.createdAt > window.start.getTime() && h.createdAt < window.end.getTime());
    if (!created) throw new Error('the seed has no VM created inside the window');
    const own = (await read()).filter((r) => r.vmId === created.vm.nativeId).map((r) => r.hour.getTime());
    expect(Math.min(...own)).toBe(created.createdAt);
    expect(own).toHaveLength((window.end.getTime() - created.createdAt) / HOUR_MS);
  });

  it('gives a VM that did not run its allocation and null used figures', async () => {
    const off = history.find((h) => h.vm.powerState !== 'POWERED_ON' && h.createdAt <= window.start.getTime());
    if (!off) throw new Error('the seed has no VM that was off through the window');
    const own = (await read()).filter((r) => r.vmId === off.vm.nativeId);
    expect(own).toHaveLength(24);
    for (const r of own) {
      expect(r.max).toEqual({ vcpu: off.vm.cpuCount, memoryMb: off.vm.memoryMb, storageGb: off.vm.storageGb });
      expect([r.cpuUsedMhz, r.memoryUsedMb, r.storageUsedGb, r.networkKbps]).toEqual([null, null, null, null]);
    }
  });

  it('gives an hour the collector missed of a running VM null used figures, beside hours that have them', async () => {
    const missed = history
      .filter((h) => h.vm.powerState === 'POWERED_ON')
      .flatMap((h) => hours.map((hour) => ({ h, hour, usage: h.hourUsage(hour) })))
      .find(({ usage }) => usage !== null && usage.used === null);
    if (!missed) throw new Error('no running VM missed an hour in the window; widen the seed');
    const own = (await read()).filter((r) => r.vmId === missed.h.vm.nativeId);
    const hour = own.find((r) => r.hour.getTime() === missed.hour);
    expect(hour).toMatchObject({ cpuUsedMhz: null, memoryUsedMb: null, storageUsedGb: null, networkKbps: null });
    expect(own.some((r) => r.cpuUsedMhz !== null)).toBe(true);
  });

  it('asks QueryPerf for 16 VMs at a time (64 metrics, the limit), reads the counters once and each config once', async () => {
    const fresh = createVsphereAdapter({ baseUrl: mock.url, ...mock.credentials, timeoutMs: 5000 });
    try {
      await fresh.usage!(window);
      await fresh.usage!(window);
    } finally {
      await fresh.close();
    }
    const batches = Math.ceil(seed.vms.length / (MAX_QUERY_METRICS / 4));
    expect(batches).toBeGreaterThan(1);
    expect(mock.countRequests(`${SDK}/PerformanceManager/PerfMgr/QueryPerf`)).toBe(2 * batches);
    expect(mock.countRequests(`${SDK}/VirtualMachine/`)).toBe(2 * seed.vms.length);
    expect(mock.countRequests(`${SDK}/PerformanceManager/PerfMgr/perfCounter`)).toBe(1);
    expect(mock.countRequests(`${SDK}/SessionManager/SessionManager/Login`)).toBe(1);
  });

  it('answers no hour that has not begun', async () => {
    const current = hourStart(Date.now()).getTime();
    const records = await read({ start: new Date(current - 2 * HOUR_MS), end: new Date(current + 5 * HOUR_MS) });
    // The mock reads the clock when it answers: an hour may have begun since `current`.
    const after = hourStart(Date.now()).getTime();
    const answered = [...new Set(records.map((r) => r.hour.getTime()))].sort((a, b) => a - b);
    const upTo = (last: number): number[] =>
      [current - 2 * HOUR_MS, current - HOUR_MS, current, current + HOUR_MS].filter((h) => h <= last);
    expect([upTo(current), upTo(after)]).toContainEqual(answered);
  });

  it('logs in again once when vCenter has dropped the session', async () => {
    await read();
    await fetch(`${mock.url}/__mock/expire-sessions`, { method: 'POST' });
    mock.resetRequests();
    await read();
    expect(mock.countRequests(`${SDK}/SessionManager/SessionManager/Login`)).toBe(1);
  });
});

describe('vSphere mock VI/JSON API', () => {
  const seed = seedCloud();
  let mock: MockCloud;
  let key: string;

  const login = async (password: string): Promise<Response> =>
    fetch(`${mock.url}${SDK}/SessionManager/SessionManager/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: mock.credentials.username, password }),
    });
  const queryPerf = (querySpec: unknown[], session = key): Promise<Response> =>
    fetch(`${mock.url}${SDK}/PerformanceManager/PerfMgr/QueryPerf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'vmware-api-session-id': session },
      body: JSON.stringify({ querySpec }),
    });

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed), { historyStart: new Date(hourStart(Date.now()).getTime() - 2 * DAY_MS) });
    const res = await login(mock.credentials.password);
    expect(res.status).toBe(200);
    key = res.headers.get('vmware-api-session-id')!;
  });
  afterAll(() => mock.close());

  it('refuses a wrong password with InvalidLogin and a request without a session with NotAuthenticated', async () => {
    const refused = await login('wrong');
    expect(refused.headers.get('vmware-api-session-id')).toBeNull();
    expect(await refused.json()).toMatchObject({ _typeName: 'InvalidLogin' });
    const anonymous = await queryPerf([], 'not-a-session');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ _typeName: 'NotAuthenticated' });
  });

  it('refuses a historical query of more than 64 metrics with InvalidArgument querySpec.size', async () => {
    const spec = (vm: string) => ({
      entity: { type: 'VirtualMachine', value: vm },
      intervalId: 300,
      metricId: [6, 98, 146, 240].map((counterId) => ({ counterId, instance: '' })),
    });
    const ok = await queryPerf(seed.vms.slice(0, 16).map((vm) => spec(vm.nativeId)));
    expect(ok.status).toBe(200);
    const refused = await queryPerf(seed.vms.slice(0, 17).map((vm) => spec(vm.nativeId)));
    expect(refused.status).toBe(500);
    expect(await refused.json()).toMatchObject({ _typeName: 'InvalidArgument', invalidProperty: 'querySpec.size' });
  });

  it('stamps each sample with the end of its 5-minute interval and answers none still to come', async () => {
    const vm = seed.vms.findIndex((v) => v.powerState === 'POWERED_ON');
    const now = Date.now();
    const res = await queryPerf([
      {
        entity: { type: 'VirtualMachine', value: seed.vms[vm]!.nativeId },
        startTime: new Date(now - HOUR_MS).toISOString(),
        endTime: new Date(now + HOUR_MS).toISOString(),
        intervalId: 300,
        metricId: [{ counterId: 6, instance: '' }],
      },
    ]);
    const [metric] = (await res.json()) as { sampleInfo?: { timestamp: string; interval: number }[] }[];
    const stamps = (metric?.sampleInfo ?? []).map((s) => Date.parse(s.timestamp));
    expect(stamps.length).toBeGreaterThan(0);
    for (const stamp of stamps) {
      expect(stamp % SAMPLE_MS).toBe(0);
      expect(stamp).toBeLessThanOrEqual(Date.now());
      expect(stamp).toBeGreaterThan(now - HOUR_MS);
    }
  });
});
