/**
 * A stored transfer as the rest of the gateway sees it: the record the API shows,
 * who may see it, and the task event it is on the `taskProgress` feed.
 */
import type { NodeEvent, TaskSnapshot } from '../../schema/events';
import { accessScope, isTenantPrincipal, type Principal } from '../../schema/principal';
import type { TransferPhase } from '../../schema/transfers';
import type { StoredTransfer } from '../store/types';
import type { TransferRecord } from './types';

/** Phases in which the destination node reports (its import runs). */
export const IMPORT_PHASES: readonly TransferPhase[] = ['PREPARING', 'COPYING', 'WAITING', 'IMPORTING'];

export function toRecord(stored: StoredTransfer): TransferRecord {
  const {
    tenantId: _tenantId,
    source: _source,
    manifest: _manifest,
    checkpoint: _checkpoint,
    sentByRun,
    lastProgressAt: _at,
    ...record
  } = stored;
  return { ...record, bytesSent: Object.values(sentByRun).reduce((sum, n) => sum + n, 0) };
}

/**
 * Whether `principal` may see the transfer: a tenant's users see their tenant's
 * transfers (whoever of them started one), operators see all. Everyone else is
 * answered as for an unknown id.
 */
export function visibleTo(principal: Principal, stored: Pick<StoredTransfer, 'principal'>): boolean {
  return !isTenantPrincipal(principal) || accessScope(principal) === accessScope(stored.principal);
}

/** 0..100 of the total (100 only when every byte is in). */
export function percentOf(bytesDone: number, bytesTotal: number): number {
  if (bytesTotal <= 0) return bytesDone > 0 ? 100 : 0;
  return Math.min(100, Math.floor((bytesDone / bytesTotal) * 100));
}

export function taskOf(stored: StoredTransfer): TaskSnapshot {
  return {
    id: stored.taskId,
    operation: stored.operation,
    vmId: stored.sourceId,
    state: stored.state,
    progress: percentOf(stored.bytesDone, stored.bytesTotal),
    ...(stored.error !== null && stored.state === 'FAILED' ? { error: stored.error } : {}),
    transfer: {
      phase: stored.phase,
      bytesDone: stored.bytesDone,
      bytesTotal: stored.bytesTotal,
      percent: percentOf(stored.bytesDone, stored.bytesTotal),
      rateBytesPerSec: stored.rateBytesPerSec,
    },
  };
}

/**
 * The task event of the transfer as it is now. `cause` makes the id: the same cause
 * (a node event's id, heard by several replicas) is the same event, delivered once.
 * Its cloud is the destination's, like its task id; no `@…#seq` in the id, so the
 * hub's gap tracking (per node log) leaves it alone.
 */
export function taskEvent(stored: StoredTransfer, cause: string): NodeEvent {
  return {
    id: `${stored.taskId}/${cause.replace(/[@#]/g, '.')}`,
    seq: 0,
    at: stored.updatedAt.toISOString(),
    cloudId: stored.targetCloudId,
    kind: 'task',
    task: taskOf(stored),
  };
}
