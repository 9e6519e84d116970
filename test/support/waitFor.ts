/**
 * The one bounded wait of the test suites: polls `check` until it answers a value
 * (anything but `undefined`, `null` or `false`) and returns it. When the cap runs out
 * it throws, naming what it waited for and the last value seen, so a test never
 * goes on quietly after a wait that did not happen.
 */
export interface WaitOptions {
  /** @default 5000 */
  timeoutMs?: number;
  /** @default 20 */
  intervalMs?: number;
}

export async function waitFor<T>(
  description: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 5000, intervalMs = 20 }: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last !== undefined && last !== null && last !== false) return last as T;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description} (last: ${JSON.stringify(last)})`);
}
