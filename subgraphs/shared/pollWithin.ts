/**
 * Following a cloud's long operation (a Director task, a Nova server's state) within
 * a time budget: check at once, then again with backoff, until the check says it is
 * done or failed, or the budget is spent. One loop for every adapter, so each cloud
 * is followed with the same cadence and reports a spent budget in the same words.
 */
import { CloudApiError, ErrorCode } from './cloudApiError';
import { sleep } from './sleep';

/** The first wait between checks; it doubles up to MAX_WAIT_MS. */
const FIRST_WAIT_MS = 100;
/** A running operation is checked at least this often (a few requests a second at most per operation). */
const MAX_WAIT_MS = 1500;

/**
 * Call `check` until it returns something other than `undefined` (the outcome) or
 * throws (the operation failed). After `budgetMs`: CLOUD_UNAVAILABLE "`what` did
 * not finish within N s". The operation is not cancelled: the cloud may still finish it.
 */
export async function pollWithin<T>(what: string, budgetMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    const outcome = await check();
    if (outcome !== undefined) return outcome;
    const left = deadline - Date.now();
    if (left <= 0) throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `${what} did not finish within ${seconds(budgetMs)}`);
    await sleep(Math.min(wait, left));
  }
}

/** `120 s`, `1.5 s`. */
function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
