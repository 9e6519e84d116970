/**
 * Tasks of the content operations (enable a download, instantiate, delete, an
 * upload's import), rendered like the power tasks of vms.ts and served by the same
 * `GET /api/task/<uuid>`. A timed task is `running` for `faults.operationMs`, then
 * ends in `success` (its effect happens then, whether or not anyone looks) or, with
 * `faults.failOperations`, in `error` with no effect. An upload's task is ended by
 * the upload itself (its last byte, or the template's deletion).
 */
import { randomUUID } from 'node:crypto';
import type { Faults } from '../server';

export type ContentTaskStatus = 'running' | 'success' | 'error' | 'aborted';

export interface EntityRef {
  href: string;
  id: string;
  type: string;
  name: string;
}

export interface ContentTask {
  readonly uuid: string;
  readonly operationName: string;
  readonly operation: string;
  /** The entity the task is about; `href` relative to the cell's base URL (`/api/...`). */
  readonly owner: EntityRef;
  readonly startTime: string;
  status: ContentTaskStatus;
  endTime?: string;
  /** 0..100 while running. */
  progress(): number;
}

/** Old tasks are forgotten past this many, as a cell expires them. */
const MAX_TASKS = 1000;

export class ContentTasks {
  private readonly tasks = new Map<string, ContentTask & { settle?: () => void }>();

  constructor(private readonly faults: Readonly<Faults>) {}

  /** A task that ends after the operation time; `effect` runs when it succeeds. */
  timed(operationName: string, operation: string, owner: EntityRef, effect: () => void): ContentTask {
    const startedAt = Date.now();
    const durationMs = this.faults.operationMs;
    const fails = this.faults.failOperations;
    const task: ContentTask & { settle?: () => void } = this.add(operationName, operation, owner, () =>
      task.status === 'running' ? Math.min(99, Math.floor((100 * (Date.now() - startedAt)) / Math.max(1, durationMs))) : 100,
    );
    const settle = (now = false): void => {
      if (task.status !== 'running' || (!now && Date.now() - startedAt < durationMs)) return;
      task.endTime = new Date().toISOString();
      task.status = fails ? 'error' : 'success';
      if (!fails) effect();
    };
    task.settle = () => settle();
    if (durationMs === 0) settle(true);
    else setTimeout(() => settle(true), durationMs).unref();
    return task;
  }

  /** A task the caller ends (`end`), with its own progress. */
  open(operationName: string, operation: string, owner: EntityRef, progress: () => number): ContentTask {
    return this.add(operationName, operation, owner, progress);
  }

  /** End a task the caller owns; `afterMs`: once that time has passed (the cell still working). */
  end(task: ContentTask, status: Exclude<ContentTaskStatus, 'running'>, afterMs = 0, effect: () => void = () => undefined): void {
    const finish = (): void => {
      if (task.status !== 'running') return;
      task.status = status;
      task.endTime = new Date().toISOString();
      if (status === 'success') effect();
    };
    if (afterMs <= 0) finish();
    else setTimeout(finish, afterMs).unref();
  }

  get(uuid: string): ContentTask | undefined {
    const task = this.tasks.get(uuid.toLowerCase());
    task?.settle?.();
    return task;
  }

  /** The Task body, as vms.ts renders a power task. */
  render(base: string, task: ContentTask): Record<string, unknown> {
    const failed = task.status === 'error';
    return {
      otherAttributes: {},
      link: [],
      href: `${base}/api/task/${task.uuid}`,
      type: 'application/vnd.vmware.vcloud.task+json',
      id: `urn:vcloud:task:${task.uuid}`,
      operationKey: null,
      name: 'task',
      status: task.status,
      operation: task.operation,
      operationName: task.operationName,
      serviceNamespace: 'com.vmware.vcloud',
      startTime: task.startTime,
      endTime: task.endTime ?? null,
      cancelRequested: false,
      owner: { ...task.owner, href: base + task.owner.href },
      error: failed
        ? {
            otherAttributes: {},
            majorErrorCode: 500,
            minorErrorCode: 'INTERNAL_SERVER_ERROR',
            message: 'Unable to perform this action. Contact your cloud administrator.',
            vendorSpecificErrorCode: null,
            stackTrace: null,
          }
        : null,
      user: { href: null, id: null, type: 'application/vnd.vmware.admin.user+xml', name: 'administrator' },
      progress: task.progress(),
      details: failed ? 'Unable to perform this action. Contact your cloud administrator.' : '',
    };
  }

  private add(operationName: string, operation: string, owner: EntityRef, progress: () => number): ContentTask {
    const task: ContentTask = {
      uuid: randomUUID(),
      operationName,
      operation,
      owner,
      startTime: new Date().toISOString(),
      status: 'running',
      progress: () => (task.status === 'running' ? progress() : 100),
    };
    this.tasks.set(task.uuid, task);
    if (this.tasks.size > MAX_TASKS) this.tasks.delete(this.tasks.keys().next().value!);
    return task;
  }
}
