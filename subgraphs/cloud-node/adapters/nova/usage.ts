/**
 * OpenStack usage metering through Nova's `os-simple-tenant-usage/{tenant_id}` (policy:
 * project reader), paged from microversion 2.40 (which the adapter always speaks) with
 * `limit`/`marker` and `tenant_usage_links`. The project is the one the token's servers
 * carry (`tenant_id`); the availability zone of each instance (the VDC) comes from the
 * server list, which the usage answer does not name.
 *
 * What Nova reports is existence, not consumption: an instance counts from launch to
 * termination, stopped or not, sized by its *latest* flavor (a resize re-prices the
 * whole period), and there are no used CPU or memory figures. So every hour an instance
 * existed in carries its flavor's vcpus, memory_mb and local_gb as both the max and the
 * mean allocation, and null used figures. An instance deleted since (absent from the
 * server list) has no zone to be attributed to and is left out.
 */
import { z } from 'zod';
import { HOUR_MS, hourStart } from '../../../../schema/hours';
import type { HttpResponse } from '../../../shared/http';
import type { UsageHourRecord, UsageWindow } from '../types';
import { novaAnswers, novaError } from './errors';

/** Nova's `[api] max_limit` default; asking for more is capped anyway. */
const PAGE_SIZE = 1000;

/** A compute GET through the adapter's session (token, catalog endpoint, microversion). */
export type ComputeGet = (req: { method: 'GET'; path: string }) => Promise<HttpResponse>;

const links = z.array(z.object({ rel: z.string(), href: z.string() })).optional();

const serverPage = z.object({
  servers: z.array(z.object({ id: z.string(), tenant_id: z.string(), 'OS-EXT-AZ:availability_zone': z.string().nullish() })),
  servers_links: links,
});

const serverUsage = z.object({
  instance_id: z.string(),
  name: z.string(),
  vcpus: z.number(),
  memory_mb: z.number(),
  local_gb: z.number(),
  started_at: z.string(),
  ended_at: z.string().nullish(),
});
type ServerUsage = z.infer<typeof serverUsage>;

const usagePage = z.object({
  // `{}` for a project without instances in the period.
  tenant_usage: z.object({ server_usages: z.array(serverUsage).optional() }),
  tenant_usage_links: links,
});

/** Nova's naive timestamp (`2026-11-01T00:00:00.000000`, UTC, no zone) in ms; NaN when unreadable. */
export function novaTime(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (!match) return Number.NaN;
  return Date.parse(`${match[1]!.replace(' ', 'T')}${(match[2] ?? '').slice(0, 4)}${match[3] ?? 'Z'}`);
}

/** `CCYY-MM-DDThh:mm:ss`, what the API takes for start and end (UTC). */
const novaQueryTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/**
 * Every item of a paged list: `read` parses one page into its items and next link. An
 * empty page ends the walk even if a link follows, so a bad link cannot loop.
 */
async function walk<T>(
  compute: ComputeGet,
  first: string,
  subject: string,
  read: (body: unknown, status: number) => { items: T[]; next?: string },
): Promise<T[]> {
  const items: T[] = [];
  let path: string | undefined = first;
  while (path !== undefined) {
    const res = await compute({ method: 'GET', path });
    if (res.status !== 200) throw novaError(res, { subject });
    const page = read(res.body, res.status);
    items.push(...page.items);
    path = page.items.length > 0 ? page.next : undefined;
  }
  return items;
}

const nextOf = (l: z.infer<typeof links>): string | undefined => l?.find((link) => link.rel === 'next')?.href;

/** The usage of the session's project in `window`, hour by hour. */
export async function novaUsage(compute: ComputeGet, window: UsageWindow): Promise<UsageHourRecord[]> {
  const start = window.start.getTime();
  // Hours that have begun, none of the future.
  const end = Math.min(window.end.getTime(), hourStart(Date.now()).getTime() + HOUR_MS);
  if (end <= start) return [];

  const servers = await walk(compute, `/servers/detail?limit=${PAGE_SIZE}`, 'server list', (body, status) => {
    const page = novaAnswers.parse(serverPage, body, 'server list', status);
    return { items: page.servers, next: nextOf(page.servers_links) };
  });
  const zoneOf = new Map(servers.map((s) => [s.id, s['OS-EXT-AZ:availability_zone'] ?? '']));
  // A project-scoped token lists its own project's servers: their tenant_id is the project.
  const projects = [...new Set(servers.map((s) => s.tenant_id))];

  const records: UsageHourRecord[] = [];
  for (const project of projects) {
    const subject = `usage of project ${project}`;
    const query = new URLSearchParams({ start: novaQueryTime(start), end: novaQueryTime(end), limit: String(PAGE_SIZE) });
    const usages = await walk<ServerUsage>(
      compute,
      `/os-simple-tenant-usage/${encodeURIComponent(project)}?${query.toString()}`,
      subject,
      (body, status) => {
        const page = novaAnswers.parse(usagePage, body, subject, status);
        return { items: page.tenant_usage.server_usages ?? [], next: nextOf(page.tenant_usage_links) };
      },
    );
    for (const u of usages) records.push(...hoursOf(u, zoneOf.get(u.instance_id), start, end));
  }
  return records;
}

/** The hours in [start, end) an instance existed in: from the hour of its launch to its termination. */
function hoursOf(u: ServerUsage, zone: string | undefined, start: number, end: number): UsageHourRecord[] {
  const launched = novaTime(u.started_at);
  const ended = u.ended_at ? novaTime(u.ended_at) : Number.POSITIVE_INFINITY;
  if (zone === undefined || Number.isNaN(launched) || Number.isNaN(ended)) return [];
  const allocation = { vcpu: u.vcpus, memoryMb: u.memory_mb, storageGb: u.local_gb };
  const records: UsageHourRecord[] = [];
  for (let hour = Math.max(start, hourStart(launched).getTime()); hour < Math.min(end, ended); hour += HOUR_MS) {
    records.push({
      vmId: u.instance_id,
      vmName: u.name,
      vdcId: zone,
      hour: new Date(hour),
      max: allocation,
      avg: allocation,
      cpuUsedMhz: null,
      memoryUsedMb: null,
      storageUsedGb: null,
      networkKbps: null,
    });
  }
  return records;
}
