/**
 * Nova server routes: list (summary and detail, with marker/limit paging and
 * regex-ish filters), show, and the start/stop/suspend/resume actions. Servers are
 * the seed's VMs, all in the account's first project: a token scoped to another
 * project sees none. An action changes the seed's `powerState` at once, or after
 * `faults.operationMs`, during which GET shows the old status with a task_state,
 * as nova does while the compute host works (the task_state is set before the 202,
 * as nova's API does). With `faults.failOperations` the operation fails there: the
 * task_state is cleared and the server keeps its state, with the instance action
 * marked `Error` (or, after `POST /__mock/fail-into-error`, it goes to ERROR with a fault).
 * `GET /servers/{id}/os-instance-actions` lists the actions. `createImage` snapshots
 * a server (snapshot.ts); servers booted here (boot.ts) show BUILD until built.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedPowerState, SeedVm } from '../seed';
import type { Faults } from '../server';
import { novaFault } from './faults';
import { PROJECT, USER, novaTimestamp, type InstanceAction, type NovaState, type PendingTask } from './state';
import { createImage } from './snapshot';
import { NOVA_STATES, atLeast, serverView, type Microversion } from './views';

/** What the compute scope's hook learnt about a request. */
export interface RequestContext {
  version: Microversion;
  /** The token's project. */
  projectId: string | undefined;
  /** The compute URL links are built on. */
  links: string;
}

/** Nova's `[api] max_limit` default: also the page size when no limit is given. */
const MAX_LIMIT = 1000;

const VALID_STATUSES = new Set([
  'ACTIVE',
  'BUILD',
  'DELETED',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'PASSWORD',
  'PAUSED',
  'REBOOT',
  'REBUILD',
  'RESCUE',
  'RESIZE',
  'REVERT_RESIZE',
  'SHELVED',
  'SHELVED_OFFLOADED',
  'SHUTOFF',
  'SOFT_DELETED',
  'SUSPENDED',
  'UNKNOWN',
  'VERIFY_RESIZE',
]);

interface Action {
  /** Name nova uses in its conflict message. */
  verb: string;
  from: SeedPowerState;
  /** Nova also accepts the action for a server in ERROR (os-stop). */
  fromError?: boolean;
  to: SeedPowerState;
  taskState: PendingTask['taskState'];
}

const ACTIONS: Record<string, Action> = {
  'os-start': { verb: 'start', from: 'POWERED_OFF', to: 'POWERED_ON', taskState: 'powering-on' },
  'os-stop': { verb: 'stop', from: 'POWERED_ON', fromError: true, to: 'POWERED_OFF', taskState: 'powering-off' },
  suspend: { verb: 'suspend', from: 'POWERED_ON', to: 'SUSPENDED', taskState: 'suspending' },
  resume: { verb: 'resume', from: 'SUSPENDED', to: 'POWERED_ON', taskState: 'resuming' },
};

type Query = Record<string, string | string[] | undefined>;
const lastValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);
const allValues = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Nova hands these filters to the database as REGEXP: an unanchored, case-insensitive search. */
function regexFilter(pattern: string | undefined): (value: string) => boolean {
  if (pattern === undefined) return () => true;
  try {
    const re = new RegExp(pattern, 'i');
    return (value) => re.test(value);
  } catch {
    return (value) => value.toLowerCase().includes(pattern.toLowerCase());
  }
}

interface Page {
  vms: SeedVm[];
  next?: string;
}

/** Apply filters and marker/limit paging; a string is a badRequest message. */
function listPage(state: NovaState, context: RequestContext, query: Query, path: string): Page | string {
  const version = context.version;
  const limitRaw = lastValue(query.limit);
  if (limitRaw !== undefined && !/^\d+$/.test(limitRaw)) return `Invalid input for query parameters limit. Value: ${limitRaw}.`;
  const limit = Math.min(limitRaw === undefined ? MAX_LIMIT : Number(limitRaw), MAX_LIMIT);

  const statuses = allValues(query.status).map((s) => s.toUpperCase());
  const unknown = statuses.find((s) => !VALID_STATUSES.has(s));
  // Up to 2.37 an unknown status simply matches nothing; from 2.38 it is an error.
  if (unknown !== undefined && atLeast(version, 38)) return `Invalid status value: ${unknown}`;

  let start = 0;
  const marker = lastValue(query.marker);
  if (marker !== undefined) {
    const index = visibleVms(state, context).findIndex((vm) => vm.nativeId === marker);
    if (index < 0) return `marker [${marker}] not found`;
    start = index + 1;
  }
  const nameOk = regexFilter(lastValue(query.name));
  const zoneOk = regexFilter(lastValue(query.availability_zone));
  const matching = visibleVms(state, context)
    .slice(start)
    .filter((vm) => nameOk(vm.name) && zoneOk(vm.vdcNativeId))
    .filter((vm) => statuses.length === 0 || statuses.includes(NOVA_STATES[vm.powerState].status));
  const vms = matching.slice(0, limit);

  // Like nova, a full page always gets a next link (even when nothing follows it).
  if (limit === 0 || vms.length < limit) return { vms };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'marker' && key !== 'limit') for (const v of allValues(value)) params.append(key, v);
  }
  params.set('limit', String(limit));
  params.set('marker', vms[vms.length - 1]!.nativeId);
  return { vms, next: `${context.links}${path}?${params.toString()}` };
}

/** The servers a token sees: those of its project (the seed's VMs are all in the first one). */
const visibleVms = (state: NovaState, context: RequestContext): SeedVm[] => (context.projectId === PROJECT.id ? state.cloud.vms : []);

/**
 * Settle the operations whose time is up: done, or failed into ERROR. `due`: settle that
 * task whatever the clock says (its timer may fire a millisecond early by `Date.now()`).
 */
function settle(state: NovaState, due?: PendingTask): void {
  const now = Date.now();
  for (const [id, task] of state.pending) {
    if (task !== due && task.until > now) continue;
    state.pending.delete(id);
    const vm = state.cloud.vms.find((v) => v.nativeId === id);
    const at = novaTimestamp(new Date(task.until));
    if (task.failure === 'error') state.errored.set(id, { created: at });
    if (task.failure === undefined && vm) {
      state.errored.delete(id);
      vm.powerState = task.to;
    }
    if (task.failure !== undefined) task.record.message = 'Error';
    task.record.updated_at = at;
    state.updated.set(id, at);
  }
}

/** True while a server booted here is still building. */
const isBuilding = (state: NovaState, id: string): boolean => (state.building.get(id) ?? 0) > Date.now();

/** serverView, plus what a server booted here has of its own: its metadata, and BUILD while it builds. */
function shownServer(vm: SeedVm, state: NovaState, context: RequestContext): Record<string, unknown> {
  const view = serverView(vm, state, context.version, context.links);
  const metadata = state.metadata.get(vm.nativeId);
  if (metadata) view.metadata = metadata;
  if (isBuilding(state, vm.nativeId)) {
    Object.assign(view, {
      status: 'BUILD',
      'OS-EXT-STS:vm_state': 'building',
      'OS-EXT-STS:task_state': 'spawning',
      'OS-EXT-STS:power_state': 0,
    });
  }
  return view;
}

/** Nova's request ids: `req-` and a uuid. */
const requestId = (): string => `req-${randomUUID()}`;

/** Register the server routes on the compute scope. */
export function registerServers(
  scope: FastifyInstance,
  state: NovaState,
  faults: Readonly<Faults>,
  contextOf: (r: FastifyRequest) => RequestContext,
): void {
  const findVm = (request: FastifyRequest, id: string): SeedVm | undefined =>
    visibleVms(state, contextOf(request)).find((vm) => vm.nativeId === id);
  const notFound = (reply: FastifyReply, id: string) => novaFault(reply, 404, `Instance ${id} could not be found.`);

  const list = (detail: boolean) => async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    settle(state);
    const context = contextOf(request);
    const path = detail ? '/servers/detail' : '/servers';
    const page = listPage(state, context, request.query, path);
    if (typeof page === 'string') return novaFault(reply, 400, page);
    const servers = page.vms.map((vm) => {
      if (detail) return shownServer(vm, state, context);
      return { id: vm.nativeId, name: vm.name, links: [{ rel: 'self', href: `${context.links}/servers/${vm.nativeId}` }] };
    });
    return { servers, ...(page.next ? { servers_links: [{ rel: 'next', href: page.next }] } : {}) };
  };
  scope.get('/servers', list(false));
  scope.get('/servers/detail', list(true));

  scope.get<{ Params: { id: string } }>('/servers/:id', async (request, reply) => {
    settle(state);
    const vm = findVm(request, request.params.id);
    if (!vm) return notFound(reply, request.params.id);
    const context = contextOf(request);
    return { server: shownServer(vm, state, context) };
  });

  // Newest first, as nova lists them.
  scope.get<{ Params: { id: string } }>('/servers/:id/os-instance-actions', async (request, reply) => {
    settle(state);
    const vm = findVm(request, request.params.id);
    if (!vm) return notFound(reply, request.params.id);
    return { instanceActions: [...(state.actions.get(vm.nativeId) ?? [])].reverse() };
  });

  scope.post<{ Params: { id: string } }>('/servers/:id/action', async (request, reply) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return novaFault(reply, 400, 'Malformed request body');
    const name = Object.keys(body)[0];
    if (name === 'createImage') {
      const vm = findVm(request, request.params.id);
      if (!vm) return notFound(reply, request.params.id);
      return createImage(state, faults, vm, body, contextOf(request).version, reply);
    }
    const action = name === undefined ? undefined : ACTIONS[name];
    if (!action) return novaFault(reply, 400, `There is no such action: ${name ?? ''}`);
    settle(state);
    const vm = findVm(request, request.params.id);
    if (!vm) return notFound(reply, request.params.id);

    if (isBuilding(state, vm.nativeId)) {
      return novaFault(reply, 409, `Cannot '${action.verb}' instance ${vm.nativeId} while it is in vm_state building`);
    }
    const pending = state.pending.get(vm.nativeId);
    if (pending) {
      return novaFault(reply, 409, `Cannot '${action.verb}' instance ${vm.nativeId} while it is in task_state ${pending.taskState}`);
    }
    const inError = state.errored.has(vm.nativeId);
    if (inError ? action.fromError !== true : vm.powerState !== action.from) {
      const vmState = inError ? 'error' : NOVA_STATES[vm.powerState].vmState;
      return novaFault(reply, 409, `Cannot '${action.verb}' instance ${vm.nativeId} while it is in vm_state ${vmState}`);
    }
    // Read at request time, so a test can change them while the mock runs.
    const { failOperations: fails, operationMs } = faults;
    const now = novaTimestamp(new Date());
    const record: InstanceAction = {
      action: action.verb,
      instance_uuid: vm.nativeId,
      request_id: requestId(),
      user_id: USER.id,
      project_id: PROJECT.id,
      start_time: now,
      updated_at: now,
      message: null,
    };
    state.actions.set(vm.nativeId, [...(state.actions.get(vm.nativeId) ?? []), record]);
    // Set before the 202, as nova's API saves the task_state before casting to the compute host.
    const task: PendingTask = {
      taskState: action.taskState,
      shownStatus: inError ? 'ERROR' : vm.powerState,
      to: action.to,
      until: Date.now() + operationMs,
      ...(fails ? { failure: state.failIntoError ? 'error' : 'reverts' } : {}),
      record,
    };
    state.pending.set(vm.nativeId, task);
    // Done at once when the operation takes no time; else when its time is up (or at the next read after).
    if (operationMs > 0) setTimeout(() => settle(state, task), operationMs).unref();
    else settle(state);
    return reply.code(202).send();
  });
}
