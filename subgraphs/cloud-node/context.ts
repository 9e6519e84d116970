/** Per-request state of a cloud-node: nothing here outlives the request but the adapter. */
import type { Principal } from '../../schema/principal';
import type { CloudAdapter, CloudKind } from './adapters/types';
import { createLoaders, type Loaders } from './loaders';
import { PowerOperations } from './power';
import type { PowerTasks } from './tasks';
import type { NodeRequest } from '../shared/serve';

export interface CloudIdentity {
  id: string;
  name: string;
  kind: CloudKind;
}

export interface NodeContext {
  cloud: CloudIdentity;
  adapter: CloudAdapter;
  loaders: Loaders;
  /** Who the gateway asks for; verified from its signature. */
  principal: Principal;
  /** Power operations, through this request's loaders (so within its scope). */
  power: PowerOperations;
}

/**
 * `tasks` reports power operations to the node's event log (absent: nothing is reported);
 * `request` is what the gateway's request says besides its body (the task id a mutation is to use).
 */
export function createContext(
  cloud: CloudIdentity,
  adapter: CloudAdapter,
  principal: Principal,
  tasks?: PowerTasks,
  request: NodeRequest = { taskId: undefined },
): NodeContext {
  // A scoped principal (a tenant in a multi-tenant cloud) sees only its VDCs and their VMs.
  const vdcScope = principal.scope ? new Set(principal.scope.vdcs) : undefined;
  const loaders = createLoaders(adapter, vdcScope);
  const power = new PowerOperations({
    cloudId: cloud.id,
    adapter,
    loaders,
    scoped: principal.scope !== undefined,
    tasks,
    taskId: request.taskId,
  });
  return { cloud, adapter, loaders, principal, power };
}
