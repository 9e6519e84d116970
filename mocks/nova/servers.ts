/**
 * Nova server routes: list (summary and detail, with marker/limit paging and
 * regex-ish filters), show, and the start/stop/suspend/resume actions. Actions
 * change the seed's `powerState` at once; `state.transitionReads` can make GET
 * show the old state with a task_state for a few reads, to exercise polling.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedPowerState, SeedVm } from '../seed';
import { novaFault } from './faults';
import { computeUrl, novaTimestamp, type NovaState, type PendingTask } from './state';
import { NOVA_STATES, atLeast, serverView, type Microversion } from './views';

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
  to: SeedPowerState;
  taskState: PendingTask['taskState'];
}

const ACTIONS: Record<string, Action> = {
  'os-start': { verb: 'start', from: 'POWERED_OFF', to: 'POWERED_ON', taskState: 'powering-on' },
  'os-stop': { verb: 'stop', from: 'POWERED_ON', to: 'POWERED_OFF', taskState: 'powering-off' },
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
function listPage(state: NovaState, query: Query, version: Microversion, path: string): Page | string {
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
    const index = state.cloud.vms.findIndex((vm) => vm.nativeId === marker);
    if (index < 0) return `marker [${marker}] not found`;
    start = index + 1;
  }
  const nameOk = regexFilter(lastValue(query.name));
  const zoneOk = regexFilter(lastValue(query.availability_zone));
  const matching = state.cloud.vms
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
  return { vms, next: `${computeUrl(state)}${path}?${params.toString()}` };
}

/** Register the server routes on the compute scope. */
export function registerServers(scope: FastifyInstance, state: NovaState, versionOf: (r: FastifyRequest) => Microversion): void {
  const findVm = (id: string): SeedVm | undefined => state.cloud.vms.find((vm) => vm.nativeId === id);
  const notFound = (reply: FastifyReply, id: string) => novaFault(reply, 404, `Instance ${id} could not be found.`);

  const list = (detail: boolean) => async (request: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const version = versionOf(request);
    const path = detail ? '/servers/detail' : '/servers';
    const page = listPage(state, request.query, version, path);
    if (typeof page === 'string') return novaFault(reply, 400, page);
    const servers = page.vms.map((vm) => {
      if (detail) return serverView(vm, state, version);
      return { id: vm.nativeId, name: vm.name, links: [{ rel: 'self', href: `${computeUrl(state)}/servers/${vm.nativeId}` }] };
    });
    return { servers, ...(page.next ? { servers_links: [{ rel: 'next', href: page.next }] } : {}) };
  };
  scope.get('/servers', list(false));
  scope.get('/servers/detail', list(true));

  scope.get<{ Params: { id: string } }>('/servers/:id', async (request, reply) => {
    const vm = findVm(request.params.id);
    if (!vm) return notFound(reply, request.params.id);
    const server = serverView(vm, state, versionOf(request));
    const pending = state.pending.get(vm.nativeId);
    if (pending && --pending.remainingReads <= 0) state.pending.delete(vm.nativeId);
    return { server };
  });

  scope.post<{ Params: { id: string } }>('/servers/:id/action', async (request, reply) => {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return novaFault(reply, 400, 'Malformed request body');
    const name = Object.keys(body)[0];
    const action = name === undefined ? undefined : ACTIONS[name];
    if (!action) return novaFault(reply, 400, `There is no such action: ${name ?? ''}`);
    const vm = findVm(request.params.id);
    if (!vm) return notFound(reply, request.params.id);

    const pending = state.pending.get(vm.nativeId);
    if (pending) {
      return novaFault(reply, 409, `Cannot '${action.verb}' instance ${vm.nativeId} while it is in task_state ${pending.taskState}`);
    }
    if (vm.powerState !== action.from) {
      const vmState = NOVA_STATES[vm.powerState].vmState;
      return novaFault(reply, 409, `Cannot '${action.verb}' instance ${vm.nativeId} while it is in vm_state ${vmState}`);
    }
    if (state.transitionReads > 0) {
      state.pending.set(vm.nativeId, { taskState: action.taskState, shownStatus: vm.powerState, remainingReads: state.transitionReads });
    }
    vm.powerState = action.to;
    state.updated.set(vm.nativeId, novaTimestamp(new Date()));
    return reply.code(202).send();
  });
}
