/**
 * The month's FOCUS export as CSV, fetched with the session's token (the API's own
 * route; what rows a token gets is the gateway's decision: a tenant's user gets its
 * own), then offered as a file to save. Fetching can take a while for a big month:
 * progress shows meanwhile, and a refusal is shown with the gateway's message.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Progress } from '../../components/Progress';
import { useSession } from '../../context';
import { monthName } from './fields';

type ExportState =
  | { status: 'idle' }
  | { status: 'fetching' }
  | { status: 'ready'; url: string; name: string; bytes: number }
  | { status: 'failed'; message: string; refused: boolean };

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

export function FocusExport({ month }: { month: string }) {
  const { session, api } = useSession();
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  // Another month is another file; an object URL is freed when it is no longer offered.
  useEffect(() => setState({ status: 'idle' }), [month]);
  useEffect(() => () => void (state.status === 'ready' && URL.revokeObjectURL(state.url)), [state]);
  // An answer that arrives after the month was changed is dropped, not offered as this month's.
  const shown = useRef(month);
  shown.current = month;
  const start = async () => {
    const asked = month;
    const name = `focus-${asked}${session.tenantId ? `-${session.tenantId}` : ''}.csv`;
    setState({ status: 'fetching' });
    try {
      const blob = await api.download(`export/focus?${new URLSearchParams({ month: asked, format: 'csv' })}`);
      if (shown.current === asked) setState({ status: 'ready', url: URL.createObjectURL(blob), name, bytes: blob.size });
    } catch (err) {
      // fetch() rejects with a TypeError when no answer came at all; any other error is the gateway's refusal.
      if (shown.current === asked) setState({ status: 'failed', message: (err as Error).message, refused: !(err instanceof TypeError) });
    }
  };
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">FOCUS export</h2>
      <p class="muted">
        {monthName(month)}&apos;s charges as FinOps FOCUS 1.2 rows (CSV), one per invoice line
        {session.tenantId ? ', your own tenant only' : ', every tenant'}: frozen invoice lines for a closed month, the charges so far for an
        open one.
      </p>
      <div class="export-actions">
        <button type="button" onClick={start} disabled={state.status === 'fetching'}>
          Export {monthName(month)} as FOCUS CSV
        </button>
        <div role="status" aria-live="polite" data-testid="export-status">
          {state.status === 'fetching' ? <Progress label="Preparing the FOCUS export…" /> : null}
          {state.status === 'ready' ? (
            <p>
              Ready:{' '}
              <a href={state.url} download={state.name} data-testid="export-file">
                Save {state.name}
              </a>{' '}
              <span class="muted">({size(state.bytes)})</span>
            </p>
          ) : null}
          {state.status === 'failed' ? (
            <p class="error" role="alert">
              {state.refused ? 'The gateway refused the export' : 'The export could not be fetched'}: {state.message}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
