/**
 * `/api/vcenter/vm` routes: list with filters, detail, power state and power
 * actions. They read and mutate the `SeedCloud` the mock was given. A power action
 * blocks for `faults.operationMs` as vCenter's synchronous call does while its task
 * runs, and with `faults.failOperations` it then fails as a failed task does.
 */
import type { FastifyInstance } from 'fastify';
import type { SeedCloud, SeedPowerState, SeedVm } from '../seed';
import type { Faults } from '../server';
import { sendVapiError, sendVmNotFound } from './errors';

/** Real vCenter refuses to list more than this many VMs in one answer. */
export const VM_LIST_LIMIT = 4000;

type Query = Record<string, string | string[] | undefined>;

/** A repeated query parameter (`?vms=a&vms=b`) as a list; absent or empty means "no filter". */
export function queryList(query: Query, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

/** `VM.Summary`, as GET /api/vcenter/vm lists it (no datacenter, like the real API). */
function summary(vm: SeedVm): Record<string, unknown> {
  return {
    vm: vm.nativeId,
    name: vm.name,
    power_state: vm.powerState,
    cpu_count: vm.cpuCount,
    memory_size_MiB: vm.memoryMb,
  };
}

/** `VM.Info`, a faithful subset of GET /api/vcenter/vm/{vm}. */
function detail(vm: SeedVm): Record<string, unknown> {
  return {
    name: vm.name,
    guest_OS: 'OTHER_LINUX_64',
    power_state: vm.powerState,
    identity: { name: vm.name, bios_uuid: `bios-${vm.nativeId}`, instance_uuid: `instance-${vm.nativeId}` },
    hardware: { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' },
    cpu: { count: vm.cpuCount, cores_per_socket: 1, hot_add_enabled: false, hot_remove_enabled: false },
    memory: { size_MiB: vm.memoryMb, hot_add_enabled: false },
    disks: {
      '2000': { label: 'Hard disk 1', type: 'SCSI', capacity: vm.storageGb * 1024 ** 3 },
    },
    nics: {},
    cdroms: {},
    floppies: {},
    boot: { type: 'BIOS', delay: 0, enter_setup_mode: false, retry: false, retry_delay: 10000 },
    boot_devices: [],
  };
}

type PowerAction = 'start' | 'stop' | 'suspend' | 'reset';

/**
 * The outcome of a power action in a given state, per the API docs: start powers
 * on or resumes, stop powers off a powered-on or suspended VM, suspend and reset
 * need a powered-on VM.
 */
function transition(action: PowerAction, state: SeedPowerState): SeedPowerState | 'ALREADY' | 'NOT_ALLOWED' {
  switch (action) {
    case 'start':
      return state === 'POWERED_ON' ? 'ALREADY' : 'POWERED_ON';
    case 'stop':
      return state === 'POWERED_OFF' ? 'ALREADY' : 'POWERED_OFF';
    case 'suspend':
      return state === 'SUSPENDED' ? 'ALREADY' : state === 'POWERED_OFF' ? 'NOT_ALLOWED' : 'SUSPENDED';
    case 'reset':
      return state === 'POWERED_ON' ? 'POWERED_ON' : 'NOT_ALLOWED';
  }
}

const POWER_ACTIONS: readonly string[] = ['start', 'stop', 'suspend', 'reset'];

/** Register the VM routes on a vSphere mock app. */
export function registerVmRoutes(app: FastifyInstance, cloud: SeedCloud, faults: Readonly<Faults>): void {
  const findVm = (id: string): SeedVm | undefined => cloud.vms.find((vm) => vm.nativeId === id);

  app.get<{ Querystring: Query }>('/api/vcenter/vm', async (request, reply) => {
    // Different filters AND together; values inside one filter OR together.
    const filters: [string[], (vm: SeedVm) => string][] = [
      [queryList(request.query, 'vms'), (vm) => vm.nativeId],
      [queryList(request.query, 'names'), (vm) => vm.name],
      [queryList(request.query, 'datacenters'), (vm) => vm.vdcNativeId],
      [queryList(request.query, 'power_states'), (vm) => vm.powerState],
    ];
    const matches = cloud.vms.filter((vm) => filters.every(([allowed, field]) => allowed.length === 0 || allowed.includes(field(vm))));
    if (matches.length > VM_LIST_LIMIT) {
      return sendVapiError(
        reply,
        'UNABLE_TO_ALLOCATE_RESOURCE',
        'com.vmware.api.vcenter.vm.max_limit_exceeded',
        `Too many virtual machines. Add more filter criteria to reduce the number (limit ${VM_LIST_LIMIT}).`,
        [String(VM_LIST_LIMIT)],
      );
    }
    return matches.map(summary);
  });

  app.get<{ Params: { vm: string } }>('/api/vcenter/vm/:vm', async (request, reply) => {
    const vm = findVm(request.params.vm);
    return vm ? detail(vm) : sendVmNotFound(reply, request.params.vm);
  });

  app.get<{ Params: { vm: string } }>('/api/vcenter/vm/:vm/power', async (request, reply) => {
    const vm = findVm(request.params.vm);
    if (!vm) return sendVmNotFound(reply, request.params.vm);
    return vm.powerState === 'POWERED_OFF' ? { state: vm.powerState, clean_power_off: true } : { state: vm.powerState };
  });

  app.post<{ Params: { vm: string }; Querystring: Query }>('/api/vcenter/vm/:vm/power', async (request, reply) => {
    const action = request.query.action;
    if (typeof action !== 'string' || !POWER_ACTIONS.includes(action)) {
      return sendVapiError(reply, 'INVALID_ARGUMENT', 'vapi.method.input.invalid', 'Invalid or missing action.', ['action']);
    }
    const vm = findVm(request.params.vm);
    if (!vm) return sendVmNotFound(reply, request.params.vm);
    const next = transition(action as PowerAction, vm.powerState);
    if (next === 'ALREADY') {
      return sendVapiError(
        reply,
        'ALREADY_IN_DESIRED_STATE',
        `com.vmware.api.vcenter.vm.power.already_${action}`,
        `Virtual machine is already in the state '${vm.powerState}'.`,
        [vm.nativeId],
      );
    }
    if (next === 'NOT_ALLOWED') {
      return sendVapiError(
        reply,
        'NOT_ALLOWED_IN_CURRENT_STATE',
        'com.vmware.api.vcenter.vm.power.not_allowed',
        `Operation '${action}' is not allowed in the state '${vm.powerState}'.`,
        [vm.nativeId, vm.powerState],
      );
    }
    // Synchronous in this API: the answer comes when the task ends, the state final then
    // (also for a client that stopped waiting: the task does not depend on it).
    if (faults.operationMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.operationMs));
    if (faults.failOperations) {
      // A task that failed in vCenter (a host refusing the VM, say): 500 `ERROR`, the VM as it was.
      return sendVapiError(
        reply,
        'ERROR',
        `com.vmware.api.vcenter.vm.power.${action}.failed`,
        `The operation '${action}' failed on virtual machine '${vm.nativeId}'.`,
        [vm.nativeId],
      );
    }
    vm.powerState = next;
    return reply.code(204).send();
  });
}
