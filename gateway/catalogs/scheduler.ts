/**
 * The timers of scheduled syncs: one per subscription, armed at its `nextSyncAt` (the
 * service persists it, so a restarted gateway re-arms the same moments). Timers do
 * not keep the process alive.
 */

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days): a later moment is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class SyncTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly fire: (subscriptionId: string) => void,
    private readonly now: () => Date,
  ) {}

  /** Arm the subscription's timer at `due` (replacing the one it had); a past moment fires at once. */
  arm(subscriptionId: string, due: Date): void {
    this.clear(subscriptionId);
    const delay = due.getTime() - this.now().getTime();
    const timer = setTimeout(
      () => {
        this.timers.delete(subscriptionId);
        if (delay > MAX_DELAY_MS) this.arm(subscriptionId, due);
        else this.fire(subscriptionId);
      },
      Math.max(0, Math.min(delay, MAX_DELAY_MS)),
    );
    timer.unref();
    this.timers.set(subscriptionId, timer);
  }

  clear(subscriptionId: string): void {
    clearTimeout(this.timers.get(subscriptionId));
    this.timers.delete(subscriptionId);
  }

  /** Clear every timer. */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Which subscriptions have a timer armed (for tests and the log). */
  armed(): string[] {
    return [...this.timers.keys()];
  }
}
