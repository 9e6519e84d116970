/**
 * Ordered lanes: work keyed by a lane (the hub's: one per cloud), prepared ahead
 * concurrently and finished strictly in arrival order within its lane. A slow lane
 * delays only itself: its preparations hold at most `perLane` of the `total` slots,
 * and the other lanes go on with the rest.
 *
 * Within a lane, preparations also start in arrival order (what one does
 * synchronously before its first await is done before the next starts); a lane is
 * created by its first item and dropped when it has nothing left.
 *
 * ```ts
 * const lanes = new OrderedLanes({ perLane: 4, total: 32 }, onError);
 * lanes.add(event.cloudId, () => hydrate(event), (payloads) => deliver(payloads));
 * ```
 */

export interface LaneLimits {
  /** Preparations of one lane running at once. */
  perLane: number;
  /** Preparations running at once across all lanes. */
  total: number;
}

interface Item {
  prepare(): Promise<unknown>;
  finish(value: unknown): void;
  state: 'queued' | 'running' | 'ready' | 'failed';
  value?: unknown;
}

interface Lane {
  key: string;
  /** In arrival order; the head is removed once finished. */
  items: Item[];
  running: number;
  /** In `waiting` for a free overall slot. */
  waiting: boolean;
}

export class OrderedLanes {
  private readonly lanes = new Map<string, Lane>();
  /** Lanes with items ready to start but no overall slot free, first come first served. */
  private readonly waiting: Lane[] = [];
  private running = 0;

  constructor(
    private readonly limits: LaneLimits,
    /** A preparation that rejected (its item is skipped) or a finish that threw. */
    private readonly onError: (err: Error) => void,
  ) {
    if (!(limits.perLane >= 1 && limits.total >= 1)) throw new Error('lane limits must be at least 1');
  }

  /** Queue `prepare` on lane `key`; `finish` gets its value once every earlier item of the lane has finished. */
  add<T>(key: string, prepare: () => Promise<T>, finish: (value: T) => void): void {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { key, items: [], running: 0, waiting: false };
      this.lanes.set(key, lane);
    }
    lane.items.push({ prepare, finish: finish as (value: unknown) => void, state: 'queued' });
    this.pump(lane);
  }

  /** Lanes that have work (for tests and stats). */
  get size(): number {
    return this.lanes.size;
  }

  /** Start what the limits allow of `lane`, in its order. */
  private pump(lane: Lane): void {
    for (const item of lane.items) {
      if (lane.running >= this.limits.perLane) return;
      if (item.state !== 'queued') continue;
      if (this.running >= this.limits.total) {
        if (!lane.waiting) {
          lane.waiting = true;
          this.waiting.push(lane);
        }
        return;
      }
      this.start(lane, item);
    }
  }

  private start(lane: Lane, item: Item): void {
    item.state = 'running';
    lane.running++;
    this.running++;
    let prepared: Promise<unknown>;
    try {
      prepared = item.prepare();
    } catch (err) {
      prepared = Promise.reject(err as Error);
    }
    prepared.then(
      (value) => this.settle(lane, item, 'ready', value),
      (err: Error) => {
        this.onError(err);
        this.settle(lane, item, 'failed');
      },
    );
  }

  private settle(lane: Lane, item: Item, state: 'ready' | 'failed', value?: unknown): void {
    item.state = state;
    item.value = value;
    lane.running--;
    this.running--;
    // Finish the lane's head for as long as it is done: order within a lane is arrival order.
    while (lane.items[0] && (lane.items[0].state === 'ready' || lane.items[0].state === 'failed')) {
      const head = lane.items.shift()!;
      if (head.state === 'ready') {
        try {
          head.finish(head.value);
        } catch (err) {
          this.onError(err as Error);
        }
      }
    }
    // The slot freed goes to the lanes that have waited for one, longest first, and only then back to this
    // lane: a busy lane must not keep every slot while others wait.
    while (this.running < this.limits.total && this.waiting.length) {
      const next = this.waiting.shift()!;
      next.waiting = false;
      this.pump(next);
      this.dropIfIdle(next);
    }
    this.pump(lane);
    this.dropIfIdle(lane);
  }

  private dropIfIdle(lane: Lane): void {
    if (!lane.items.length && lane.running === 0 && !lane.waiting) this.lanes.delete(lane.key);
  }
}
