/**
 * The inventory: every VM the caller may see, from the gateway's index — searched,
 * filtered, sorted and paged (all kept in the route), with how fresh each cloud's
 * part of the index is. Rows are as of the last sync; a VM's page reads it live.
 */
import { useQuery } from '@urql/preact';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Loading } from '../components/Progress';
import { useSession } from '../context';
import { formatCount } from '../format';
import { useReconnected } from '../live';
import { navigate, useRoute } from '../router';
import { isOperator } from '../session';
import { InventoryChoicesQuery, InventoryFreshnessQuery, InventoryPageQuery } from './inventory/documents';
import { Filters } from './inventory/Filters';
import { FreshnessList } from './inventory/Freshness';
import {
  PAGE_SIZE,
  firstPage,
  inventoryHref,
  previousPage,
  readParams,
  rememberStart,
  toFilter,
  type InventoryParams,
  type SortField,
} from './inventory/params';
import { VmTable } from './inventory/VmTable';
import './vm.css';

/** The index changes only when a cloud is synced: its freshness is re-read this often, and the page when a sync landed. */
const FRESHNESS_POLL_MS = 5000;

export function Inventory() {
  const { session, api } = useSession();
  const operator = isOperator(session);
  const { query } = useRoute();
  const params = readParams(query);
  rememberStart(params);

  const [choices] = useQuery({ query: InventoryChoicesQuery, variables: { withTenants: operator } });
  const [freshness, reFreshness] = useQuery({ query: InventoryFreshnessQuery });
  const variables = useMemo(
    () => ({
      filter: toFilter(params, operator),
      orderBy: { field: params.sort, direction: params.dir },
      first: PAGE_SIZE,
      after: params.after || undefined,
      withTenant: operator,
    }),
    [inventoryHref(params), operator],
  );
  const [page, rePage] = useQuery({ query: InventoryPageQuery, variables });

  useEffect(() => {
    const id = setInterval(() => reFreshness({ requestPolicy: 'network-only' }), FRESHNESS_POLL_MS);
    return () => clearInterval(id);
  }, [reFreshness]);
  // A sync that landed since the page was read: read it again (same cursor, so the rows stay put).
  const synced = (freshness.data?.inventoryFreshness ?? []).map((f) => `${f.cloud.id}@${f.syncedAt ?? ''}`).join(',');
  const lastSynced = useRef(synced);
  useEffect(() => {
    if (synced === lastSynced.current) return;
    lastSynced.current = synced;
    rePage({ requestPolicy: 'network-only' });
  }, [synced]);

  // Syncs that landed while live updates were lost: read the page and the freshness again.
  useReconnected(api.connection, () => {
    reFreshness({ requestPolicy: 'network-only' });
    rePage({ requestPolicy: 'network-only' });
  });

  const go = (next: InventoryParams) => navigate(inventoryHref(next));
  const change = (c: Partial<InventoryParams>) => go(firstPage(params, c));
  const sort = (field: SortField) =>
    change({ sort: field, dir: params.sort === field ? (params.dir === 'ASC' ? 'DESC' : 'ASC') : field === 'NAME' ? 'ASC' : 'DESC' });

  const cloudNames = new Map((choices.data?.clouds ?? []).map((c) => [c.id, c.name ?? c.id]));
  for (const f of freshness.data?.inventoryFreshness ?? [])
    if (!cloudNames.has(f.cloud.id)) cloudNames.set(f.cloud.id, f.cloud.name ?? f.cloud.id);

  const vms = page.data?.vms;
  // The rows shown answer the route's own list and page (not the one before it): what a reader waits for.
  const ready = !page.fetching && !page.stale && JSON.stringify(page.operation?.variables) === JSON.stringify(variables);
  const shown = vms?.edges.length ?? 0;
  const start = (params.page - 1) * PAGE_SIZE + 1;
  const range = vms
    ? shown
      ? `${formatCount(start)}–${formatCount(start + shown - 1)} of ${formatCount(vms.totalCount)}`
      : `0 of ${formatCount(vms.totalCount)}`
    : '';

  return (
    <Page title={operator ? 'Inventory' : 'Virtual machines'}>
      {freshness.data ? <FreshnessList clouds={freshness.data.inventoryFreshness} /> : null}
      <Problems error={freshness.error ?? choices.error} what="The index's freshness or the filters' choices could not all be read" />
      <h2>Virtual machines</h2>
      <Filters params={params} choices={choices.data} operator={operator} onChange={change} />
      <Problems error={page.error} />
      {vms ? (
        <>
          <p class="vm-count" role="status" aria-live="polite">
            <span data-testid="vm-range" data-ready={ready ? 'true' : 'false'}>
              {range}
            </span>
            {page.stale || page.fetching ? <span class="muted"> · updating…</span> : null}
          </p>
          {shown ? (
            <VmTable edges={vms.edges} params={params} operator={operator} cloudNames={cloudNames} onSort={sort} />
          ) : (
            <p data-testid="vm-none">
              No virtual machines match
              {freshness.data?.inventoryFreshness.some((f) => !f.syncedAt) ? ' (the index is still being built)' : ''}.
            </p>
          )}
          <nav class="pager" aria-label="Pages">
            {/* Only once the rows answer the route: a stale page's endCursor would skip or repeat a page. */}
            <button type="button" class="secondary" disabled={!ready || params.page <= 1} onClick={() => go(previousPage(params))}>
              Previous
            </button>
            <button
              type="button"
              class="secondary"
              disabled={!ready || !vms.pageInfo.hasNextPage || !vms.pageInfo.endCursor}
              onClick={() => go({ ...params, after: vms.pageInfo.endCursor ?? '', page: params.page + 1 })}
            >
              Next
            </button>
          </nav>
        </>
      ) : page.fetching ? (
        <Loading what="virtual machines" />
      ) : null}
    </Page>
  );
}
