/**
 * Checkpoint restart: a RUNNING transfer is set going again from its stored checkpoint
 * (./launch.ts: the export reopened, the import re-posted with `resume`) when what
 * interrupted it may be over:
 *
 * - a node of either end is UP again after DOWN or DEGRADED (the health checks);
 * - a node's event stream reconnected to a new epoch: it restarted, perhaps faster
 *   than a health check could see it down, and lost its import or export;
 * - the gateway starts (it may have died mid-transfer, or mid-move);
 * - nothing was heard of it for `stallMs` (a report lost, a node that hangs).
 *
 * One resume per transfer at a time in this process; of several replicas resuming the
 * same one, the store's `resumed` (conditional on the resume count) lets one count it.
 * A move that was removing its source continues with that.
 */
import type { TransferPhase } from '../../schema/transfers';
import type { NodeStatus, StoredTransfer } from '../store/types';
import { removeSource } from './ending';
import { launch } from './launch';
import type { TransferRuntime } from './runtime';

/** Phases a silence is a stall in. IMPORTING is left alone: the destination cloud may take long to finish (deploy, boot) and says nothing meanwhile. */
const STALL_PHASES: ReadonlySet<TransferPhase> = new Set(['PREPARING', 'COPYING', 'WAITING', 'REMOVING_SOURCE']);

/** A node back from these was out of reach: what it took part in was interrupted. */
const AWAY: ReadonlySet<NodeStatus | undefined> = new Set(['DOWN', 'DEGRADED']);

export class TransferResumer {
  private readonly inFlight = new Map<string, Promise<void>>();
  /** When each transfer was last set going here: a node's restart is seen twice (its stream's new epoch, then a health check), and resumes once. */
  private readonly launchedAt = new Map<string, number>();
  /** Reads of the RUNNING transfers a trigger resumes, until their resumes are in flight. */
  private readonly sweeps = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rt: TransferRuntime,
    private readonly stallMs: number,
  ) {}

  /** Resume the RUNNING transfers now (the gateway starts), then watch for stalls. */
  start(): Promise<void> {
    const every = Math.min(Math.max(Math.floor(this.stallMs / 2), 50), 5000);
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
    return this.resumeWhere(() => true, 'gateway-start');
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves once every resume in flight here is done (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.sweeps.size || this.inFlight.size) await Promise.all([...this.sweeps, ...this.inFlight.values()]);
  }

  /** The health checks saw a node change; one back from DOWN or DEGRADED resumes what it takes part in. */
  nodeStatusChanged(cloudId: string, status: NodeStatus | undefined, previous: NodeStatus | undefined): void {
    if (status !== 'UP' || !AWAY.has(previous)) return;
    void this.resumeWhere((t) => this.involves(t, cloudId) && !this.justLaunched(t.id), `node-up-${cloudId}`);
  }

  /** A node's event stream opened on `epoch`; after another epoch (the node restarted), what it takes part in resumes. */
  nodeEpoch(cloudId: string, epoch: string, previous: string | undefined): void {
    if (previous === undefined || previous === epoch) return;
    void this.resumeWhere((t) => this.involves(t, cloudId) && !this.justLaunched(t.id), `node-epoch-${cloudId}`);
  }

  private involves(t: StoredTransfer, cloudId: string): boolean {
    return t.sourceCloudId === cloudId || t.targetCloudId === cloudId;
  }

  /** Set going within the last `stallMs`: if that run is stuck too, the stall check resumes it. */
  private justLaunched(id: string): boolean {
    const at = this.launchedAt.get(id);
    return at !== undefined && this.rt.now().getTime() - at < this.stallMs;
  }

  /** Run `start` as this transfer's one operation in flight here (the first launch is one too). */
  track(id: string, start: () => Promise<void>): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) return running;
    const next = start()
      .catch((err: unknown) => this.rt.onError(err, `transfer ${id} not resumed`))
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, next);
    return next;
  }

  /** Resume one transfer from its checkpoint (nothing when it is not RUNNING, or already being resumed here). */
  resume(id: string, cause: string): Promise<void> {
    return this.track(id, async () => {
      const stored = await this.rt.store.get(id);
      if (!stored) return;
      if (stored.state !== 'RUNNING') return this.rt.settle(stored);
      if (stored.phase === 'REMOVING_SOURCE') return removeSource(this.rt, stored);
      this.launchedAt.set(id, this.rt.now().getTime());
      return launch(this.rt, stored, cause);
    });
  }

  private resumeWhere(which: (t: StoredTransfer) => boolean, cause: string): Promise<void> {
    const sweep = (async () => {
      try {
        const running = (await this.rt.store.running()).filter(which);
        await Promise.all(running.map((t) => this.resume(t.id, cause)));
      } catch (err) {
        this.rt.onError(err, 'transfers not resumed');
      }
    })();
    this.sweeps.add(sweep);
    void sweep.finally(() => this.sweeps.delete(sweep));
    return sweep;
  }

  /** Stalled transfers resume; waiters of transfers another replica ended are told. */
  private async tick(): Promise<void> {
    try {
      const now = this.rt.now().getTime();
      const running = await this.rt.store.running();
      for (const t of running) {
        if (this.inFlight.has(t.id) || !STALL_PHASES.has(t.phase)) continue;
        if (now - t.lastProgressAt.getTime() >= this.stallMs) void this.resume(t.id, 'stall');
      }
      const runningIds = new Set(running.map((t) => t.id));
      for (const id of this.launchedAt.keys()) if (!runningIds.has(id)) this.launchedAt.delete(id);
      for (const id of this.rt.awaited()) {
        if (runningIds.has(id)) continue;
        const stored = await this.rt.store.get(id);
        if (stored) this.rt.settle(stored);
      }
    } catch (err) {
      this.rt.onError(err, 'stalled transfers not checked');
    }
  }
}
