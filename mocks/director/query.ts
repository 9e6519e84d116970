/**
 * The legacy query service, `GET /api/query?type=adminVM&format=records`: one
 * flat, filterable, paged list of VM records across every org and VDC, which is
 * what lets a client fetch many VMs in one request instead of one per VM.
 *
 * Filter attributes: `id` (VM URN), `name` (with `*`), `status`, `vdc` and `org`
 * (either the URN or the href; both reduce to the uuid), `vdcName`,
 * `isVAppTemplate`, `isDeployed`, `numberOfCpus`, `memoryMB`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SeedCloud, SeedVm } from '../seed';
import { pageParams } from './cloudapi';
import { API_VERSION, sendLegacyError } from './errors';
import { compileFilter, FilterError, trailingUuid, type FieldSpec } from './fiql';
import { baseUrl, orgHref, uuidOf, vdcHref, vmHref } from './hrefs';

/** Query types answered; `vm` is the tenant flavour, equal here since we log in as provider. */
const VM_TYPES = new Set(['adminVM', 'vm']);
const RECORDS_TYPE = 'application/vnd.vmware.vcloud.query.records+json';

type Query = Record<string, string | undefined>;

function vmFields(cloud: SeedCloud): Record<string, FieldSpec<SeedVm>> {
  const vdcOf = (vm: SeedVm) => cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId);
  return {
    id: { get: (vm) => vm.nativeId },
    name: { get: (vm) => vm.name },
    status: { get: (vm) => vm.powerState },
    vdc: { get: (vm) => uuidOf(vm.vdcNativeId), normalize: trailingUuid },
    vdcName: { get: (vm) => vdcOf(vm)?.name ?? '' },
    org: { get: (vm) => uuidOf(vdcOf(vm)?.orgNativeId ?? ''), normalize: trailingUuid },
    isVAppTemplate: { get: () => 'false' },
    isDeployed: { get: (vm) => String(vm.powerState !== 'POWERED_OFF') },
    numberOfCpus: { get: (vm) => String(vm.cpuCount) },
    memoryMB: { get: (vm) => String(vm.memoryMb) },
  };
}

function renderRecord(cloud: SeedCloud, base: string, vm: SeedVm): unknown {
  const vdc = cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId);
  return {
    otherAttributes: {},
    link: [],
    metadata: null,
    href: vmHref(base, vm.nativeId),
    id: vm.nativeId,
    type: 'application/vnd.vmware.vcloud.vm+json',
    name: vm.name,
    status: vm.powerState,
    vdc: vdcHref(base, vm.vdcNativeId),
    vdcName: vdc?.name ?? '',
    org: vdc?.orgNativeId ? orgHref(base, vdc.orgNativeId) : null,
    isVAppTemplate: false,
    isDeleted: false,
    isDeployed: vm.powerState !== 'POWERED_OFF',
    isVdcEnabled: true,
    guestOs: 'Ubuntu Linux (64-bit)',
    numberOfCpus: vm.cpuCount,
    memoryMB: vm.memoryMb,
    hardwareVersion: 19,
  };
}

function pageLink(request: FastifyRequest, base: string, rel: string, page: number): unknown {
  const url = new URL(request.url, base);
  url.searchParams.set('page', String(page));
  return { otherAttributes: {}, href: url.toString(), id: null, type: RECORDS_TYPE, name: null, model: null, rel, vCloudExtension: [] };
}

/** Register `GET /api/query`. */
export function registerQueryService(app: FastifyInstance, cloud: SeedCloud): void {
  const fields = vmFields(cloud);

  app.get('/api/query', async (request, reply) => {
    const query = request.query as Query;
    const type = query.type ?? '';
    if (!VM_TYPES.has(type)) return sendLegacyError(reply, 400, 'BAD_REQUEST', `Unknown or unsupported query type: "${type}".`);
    if ((query.format ?? 'records') !== 'records') {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', 'Only format=records is supported by this cell.');
    }
    const params = pageParams(query);
    if (typeof params === 'string') return sendLegacyError(reply, 400, 'BAD_REQUEST', params);
    let matches: SeedVm[];
    try {
      matches = cloud.vms.filter(compileFilter(query.filter, fields));
    } catch (err) {
      if (err instanceof FilterError) return sendLegacyError(reply, 400, 'BAD_REQUEST', err.message);
      throw err;
    }
    const sortKey = query.sortAsc ?? query.sortDesc;
    if (sortKey !== undefined) {
      const field = fields[sortKey];
      if (!field) return sendLegacyError(reply, 400, 'BAD_REQUEST', `Cannot sort by "${sortKey}".`);
      const sign = query.sortAsc !== undefined ? 1 : -1;
      matches = [...matches].sort((a, b) => sign * field.get(a).localeCompare(field.get(b), 'en', { numeric: true }));
    }

    const base = baseUrl(request);
    const { page, pageSize } = params;
    const lastPage = Math.max(1, Math.ceil(matches.length / pageSize));
    const link: unknown[] = [];
    if (page < lastPage) link.push(pageLink(request, base, 'nextPage', page + 1));
    if (page > 1) link.push(pageLink(request, base, 'previousPage', Math.min(page - 1, lastPage)));
    if (lastPage > 1) link.push(pageLink(request, base, 'firstPage', 1), pageLink(request, base, 'lastPage', lastPage));

    return reply.type(`${RECORDS_TYPE};version=${API_VERSION}`).send({
      otherAttributes: {},
      link,
      href: new URL(request.url, base).toString(),
      type: RECORDS_TYPE,
      name: type,
      page,
      pageSize,
      total: matches.length,
      record: matches.slice((page - 1) * pageSize, page * pageSize).map((vm) => renderRecord(cloud, base, vm)),
    });
  });
}
