/**
 * VM detail, power actions and tasks on the legacy API. A power action answers
 * 202 with a Task like a real cell; the task is `queued`, then `running` (with
 * `progress`) for `faults.operationMs`, then ends: `success`, the VM's state
 * changed, or with `faults.failOperations` `error` with the Task's `error` element
 * and the state unchanged. With `operationMs` 0 the first `GET /api/task/<uuid>`
 * already reports the end. A VM with a task still going is busy (400 BUSY_ENTITY).
 *
 * Missing entities (a VM, a task) answer 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN, as a
 * cell does: it does not tell "does not exist" from "not yours".
 *
 * Mock-only: `POST /__mock/reject-actions {"count": n}` makes the next n power
 * actions answer the legacy 500 INTERNAL_SERVER_ERROR, as a cell does when the
 * operation fails before a task is made. `POST /__mock/end-tasks` ends every task
 * still going at once (a test's cleanup, so no VM stays busy into the next one).
 *
 * `GET /api/task/<uuid>` also answers the content operations' tasks (contentTasks.ts).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SeedCloud, SeedPowerState, SeedVm } from '../seed';
import type { Faults } from '../server';
import type { ContentTasks } from './contentTasks';
import { sendLegacyError } from './errors';
import { baseUrl, findVm, orgHref, uuidOf, vmHref } from './hrefs';
import { versionOf } from './versions';

type Action = 'powerOn' | 'powerOff' | 'suspend';

/** Which states each action accepts, what it leads to, and how VCD names it. */
const ACTIONS: Record<
  Action,
  { from: readonly SeedPowerState[]; to: SeedPowerState; operationName: string; verb: string; refusal: string }
> = {
  powerOn: {
    from: ['POWERED_OFF', 'SUSPENDED'],
    to: 'POWERED_ON',
    operationName: 'vappPowerOn',
    verb: 'Powering on',
    refusal: 'is already powered on',
  },
  powerOff: {
    from: ['POWERED_ON', 'SUSPENDED'],
    to: 'POWERED_OFF',
    operationName: 'vappPowerOff',
    verb: 'Powering off',
    refusal: 'is not powered on',
  },
  suspend: { from: ['POWERED_ON'], to: 'SUSPENDED', operationName: 'vappSuspend', verb: 'Suspending', refusal: 'is not powered on' },
};

/** The legacy API's numeric entity status codes. */
const STATUS_CODE: Record<SeedPowerState, number> = { POWERED_ON: 4, POWERED_OFF: 8, SUSPENDED: 3 };

interface StoredTask {
  uuid: string;
  vm: SeedVm;
  action: Action;
  startTime: string;
  /** `Date.now()` at the start, and how long the operation takes. */
  startedAt: number;
  durationMs: number;
  /** Ends in `error` instead of `success`. */
  fails: boolean;
  /** Set once the task has ended (and a successful one changed the VM). */
  endTime?: string;
}

type TaskStatus = 'queued' | 'running' | 'success' | 'error';

/**
 * Deployment apart from power: a real powerOff leaves the VM deployed (undeploy is
 * an action of its own), so a VM once powered on stays deployed here. Keyed by the
 * VM object, which belongs to one mock's state.
 */
const deployed = new WeakMap<SeedVm, boolean>();

/** Is `vm` deployed? Seeded VMs are when they are not powered off. */
export function deployedOf(vm: SeedVm): boolean {
  return deployed.get(vm) ?? vm.powerState !== 'POWERED_OFF';
}

/** Old tasks are forgotten past this many, as a cell expires them. */
const MAX_TASKS = 1000;

/** The 403 a cell answers for an entity that does not exist (or that the caller may not see). */
function sendMissing(reply: FastifyReply, what: string): FastifyReply {
  return sendLegacyError(
    reply,
    403,
    'ACCESS_TO_RESOURCE_IS_FORBIDDEN',
    `[ ${randomUUID()} ] The VMware Cloud Director entity ${what} does not exist.`,
  );
}

/**
 * Register `GET /api/vApp/vm-<uuid>`, `POST .../power/action/<action>` and `GET /api/task/<uuid>`
 * (power tasks and `contentTasks`); reads `faults` per request.
 */
export function registerVms(app: FastifyInstance, cloud: SeedCloud, faults: Readonly<Faults>, contentTasks: ContentTasks): void {
  const tasks = new Map<string, StoredTask>();
  /** VMs with a task still going. */
  const busy = new Set<SeedVm>();
  let rejectActions = 0;

  /**
   * End `task` once its time is up (idempotent): a successful one changes the VM then.
   * `now`: end it whatever the clock says (a timer may fire a millisecond early by `Date.now()`).
   */
  const settle = (task: StoredTask, now = false): void => {
    if (task.endTime !== undefined || (!now && Date.now() - task.startedAt < task.durationMs)) return;
    task.endTime = new Date().toISOString();
    busy.delete(task.vm);
    if (task.fails) return;
    task.vm.powerState = ACTIONS[task.action].to;
    deployed.set(task.vm, true);
  };
  const statusOf = (task: StoredTask): TaskStatus => {
    settle(task);
    if (task.endTime !== undefined) return task.fails ? 'error' : 'success';
    return Date.now() - task.startedAt < task.durationMs / 10 ? 'queued' : 'running';
  };
  const orgOf = (vm: SeedVm) => {
    const orgId = cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId)?.orgNativeId;
    return cloud.orgs.find((o) => o.nativeId === orgId);
  };

  /** The Task as of now; `accepted`: as the 202 of the action shows it, just started. */
  const renderTask = (base: string, task: StoredTask, accepted = false): unknown => {
    const spec = ACTIONS[task.action];
    const org = orgOf(task.vm);
    const status: TaskStatus = accepted ? 'running' : statusOf(task);
    const endTime = accepted ? undefined : task.endTime;
    const progress =
      status === 'success' || status === 'error'
        ? 100
        : accepted || status === 'queued'
          ? 0
          : Math.min(99, Math.floor((100 * (Date.now() - task.startedAt)) / task.durationMs));
    return {
      otherAttributes: {},
      link: [],
      href: `${base}/api/task/${task.uuid}`,
      type: 'application/vnd.vmware.vcloud.task+json',
      id: `urn:vcloud:task:${task.uuid}`,
      operationKey: null,
      name: 'task',
      status,
      operation: `${spec.verb} Virtual Machine ${task.vm.name}(${uuidOf(task.vm.nativeId)})`,
      operationName: spec.operationName,
      serviceNamespace: 'com.vmware.vcloud',
      startTime: task.startTime,
      endTime: endTime ?? null,
      cancelRequested: false,
      owner: {
        href: vmHref(base, task.vm.nativeId),
        id: task.vm.nativeId,
        type: 'application/vnd.vmware.vcloud.vm+json',
        name: task.vm.name,
      },
      error:
        status === 'error'
          ? {
              otherAttributes: {},
              majorErrorCode: 500,
              minorErrorCode: 'INTERNAL_SERVER_ERROR',
              message: `Unable to perform this action. Contact your cloud administrator.`,
              vendorSpecificErrorCode: null,
              stackTrace: null,
            }
          : null,
      user: { href: null, id: null, type: 'application/vnd.vmware.admin.user+xml', name: 'administrator' },
      organization: org
        ? { href: orgHref(base, org.nativeId), id: org.nativeId, type: 'application/vnd.vmware.vcloud.org+json', name: org.name }
        : null,
      progress,
      details: status === 'error' ? 'Unable to perform this action. Contact your cloud administrator.' : '',
    };
  };

  app.get<{ Params: { vm: string } }>('/api/vApp/:vm', async (request, reply) => {
    const vm = findVm(cloud, request.params.vm);
    if (!vm) return sendMissing(reply, request.params.vm);
    const base = baseUrl(request);
    const href = vmHref(base, vm.nativeId);
    const link = (Object.keys(ACTIONS) as Action[])
      .filter((a) => ACTIONS[a].from.includes(vm.powerState))
      .map((a) => ({ otherAttributes: {}, href: `${href}/power/action/${a}`, type: null, rel: `power:${a}` }));
    return reply.type(`application/vnd.vmware.vcloud.vm+json;version=${versionOf(request)}`).send({
      otherAttributes: {},
      link,
      href,
      type: 'application/vnd.vmware.vcloud.vm+json',
      id: vm.nativeId,
      name: vm.name,
      description: '',
      status: STATUS_CODE[vm.powerState],
      deployed: deployedOf(vm),
      needsCustomization: false,
      nestedHypervisorEnabled: false,
      vmSpecSection: {
        modified: false,
        info: 'Virtual Machine specification',
        osType: 'ubuntu64Guest',
        numCpus: vm.cpuCount,
        numCoresPerSocket: 1,
        memoryResourceMb: { configured: vm.memoryMb },
        diskSection: { diskSettings: [{ diskId: '2000', sizeMb: vm.storageGb * 1024, unitNumber: 0, busNumber: 0 }] },
      },
    });
  });

  app.post<{ Params: { vm: string; action: string } }>('/api/vApp/:vm/power/action/:action', async (request, reply) => {
    const vm = findVm(cloud, request.params.vm);
    if (!vm) return sendMissing(reply, request.params.vm);
    const action = request.params.action as Action;
    const spec = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!spec) return sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `Power action "${request.params.action}" does not exist.`);
    if (busy.has(vm)) {
      return sendLegacyError(reply, 400, 'BUSY_ENTITY', `The entity VM "${vm.name}" is busy completing an operation.`);
    }
    if (!spec.from.includes(vm.powerState)) {
      // A real cell answers a state mismatch with 400 BAD_REQUEST, not 409.
      return sendLegacyError(
        reply,
        400,
        'BAD_REQUEST',
        `The requested operation could not be executed since VM "${vm.name}" ${spec.refusal}.`,
      );
    }
    if (rejectActions > 0) {
      rejectActions -= 1;
      return sendLegacyError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Unable to perform this action. Contact your cloud administrator.');
    }
    const task: StoredTask = {
      uuid: randomUUID(),
      vm,
      action,
      startTime: new Date().toISOString(),
      startedAt: Date.now(),
      durationMs: faults.operationMs,
      fails: faults.failOperations,
    };
    busy.add(vm);
    settle(task);
    // The VM changes when the operation ends, whether or not anyone is looking at the task.
    if (task.endTime === undefined) setTimeout(() => settle(task, true), task.durationMs).unref();
    tasks.set(task.uuid, task);
    if (tasks.size > MAX_TASKS) tasks.delete(tasks.keys().next().value!);
    const base = baseUrl(request);
    return reply
      .code(202)
      .header('Location', `${base}/api/task/${task.uuid}`)
      .type(`application/vnd.vmware.vcloud.task+json;version=${versionOf(request)}`)
      .send(renderTask(base, task, true));
  });

  app.get<{ Params: { id: string } }>('/api/task/:id', async (request, reply) => {
    const task = tasks.get(request.params.id.toLowerCase());
    const contentTask = task ? undefined : contentTasks.get(request.params.id);
    if (!task && !contentTask) return sendMissing(reply, `urn:vcloud:task:${request.params.id}`);
    const base = baseUrl(request);
    return reply
      .type(`application/vnd.vmware.vcloud.task+json;version=${versionOf(request)}`)
      .send(task ? renderTask(base, task) : contentTasks.render(base, contentTask!));
  });

  // Mock-only: the next `count` power actions fail at once with the legacy 500.
  app.post('/__mock/reject-actions', async (request) => {
    const count = Number((request.body as { count?: unknown } | undefined)?.count ?? 1);
    rejectActions = Number.isInteger(count) && count > 0 ? count : 0;
    return { rejectActions };
  });

  // Mock-only: end every task still going now, so no VM stays busy into the next test.
  app.post('/__mock/end-tasks', async () => {
    const going = [...tasks.values()].filter((t) => t.endTime === undefined);
    for (const task of going) settle(task, true);
    return { ended: going.length };
  });
}
