/** Bounded waits on a transfer, read through the API as a client follows it. */
import { waitFor } from './waitFor';

/** Wait until `read` shows the transfer no longer RUNNING; its last view. */
export function transferEnded<T extends { state: string }>(read: (id: string) => Promise<T>, id: string, timeoutMs = 60_000): Promise<T> {
  return waitFor(
    `transfer ${id} to end`,
    async () => {
      const t = await read(id);
      return t.state !== 'RUNNING' ? t : undefined;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

/** Wait until at least `fraction` of the transfer's bytes are acknowledged; that view. */
export function transferPast<T extends { progress: { bytesDone: number; bytesTotal: number } }>(
  read: (id: string) => Promise<T>,
  id: string,
  fraction: number,
  timeoutMs = 30_000,
): Promise<T> {
  return waitFor(
    `${Math.round(fraction * 100)} % of transfer ${id} acknowledged`,
    async () => {
      const t = await read(id);
      return t.progress.bytesTotal > 0 && t.progress.bytesDone >= fraction * t.progress.bytesTotal ? t : undefined;
    },
    { timeoutMs, intervalMs: 25 },
  );
}
