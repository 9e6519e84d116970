/**
 * The cloud probe: on an interval, one cheap real request to the cloud's API through
 * the node's own adapter or client (same session, same pool, same timeout as its
 * queries), and the outcome kept for /health. Without it /health said only that the
 * node process runs: a cloud whose API takes 20 s was never marked down, and every
 * query to it waited out the timeout (issue 15). The gateway reads the report and
 * marks the node DEGRADED (gateway/nodes/health.ts).
 *
 * Probes never overlap (the next is scheduled when one ends) and each is bounded by
 * the cloud timeout, so a report is never older than interval + timeout.
 */
import type { CloudHealth, CloudProbeFailure } from '../../schema/cloudHealth';
import { CloudApiError, ErrorCode } from './cloudApiError';

export interface CloudProbeOptions {
  /** One cheap authenticated request to the cloud's API; resolves when it answered as expected. */
  probe: () => Promise<void>;
  /**
   * Longest wait for `probe` (CLOUD_TIMEOUT_MS): a slower answer is a failure, `timeout`.
   * Unset, only the adapter's own timeout per request bounds it, and its expiry reads `unreachable`.
   */
  timeoutMs?: number;
  /** Between the end of one probe and the start of the next; 0 probes only when `check` is called. */
  intervalMs: number;
  /** A probe failed: the node's log gets the reason (the error's message stays there, out of /health). */
  onFailure?: (failure: CloudProbeFailure, err: unknown) => void;
}

/** The failure word for a probe error: transport failures carry no HTTP status, answers do. */
function failureOf(err: unknown): CloudProbeFailure {
  return err instanceof CloudApiError && err.code === ErrorCode.CLOUD_UNAVAILABLE && err.status === undefined ? 'unreachable' : 'error';
}

export class CloudProbe {
  private last: CloudHealth | undefined;
  private inFlight: Promise<CloudHealth> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: CloudProbeOptions) {}

  /** The last probe's outcome; undefined before the first ended. */
  get latest(): CloudHealth | undefined {
    return this.last;
  }

  /** Probe now, or join the probe in flight. Never rejects. */
  check(): Promise<CloudHealth> {
    this.inFlight ??= this.run().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The first probe at once, then one every `intervalMs` after the previous ended (nothing when 0). */
  start(): void {
    if (this.options.intervalMs <= 0) return;
    const next = (): void => {
      void this.check().then(() => {
        if (!this.stopped) this.timer = setTimeout(next, this.options.intervalMs).unref();
      });
    };
    next();
  }

  /** No more probes; resolves once the one in flight (which uses the adapter) ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }

  private async run(): Promise<CloudHealth> {
    const started = performance.now();
    const { timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const probing = this.options.probe().then(
      () => undefined,
      (err: unknown) => ({ err }),
    );
    // The adapter's own per-request timeout starts later (and a login may come first): this bound ends first.
    const timedOut =
      timeoutMs === undefined ? [] : [new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)))];
    const outcome = await Promise.race([probing, ...timedOut]);
    clearTimeout(timer);
    const checkedAt = new Date().toISOString();
    if (outcome === undefined) {
      this.last = { reachable: true, latencyMs: Math.round(performance.now() - started), checkedAt };
    } else {
      const failure = outcome === 'timeout' ? 'timeout' : failureOf(outcome.err);
      this.options.onFailure?.(failure, outcome === 'timeout' ? new Error(`no answer within ${timeoutMs} ms`) : outcome.err);
      this.last = { reachable: false, latencyMs: null, checkedAt, failure };
    }
    return this.last;
  }
}
