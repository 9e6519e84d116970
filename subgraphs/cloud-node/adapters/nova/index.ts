/**
 * Adapter for an OpenStack public-cloud account: Keystone v3 for the token and
 * service catalog, Nova compute v2.1 (microversion 2.47 to 2.79, see microversion.ts)
 * for zones and servers.
 *
 * Mapping: a VDC is an availability zone (id and name are the zone name); a VM is
 * a server, sized by the flavor nova embeds in it (2.47+). Templates, catalogs and
 * transfers go through Glance (the catalog's image endpoint) and Nova snapshots,
 * over the same session (content.ts).
 *
 * Batching: nova lists servers with their zone in one call, up to 1000 per page
 * (`[api] max_limit`), so listVms and getVms cost one request per page of servers,
 * whatever the number of ids or zones asked for.
 */
import { escapeRegExp } from '../../../../schema/values';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { DEFAULT_BUDGETS, type AdapterOptions, type CloudAdapter, type VmRecord } from '../types';
import { novaAnswers, novaError } from './errors';
import { serverList, serverShow, toVmRecord, zoneList, type NovaServer } from './schemas';
import { createNovaContent } from './content';
import { createNovaSession } from './session';
import { pollWithin } from '../../../shared/pollWithin';
import { novaUsage } from './usage';

/** Nova's default max_limit; asking for more is silently capped anyway. */
const PAGE_SIZE = 1000;

export function createNovaAdapter(options: AdapterOptions): CloudAdapter {
  const session = createNovaSession(options);
  const budgets = options.budgets ?? DEFAULT_BUDGETS;

  /** Every server matching `filters`, following `servers_links` page by page. */
  async function listServers(filters: Record<string, string> = {}): Promise<NovaServer[]> {
    const servers: NovaServer[] = [];
    let path: string | undefined = `/servers/detail?${new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) }).toString()}`;
    while (path !== undefined) {
      const res = await session.compute({ method: 'GET', path });
      if (res.status !== 200) throw novaError(res, { subject: 'server list' });
      const page = novaAnswers.parse(serverList, res.body, 'server list', res.status);
      servers.push(...page.servers);
      // An empty page ends the walk even if a link follows, so a bad link cannot loop.
      const next = page.servers_links?.find((link) => link.rel === 'next');
      path = next && page.servers.length > 0 ? next.href : undefined;
    }
    return servers;
  }

  async function getServer(id: string): Promise<NovaServer> {
    const res = await session.compute({ method: 'GET', path: `/servers/${encodeURIComponent(id)}` });
    if (res.status !== 200) throw novaError(res, { subject: `Server ${id}` });
    return novaAnswers.parse(serverShow, res.body, `Server ${id}`, res.status).server;
  }

  /**
   * POST a power action, then read the server until nova shows `target` with no
   * task in progress, for up to `budgetMs`. Nova accepts actions with 202 and carries
   * them out asynchronously (a clean shutdown may take a minute), so the 202 alone
   * does not mean the server is there yet.
   */
  async function powerAction(
    id: string,
    action: 'os-start' | 'os-stop',
    target: string,
    to: 'on' | 'off',
    budgetMs: number,
  ): Promise<void> {
    const subject = `Server ${id}`;
    const res = await session.compute({ method: 'POST', path: `/servers/${encodeURIComponent(id)}/action`, json: { [action]: null } });
    if (res.status !== 202) throw novaError(res, { subject, action: true });
    await pollWithin(`Powering ${to} server ${id} in OpenStack`, budgetMs, async () => {
      const server = await getServer(id);
      // A task in progress: still going (for a server in ERROR, a stop from ERROR).
      if (server['OS-EXT-STS:task_state']) return undefined;
      if (server.status === target) return true;
      // Nova's API sets the task_state before it answers 202, and the compute host clears
      // it when done: no task and not at the target means the operation ended without
      // reaching it, reverted (`@reverts_task_state`, status unchanged) or into ERROR.
      const how = server.status === 'ERROR' ? 'it went into ERROR' : 'it was left as it was';
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack could not power ${to} server ${id} (${how})`);
    });
  }

  return {
    kind: 'nova',

    async listVdcs() {
      const res = await session.compute({ method: 'GET', path: '/os-availability-zone' });
      if (res.status !== 200) throw novaError(res, { subject: 'availability zones' });
      const zones = novaAnswers.parse(zoneList, res.body, 'availability zones', res.status).availabilityZoneInfo;
      return zones.map((z) => ({ id: z.zoneName, name: z.zoneName }));
    },

    async listVms(vdcIds) {
      if (vdcIds !== undefined && vdcIds.length === 0) return [];
      const wanted = vdcIds === undefined ? undefined : new Set(vdcIds);
      // Nova matches availability_zone as a regex, so anchor it; with several zones one
      // unfiltered walk is cheaper than one walk per zone. The zone is re-checked here either way.
      const only = vdcIds?.length === 1 ? vdcIds[0] : undefined;
      const servers = await listServers(only === undefined ? {} : { availability_zone: `^${escapeRegExp(only)}$` });
      const records: VmRecord[] = [];
      for (const s of servers) {
        const record = toVmRecord(s);
        if (!wanted || wanted.has(record.vdcId)) records.push(record);
      }
      return records;
    },

    async getVms(ids) {
      const found = new Map<string, VmRecord>();
      if (ids.length === 0) return found;
      const wanted = new Set(ids);
      for (const s of await listServers()) if (wanted.has(s.id)) found.set(s.id, toVmRecord(s));
      return found;
    },

    powerOn: (id) => powerAction(id, 'os-start', 'ACTIVE', 'on', budgets.powerOnMs),
    powerOff: (id) => powerAction(id, 'os-stop', 'SHUTOFF', 'off', budgets.powerOffMs),

    // The zone list: a few entries, through keystone's token and the catalog's compute endpoint, as every query goes.
    async probe() {
      const res = await session.compute({ method: 'GET', path: '/os-availability-zone' });
      if (res.status !== 200) throw novaError(res, { subject: 'availability zones' });
    },
    // os-simple-tenant-usage: existence hours at the latest flavor, no used figures (see usage.ts).
    usage: (window) => novaUsage((req) => session.compute(req), window),

    content: createNovaContent(session),

    close: () => session.close(),
  };
}
