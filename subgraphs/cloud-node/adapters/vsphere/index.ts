/**
 * Adapter for vCenter's vSphere Automation REST API (`/api`, 7.0U2+).
 *
 * Session: POST /api/session with HTTP Basic credentials returns a session id that
 * every later request carries in `vmware-api-session-id`. We log in lazily, share
 * one login between concurrent calls, and log in again once when vCenter answers
 * 401 (sessions time out and do not survive a vCenter restart).
 *
 * Batching: a VM summary does not name its datacenter, so to label each VM with its
 * VDC we ask once per datacenter (`?datacenters=X`, plus `vms=...` for getVms). The
 * request count per call is the number of datacenters, whatever the number of VMs.
 *
 * Power: the call is synchronous (it answers when vCenter's power task ends, which
 * DRS placement and HA admission can make take long), so it is bounded by the
 * operation's budget, not by the per-request timeout.
 *
 * Content (content libraries, OVF capture and deploy, transfer sessions: ./content.ts)
 * runs over the same session; transfer bytes have a pool of their own, so a long
 * upload cannot hold the connections reads need.
 */
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../../shared/http';
import { DEFAULT_BUDGETS, type AdapterOptions, type CloudAdapter, type VdcRecord, type VmRecord } from '../types';
import { vapiErrorType, vsphereError, vsphereOperationError } from './errors';
import { POWER_STATES, parseList, sessionId, toVdcRecord, toVmRecord } from './records';
import { SharedCredential } from '../../../shared/credential';
import { chunk } from '../../../shared/chunk';
import { createVsphereUsage } from './usage';
import { createVsphereContent } from './content';

const SESSION_HEADER = 'vmware-api-session-id';
/** Ids per `vms=` filter; keeps the request line far below server URL limits. */
const IDS_PER_REQUEST = 200;
/** Datacenters are near-static inventory; re-list them this often for getVms/listVms. */
const DATACENTER_TTL_MS = 60_000;
/** Bound on a synchronous content operation (capture, deploy, VM delete): vCenter copies disks in them. */
const CONTENT_OPERATION_MS = 30 * 60_000;

type Query = [name: string, value: string][];

function withQuery(path: string, query: Query): string {
  return query.length === 0 ? path : `${path}?${new URLSearchParams(query).toString()}`;
}

/** Create the adapter for one vCenter. No request is made until the first call. */
export function createVsphereAdapter(options: AdapterOptions): CloudAdapter {
  const http = createHttpClient(options.baseUrl, options);
  // Power calls hold their connection until vCenter's task ends (minutes, at worst): their own
  // pool, so that many of them at once cannot leave reads and the probe queued behind them.
  const operations = createHttpClient(options.baseUrl, options);
  const transfers = createHttpClient(options.baseUrl, options);
  const basic = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  let datacenters: { ids: Promise<string[]>; expires: number } | undefined;

  const budgets = options.budgets ?? DEFAULT_BUDGETS;

  async function login(): Promise<string> {
    return sessionId(await http.request({ method: 'POST', path: '/api/session', headers: { authorization: basic } }));
  }

  const session = new SharedCredential(login);

  /** A request with the session; on 401 log in again once and retry. Returns any status. */
  function call(req: HttpRequest, client = http): Promise<HttpResponse> {
    return session.send((id) => client.request({ ...req, headers: { ...req.headers, [SESSION_HEADER]: id } }));
  }

  async function listVdcs(): Promise<VdcRecord[]> {
    const res = await call({ method: 'GET', path: '/api/vcenter/datacenter' });
    if (res.status !== 200) throw vsphereError(res, 'datacenter list');
    const vdcs = parseList(res, 'datacenter list', toVdcRecord);
    datacenters = { ids: Promise.resolve(vdcs.map((v) => v.id)), expires: Date.now() + DATACENTER_TTL_MS };
    return vdcs;
  }

  /** Datacenter ids, from a short-lived cache so getVms costs only the per-datacenter queries. */
  function datacenterIds(): Promise<string[]> {
    if (datacenters && datacenters.expires > Date.now()) return datacenters.ids;
    const ids = listVdcs().then((vdcs) => vdcs.map((v) => v.id));
    datacenters = { ids, expires: Date.now() + DATACENTER_TTL_MS };
    ids.catch(() => {
      if (datacenters?.ids === ids) datacenters = undefined;
    });
    return ids;
  }

  /** VM summaries in one datacenter matching `filter`, each labelled with that datacenter. */
  async function vmsIn(datacenter: string, filter: Query): Promise<VmRecord[]> {
    const what = `VM list of ${datacenter}`;
    const path = withQuery('/api/vcenter/vm', [['datacenters', datacenter], ...filter]);
    const res = await call({ method: 'GET', path });
    if (
      res.status === 400 &&
      vapiErrorType(res.body) === 'UNABLE_TO_ALLOCATE_RESOURCE' &&
      !filter.some(([name]) => name === 'power_states')
    ) {
      // Over vCenter's 4000-VM cap: power states split the set into disjoint parts.
      const parts = await Promise.all(POWER_STATES.map((s) => vmsIn(datacenter, [...filter, ['power_states', s]])));
      return parts.flat();
    }
    if (res.status !== 200) throw vsphereError(res, what);
    return parseList(res, what, (item) => toVmRecord(item, datacenter));
  }

  async function power(id: string, action: 'start' | 'stop'): Promise<void> {
    const path = withQuery(`/api/vcenter/vm/${encodeURIComponent(id)}/power`, [['action', action]]);
    const timeoutMs = action === 'start' ? budgets.powerOnMs : budgets.powerOffMs;
    const res = await call({ method: 'POST', path, timeoutMs }, operations);
    // Power operations are synchronous in this API: 204 means the VM is in the new state.
    if (res.status !== 204 && res.status !== 200) throw vsphereOperationError(res, `VM ${id}`);
  }

  async function listVms(vdcIds?: readonly string[]): Promise<VmRecord[]> {
    const ids = vdcIds ? [...new Set(vdcIds)] : await datacenterIds();
    const lists = await Promise.all(ids.map((dc) => vmsIn(dc, [])));
    return lists.flat();
  }

  const content = createVsphereContent(
    {
      call: (req) => call(req),
      operate: (req) => call({ ...req, timeoutMs: CONTENT_OPERATION_MS }, operations),
      bytes: (make) =>
        session.send((id) => {
          const req = make();
          return transfers.bytes({ ...req, headers: { ...req.headers, [SESSION_HEADER]: id } });
        }),
    },
    { stagingPrefix: `vsphere-${new URL(options.baseUrl).host}`, timeoutMs: options.timeoutMs },
  );

  // Usage comes from the VI/JSON API (performance statistics), on its own session.
  const metering = createVsphereUsage(http, options, () => listVms());

  return {
    kind: 'vsphere',
    listVdcs,
    listVms,

    async getVms(ids) {
      const unique = [...new Set(ids)];
      const found = new Map<string, VmRecord>();
      if (unique.length === 0) return found;
      const dcs = await datacenterIds();
      const batches = chunk(unique, IDS_PER_REQUEST).map((batch): Query => batch.map((id) => ['vms', id]));
      const lists = await Promise.all(dcs.flatMap((dc) => batches.map((filter) => vmsIn(dc, filter))));
      for (const vm of lists.flat()) found.set(vm.id, vm);
      return found;
    },

    powerOn: (id) => power(id, 'start'),
    powerOff: (id) => power(id, 'stop'),

    // The session's own record: the vAPI endpoint answering for our session, nothing listed.
    async probe() {
      const res = await call({ method: 'GET', path: '/api/session' });
      if (res.status !== 200) throw vsphereError(res, 'session check');
    },

    usage: (window) => metering.usage(window),

    content,

    async close() {
      await metering.close();
      await session.release((id) => http.request({ method: 'DELETE', path: '/api/session', headers: { [SESSION_HEADER]: id } }));
      await Promise.all([http.close(), operations.close(), transfers.close()]);
    },
  };
}
