/**
 * Nova's `os-simple-tenant-usage` (openstack/nova `api/openstack/compute/simple_tenant_usage.py`,
 * api-ref `os-simple-tenant-usage.inc`), answered from the seed's usage history:
 * - `GET /os-simple-tenant-usage/{tenant_id}`: one project's usage (policy: project
 *   reader or admin);
 * - `GET /os-simple-tenant-usage?detailed=1`: every project's (admin; the mock's account
 *   holds the admin role, so it is not refused).
 * Both take `start`, `end` (`CCYY-MM-DDThh:mm:ss`, naive UTC) and, from 2.40, `limit`
 * and `marker` (an instance uuid): paging over instances, with a `rel: next` link while
 * a page is full. Like nova, usage counts the time an instance *existed* (launched to
 * terminated), sized by its *current* flavor; stop and suspend change nothing of it.
 * Instances were launched at the history's `createdAt` and none was deleted. The
 * period's end is cut at the current time (no hours are answered for the future).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedVm } from '../seed';
import type { VmHistory } from '../usageHistory';
import { novaFault } from './faults';
import type { RequestContext } from './servers';
import { PROJECT, type NovaState } from './state';
import { NOVA_STATES, atLeast } from './views';

/** Nova's `[api] max_limit`. */
const MAX_LIMIT = 1000;
const HOUR_MS = 3_600_000;

type Query = Record<string, string | string[] | undefined>;
const lastValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);

/** Nova's accepted formats (`_parse_datetime`): with or without fractions, `T` or a space; naive UTC. */
function parseNovaTime(value: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,6})?$/.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}${match[3] ?? ''}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A naive isoformat timestamp, as nova writes datetimes here (`2026-11-01T00:00:00.000000`, no zone). */
const naive = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000');

const flavorName = (vm: SeedVm): string => `ov.c${vm.cpuCount}r${Math.round(vm.memoryMb / 1024)}d${vm.storageGb}`;

interface Period {
  start: number;
  stop: number;
}

/** One `server_usages` entry; nova's `_hours_for`: the part of the period the instance existed. */
function serverUsage(vm: SeedVm, launchedAt: number, period: Period, now: number): Record<string, unknown> {
  const from = Math.max(launchedAt, period.start);
  const hours = Math.max(0, period.stop - from) / HOUR_MS;
  return {
    instance_id: vm.nativeId,
    name: vm.name,
    // The instance's flavor as it is now: a resize re-prices the whole period.
    flavor: flavorName(vm),
    vcpus: vm.cpuCount,
    memory_mb: vm.memoryMb,
    local_gb: vm.storageGb,
    hours,
    started_at: naive(launchedAt),
    ended_at: null,
    state: NOVA_STATES[vm.powerState].vmState,
    uptime: Math.floor((now - launchedAt) / 1000),
    tenant_id: PROJECT.id,
  };
}

function totals(usages: Record<string, unknown>[]): Record<string, number> {
  const sum = (f: (u: Record<string, unknown>) => number) => usages.reduce((n, u) => n + f(u), 0);
  const hours = (u: Record<string, unknown>) => u.hours as number;
  return {
    total_hours: sum(hours),
    total_vcpus_usage: sum((u) => hours(u) * (u.vcpus as number)),
    total_memory_mb_usage: sum((u) => hours(u) * (u.memory_mb as number)),
    total_local_gb_usage: sum((u) => hours(u) * (u.local_gb as number)),
  };
}

/** Register the usage routes on the compute scope (`contextOf`: the token and microversion the scope's hook read). */
export function registerUsage(
  scope: FastifyInstance,
  state: NovaState,
  history: readonly VmHistory[],
  contextOf: (r: FastifyRequest) => RequestContext,
): void {
  const launched = new Map(history.map((h) => [h.vm.nativeId, h.createdAt]));

  /** The period, the page and the link base of a request; a string is a badRequest message. */
  function readRequest(query: Query, context: RequestContext): { period: Period; limit?: number; marker?: string } | string {
    const now = Date.now();
    const startRaw = lastValue(query.start);
    const endRaw = lastValue(query.end);
    const start = startRaw === undefined ? now : parseNovaTime(startRaw);
    const end = endRaw === undefined ? now : parseNovaTime(endRaw);
    if (start === undefined || end === undefined) return 'Invalid time format';
    if (start > end) return 'Invalid start time. The start time cannot occur after the end time.';
    const paging = atLeast(context.version, 40);
    const limitRaw = paging ? lastValue(query.limit) : undefined;
    if (limitRaw !== undefined && !/^\d+$/.test(limitRaw)) return `Invalid input for query parameters limit. Value: ${limitRaw}.`;
    const limit = limitRaw === undefined ? (paging ? MAX_LIMIT : undefined) : Math.min(Number(limitRaw), MAX_LIMIT);
    const marker = paging ? lastValue(query.marker) : undefined;
    return {
      period: { start, stop: Math.min(end, now) },
      ...(limit !== undefined ? { limit } : {}),
      ...(marker !== undefined ? { marker } : {}),
    };
  }

  /** The project's instances active in the period, one page of them, and whether the page is full. */
  function page(
    tenantId: string,
    read: { period: Period; limit?: number; marker?: string },
  ): { usages: Record<string, unknown>[]; last?: string } | string {
    const now = Date.now();
    // Nova's `instance_get_active_by_window_joined`: not terminated before the start, launched before the end.
    const active =
      tenantId === PROJECT.id ? state.cloud.vms.filter((vm) => (launched.get(vm.nativeId) ?? Infinity) < read.period.stop) : [];
    let from = 0;
    if (read.marker !== undefined) {
      const index = active.findIndex((vm) => vm.nativeId === read.marker);
      if (index < 0) return `marker [${read.marker}] not found`;
      from = index + 1;
    }
    const vms = read.limit === undefined ? active.slice(from) : active.slice(from, from + read.limit);
    const usages = vms.map((vm) => serverUsage(vm, launched.get(vm.nativeId)!, read.period, now));
    // Like nova, a full page gets a next link (even when nothing follows it).
    const full = read.limit !== undefined && read.limit > 0 && vms.length === read.limit;
    return { usages, ...(full ? { last: vms[vms.length - 1]!.nativeId } : {}) };
  }

  const nextLink = (base: string, query: Query, limit: number, marker: string): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (key === 'marker' || key === 'limit' || value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    }
    params.set('limit', String(limit));
    params.set('marker', marker);
    return `${base}?${params.toString()}`;
  };

  const tenantUsage = (tenantId: string, period: Period, usages: Record<string, unknown>[], detailed: boolean) => ({
    tenant_id: tenantId,
    start: naive(period.start),
    stop: naive(period.stop),
    ...totals(usages),
    ...(detailed ? { server_usages: usages } : {}),
  });

  scope.get<{ Params: { tenant: string }; Querystring: Query }>('/os-simple-tenant-usage/:tenant', async (request, reply: FastifyReply) => {
    const context = contextOf(request);
    const read = readRequest(request.query, context);
    if (typeof read === 'string') return novaFault(reply, 400, read);
    const result = page(request.params.tenant, read);
    if (typeof result === 'string') return novaFault(reply, 400, result);
    const base = `${context.links}/os-simple-tenant-usage/${request.params.tenant}`;
    return {
      // A project without instances in the period answers an empty object, as nova does.
      tenant_usage: result.usages.length === 0 ? {} : tenantUsage(request.params.tenant, read.period, result.usages, true),
      ...(result.last !== undefined
        ? { tenant_usage_links: [{ rel: 'next', href: nextLink(base, request.query, read.limit!, result.last) }] }
        : {}),
    };
  });

  scope.get<{ Querystring: Query }>('/os-simple-tenant-usage', async (request, reply) => {
    const context = contextOf(request);
    const read = readRequest(request.query, context);
    if (typeof read === 'string') return novaFault(reply, 400, read);
    const detailed = ['1', 'true'].includes(String(lastValue(request.query.detailed) ?? '0').toLowerCase());
    // Every project with usage: the mock's servers are all in the first one.
    const result = page(PROJECT.id, read);
    if (typeof result === 'string') return novaFault(reply, 400, result);
    const base = `${context.links}/os-simple-tenant-usage`;
    return {
      tenant_usages: result.usages.length === 0 ? [] : [tenantUsage(PROJECT.id, read.period, result.usages, detailed)],
      ...(result.last !== undefined
        ? { tenant_usages_links: [{ rel: 'next', href: nextLink(base, request.query, read.limit!, result.last) }] }
        : {}),
    };
  });
}
