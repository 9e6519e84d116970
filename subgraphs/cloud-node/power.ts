/**
 * Changing a VM's power state, for one request: the scope check, the task in the
 * node's event log (tasks.ts), the adapter call, and the VM read back from the
 * cloud; and reading a task back, within the same scope. The resolvers only parse
 * the id; everything a power mutation does is here.
 */
import type { CloudAdapter, PowerState, VmRecord } from './adapters/types';
import type { Loaders } from './loaders';
import type { PowerTasks, TaskRecord } from './tasks';
import { notFound } from '../shared/errors';
import { CloudApiError, ErrorCode } from '../shared/cloudApiError';
import { toGlobalId } from '../shared/ids';

export interface PowerOperationsOptions {
  /** The node's cloud: a NOT_FOUND names the VM by its global id, as the caller did. */
  cloudId: string;
  adapter: CloudAdapter;
  /** The request's loaders: reads see only the caller's VDCs, and are cleared where a change made them stale. */
  loaders: Loaders;
  /** The caller is scoped (a tenant of a multi-tenant cloud) and may only change a VM it can see. */
  scoped: boolean;
  /** Reports operations to the node's event log; `undefined` when the node has none (nothing is reported). */
  tasks: PowerTasks | undefined;
  /**
   * The native id the gateway chose for the task this request's mutation starts
   * (schema/taskId.ts), already validated; undefined: the node makes one.
   */
  taskId: string | undefined;
}

/** The power operations of one request. */
export class PowerOperations {
  /** The gateway's task id, until a task takes it: one request's id names one task. */
  private taskId: string | undefined;

  constructor(private readonly options: PowerOperationsOptions) {
    this.taskId = options.taskId;
  }

  /**
   * A recent task of this node by its native id, as last reported; NOT_FOUND when the
   * node does not have it (never, or forgotten) and, for a scoped caller, when its VM
   * is not one the caller can see: a foreign task reads like one that does not exist.
   */
  async task(nativeTaskId: string): Promise<TaskRecord> {
    const { tasks, scoped, cloudId } = this.options;
    const record = tasks?.find(nativeTaskId);
    if (!record || (scoped && !(await this.options.loaders.vm.load(record.vmNativeId))))
      throw notFound('Task', toGlobalId(cloudId, nativeTaskId));
    return record;
  }

  /**
   * Bring the VM with this native id to `desired` and answer it as the cloud now
   * reports it. Asking for the state a VM is already in succeeds, so that a client
   * may safely retry. The task starts after the scope check: a refused caller
   * starts nothing, and its event log shows nothing.
   */
  async setPower(nativeId: string, desired: PowerState): Promise<VmRecord> {
    const { loaders, scoped, tasks } = this.options;
    if (scoped) await this.existing(nativeId);
    const task = tasks?.begin(nativeId, desired === 'POWERED_ON' ? 'POWER_ON' : 'POWER_OFF', this.taskId);
    this.taskId = undefined;
    try {
      // Only to tell whether the state changed, when the watcher cannot (the scope check above already read it).
      const before = tasks?.needsStateBefore(nativeId) ? ((await loaders.vm.load(nativeId)) ?? undefined) : undefined;
      await this.change(nativeId, desired);
      loaders.vm.clear(nativeId);
      const vm = await this.existing(nativeId);
      task?.succeeded(vm, before);
      return vm;
    } catch (err) {
      task?.failed(err);
      throw err;
    }
  }

  /**
   * The adapter call. Clouds refuse a VM already in the state asked for (CONFLICT);
   * that is success, but only once a fresh read shows the state: a CONFLICT for any
   * other reason (a VM busy with another task) stays an error.
   */
  private async change(nativeId: string, desired: PowerState): Promise<void> {
    const { adapter, loaders } = this.options;
    try {
      await (desired === 'POWERED_ON' ? adapter.powerOn(nativeId) : adapter.powerOff(nativeId));
    } catch (err) {
      if (!(err instanceof CloudApiError && err.code === ErrorCode.CONFLICT)) throw err;
      loaders.vm.clear(nativeId);
      if ((await loaders.vm.load(nativeId))?.powerState !== desired) throw err;
    }
  }

  /** The VM as the request's loaders read it; NOT_FOUND when the cloud does not have it, or the caller cannot see it. */
  private async existing(nativeId: string): Promise<VmRecord> {
    const vm = await this.options.loaders.vm.load(nativeId);
    if (!vm) throw notFound('VirtualMachine', toGlobalId(this.options.cloudId, nativeId));
    return vm;
  }
}
