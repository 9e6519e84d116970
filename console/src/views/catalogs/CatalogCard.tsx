/**
 * One published catalog: its publisher and version, its subscribers (target catalog,
 * the version last synced, when, and the last error), a matrix of item × cloud with
 * the version each cloud holds and its state, and "Sync now" (syncCatalog, which
 * answers once every subscriber has synced).
 */
import type { CatalogsQuery } from '../../../generated/gql/graphql';
import { StatusBadge } from '../../components/StatusBadge';
import { formatBytes, formatTime } from '../../format';
import { CATALOG_ITEM_STATE_LABELS } from '../../labels';

type Catalog = CatalogsQuery['catalogs'][number];
type Item = Catalog['items'][number];

/** The matrix's columns: the publisher first, then each subscriber, then any other cloud an item names. */
function cloudsOf(catalog: Catalog): Array<{ id: string; name: string; publisher: boolean }> {
  const named = new Map<string, string>([[catalog.cloudId, catalog.cloud?.name ?? catalog.cloudId]]);
  for (const s of catalog.subscriptions) if (!named.has(s.cloudId)) named.set(s.cloudId, s.cloud?.name ?? s.cloudId);
  for (const item of catalog.items) for (const a of item.availableIn) if (!named.has(a.cloudId)) named.set(a.cloudId, a.cloudId);
  return [...named].map(([id, name]) => ({ id, name, publisher: id === catalog.cloudId }));
}

function Cell({ item, cloudId, cloudName }: { item: Item; cloudId: string; cloudName: string }) {
  const held = item.availableIn.find((a) => a.cloudId === cloudId);
  if (!held)
    return (
      <td class="muted" data-label={cloudName}>
        —
      </td>
    );
  return (
    <td
      data-label={cloudName}
      data-testid="catalog-cell"
      data-item={item.name}
      data-cloud={cloudId}
      data-version={held.version ?? ''}
      data-state={held.state}
      title={held.syncedAt ? `synced ${formatTime(held.syncedAt)}` : undefined}
    >
      {held.version === null || held.version === undefined ? 'none' : `v${held.version}`}{' '}
      <StatusBadge status={held.state} label={CATALOG_ITEM_STATE_LABELS[held.state]} />
    </td>
  );
}

export function CatalogCard({ catalog, syncing, onSync }: { catalog: Catalog; syncing: boolean; onSync: (id: string) => void }) {
  const clouds = cloudsOf(catalog);
  const items = [...catalog.items].sort((a, b) => a.name.localeCompare(b.name));
  const busy = syncing || catalog.subscriptions.some((s) => s.syncing);
  const titleId = `catalog-${catalog.id}`;
  return (
    <section class="catalog" aria-labelledby={titleId} data-testid="catalog" data-catalog={catalog.id} data-version={catalog.version}>
      <header class="page-header">
        <h2 id={titleId}>
          {catalog.name} <span class="muted">v{catalog.version}</span>
        </h2>
        <button type="button" disabled={busy} onClick={() => onSync(catalog.id)} aria-label={`Sync ${catalog.name} now`}>
          {busy ? 'Syncing…' : 'Sync now'}
        </button>
      </header>
      <p class="muted">
        Published by {catalog.cloud?.name ?? catalog.cloudId} <code>{catalog.cloudId}</code> since {formatTime(catalog.publishedAt)}.
      </p>
      {catalog.subscriptions.length ? (
        <ul class="catalog-subscriptions">
          {catalog.subscriptions.map((s) => (
            <li key={s.id} data-testid="catalog-subscription" data-cloud={s.cloudId} data-synced-version={s.syncedVersion ?? ''}>
              {s.cloud?.name ?? s.cloudId} into <code>{s.targetCatalog}</code>:{' '}
              {s.syncing
                ? 'syncing now'
                : s.syncedVersion === null || s.syncedVersion === undefined
                  ? 'not synced yet'
                  : `v${s.syncedVersion} synced ${formatTime(s.lastSyncAt)}`}
              {s.nextSyncAt ? <span class="muted"> · next {formatTime(s.nextSyncAt)}</span> : null}
              {s.lastError ? <span class="error"> · {s.lastError}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No cloud subscribes to it yet.</p>
      )}
      <div class="table-wrap">
        <table class="catalog-matrix">
          <caption class="visually-hidden">Which version of each item every cloud holds</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Version</th>
              <th scope="col" class="number">
                Size
              </th>
              {clouds.map((c) => (
                <th scope="col" key={c.id}>
                  {c.name} {c.publisher ? <span class="muted">(publisher)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="catalog-item" data-item={item.name} data-version={item.version}>
                <th scope="row" title={item.checksum ? `SHA-256 ${item.checksum}` : undefined}>
                  {item.name}
                  {item.deleted ? <span class="muted"> (deleted at the publisher)</span> : null}
                </th>
                <td data-label="Version">v{item.version}</td>
                <td class="number" data-label="Size">
                  {formatBytes(item.sizeBytes)}
                </td>
                {clouds.map((c) => (
                  <Cell key={c.id} item={item} cloudId={c.id} cloudName={c.name} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
