/**
 * The legacy query service, `GET /api/query?type=<type>&format=records`: one
 * flat, filterable (FIQL), sortable, paged list of records of a type across every
 * org, which is what lets a client read many entities in one request instead of
 * one per entity. Pages hold at most the cell's `restapi.queryservice.maxPageSize`
 * (128 unless a provider changed it): a larger `pageSize` is served at that size,
 * silently, and the answer's `pageSize` says which was used (unless the cell echoes
 * the asked size: `Paging.echoPageSize`). Types: `adminVM`/`vm` (queryTypes.ts) and `organization`,
 * `adminOrgVdc`, `providerVdc` (tenancy.ts), `adminCatalog`, `adminCatalogItem`,
 * `adminVAppTemplate` (contentQueryTypes.ts); each lists its filter attributes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SeedCloud } from '../seed';
import { pageParams, type Paging } from './cloudapi';
import { contentQueryTypes } from './contentQueryTypes';
import type { ContentState } from './contentState';
import { sendLegacyError } from './errors';
import { FilterError } from './fiql';
import { baseUrl } from './hrefs';
import { erase, SortError, vmQueryType, type ErasedQueryType } from './queryTypes';
import { tenancyQueryTypes } from './tenancy';
import { versionOf } from './versions';

const RECORDS_TYPE = 'application/vnd.vmware.vcloud.query.records+json';

type Query = Record<string, string | undefined>;

function pageLink(request: FastifyRequest, base: string, rel: string, page: number): unknown {
  const url = new URL(request.url, base);
  url.searchParams.set('page', String(page));
  return { otherAttributes: {}, href: url.toString(), id: null, type: RECORDS_TYPE, name: null, model: null, rel, vCloudExtension: [] };
}

/** Register `GET /api/query`, paged as `paging` says. */
export function registerQueryService(app: FastifyInstance, cloud: SeedCloud, paging: Readonly<Paging>, content: ContentState): void {
  const vms = erase(vmQueryType(cloud, content));
  const tenancy = tenancyQueryTypes(cloud);
  const catalogs = contentQueryTypes(content);
  const types = new Map<string, ErasedQueryType>([
    ['adminVM', vms],
    ['vm', vms],
    ['organization', erase(tenancy.organization)],
    ['adminOrgVdc', erase(tenancy.adminOrgVdc)],
    ['providerVdc', erase(tenancy.providerVdc)],
    ['adminCatalog', erase(catalogs.adminCatalog)],
    ['adminCatalogItem', erase(catalogs.adminCatalogItem)],
    ['adminVAppTemplate', erase(catalogs.adminVAppTemplate)],
  ]);

  app.get('/api/query', async (request, reply) => {
    const query = request.query as Query;
    const type = query.type ?? '';
    const queryType = types.get(type);
    if (!queryType) return sendLegacyError(reply, 400, 'BAD_REQUEST', `Unknown or unsupported query type: "${type}".`);
    if ((query.format ?? 'records') !== 'records') {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', 'Only format=records is supported by this cell.');
    }
    const params = pageParams(query, paging);
    if (typeof params === 'string') return sendLegacyError(reply, 400, 'BAD_REQUEST', params);
    const base = baseUrl(request);
    const { page, pageSize, shownPageSize } = params;
    let selected: ReturnType<ErasedQueryType['select']>;
    try {
      const sortKey = query.sortAsc ?? query.sortDesc;
      selected = queryType.select(query.filter, sortKey, query.sortAsc !== undefined, (page - 1) * pageSize, page * pageSize, base);
    } catch (err) {
      if (err instanceof FilterError || err instanceof SortError) return sendLegacyError(reply, 400, 'BAD_REQUEST', err.message);
      throw err;
    }

    const lastPage = Math.max(1, Math.ceil(selected.total / pageSize));
    const link: unknown[] = [];
    if (page < lastPage) link.push(pageLink(request, base, 'nextPage', page + 1));
    if (page > 1) link.push(pageLink(request, base, 'previousPage', Math.min(page - 1, lastPage)));
    if (lastPage > 1) link.push(pageLink(request, base, 'firstPage', 1), pageLink(request, base, 'lastPage', lastPage));

    return reply.type(`${RECORDS_TYPE};version=${versionOf(request)}`).send({
      otherAttributes: {},
      link,
      href: new URL(request.url, base).toString(),
      type: RECORDS_TYPE,
      name: type,
      page,
      pageSize: shownPageSize,
      total: selected.total,
      record: selected.records,
    });
  });
}
