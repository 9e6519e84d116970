/**
 * The caller's transfers (copies and moves between clouds; for the provider, template
 * copies and catalog syncs too), newest first, as the gateway scopes them: a tenant's
 * users see their tenant's. A running one follows its own `taskProgress` feed
 * (useLiveTransfer); its end, a cancel and live updates coming back re-read the list.
 * The list is also re-read on a timer: a transfer started elsewhere has no feed to
 * announce it, and one that ended between the read and its subscription would not be
 * told again.
 */
import type { CombinedError } from '@urql/core';
import { useMutation, useQuery } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Page } from '../components/Page';
import { Problems } from '../components/Problems';
import { Loading } from '../components/Progress';
import { useSession } from '../context';
import { useCoalesced, useReconnected } from '../live';
import { canOperate } from '../session';
import { CancelTransferMutation, TransferPlacesQuery, TransfersQuery } from './transfers/documents';
import { TransferRow } from './transfers/TransferRow';
import './transfers.css';

/** How many of the newest transfers are shown. */
const SHOWN = 50;
/** Re-read this often while one runs (an end missed between the read and its feed), and when none does (one started elsewhere). */
const REREAD_RUNNING_MS = 5000;
const REREAD_IDLE_MS = 15_000;

export function Transfers() {
  const { session, api } = useSession();
  const [result, reread] = useQuery({ query: TransfersQuery, variables: { first: SHOWN } });
  // Read once: names only dress the ids (a cloud that cannot be read leaves its ids, which say the same).
  const [places] = useQuery({ query: TransferPlacesQuery });
  const names = useMemo(
    () =>
      new Map(
        (places.data?.clouds ?? []).flatMap((c) => [
          [c.id, c.name ?? c.id] as const,
          ...(c.vdcs ?? []).map((v) => [v.id, v.name ?? v.id] as const),
        ]),
      ),
    [places.data],
  );
  const [, cancelTransfer] = useMutation(CancelTransferMutation);
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [cancelError, setCancelError] = useState<CombinedError | undefined>(undefined);
  const refresh = useCoalesced(() => reread({ requestPolicy: 'network-only' }));
  useReconnected(api.connection, refresh);
  const rows = result.data?.transfers ?? [];
  const running = rows.filter((t) => t.state === 'RUNNING').length;
  useEffect(() => {
    const timer = setInterval(refresh, running ? REREAD_RUNNING_MS : REREAD_IDLE_MS);
    return () => clearInterval(timer);
  }, [running > 0]);

  const cancel = async (id: string) => {
    setCancelError(undefined);
    setCancelling((ids) => new Set(ids).add(id));
    const answer = await cancelTransfer({ id });
    setCancelling((ids) => new Set([...ids].filter((other) => other !== id)));
    if (answer.error) setCancelError(answer.error);
    refresh();
  };
  const mayCancel = canOperate(session);

  return (
    <Page title="Transfers">
      <Problems error={result.error} what="The transfers could not be read" />
      <Problems error={cancelError} what="The transfer was not cancelled" />
      {!result.data ? (
        result.error ? null : (
          <Loading what="the transfers" />
        )
      ) : rows.length === 0 ? (
        <p class="muted" data-testid="transfers-summary" data-ready="true">
          No transfers yet. Copy a VM to another cloud from its page.
        </p>
      ) : (
        <>
          <p class="muted" role="status" aria-live="polite" data-testid="transfers-summary" data-ready="true">
            {rows.length === SHOWN ? `The newest ${SHOWN}` : `${rows.length} ${rows.length === 1 ? 'transfer' : 'transfers'}`}
            {running ? ` · ${running} running` : ' · none running'}
          </p>
          <div class="table-wrap">
            <table class="transfers-table">
              <caption class="visually-hidden">Transfers, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Operation</th>
                  <th scope="col">Source</th>
                  <th scope="col">Target cloud / VDC</th>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                  <th scope="col">Progress</th>
                  <th scope="col" class="number">
                    Resumes
                  </th>
                  <th scope="col">Checksum</th>
                  {mayCancel ? (
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((transfer) => (
                  <TransferRow
                    key={transfer.id}
                    transfer={transfer}
                    names={names}
                    cancelling={cancelling.has(transfer.id)}
                    onEnded={refresh}
                    {...(mayCancel ? { cancel: (id: string) => void cancel(id) } : {})}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
