/**
 * Power operations as tasks in the node's event log: RUNNING when the mutation
 * starts, then SUCCEEDED or FAILED, and the VM's state change as soon as the
 * operation read it back (through the watcher, so its next poll does not report
 * the same change again).
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { TaskSnapshot } from '../../schema/events';
import { toGlobalId } from '../../schema/ids';
import { formatNodeError } from '../shared/errors';
import type { EventLog } from '../shared/events';
import type { VmRecord } from './adapters/types';
import type { VmWatcher } from './watch';

export type PowerOperation = TaskSnapshot['operation'];

/** One running power operation; settle it exactly once. */
export interface PowerTask {
  /** The VM as read back from the cloud after the operation; `before` as read before it, when it was. */
  succeeded(after: VmRecord, before?: VmRecord): void;
  /** The operation failed; the event says why in the words a client would get. */
  failed(err: unknown): void;
}

/** Starts power tasks for one node. */
export class PowerTasks {
  constructor(
    private readonly log: EventLog,
    private readonly watcher: VmWatcher,
  ) {}

  /**
   * Whether the operation on this VM should read its state first: only when the
   * watcher does not know it yet, to know whether the operation changed anything.
   */
  needsStateBefore(nativeId: string): boolean {
    return this.watcher.lastKnown(nativeId) === undefined;
  }

  /** Emit RUNNING (progress 0) for a new task on the VM with this native id. */
  begin(nativeId: string, operation: PowerOperation): PowerTask {
    const { cloudId } = this.log;
    // Random, not a counter: tenants share a cloud's nodes, and the gap between two of one
    // tenant's counter ids would count the other tenants' operations in between.
    const base = { id: toGlobalId(cloudId, `task-${randomUUID()}`), operation, vmId: toGlobalId(cloudId, nativeId) };
    this.log.append({ kind: 'task', task: { ...base, state: 'RUNNING', progress: 0 } });
    let settled = false;
    const settle = (): boolean => !settled && (settled = true);
    return {
      succeeded: (after, before) => {
        if (!settle()) return;
        // The state change first: a reader told SUCCEEDED already has the new state.
        this.watcher.observe(after, before);
        this.log.append({ kind: 'task', task: { ...base, state: 'SUCCEEDED', progress: 100 } });
      },
      failed: (err) => {
        if (!settle()) return;
        this.log.append({ kind: 'task', task: { ...base, state: 'FAILED', progress: 0, error: clientSafeMessage(err, cloudId) } });
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
