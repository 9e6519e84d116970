/**
 * The cloud-node's change watcher over a real vSphere mock: each change made to
 * the mock's state becomes exactly the expected events, computed from the seed.
 * Polls are driven by the test (`poll()`), so nothing depends on timing.
 */
import { startMockCloud, type MockCloud } from '../../../mocks';
import { buildSeed, type SeedVm } from '../../../mocks/seed';
import type { NodeEvent } from '../../../schema/events';
import { createAdapter } from '../../../subgraphs/cloud-node/adapters';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { VmWatcher } from '../../../subgraphs/cloud-node/watch';
import { EventLog } from '../../../subgraphs/shared/events';
import { globalId } from '../../support/expected';

import { waitFor } from '../../support/waitFor';
import { liveVm, otherPowerState, snapshotOf } from '../../support/vmEvents';

const seed = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] });
const cloud = seed.clouds[0]!;

describe('cloud-node change watcher', () => {
  let mock: MockCloud;
  let adapter: CloudAdapter;
  let log: EventLog;
  let watcher: VmWatcher;
  let errors: Error[];

  /** Events appended since the last call. */
  let read = 0;
  const newEvents = (): NodeEvent[] => {
    const events = log.since(read);
    read = log.lastSeq;
    return events;
  };
  const vmEvent = (type: string, vm: SeedVm, previous?: Record<string, string>) => ({
    id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#\d+$/),
    seq: expect.any(Number),
    at: expect.any(String),
    cloudId: cloud.id,
    kind: 'vm',
    type,
    vm: snapshotOf(cloud, vm),
    ...(previous ? { previous } : {}),
  });

  beforeEach(async () => {
    // A fresh copy of the seed per test: every expectation starts from it.
    mock = await startMockCloud(cloud);
    adapter = createAdapter('vsphere', { baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 });
    log = new EventLog({ cloudId: cloud.id });
    errors = [];
    watcher = new VmWatcher({ cloudId: cloud.id, adapter, log, intervalMs: 0, onError: (err) => errors.push(err) });
    read = 0;
    await watcher.poll();
  });
  afterEach(async () => {
    await watcher.stop();
    await adapter.close();
    await mock.close();
  });

  it('takes the first poll as the baseline and emits nothing while nothing changes', async () => {
    await watcher.poll();
    expect(log.lastSeq).toBe(0);
    expect(watcher.lastKnown(cloud.vms[0]!.nativeId)).toMatchObject({ name: cloud.vms[0]!.name, powerState: cloud.vms[0]!.powerState });
  });

  it('reports a power change once, with the previous state', async () => {
    const seeded = cloud.vms[0]!;
    const changed = { ...seeded, powerState: otherPowerState(seeded.powerState) };
    liveVm(mock.cloud, seeded.nativeId).powerState = changed.powerState;
    await watcher.poll();
    expect(newEvents()).toEqual([vmEvent('POWER_STATE_CHANGED', changed, { powerState: seeded.powerState })]);
    expect(log.since(0)[0]).toMatchObject({ id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#1$/), seq: 1 });
    await watcher.poll();
    expect(newEvents()).toEqual([]);
  });

  it('reports a created VM, a deleted VM with its last known snapshot, and a move', async () => {
    const template = cloud.vms[0]!;
    const created: SeedVm = { ...structuredClone(template), nativeId: 'vm-9001', name: 'created-by-test' };
    mock.cloud.vms.push(structuredClone(created));
    const deleted = cloud.vms[1]!;
    mock.cloud.vms.splice(
      mock.cloud.vms.findIndex((vm) => vm.nativeId === deleted.nativeId),
      1,
    );
    const mover = cloud.vms[2]!;
    const target = cloud.vdcs.find((vdc) => vdc.nativeId !== mover.vdcNativeId)!;
    liveVm(mock.cloud, mover.nativeId).vdcNativeId = target.nativeId;

    await watcher.poll();
    const events = newEvents();
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining([
        vmEvent('VM_CREATED', created),
        vmEvent('VM_DELETED', deleted),
        vmEvent('VM_MOVED', { ...mover, vdcNativeId: target.nativeId }, { vdcId: globalId(cloud, mover.vdcNativeId) }),
      ]),
    );
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('emits nothing for a rename alone; the next event carries the new name', async () => {
    const seeded = cloud.vms[0]!;
    liveVm(mock.cloud, seeded.nativeId).name = 'renamed';
    await watcher.poll();
    expect(newEvents()).toEqual([]);

    liveVm(mock.cloud, seeded.nativeId).powerState = otherPowerState(seeded.powerState);
    await watcher.poll();
    expect(newEvents()).toEqual([
      vmEvent(
        'POWER_STATE_CHANGED',
        { ...seeded, name: 'renamed', powerState: otherPowerState(seeded.powerState) },
        { powerState: seeded.powerState },
      ),
    ]);
  });

  it('carries the old name in previous when a rename comes with a reported change', async () => {
    const seeded = cloud.vms[0]!;
    const target = cloud.vdcs.find((vdc) => vdc.nativeId !== seeded.vdcNativeId)!;
    Object.assign(liveVm(mock.cloud, seeded.nativeId), { name: 'renamed', vdcNativeId: target.nativeId });
    await watcher.poll();
    expect(newEvents()).toEqual([
      vmEvent(
        'VM_MOVED',
        { ...seeded, name: 'renamed', vdcNativeId: target.nativeId },
        { vdcId: globalId(cloud, seeded.vdcNativeId), name: seeded.name },
      ),
    ]);
  });

  it('emits nothing for a failed poll and keeps its baseline', async () => {
    const seeded = cloud.vms[0]!;
    mock.setFaults({ failRequests: true });
    liveVm(mock.cloud, seeded.nativeId).powerState = otherPowerState(seeded.powerState);
    await watcher.poll();
    expect(newEvents()).toEqual([]);
    expect(errors).toHaveLength(1);

    mock.setFaults({ failRequests: false });
    await watcher.poll();
    expect(newEvents()).toEqual([
      vmEvent('POWER_STATE_CHANGED', { ...seeded, powerState: otherPowerState(seeded.powerState) }, { powerState: seeded.powerState }),
    ]);
  });

  it('bounds the events of one poll and leaves the rest to the next', async () => {
    const bounded = new VmWatcher({ cloudId: cloud.id, adapter, log, intervalMs: 0, maxEventsPerPoll: 2 });
    await bounded.poll();
    const flipped = cloud.vms.slice(0, 3);
    for (const vm of flipped) liveVm(mock.cloud, vm.nativeId).powerState = otherPowerState(vm.powerState);
    await bounded.poll();
    expect(newEvents()).toHaveLength(2);
    await bounded.poll();
    expect(newEvents()).toHaveLength(1);
    await bounded.poll();
    expect(newEvents()).toEqual([]);
    expect(log.since(0).map((e) => (e.kind === 'vm' ? e.vm.id : ''))).toEqual(flipped.map((vm) => globalId(cloud, vm.nativeId)));
  });

  it('does not report again a change a power operation already reported', async () => {
    const seeded = cloud.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
    await adapter.powerOff(seeded.nativeId);
    watcher.observe((await adapter.getVms([seeded.nativeId])).get(seeded.nativeId)!);
    expect(newEvents()).toEqual([vmEvent('POWER_STATE_CHANGED', { ...seeded, powerState: 'POWERED_OFF' }, { powerState: 'POWERED_ON' })]);
    await watcher.poll();
    expect(newEvents()).toEqual([]);
  });

  it("lets a power operation that lands during a poll win over that poll's older listing", async () => {
    const seeded = cloud.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
    let gate: Promise<void> | undefined;
    let release: () => void = () => undefined;
    let listed = false;
    // When gated, the listing is taken before the operation and handed over after it.
    const slow: CloudAdapter = {
      ...adapter,
      listVms: async () => {
        const vms = await adapter.listVms();
        listed = true;
        await gate;
        return vms;
      },
    };
    const racing = new VmWatcher({ cloudId: cloud.id, adapter: slow, log, intervalMs: 0 });
    await racing.poll();
    gate = new Promise<void>((resolve) => (release = resolve));
    listed = false;
    const polling = racing.poll();
    await waitFor('the listing', () => listed);
    await adapter.powerOff(seeded.nativeId);
    racing.observe((await adapter.getVms([seeded.nativeId])).get(seeded.nativeId)!);
    release();
    await polling;
    gate = undefined;
    await racing.poll();
    expect(newEvents()).toEqual([vmEvent('POWER_STATE_CHANGED', { ...seeded, powerState: 'POWERED_OFF' }, { powerState: 'POWERED_ON' })]);
  });

  it('polls on its own once started, until stopped', async () => {
    const polling = new VmWatcher({ cloudId: cloud.id, adapter, log, intervalMs: 10 });
    polling.start();
    await polling.baselined();
    const seeded = cloud.vms[0]!;
    liveVm(mock.cloud, seeded.nativeId).powerState = otherPowerState(seeded.powerState);
    await waitFor('the change to be reported', () => log.lastSeq >= 1);
    await polling.stop();
    expect(newEvents()).toEqual([
      vmEvent('POWER_STATE_CHANGED', { ...seeded, powerState: otherPowerState(seeded.powerState) }, { powerState: seeded.powerState }),
    ]);
  });
});
