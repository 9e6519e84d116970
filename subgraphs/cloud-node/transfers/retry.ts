/**
 * How long and how often a destination node retries a source it cannot reach (the
 * source node down, or its cloud answering 503): capped exponential backoff for up
 * to `forMs` from the first failure of an outage, then the transfer fails.
 */

export interface RetryPolicy {
  /** How long one outage is waited out. The process reads TRANSFER_RETRY_FOR_MS. @default 600000 */
  forMs: number;
  /** First delay. @default 500 */
  initialMs: number;
  /** Longest delay. @default 15000 */
  maxMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({ forMs: 600_000, initialMs: 500, maxMs: 15_000 });

/** The delay before retry `attempt` (0 first): doubling from initialMs, never above maxMs. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'initialMs' | 'maxMs'>): number {
  // 2 ** 40 is past any cap: stop doubling before the number grows without use.
  return Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(attempt, 40));
}
