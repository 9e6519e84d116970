/**
 * One page of the index as a table: the values as of the last sync (marked stale when
 * the cloud's last sync failed or its node is not up), sorted by a column header's button.
 */
import type { InventoryPageQuery } from '../../../generated/gql/graphql';
import { StatusBadge } from '../../components/StatusBadge';
import { formatCount, formatMb, formatTime } from '../../format';
import { cloudIdOf } from '../../labels';
import { href } from '../../router';
import type { InventoryParams, SortField } from './params';

type Edge = InventoryPageQuery['vms']['edges'][number];

function SortHeader({
  field,
  label,
  params,
  numeric,
  onSort,
}: {
  field: SortField;
  label: string;
  params: InventoryParams;
  numeric?: boolean;
  onSort: (field: SortField) => void;
}) {
  const active = params.sort === field;
  return (
    <th
      scope="col"
      class={numeric ? 'number' : undefined}
      aria-sort={active ? (params.dir === 'ASC' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" class="sort" data-testid={`sort-${field}`} onClick={() => onSort(field)}>
        {label}
        <span aria-hidden="true">{active ? (params.dir === 'ASC' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

export function VmTable({
  edges,
  params,
  operator,
  cloudNames,
  onSort,
}: {
  edges: readonly Edge[];
  params: InventoryParams;
  operator: boolean;
  cloudNames: ReadonlyMap<string, string>;
  onSort: (field: SortField) => void;
}) {
  return (
    <div class="table-wrap">
      <table class="vm-table" data-testid="vm-table">
        <caption class="visually-hidden">Virtual machines, as of each cloud's last sync</caption>
        <thead>
          <tr>
            <SortHeader field="NAME" label="Name" params={params} onSort={onSort} />
            <th scope="col" class="plain">
              Power state
            </th>
            <SortHeader field="CPU_COUNT" label="CPUs" params={params} numeric onSort={onSort} />
            <SortHeader field="MEMORY_MB" label="Memory" params={params} numeric onSort={onSort} />
            <th scope="col" class="plain">
              Cloud
            </th>
            {operator ? (
              <th scope="col" class="plain">
                Tenant
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {edges.map(({ node, lastKnown }) => (
            <tr key={node.id} data-testid="vm-row" data-vm-id={node.id} data-stale={lastKnown.stale ? 'true' : 'false'}>
              <th scope="row">
                <a href={href(['vms', node.id])}>{lastKnown.name}</a>
              </th>
              <td data-label="Power state">
                <StatusBadge status={lastKnown.powerState} />
                {lastKnown.stale ? (
                  <span class="stale vm-stale" data-testid="stale" title={`As of ${formatTime(lastKnown.syncedAt)}`}>
                    {' '}
                    stale
                  </span>
                ) : null}
              </td>
              <td class="number" data-testid="cpu" data-label="CPUs">
                {formatCount(lastKnown.cpuCount)}
              </td>
              <td class="number" data-testid="memory" data-mb={lastKnown.memoryMb} data-label="Memory">
                {formatMb(lastKnown.memoryMb)}
              </td>
              <td data-label="Cloud">{cloudNames.get(cloudIdOf(node.id)) ?? cloudIdOf(node.id)}</td>
              {operator ? <td data-label="Tenant">{node.tenant?.name ?? '—'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
