/**
 * The OpenAPI (`/cloudapi/1.0.0`) list endpoints Overcast reads: organizations
 * and org VDCs, paged like every cloudapi collection (`page`, `pageSize` up to
 * 128, FIQL `filter`) and answered as `{resultTotal, pageCount, page, pageSize,
 * associations, values}`. A cell configured with a lower maximum page size
 * serves pages of that size without a word, except in `pageSize` and `pageCount`
 * (or, echoing the asked size, not even there: `Paging.echoPageSize`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedCloud, SeedOrg, SeedVdc } from '../seed';
import { sendCloudapiError } from './errors';
import { compileFilter, FilterError, type FieldSpec } from './fiql';
import { versionOf } from './versions';

/** The largest `pageSize` cloudapi accepts (its schema's maximum), and the cells' default page cap. */
export const MAX_PAGE_SIZE = 128;
const DEFAULT_PAGE_SIZE = 25;

/** How a cell pages, on both API halves; live, so a test can change it (`POST /__mock/paging`). */
export interface Paging {
  /** The most items a page holds (`restapi.queryservice.maxPageSize`). */
  maxPageSize: number;
  /** Answer `pageSize` as asked for while serving at most `maxPageSize`, as some cells do. */
  echoPageSize: boolean;
}

type Query = Record<string, string | undefined>;

/**
 * `page`, the page size served and the page size the answer says, from a query
 * string, or a message saying what is wrong with them. A `pageSize` above the cap is
 * served at the cap, silently; above `limit` (when given) it is refused.
 */
export function pageParams(
  query: Query,
  paging: Readonly<Paging>,
  limit?: number,
): { page: number; pageSize: number; shownPageSize: number } | string {
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? DEFAULT_PAGE_SIZE);
  if (!Number.isInteger(page) || page < 1) return 'page must be a positive integer';
  if (!Number.isInteger(pageSize) || pageSize < 1 || (limit !== undefined && pageSize > limit)) {
    return `pageSize must be an integer between 1 and ${limit ?? 'the page size limit'}`;
  }
  const served = Math.min(pageSize, paging.maxPageSize);
  return { page, pageSize: served, shownPageSize: paging.echoPageSize ? pageSize : served };
}

/** Answer one page of a cloudapi collection: `items` filtered by `filter` (FIQL over `fields`), paged, `render`ed. */
export function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  paging: Readonly<Paging>,
  items: readonly T[],
  fields: Record<string, FieldSpec<T>>,
  render: (item: T) => unknown,
): FastifyReply {
  const query = request.query as Query;
  const params = pageParams(query, paging, MAX_PAGE_SIZE);
  if (typeof params === 'string') return sendCloudapiError(reply, 400, 'BAD_REQUEST', params);
  let matches: T[];
  try {
    matches = items.filter(compileFilter(query.filter, fields));
  } catch (err) {
    if (err instanceof FilterError) return sendCloudapiError(reply, 400, 'BAD_REQUEST', err.message);
    throw err;
  }
  const { page, pageSize, shownPageSize } = params;
  return reply.type(`application/json;version=${versionOf(request)}`).send({
    resultTotal: matches.length,
    pageCount: Math.ceil(matches.length / shownPageSize),
    page,
    pageSize: shownPageSize,
    associations: null,
    values: matches.slice((page - 1) * pageSize, page * pageSize).map(render),
  });
}

/** Register `GET /cloudapi/1.0.0/orgs[/{id}]` and `GET /cloudapi/1.0.0/vdcs[/{id}]`, paged as `paging` says. */
export function registerCloudapi(app: FastifyInstance, cloud: SeedCloud, paging: Readonly<Paging>): void {
  const orgRef = (id: string | undefined): { name: string; id: string } | null => {
    const org = cloud.orgs.find((o) => o.nativeId === id);
    return org ? { name: org.name, id: org.nativeId } : null;
  };

  const renderOrg = (org: SeedOrg): unknown => {
    const vdcIds = new Set(cloud.vdcs.filter((v) => v.orgNativeId === org.nativeId).map((v) => v.nativeId));
    const vms = cloud.vms.filter((vm) => vdcIds.has(vm.vdcNativeId));
    return {
      id: org.nativeId,
      name: org.name,
      displayName: org.fullName,
      description: '',
      isEnabled: true,
      orgVdcCount: vdcIds.size,
      catalogCount: 0,
      // The seed has no vApps; each VM counts as living in its own one.
      vappCount: vms.length,
      runningVMCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
      userCount: 1,
      diskCount: 0,
      canManageOrgs: false,
      canPublish: false,
    };
  };

  const renderVdc = (vdc: SeedVdc): unknown => ({
    id: vdc.nativeId,
    name: vdc.name,
    description: '',
    allocationType: 'AllocationVApp',
    org: orgRef(vdc.orgNativeId),
    isEnabled: true,
  });

  const orgFields: Record<string, FieldSpec<SeedOrg>> = {
    id: { get: (o) => o.nativeId },
    name: { get: (o) => o.name },
    displayName: { get: (o) => o.fullName },
    isEnabled: { get: () => 'true' },
  };
  const vdcFields: Record<string, FieldSpec<SeedVdc>> = {
    id: { get: (v) => v.nativeId },
    name: { get: (v) => v.name },
    'org.id': { get: (v) => v.orgNativeId ?? '' },
    'org.name': { get: (v) => orgRef(v.orgNativeId)?.name ?? '' },
  };

  app.get('/cloudapi/1.0.0/orgs', async (request, reply) => sendPage(request, reply, paging, cloud.orgs, orgFields, renderOrg));

  app.get('/cloudapi/1.0.0/vdcs', async (request, reply) => sendPage(request, reply, paging, cloud.vdcs, vdcFields, renderVdc));

  app.get<{ Params: { id: string } }>('/cloudapi/1.0.0/orgs/:id', async (request, reply) => {
    const org = cloud.orgs.find((o) => o.nativeId === request.params.id);
    if (!org) return sendCloudapiError(reply, 404, 'RESOURCE_NOT_FOUND', `[ ${request.params.id} ] not found.`);
    return reply.type(`application/json;version=${versionOf(request)}`).send(renderOrg(org));
  });

  app.get<{ Params: { id: string } }>('/cloudapi/1.0.0/vdcs/:id', async (request, reply) => {
    const vdc = cloud.vdcs.find((v) => v.nativeId === request.params.id);
    if (!vdc) return sendCloudapiError(reply, 404, 'RESOURCE_NOT_FOUND', `[ ${request.params.id} ] not found.`);
    return reply.type(`application/json;version=${versionOf(request)}`).send(renderVdc(vdc));
  });
}
