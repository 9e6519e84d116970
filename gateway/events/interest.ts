/**
 * What a subscriber asked to hear of, and which events match it: the hub's filter
 * before isolation (gateway/events/hub.ts) decides what a principal may receive.
 */
import type { NodeEvent, OvercastEvent } from '../../schema/events';
import { parseGlobalId } from '../../schema/ids';

/**
 * What a subscriber asked to receive. Task progress names a task or a VM (or both):
 * there is no "every task" interest to fall into by omitting both.
 */
export type Interest =
  | { kind: 'vm'; tenantId?: string; cloudId?: string; types?: readonly string[] }
  | { kind: 'task'; taskId: string; vmId?: string }
  | { kind: 'task'; taskId?: string; vmId: string }
  | { kind: 'nodeStatus' };

/** Whether `event` is one `interest` asked for. */
export function interested(interest: Interest, event: OvercastEvent): boolean {
  switch (interest.kind) {
    case 'nodeStatus':
      return event.kind === 'nodeStatus';
    case 'task':
      return (
        event.kind === 'task' &&
        (interest.taskId === undefined || interest.taskId === event.task.id) &&
        (interest.vmId === undefined || interest.vmId === event.task.vmId)
      );
    case 'vm':
      return event.kind === 'vm' && matchesVm(interest, event);
  }
}

/** Whether events of `cloudId` could reach this interest at all (node status never travels on the bus). */
export function mayConcern(interest: Interest, cloudId: string): boolean {
  switch (interest.kind) {
    case 'nodeStatus':
      return false;
    case 'task':
      // Task ids and VM ids are global ids: they name their cloud.
      return (
        (interest.taskId === undefined || parseGlobalId(interest.taskId)?.cloudId === cloudId) &&
        (interest.vmId === undefined || parseGlobalId(interest.vmId)?.cloudId === cloudId)
      );
    case 'vm':
      return interest.cloudId === undefined || interest.cloudId === cloudId;
  }
}

function matchesVm(interest: Extract<Interest, { kind: 'vm' }>, event: Extract<NodeEvent, { kind: 'vm' }>): boolean {
  return (
    (interest.cloudId === undefined || interest.cloudId === event.cloudId) &&
    (!interest.types?.length || interest.types.includes(event.type))
  );
}

/** Equal for equal interests (whatever order their fields were written in): subscribers with equal keys match the same events. */
export function interestKey(interest: Interest): string {
  switch (interest.kind) {
    case 'nodeStatus':
      return 'nodeStatus';
    case 'task':
      return JSON.stringify(['task', interest.taskId ?? null, interest.vmId ?? null]);
    case 'vm':
      return JSON.stringify(['vm', interest.tenantId ?? null, interest.cloudId ?? null, interest.types ?? null]);
  }
}
