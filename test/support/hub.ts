/**
 * Stand-ins for the hub's unit tests: tenants and the clouds each may see, a guard
 * that answers by them, and a node's power event.
 */
import type { AccessGuard } from '../../gateway/isolation/guard';
import type { NodeEvent } from '../../schema/events';
import { parseGlobalId } from '../../schema/ids';
import type { Principal } from '../../schema/principal';

/** Tenants and the clouds each may see. */
export const VISIBLE: Record<string, string[]> = { acme: ['dc-east'], globex: ['nova-eu'] };

/** A tenant may see what lies in its clouds. */
export const guard = {
  noteVm: () => undefined,
  visibleClouds: async (p: Principal) => ('tenantId' in p && p.tenantId ? new Set(VISIBLE[p.tenantId]) : undefined),
  allowsOne: async (p: Principal, { id }: { id: string }) =>
    !('tenantId' in p && p.tenantId) || VISIBLE[p.tenantId]!.includes(parseGlobalId(id)!.cloudId),
} as unknown as AccessGuard;

/** vm-1 of `cloudId` powered on, as that cloud's node numbers it (`epoch`, `seq`). */
export function powerEvent(cloudId: string, seq: number, epoch = 'e1'): NodeEvent {
  return {
    id: `${cloudId}/cloud-node@${epoch}#${seq}`,
    seq,
    at: new Date(0).toISOString(),
    cloudId,
    kind: 'vm',
    type: 'POWER_STATE_CHANGED',
    vm: { id: `${cloudId}:vm-1`, name: 'vm-1', powerState: 'POWERED_ON', vdcId: `${cloudId}:vdc-1`, cpuCount: 1, memoryMb: 512 },
    previous: { powerState: 'POWERED_OFF' },
  };
}
