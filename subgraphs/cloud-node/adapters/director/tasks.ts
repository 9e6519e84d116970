/**
 * Following a Cloud Director task (`GET /api/task/<uuid>`) until it ends, for as
 * long as the operation's budget allows. Real tasks sit `queued`/`preRunning`/
 * `running` for seconds to minutes (a power-on waits for placement), so the wait is
 * bounded by time (shared/pollWithin.ts), not by a number of polls.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import { UUID_SOURCE } from '../../../shared/director/ids';
import type { DirectorSession } from '../../../shared/director/session';
import { pollWithin } from '../../../shared/pollWithin';

/** The Task fields we read. */
export const taskSchema = z.object({ href: z.string(), status: z.string() });
export type Task = z.infer<typeof taskSchema>;

/** Terminal statuses other than `success`: the operation did not happen. */
const TASK_FAILED: ReadonlySet<string> = new Set(['error', 'canceled', 'aborted']);

/** Where a task stands: done, failed (it will not happen), or still going (`queued`, `preRunning`, `running`). */
export function taskOutcome(task: Task): 'success' | 'failed' | 'pending' {
  if (task.status === 'success') return 'success';
  return TASK_FAILED.has(task.status) ? 'failed' : 'pending';
}

const TASK_PATH = new RegExp(`/api/task/(${UUID_SOURCE})$`, 'i');

/**
 * The request path of a task href, below the configured base URL (http.ts adds its
 * origin and path). A cell writes hrefs with its own public URL, which behind a
 * proxy need not share the configured URL's host or path prefix: only the
 * `/api/task/<uuid>` ending is taken, and it is asked of the cell we are configured with.
 */
export function taskPath(href: string): string {
  let path: string;
  try {
    path = new URL(href).pathname;
  } catch {
    throw directorAnswers.unexpected('power task');
  }
  const uuid = TASK_PATH.exec(path)?.[1];
  if (uuid === undefined) throw directorAnswers.unexpected('power task');
  return `/api/task/${uuid}`;
}

/**
 * Resolve when `task` ends in `success`; CLOUD_OPERATION_FAILED when it ends
 * otherwise, CLOUD_UNAVAILABLE when it is still going after `budgetMs`.
 */
export async function followTask(
  session: DirectorSession,
  task: Task,
  { subject, budgetMs }: { subject: string; budgetMs: number },
): Promise<void> {
  const path = taskPath(task.href);
  const read = async (): Promise<Task> => {
    const res = await session.call({ method: 'GET', path }, { subject: `task of ${subject}`, entity: true });
    return directorAnswers.parse(taskSchema, res.body, 'power task');
  };
  // The first look is the task the action answered with, without a request: a quick operation may be done already.
  let accepted: Task | undefined = task;
  await pollWithin(`${subject}: the Cloud Director task`, budgetMs, async () => {
    const current = accepted ?? (await read());
    accepted = undefined;
    const outcome = taskOutcome(current);
    if (outcome === 'failed') {
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${subject}: the Cloud Director task ended with status ${current.status}`);
    }
    return outcome === 'success' ? true : undefined;
  });
}
