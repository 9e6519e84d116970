/** Whether live updates flow: a quiet "Live" when they do, a banner when the socket is lost and being retried. */
import type { Connection } from '../connection';
import { useConnection } from '../connection';
import { useNow } from '../live';

export function LiveBanner({ connection }: { connection: Connection }) {
  const state = useConnection(connection);
  const now = useNow(1000);
  let text: string;
  // The countdown changes every second: shown, not announced (the region would speak it each time).
  let countdown = '';
  switch (state.status) {
    case 'connected':
      text = 'Live';
      break;
    case 'connecting':
      text = 'Connecting live updates…';
      break;
    case 'reconnecting': {
      const wait = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;
      text = `Live updates lost${state.reason ? ` (${state.reason})` : ''}: reconnecting, attempt ${state.attempt}`;
      countdown = wait > 0 ? ` in ${wait} s` : '…';
      break;
    }
    case 'failed':
      text = `Live updates stopped: ${state.reason ?? 'the gateway refused them'}.`;
      break;
  }
  return (
    <div class={`live live-${state.status}`} data-live={state.status} role="status" aria-live="polite">
      {text}
      {countdown ? <span aria-hidden="true">{countdown}</span> : null}
      {state.status === 'reconnecting' ? '. What you see may be out of date.' : null}
    </div>
  );
}
