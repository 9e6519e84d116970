/**
 * Power operations as tasks in the node's event log: RUNNING when the mutation
 * starts, then SUCCEEDED or FAILED, and the VM's state change as soon as the
 * operation read it back (through the watcher, so its next poll does not report
 * the same change again). The last state of each recent task is kept apart from
 * the log (which VM events push along), for a client that missed its events: the
 * one whose mutation timed out at the gateway, following the task it was named.
 */
import { LRUCache } from 'lru-cache';
import { GraphQLError } from 'graphql';
import type { TaskSnapshot } from '../../schema/events';
import { toGlobalId } from '../../schema/ids';
import { newTaskId } from '../../schema/taskId';
import { formatNodeError } from '../shared/errors';
import type { EventLog } from '../shared/events';
import type { VmRecord } from './adapters/types';
import type { VmWatcher } from './watch';

/** The tasks a node runs itself (transfers are the gateway's tasks, reported from the nodes' transfer events). */
export type PowerOperation = Extract<TaskSnapshot['operation'], 'POWER_ON' | 'POWER_OFF'>;

/** One running power operation; settle it exactly once. */
export interface PowerTask {
  /** The VM as read back from the cloud after the operation; `before` as read before it, when it was. */
  succeeded(after: VmRecord, before?: VmRecord): void;
  /** The operation failed; the event says why in the words a client would get. */
  failed(err: unknown): void;
}

/** A task's last state, as its last event reported it. */
export interface TaskRecord {
  task: TaskSnapshot & { operation: PowerOperation };
  /** The VM's native id. */
  vmNativeId: string;
  /** When it reached that state (ISO 8601, the event's time). */
  at: string;
}

/** Recent tasks kept for reading back. @default 1000 */
const DEFAULT_RECENT_TASKS = 1000;

/** Starts power tasks for one node. */
export class PowerTasks {
  /** By native task id; the oldest forgotten first. */
  private readonly recent: LRUCache<string, TaskRecord>;

  constructor(
    private readonly log: EventLog,
    private readonly watcher: VmWatcher,
    recentTasks = DEFAULT_RECENT_TASKS,
  ) {
    this.recent = new LRUCache({ max: recentTasks });
  }

  /** The last state of a recent task by its native id (`task-<uuid>`); undefined when unknown or forgotten. */
  find(nativeTaskId: string): TaskRecord | undefined {
    return this.recent.peek(nativeTaskId);
  }

  /**
   * Whether the operation on this VM should read its state first: only when the
   * watcher does not know it yet, to know whether the operation changed anything.
   */
  needsStateBefore(nativeId: string): boolean {
    return this.watcher.lastKnown(nativeId) === undefined;
  }

  /**
   * Emit RUNNING (progress 0) for a new task on the VM with this native id, with the
   * native task id the gateway chose (`taskId`, already validated) or, without one, a
   * new one. An id this node already has is not reused: the task gets a new one.
   */
  begin(nativeId: string, operation: PowerOperation, taskId?: string): PowerTask {
    const { cloudId } = this.log;
    // Random, not a counter: tenants share a cloud's nodes, and the gap between two of one
    // tenant's counter ids would count the other tenants' operations in between.
    const native = taskId !== undefined && !this.recent.has(taskId) ? taskId : newTaskId();
    const base = { id: toGlobalId(cloudId, native), operation, vmId: toGlobalId(cloudId, nativeId) };
    const report = (task: TaskRecord['task']): void => {
      const event = this.log.append({ kind: 'task', task });
      this.recent.set(native, { task, vmNativeId: nativeId, at: event.at });
    };
    report({ ...base, state: 'RUNNING', progress: 0 });
    let settled = false;
    const settle = (): boolean => !settled && (settled = true);
    return {
      succeeded: (after, before) => {
        if (!settle()) return;
        // The state change first: a reader told SUCCEEDED already has the new state.
        this.watcher.observe(after, before);
        report({ ...base, state: 'SUCCEEDED', progress: 100 });
      },
      failed: (err) => {
        if (!settle()) return;
        report({ ...base, state: 'FAILED', progress: 0, error: clientSafeMessage(err, cloudId) });
      },
    };
  }
}

/** What a GraphQL client would be told of `err` (no upstream bodies, no internals). */
function clientSafeMessage(err: unknown, cloudId: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const extensions = err instanceof GraphQLError ? err.extensions : undefined;
  return formatNodeError({ message, ...(extensions ? { extensions } : {}) }, err, cloudId).message;
}
