/**
 * The usage meter's bookkeeping over the real (embedded) store, driven by a fake
 * internal client that answers cloudUsage and orgUsage as the nodes would, from a
 * pure function of (VM, hour): which hours are collected, which stay gaps, and that
 * no replica, restart or re-collection ever doubles an hour.
 */
import type { Logger } from 'pino';
import { HOUR_MS, hourStart, isoSeconds, monthOf, parseHour } from '../../schema/hours';
import { SYSTEM_PRINCIPAL, type Principal } from '../../schema/principal';
import { UsageMeter, type MeterDeps } from '../../gateway/billing/meter';
import type { UsageRecord } from '../../gateway/billing/model';
import type { InternalClient, OperationResult } from '../../gateway/internal/client';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { waitFor } from '../support/waitFor';

/** The first metered hour: three hours before February, so windows cross a month. */
const FROM = new Date(Date.UTC(2026, 0, 31, 21));
const at = (hours: number) => new Date(FROM.getTime() + hours * HOUR_MS);

interface FakeVm {
  vmId: string;
  vdcId: string;
  orgId: string | null;
  /** The first hour (index from FROM) the VM exists. */
  since: number;
}

/** Two clouds: a dedicated one behind its cloud-node, a multi-tenant one behind its sp-node. */
const CLOUDS: Record<string, { via: 'cloud-node' | 'sp-node'; vms: FakeVm[] }> = {
  'dc-east': {
    via: 'cloud-node',
    vms: [
      { vmId: 'dc-east:vm-1', vdcId: 'dc-east:vdc-1', orgId: null, since: 0 },
      // Created in the third hour: the first two hours of the cloud have one VM.
      { vmId: 'dc-east:vm-2', vdcId: 'dc-east:vdc-1', orgId: null, since: 2 },
    ],
  },
  'vcd-nl': {
    via: 'sp-node',
    vms: [
      { vmId: 'vcd-nl:vm-9', vdcId: 'vcd-nl:vdc-a', orgId: 'vcd-nl:org-a', since: 0 },
      { vmId: 'vcd-nl:vm-8', vdcId: 'vcd-nl:vdc-b', orgId: 'vcd-nl:org-unmapped', since: 0 },
    ],
  },
};

const TENANT_OF_ORG: Record<string, string> = { 'vcd-nl:org-a': 'acme' };
const TENANT_OF_CLOUD: Record<string, string> = { 'dc-east': 'globex' };
const tenantOf = (cloudId: string, orgId: string | null) =>
  orgId !== null ? (TENANT_OF_ORG[orgId] ?? null) : (TENANT_OF_CLOUD[cloudId] ?? null);

/** A VM's figures in an hour: a pure function of both, so expected records are computed here. */
function figures(vm: FakeVm, hour: Date) {
  const i = (hour.getTime() - FROM.getTime()) / HOUR_MS;
  const n = Number(vm.vmId.slice(-1));
  return {
    vcpuMax: n,
    vcpuAvg: n / 2,
    memoryMbMax: 1024 * n,
    memoryMbAvg: 512 * n,
    storageGbMax: 10 * n,
    storageGbAvg: 10 * n,
    cpuUsedMhz: i % 3 === 0 ? null : 100 * n + i,
    memoryUsedMb: 50 * n,
    storageUsedGb: 5 * n,
    networkKbps: i,
  };
}

interface Request {
  cloudId: string;
  field: 'cloudUsage' | 'orgUsage';
  start: string;
  end: string;
  principal: Principal;
}

/** Answers like the nodes: every existing VM of the cloud, every hour asked. `failing` clouds answer with an error (or without data). */
class FakeNodes implements InternalClient {
  readonly requests: Request[] = [];
  readonly failing = new Map<string, 'errors' | 'no data'>();

  async execute(
    query: string,
    variables: Record<string, unknown> | undefined,
    { principal }: { principal: Principal },
  ): Promise<OperationResult> {
    const { cloudId, start, end } = variables as { cloudId: string; start: string; end: string };
    const field = /\borgUsage\(/.test(query) ? 'orgUsage' : /\bcloudUsage\(/.test(query) ? 'cloudUsage' : undefined;
    if (!field) throw new Error(`the fake nodes answer cloudUsage and orgUsage only, got: ${query}`);
    this.requests.push({ cloudId, field, start, end, principal });
    const failure = this.failing.get(cloudId);
    if (failure === 'errors')
      return { data: null, errors: [{ message: `Cloud "${cloudId}" is unavailable`, extensions: { code: 'CLOUD_UNAVAILABLE' } }] };
    if (failure === 'no data') return { data: null };
    // A cloud not listed has no VMs: its node answers every hour with nothing.
    const cloud = CLOUDS[cloudId] ?? { via: field === 'orgUsage' ? 'sp-node' : 'cloud-node', vms: [] };
    const rows: Array<Record<string, unknown>> = [];
    for (let hour = parseHour(start)!.getTime(); hour < parseHour(end)!.getTime(); hour += HOUR_MS) {
      for (const vm of cloud.vms) {
        if (hour < at(vm.since).getTime()) continue;
        const row = {
          vmId: vm.vmId,
          vmName: vm.vmId.split(':')[1],
          vdcId: vm.vdcId,
          hour: isoSeconds(hour),
          ...figures(vm, new Date(hour)),
        };
        rows.push(field === 'orgUsage' ? { ...row, orgId: vm.orgId } : row);
      }
    }
    return { data: { usage: rows } };
  }
}

/** What the store must hold after the hours [0, hours) of `cloudId` were metered (meteredAt aside). */
function expectedRecords(cloudId: string, hours: number): Array<Omit<UsageRecord, 'meteredAt'>> {
  const cloud = CLOUDS[cloudId]!;
  const records: Array<Omit<UsageRecord, 'meteredAt'>> = [];
  for (let i = 0; i < hours; i++) {
    for (const vm of cloud.vms) {
      if (i < vm.since) continue;
      const hour = at(i);
      const orgId = cloud.via === 'sp-node' ? vm.orgId : null;
      records.push({
        key: `${vm.vmId}@${isoSeconds(hour)}`,
        vmId: vm.vmId,
        vmName: vm.vmId.split(':')[1]!,
        cloudId,
        vdcId: vm.vdcId,
        orgId,
        tenantId: tenantOf(cloudId, orgId),
        hour,
        month: monthOf(hour),
        ...figures(vm, hour),
      });
    }
  }
  return records;
}

const withoutMeteredAt = ({ meteredAt: _meteredAt, ...rest }: UsageRecord) => rest;
const byKey = <T extends { key: string }>(records: T[]) => [...records].sort((a, b) => (a.key < b.key ? -1 : 1));

async function stored(store: Store, cloudId?: string): Promise<UsageRecord[]> {
  const all: UsageRecord[] = [];
  for await (const batch of store.usage.scan({ start: at(0), end: at(1000), ...(cloudId ? { cloudId } : {}) })) all.push(...batch);
  return all;
}

interface FakeLogger {
  warn: jest.Mock;
  error: jest.Mock;
  info: jest.Mock;
  debug: jest.Mock;
}

function fakeLogger(): FakeLogger {
  return { warn: jest.fn(), error: jest.fn(), info: jest.fn(), debug: jest.fn() };
}

describe('UsageMeter', () => {
  let store: Store;
  let nodes: FakeNodes;
  let clock: Date;
  let logger: FakeLogger;

  const meter = (overrides: Partial<MeterDeps> = {}) =>
    new UsageMeter({
      client: nodes,
      usage: store.usage,
      meteredHours: store.meteredHours,
      clouds: () => Object.entries(CLOUDS).map(([cloudId, { via }]) => ({ cloudId, via })),
      tenantOf,
      from: FROM,
      windowHours: 2,
      now: () => clock,
      logger: logger as unknown as Logger,
      ...overrides,
    });

  beforeEach(async () => {
    store = await createMemoryStore();
    nodes = new FakeNodes();
    logger = fakeLogger();
    // Half past the fifth hour: hours 0..4 are whole, the fifth is running.
    clock = new Date(at(5).getTime() + 30 * 60_000);
  });

  it('runs again when woken (a node came up), after the run in progress, only while started', async () => {
    const idle = meter();
    idle.wake();
    await new Promise((resolve) => setImmediate(resolve));
    expect(nodes.requests).toEqual([]);

    // The first run finds vcd-nl's node failing; woken when it is back, the meter collects it at once.
    nodes.failing.set('vcd-nl', 'errors');
    const started = meter();
    started.start(3_600_000);
    // The timer's first run, shared: it ends with vcd-nl a gap.
    expect((await started.run()).map((gap) => gap.cloudId)).toEqual(['vcd-nl']);
    nodes.failing.delete('vcd-nl');
    started.wake();
    started.wake();
    await waitFor('the woken run to collect vcd-nl', async () => (await started.gaps()).length === 0 || undefined);
    await started.stop();
    // Two wakes, one run: one request per window of vcd-nl after the failed one.
    expect(nodes.requests.filter((r) => r.cloudId === 'vcd-nl').length).toBe(1 + 3);
    expect(byKey((await stored(store, 'vcd-nl')).map(withoutMeteredAt))).toEqual(byKey(expectedRecords('vcd-nl', 5)));
  });

  it('waits settleMs after an hour ends before collecting it', async () => {
    // Twenty minutes into the sixth hour: with 30 minutes to settle, the fifth hour (4) is not collected yet.
    clock = new Date(at(5).getTime() + 20 * 60_000);
    const gaps = await meter({ settleMs: 30 * 60_000 }).run();
    expect((await stored(store, 'dc-east')).map(withoutMeteredAt).sort((x, y) => (x.key < y.key ? -1 : 1))).toEqual(
      byKey(expectedRecords('dc-east', 4)),
    );
    expect(gaps).toEqual([]);
    clock = new Date(at(5).getTime() + 31 * 60_000);
    expect(await meter({ settleMs: 30 * 60_000 }).gaps()).toEqual(
      Object.keys(CLOUDS).map((cloudId) => ({ cloudId, start: at(4), end: at(5), hours: 1 })),
    );
  });

  it.each([
    ['a negative figure', { vcpuMax: -1 }],
    ['a figure that is no number', { memoryMbAvg: Number.NaN }],
    ["another cloud's VM", { vmId: 'nova-eu:vm-1' }],
  ])('refuses an answer with %s: nothing stored, the window stays a gap', async (_what, change) => {
    const honest = nodes.execute.bind(nodes);
    nodes.execute = async (query, variables, options) => {
      const result = await honest(query, variables, options);
      const rows = (result.data?.usage ?? []) as Array<Record<string, unknown>>;
      if ((variables as { cloudId: string }).cloudId === 'dc-east' && rows[0]) Object.assign(rows[0], change);
      return result;
    };
    const gaps = await meter({ windowHours: 5 }).run();
    expect(await stored(store, 'dc-east')).toEqual([]);
    expect(gaps).toEqual([{ cloudId: 'dc-east', start: at(0), end: at(5), hours: 5 }]);
    expect(byKey((await stored(store, 'vcd-nl')).map(withoutMeteredAt))).toEqual(byKey(expectedRecords('vcd-nl', 5)));
  });

  it('collects every whole hour up to the current one, never the current one, in windows of at most windowHours', async () => {
    expect(await meter().run()).toEqual([]);
    for (const cloudId of Object.keys(CLOUDS)) {
      expect(byKey((await stored(store, cloudId)).map(withoutMeteredAt))).toEqual(byKey(expectedRecords(cloudId, 5)));
    }
    const current = hourStart(clock);
    expect(nodes.requests.every((r) => parseHour(r.end)! <= current)).toBe(true);
    // Hours 0..4 in windows of two: [0,2) [2,4) [4,5), per cloud.
    expect(nodes.requests.filter((r) => r.cloudId === 'dc-east').map((r) => [r.start, r.end])).toEqual(
      [
        [0, 2],
        [2, 4],
        [4, 5],
      ].map(([s, e]) => [isoSeconds(at(s!)), isoSeconds(at(e!))]),
    );
  });

  it('asks a cloud-node for cloudUsage and an sp-node for orgUsage, always as the system principal', async () => {
    await meter().run();
    expect(new Set(nodes.requests.map((r) => `${r.cloudId} ${r.field}`))).toEqual(new Set(['dc-east cloudUsage', 'vcd-nl orgUsage']));
    expect(nodes.requests.every((r) => r.principal === SYSTEM_PRINCIPAL)).toBe(true);
  });

  it('records whose each hour was: the org and its tenant from an sp-node, the dedicated cloud’s tenant from a cloud-node, null when unmapped', async () => {
    await meter().run();
    const records = await stored(store);
    const whose = new Map(records.map((r) => [r.vmId, [r.orgId, r.tenantId]]));
    expect(Object.fromEntries(whose)).toEqual({
      'dc-east:vm-1': [null, 'globex'],
      'dc-east:vm-2': [null, 'globex'],
      'vcd-nl:vm-9': ['vcd-nl:org-a', 'acme'],
      'vcd-nl:vm-8': ['vcd-nl:org-unmapped', null],
    });
    expect(records.every((r) => r.meteredAt.getTime() === clock.getTime())).toBe(true);
  });

  it('marks every hour of a window collected, the hours in which the cloud had no VM too', async () => {
    const m = meter({ clouds: () => [{ cloudId: 'nova-empty', via: 'cloud-node' }] });
    expect(await m.run()).toEqual([]);
    expect(await store.meteredHours.collected('nova-empty', at(0), at(5))).toEqual([0, 1, 2, 3, 4].map(at));
    expect(await stored(store)).toEqual([]);
    nodes.requests.length = 0;
    await m.run();
    expect(nodes.requests).toEqual([]);
  });

  it('leaves the windows of a cloud answering with errors as gaps, logged once, and collects the other clouds', async () => {
    nodes.failing.set('vcd-nl', 'errors');
    const gaps = await meter().run();
    expect(gaps).toEqual([{ cloudId: 'vcd-nl', start: at(0), end: at(5), hours: 5 }]);
    expect(await stored(store, 'vcd-nl')).toEqual([]);
    expect(byKey((await stored(store, 'dc-east')).map(withoutMeteredAt))).toEqual(byKey(expectedRecords('dc-east', 5)));
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toMatchObject({ cloudId: 'vcd-nl' });
  });

  it('treats an answer without data as a gap too', async () => {
    nodes.failing.set('dc-east', 'no data');
    expect(await meter().run()).toEqual([{ cloudId: 'dc-east', start: at(0), end: at(5), hours: 5 }]);
    expect(await meter().gaps('vcd-nl')).toEqual([]);
  });

  it('fills the gaps when the cloud answers again, asking only for what is missing', async () => {
    const m = meter();
    await m.run();
    nodes.failing.set('vcd-nl', 'errors');
    clock = new Date(at(9).getTime() + 60_000);
    expect(await m.run()).toEqual([{ cloudId: 'vcd-nl', start: at(5), end: at(9), hours: 4 }]);
    nodes.failing.delete('vcd-nl');
    nodes.requests.length = 0;
    expect(await m.run()).toEqual([]);
    expect(nodes.requests.map((r) => [r.cloudId, r.start, r.end])).toEqual([
      ['vcd-nl', isoSeconds(at(5)), isoSeconds(at(7))],
      ['vcd-nl', isoSeconds(at(7)), isoSeconds(at(9))],
    ]);
    expect(byKey((await stored(store, 'vcd-nl')).map(withoutMeteredAt))).toEqual(byKey(expectedRecords('vcd-nl', 9)));
  });

  it('never collects the current hour, however often it runs within it', async () => {
    const m = meter();
    await m.run();
    nodes.requests.length = 0;
    clock = new Date(hourStart(clock).getTime() + 59 * 60_000);
    expect(await m.run()).toEqual([]);
    expect(nodes.requests).toEqual([]);
    expect(await store.meteredHours.collected('dc-east', at(5), at(6))).toEqual([]);
  });

  it('two meters over the same store (two replicas) running together double nothing', async () => {
    await Promise.all([meter().run(), meter().run()]);
    const expected = [...expectedRecords('dc-east', 5), ...expectedRecords('vcd-nl', 5)];
    expect(await store.usage.count({ start: at(0), end: at(1000) })).toBe(expected.length);
    expect(byKey((await stored(store)).map(withoutMeteredAt))).toEqual(byKey(expected));
  });

  it('a second run() while one runs shares it: each window is asked once', async () => {
    const m = meter();
    const [a, b] = [m.run(), m.run()];
    expect(b).toBe(a);
    await a;
    expect(nodes.requests).toHaveLength(2 * 3);
  });

  it('a meter restarted mid-run re-collects only what is missing, and the window it re-collects writes the same records', async () => {
    // The first meter dies after storing the records of its second window, before marking it.
    let marks = 0;
    const dying = meter({
      clouds: () => [{ cloudId: 'dc-east', via: 'cloud-node' }],
      meteredHours: {
        collected: (...args) => store.meteredHours.collected(...args),
        mark: async (hours) => {
          if (++marks === 2) throw new Error('killed mid-run');
          await store.meteredHours.mark(hours);
        },
      },
    });
    await dying.run();
    const before = await stored(store, 'dc-east');
    expect(before.length).toBe(expectedRecords('dc-east', 4).length);

    nodes.requests.length = 0;
    await meter({ clouds: () => [{ cloudId: 'dc-east', via: 'cloud-node' }] }).run();
    // Window [0,2) was marked; [2,4) was stored but not marked; [4,5) was never reached.
    expect(nodes.requests.map((r) => [r.start, r.end])).toEqual([
      [isoSeconds(at(2)), isoSeconds(at(4))],
      [isoSeconds(at(4)), isoSeconds(at(5))],
    ]);
    const after = await stored(store, 'dc-east');
    expect(byKey(after.map(withoutMeteredAt))).toEqual(byKey(expectedRecords('dc-east', 5)));
    const rewritten = after.filter((r) => r.hour >= at(2) && r.hour < at(4)).map(withoutMeteredAt);
    expect(byKey(rewritten)).toEqual(byKey(before.filter((r) => r.hour >= at(2)).map(withoutMeteredAt)));
  });

  it('gaps merges consecutive uncollected hours per cloud, and can be asked for one cloud', async () => {
    const m = meter();
    expect(await m.gaps()).toEqual([
      { cloudId: 'dc-east', start: at(0), end: at(5), hours: 5 },
      { cloudId: 'vcd-nl', start: at(0), end: at(5), hours: 5 },
    ]);
    expect(await m.gaps('vcd-nl')).toEqual([{ cloudId: 'vcd-nl', start: at(0), end: at(5), hours: 5 }]);
  });

  it('start runs now and on the interval; a failing run is logged, not thrown; stop ends the run in progress after its window', async () => {
    const m = meter({
      clouds: () => {
        throw new Error('registry unavailable');
      },
    });
    m.start(60_000);
    await m.stop();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatchObject({ err: expect.objectContaining({ message: 'registry unavailable' }) });

    // Stopped before its first window, a run leaves every hour a gap; the next run collects them.
    const working = meter();
    working.start(60_000);
    await working.stop();
    expect((await working.gaps()).length).toBeGreaterThan(0);
    working.start(60_000);
    await working.stop().then(() => working.run());
    expect(await working.gaps()).toEqual([]);
  });
});
