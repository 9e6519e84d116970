/**
 * The rate a transfer reports: bytes acknowledged over a sliding window of the last
 * few seconds, so a stall shows as a falling rate, not as an average since the start.
 */

/** @default 5000 */
export const DEFAULT_RATE_WINDOW_MS = 5000;

export class RateWindow {
  /** (time, bytes) of each acknowledged chunk still inside the window, oldest first. */
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  private held = 0;
  /** The first sample's time: until the window has passed once, the rate is over the time since. */
  private startedAt: number | undefined;

  constructor(private readonly windowMs = DEFAULT_RATE_WINDOW_MS) {
    if (!Number.isFinite(windowMs) || windowMs <= 0) throw new RangeError('the rate window must be a positive number of ms');
  }

  add(bytes: number, now = Date.now()): void {
    this.startedAt ??= now;
    this.samples.push({ at: now, bytes });
    this.held += bytes;
    this.drop(now);
  }

  /**
   * Bytes per second over the window. Until the window has been full once, over the
   * time since the first sample (at least one second, so one early chunk does not
   * read as a huge rate).
   */
  rate(now = Date.now()): number {
    this.drop(now);
    if (this.startedAt === undefined || !this.samples.length) return 0;
    // The window's length, not the oldest sample's age: chunks that left it still took part of it.
    const spanMs = Math.max(1000, Math.min(this.windowMs, now - this.startedAt));
    return Math.round((this.held * 1000) / spanMs);
  }

  private drop(now: number): void {
    while (this.samples.length && this.samples[0]!.at <= now - this.windowMs) this.held -= this.samples.shift()!.bytes;
  }
}
