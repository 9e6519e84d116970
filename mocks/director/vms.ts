/**
 * VM detail, power actions and tasks on the legacy API. A power action answers
 * 202 with a Task (status `running`) like a real cell; the mock applies the
 * change at once, so the first `GET /api/task/<uuid>` already reports `success`.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { SeedCloud, SeedPowerState, SeedVm } from '../seed';
import { API_VERSION, sendLegacyError } from './errors';
import { baseUrl, findVm, orgHref, uuidOf, vmHref } from './hrefs';

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
  endTime: string;
}

/** Old tasks are forgotten past this many, as a cell expires them. */
const MAX_TASKS = 1000;

/** Register `GET /api/vApp/vm-<uuid>`, `POST .../power/action/<action>` and `GET /api/task/<uuid>`. */
export function registerVms(app: FastifyInstance, cloud: SeedCloud): void {
  const tasks = new Map<string, StoredTask>();
  const orgOf = (vm: SeedVm) => {
    const orgId = cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId)?.orgNativeId;
    return cloud.orgs.find((o) => o.nativeId === orgId);
  };

  const renderTask = (base: string, task: StoredTask, done: boolean): unknown => {
    const spec = ACTIONS[task.action];
    const org = orgOf(task.vm);
    return {
      otherAttributes: {},
      link: [],
      href: `${base}/api/task/${task.uuid}`,
      type: 'application/vnd.vmware.vcloud.task+json',
      id: `urn:vcloud:task:${task.uuid}`,
      operationKey: null,
      name: 'task',
      status: done ? 'success' : 'running',
      operation: `${spec.verb} Virtual Machine ${task.vm.name}(${uuidOf(task.vm.nativeId)})`,
      operationName: spec.operationName,
      serviceNamespace: 'com.vmware.vcloud',
      startTime: task.startTime,
      endTime: done ? task.endTime : null,
      cancelRequested: false,
      owner: {
        href: vmHref(base, task.vm.nativeId),
        id: task.vm.nativeId,
        type: 'application/vnd.vmware.vcloud.vm+json',
        name: task.vm.name,
      },
      error: null,
      user: { href: null, id: null, type: 'application/vnd.vmware.admin.user+xml', name: 'administrator' },
      organization: org
        ? { href: orgHref(base, org.nativeId), id: org.nativeId, type: 'application/vnd.vmware.vcloud.org+json', name: org.name }
        : null,
      progress: done ? 100 : 0,
      details: '',
    };
  };

  app.get<{ Params: { vm: string } }>('/api/vApp/:vm', async (request, reply) => {
    const vm = findVm(cloud, request.params.vm);
    if (!vm)
      return sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `[ ${request.params.vm} ] No access to entity "${request.params.vm}".`);
    const base = baseUrl(request);
    const href = vmHref(base, vm.nativeId);
    const link = (Object.keys(ACTIONS) as Action[])
      .filter((a) => ACTIONS[a].from.includes(vm.powerState))
      .map((a) => ({ otherAttributes: {}, href: `${href}/power/action/${a}`, type: null, rel: `power:${a}` }));
    return reply.type(`application/vnd.vmware.vcloud.vm+json;version=${API_VERSION}`).send({
      otherAttributes: {},
      link,
      href,
      type: 'application/vnd.vmware.vcloud.vm+json',
      id: vm.nativeId,
      name: vm.name,
      description: '',
      status: STATUS_CODE[vm.powerState],
      deployed: vm.powerState !== 'POWERED_OFF',
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
    if (!vm)
      return sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `[ ${request.params.vm} ] No access to entity "${request.params.vm}".`);
    const action = request.params.action as Action;
    const spec = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!spec) return sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `Power action "${request.params.action}" does not exist.`);
    if (!spec.from.includes(vm.powerState)) {
      // A real cell answers a state mismatch with 400 BAD_REQUEST, not 409.
      return sendLegacyError(
        reply,
        400,
        'BAD_REQUEST',
        `The requested operation could not be executed since VM "${vm.name}" ${spec.refusal}.`,
      );
    }
    vm.powerState = spec.to;
    const now = new Date().toISOString();
    const task: StoredTask = { uuid: randomUUID(), vm, action, startTime: now, endTime: now };
    tasks.set(task.uuid, task);
    if (tasks.size > MAX_TASKS) tasks.delete(tasks.keys().next().value!);
    const base = baseUrl(request);
    return reply
      .code(202)
      .header('Location', `${base}/api/task/${task.uuid}`)
      .type(`application/vnd.vmware.vcloud.task+json;version=${API_VERSION}`)
      .send(renderTask(base, task, false));
  });

  app.get<{ Params: { id: string } }>('/api/task/:id', async (request, reply) => {
    const task = tasks.get(request.params.id.toLowerCase());
    if (!task) return sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `[ ${request.params.id} ] Task not found.`);
    return reply.type(`application/vnd.vmware.vcloud.task+json;version=${API_VERSION}`).send(renderTask(baseUrl(request), task, true));
  });
}
