/**
 * Change detection for a cloud-node: the cloud is listed through the adapter on an
 * interval and compared with the previous listing; what changed becomes VM events
 * in the node's log. Clouds push nothing we could rely on across all three APIs,
 * so polling is the one way that works everywhere.
 *
 * Cost per poll: one `adapter.listVms()` (as many upstream requests as the adapter
 * needs for a full listing: one per datacenter for vSphere, one per page for
 * Director and Nova) and a diff linear in the number of VMs. Polls never overlap;
 * the next one is scheduled when the previous one ended.
 */
import type { VmSnapshot } from '../../schema/events';
import { toGlobalId } from '../../schema/ids';
import type { EventLog, NodeEventInput } from '../shared/events';
import type { CloudAdapter, VmRecord } from './adapters/types';

export interface VmWatcherOptions {
  cloudId: string;
  adapter: CloudAdapter;
  log: EventLog;
  /** Between the end of a poll and the start of the next; 0 turns polling off. */
  intervalMs: number;
  /**
   * Most events one poll emits; changes beyond it keep their old baseline and come
   * out in the next poll. Bounds the burst after a mass change. @default 500
   */
  maxEventsPerPoll?: number;
  /** A poll failed (the baseline is kept, nothing is emitted). */
  onError?: (err: Error) => void;
}

/** A VM as events carry it: global ids. */
export function vmSnapshot(cloudId: string, vm: VmRecord): VmSnapshot {
  return {
    id: toGlobalId(cloudId, vm.id),
    name: vm.name,
    powerState: vm.powerState,
    vdcId: toGlobalId(cloudId, vm.vdcId),
    cpuCount: vm.cpuCount,
    memoryMb: vm.memoryMb,
  };
}

/**
 * The events that take `before` to `after` (the same VM). A rename alone has no
 * event type in the contract, so it emits nothing; it rides along as
 * `previous.name` on an event the same change does emit.
 */
export function vmChanges(cloudId: string, before: VmRecord, after: VmRecord): NodeEventInput[] {
  const vm = vmSnapshot(cloudId, after);
  const renamed = before.name !== after.name ? { name: before.name } : {};
  const events: NodeEventInput[] = [];
  if (before.powerState !== after.powerState) {
    events.push({ kind: 'vm', type: 'POWER_STATE_CHANGED', vm, previous: { powerState: before.powerState, ...renamed } });
  }
  if (before.vdcId !== after.vdcId) {
    events.push({ kind: 'vm', type: 'VM_MOVED', vm, previous: { vdcId: toGlobalId(cloudId, before.vdcId), ...renamed } });
  }
  return events;
}

/** Polls one cloud and turns differences between listings into VM events. */
export class VmWatcher {
  /** Native id → the VM as last known; undefined until the first poll succeeded. */
  private baseline: Map<string, VmRecord> | undefined;
  /** VMs a power operation reported while a poll was in flight: that poll's older view must not override them. */
  private observedDuringPoll: Map<string, VmRecord> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly maxEvents: number;
  private readonly baselineWaiters: Array<() => void> = [];

  constructor(private readonly options: VmWatcherOptions) {
    this.maxEvents = options.maxEventsPerPoll ?? 500;
  }

  /** Poll now (the baseline), then every `intervalMs`; does nothing when it is 0. */
  start(): void {
    if (this.options.intervalMs > 0 && !this.stopped) this.schedule(0);
  }

  /** Stop polling; resolves once a poll in flight has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Resolves once a baseline exists (after the first successful poll); never while polling is off. */
  baselined(): Promise<void> {
    return this.baseline ? Promise.resolve() : new Promise((resolve) => this.baselineWaiters.push(resolve));
  }

  /** The VM as last seen by a poll or a power operation. */
  lastKnown(nativeId: string): VmRecord | undefined {
    return this.baseline?.get(nativeId);
  }

  /**
   * A power operation read `vm` back from the cloud: emit what changed against the
   * last known state (or against `before`, read by the operation, when the watcher
   * knows nothing of this VM yet) and remember it, so the next poll does not emit
   * the same change again.
   */
  observe(vm: VmRecord, before?: VmRecord): void {
    const { cloudId, log } = this.options;
    let known = this.baseline?.get(vm.id);
    // New since the last poll: say so first, or remembering it here would hide its creation from the poll.
    if (this.baseline && !known && before) log.append({ kind: 'vm', type: 'VM_CREATED', vm: vmSnapshot(cloudId, before) });
    known ??= before;
    if (known) for (const event of vmChanges(cloudId, known, vm)) log.append(event);
    this.baseline?.set(vm.id, vm);
    this.observedDuringPoll?.set(vm.id, vm);
  }

  /** One poll: list, diff, emit. A failed listing emits nothing and keeps the baseline. */
  async poll(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.pollOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      void this.poll().finally(() => {
        if (!this.stopped) this.schedule(this.options.intervalMs);
      });
    }, delayMs);
    // A watcher alone must not keep the process alive.
    this.timer.unref();
  }

  private async pollOnce(): Promise<void> {
    this.observedDuringPoll = new Map();
    let listed: VmRecord[];
    try {
      listed = await this.options.adapter.listVms();
    } catch (err) {
      this.observedDuringPoll = undefined;
      this.options.onError?.(err as Error);
      return;
    }
    const observed = this.observedDuringPoll;
    this.observedDuringPoll = undefined;
    if (this.stopped) return;
    const current = new Map(listed.map((vm) => [vm.id, vm]));
    // A power operation's read is newer than this listing (and already in the baseline): it wins.
    for (const [id, vm] of observed) current.set(id, vm);

    if (!this.baseline) {
      this.baseline = current;
      for (const resolve of this.baselineWaiters.splice(0)) resolve();
      return;
    }
    this.diff(this.baseline, current);
  }

  /**
   * Emit changes until about maxEvents (a VM's own one or two events stay together)
   * and move the baseline forward for exactly the VMs whose events went out.
   */
  private diff(baseline: Map<string, VmRecord>, current: Map<string, VmRecord>): void {
    const { cloudId, log } = this.options;
    let budget = this.maxEvents;
    for (const [id, vm] of current) {
      const before = baseline.get(id);
      const events: NodeEventInput[] = before
        ? vmChanges(cloudId, before, vm)
        : [{ kind: 'vm', type: 'VM_CREATED', vm: vmSnapshot(cloudId, vm) }];
      if (events.length > 0 && budget <= 0) return;
      budget -= events.length;
      for (const event of events) log.append(event);
      // Renames and size changes emit nothing but still move the baseline, so later events carry them.
      baseline.set(id, vm);
    }
    for (const [id, vm] of baseline) {
      if (current.has(id)) continue;
      if (budget <= 0) return;
      budget -= 1;
      log.append({ kind: 'vm', type: 'VM_DELETED', vm: vmSnapshot(cloudId, vm) });
      baseline.delete(id);
    }
  }
}
