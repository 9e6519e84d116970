/** Whether live updates flow: a quiet "Live" when they do, a banner when the socket is lost and being retried. */
import type { Connection } from '../connection';
import { useConnection } from '../connection';
import { useNow } from '../live';

export function LiveBanner({ connection }: { connection: Connection }) {
  const state = useConnection(connection);
  const now = useNow(1000);
  let text: string;
  switch (state.status) {
    case 'connected':
      text = 'Live';
      break;
    case 'connecting':
      text = 'Connecting live updates…';
      break;
    case 'reconnecting': {
      const wait = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;
      text = `Live updates lost${state.reason ? ` (${state.reason})` : ''}: reconnecting, attempt ${state.attempt}${wait > 0 ? ` in ${wait} s` : '…'}. What you see may be out of date.`;
      break;
    }
    case 'failed':
      text = `Live updates stopped: ${state.reason ?? 'the gateway refused them'}.`;
      break;
  }
  return (
    <div class={`live live-${state.status}`} data-live={state.status} role="status" aria-live="polite">
      {text}
    </div>
  );
}
