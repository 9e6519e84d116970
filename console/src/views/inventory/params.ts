/**
 * The inventory's search, filters, sort and page, kept in the route's query
 * (`#/vms?q=web&power=POWERED_ON&sort=CPU_COUNT&dir=DESC`), so back and forward
 * walk them and a link shares them.
 */
import type { OrderDirection, PowerState, VmFilter, VmOrderField } from '../../../generated/gql/graphql';
import { POWER_STATES } from '../../labels';
import { href } from '../../router';

export const PAGE_SIZE = 25;

export type SortField = Extract<VmOrderField, 'NAME' | 'CPU_COUNT' | 'MEMORY_MB'>;
const SORT_FIELDS: readonly SortField[] = ['NAME', 'CPU_COUNT', 'MEMORY_MB'];

export interface InventoryParams {
  q: string;
  cloud: string;
  power: PowerState | '';
  tenant: string;
  sort: SortField;
  dir: OrderDirection;
  /** The cursor the page starts after (none: the first page) and its 1-based number. */
  after: string;
  page: number;
}

export function readParams(query: URLSearchParams): InventoryParams {
  const sort = SORT_FIELDS.find((f) => f === query.get('sort')) ?? 'NAME';
  const power = POWER_STATES.find((p) => p === query.get('power')) ?? '';
  const after = query.get('after') ?? '';
  const page = after ? Math.max(2, Number.parseInt(query.get('page') ?? '2', 10) || 2) : 1;
  return {
    q: query.get('q') ?? '',
    cloud: query.get('cloud') ?? '',
    power,
    tenant: query.get('tenant') ?? '',
    sort,
    dir: query.get('dir') === 'DESC' ? 'DESC' : 'ASC',
    after,
    page,
  };
}

/** The route for `params`; the defaults are left out of it. */
export function inventoryHref(params: InventoryParams): string {
  return href(['vms'], {
    q: params.q,
    cloud: params.cloud,
    power: params.power,
    tenant: params.tenant,
    sort: params.sort === 'NAME' ? undefined : params.sort,
    dir: params.dir === 'ASC' ? undefined : params.dir,
    after: params.after,
    page: params.after ? params.page : undefined,
  });
}

/** Changing the search, a filter or the sort starts again at the first page. */
export const firstPage = (params: InventoryParams, change: Partial<InventoryParams>): InventoryParams => ({
  ...params,
  ...change,
  after: '',
  page: 1,
});

/** What identifies the list being paged (everything but the page). */
const listKey = (p: InventoryParams): string => JSON.stringify([p.q, p.cloud, p.power, p.tenant, p.sort, p.dir]);

export function toFilter(params: InventoryParams, operator: boolean): VmFilter | undefined {
  const filter: VmFilter = {
    ...(params.q.trim() ? { nameContains: params.q.trim() } : {}),
    ...(params.cloud ? { cloudId: params.cloud } : {}),
    ...(params.power ? { powerState: params.power } : {}),
    ...(operator && params.tenant ? { tenantId: params.tenant } : {}),
  };
  return Object.keys(filter).length ? filter : undefined;
}

/**
 * The cursors each page of a list started after, by list, for Previous: kept for the
 * tab's life, so coming back to page 3 from a VM still knows page 2's cursor.
 */
const starts = new Map<string, string[]>();

export function rememberStart(params: InventoryParams): void {
  const key = listKey(params);
  const list = starts.get(key) ?? [''];
  list[params.page - 1] = params.after;
  starts.set(key, list);
}

/** The page before `params`'s, or the first page when its cursor is not known. */
export function previousPage(params: InventoryParams): InventoryParams {
  const before = starts.get(listKey(params))?.[params.page - 2];
  return before === undefined || params.page <= 2 ? { ...params, after: '', page: 1 } : { ...params, after: before, page: params.page - 1 };
}
