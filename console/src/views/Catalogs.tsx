/**
 * Published catalogs (provider administrators only: the gateway refuses anyone else):
 * each with which version of every item each cloud holds, and "Sync now". Catalogs
 * have no feed of their own, so the view is re-read on a timer (often while a sync
 * runs), after a sync it started, and when live updates come back.
 */
import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Loading } from '../components/Progress';
import { useSession } from '../context';
import { useCoalesced, useReconnected } from '../live';
import { CatalogCard } from './catalogs/CatalogCard';
import { CatalogsQuery, SyncCatalogMutation } from './catalogs/documents';
import './transfers.css';

const REREAD_SYNCING_MS = 2000;
const REREAD_IDLE_MS = 15_000;

export function Catalogs() {
  const { api } = useSession();
  const [result, reread] = useQuery({ query: CatalogsQuery });
  const [, syncCatalog] = useMutation(SyncCatalogMutation);
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set());
  const [syncError, setSyncError] = useState<CombinedError | undefined>(undefined);
  const refresh = useCoalesced(() => reread({ requestPolicy: 'network-only' }));
  useReconnected(api.connection, refresh);
  const catalogs = result.data?.catalogs ?? [];
  const busy = syncing.size > 0 || catalogs.some((c) => c.subscriptions.some((s) => s.syncing));
  useEffect(() => {
    const timer = setInterval(refresh, busy ? REREAD_SYNCING_MS : REREAD_IDLE_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const sync = async (id: string) => {
    setSyncError(undefined);
    setSyncing((ids) => new Set(ids).add(id));
    const answer = await syncCatalog({ id });
    setSyncing((ids) => new Set([...ids].filter((other) => other !== id)));
    if (answer.error) setSyncError(answer.error);
    refresh();
  };

  return (
    <Page title="Catalogs">
      <Problems error={result.error} what="The catalogs could not be read" />
      <Problems error={syncError} what="The sync did not complete" />
      <div aria-live="polite" data-testid="catalogs-status" data-syncing={String(busy)}>
        {syncing.size ? <p class="muted">Syncing: copying what each subscriber lacks…</p> : null}
      </div>
      {!result.data ? (
        result.error ? null : (
          <Loading what="the catalogs" />
        )
      ) : catalogs.length === 0 ? (
        <p class="muted" data-testid="catalogs-none">
          No catalog is published.
        </p>
      ) : (
        catalogs.map((catalog) => (
          <CatalogCard key={catalog.id} catalog={catalog} syncing={syncing.has(catalog.id)} onSync={(id) => void sync(id)} />
        ))
      )}
    </Page>
  );
}
