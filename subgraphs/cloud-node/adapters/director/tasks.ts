/**
 * Following a Cloud Director task (`GET /api/task/<uuid>`) until it ends, for as
 * long as the operation's budget allows. Real tasks sit `queued`/`preRunning`/
 * `running` for seconds to minutes (a power-on waits for placement), so the wait is
 * bounded by time, not by a number of polls, and the polls back off to a cap.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import type { DirectorSession } from '../../../shared/director/session';
import { sleep } from '../../../shared/sleep';

/** The Task fields we read; `error` is the failed task's `Error` element. */
export const taskSchema = z.object({
  href: z.string(),
  status: z.string(),
  progress: z.number().nullish(),
  error: z.object({ minorErrorCode: z.string().nullish() }).nullish(),
});
export type Task = z.infer<typeof taskSchema>;

/** Terminal statuses other than `success`: the operation did not happen. */
const TASK_FAILED: ReadonlySet<string> = new Set(['error', 'canceled', 'aborted']);
/** Longest pause between polls: a finished task is noticed within it. */
export const MAX_POLL_INTERVAL_MS = 1500;

/** Where a task stands: done, failed (it will not happen), or still going (`queued`, `preRunning`, `running`). */
export function taskOutcome(task: Task): 'success' | 'failed' | 'pending' {
  if (task.status === 'success') return 'success';
  return TASK_FAILED.has(task.status) ? 'failed' : 'pending';
}

/** `12 s`, `0.3 s`: the budget as said in an error message. */
const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

/** Map a task href to a request path below the base URL (http.ts adds the base URL's path itself). */
export function taskPath(href: string, basePath: string): string {
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    throw directorAnswers.unexpected('power task');
  }
  if (basePath !== '' && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
  if (!path.startsWith('/api/task/')) throw directorAnswers.unexpected('power task');
  return path;
}

/**
 * Resolve when `task` ends in `success`; CLOUD_OPERATION_FAILED when it ends
 * otherwise, CLOUD_UNAVAILABLE when it is still going after `budgetMs`.
 */
export async function followTask(
  session: DirectorSession,
  task: Task,
  { subject, basePath, budgetMs }: { subject: string; basePath: string; budgetMs: number },
): Promise<void> {
  const path = taskPath(task.href, basePath);
  const deadline = Date.now() + budgetMs;
  let current = task;
  for (let polls = 0; ; polls++) {
    const outcome = taskOutcome(current);
    if (outcome === 'success') return;
    if (outcome === 'failed') {
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${subject}: the Cloud Director task ended with status ${current.status}`);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new CloudApiError(
        ErrorCode.CLOUD_UNAVAILABLE,
        `${subject}: the Cloud Director task did not finish within ${seconds(budgetMs)}`,
      );
    }
    // First poll at once (quick operations are done by then), then back off to the cap.
    if (polls > 0) await sleep(Math.min(50 * 2 ** polls, MAX_POLL_INTERVAL_MS, left));
    const res = await session.call({ method: 'GET', path }, { subject: `task of ${subject}`, entity: true });
    current = directorAnswers.parse(taskSchema, res.body, 'power task');
  }
}
