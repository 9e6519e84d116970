/** What the content operations share: the adapter's session (JSON calls and transfer URLs alike), and how long a content task is followed. */
import type { DirectorSession } from '../../../shared/director/session';
import { directorAnswers } from '../../../shared/director/errors';
import type { ErrorContext } from '../../../shared/director/errors';
import type { z } from 'zod';
import { followTask, taskSchema } from './tasks';

export interface ContentContext {
  director: DirectorSession;
  /** How long one content task (enable a download, resolve an upload, instantiate, delete) is followed. */
  budgetMs: number;
}

/** GET `path` and parse its body as `schema`. */
export async function getEntity<T>(ctx: ContentContext, path: string, schema: z.ZodType<T>, subject: string): Promise<T> {
  const res = await ctx.director.call({ method: 'GET', path }, { subject, entity: true });
  return directorAnswers.parse(schema, res.body, subject);
}

/** Send an action answered with a Task and follow the task to its end (CLOUD_UNAVAILABLE past the budget). */
export async function runTask(
  ctx: ContentContext,
  req: { method: 'POST' | 'DELETE'; path: string; json?: unknown },
  context: ErrorContext,
): Promise<void> {
  const res = await ctx.director.call(req, { action: true, entity: true, ...context });
  await followTask(ctx.director, directorAnswers.parse(taskSchema, res.body, context.subject), {
    subject: context.subject,
    budgetMs: ctx.budgetMs,
  });
}
