/**
 * Keeping a view current: a query re-read when a subscription says something changed,
 * coalesced (a burst of events is one re-read), and a clock for "… ago" texts.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Connection } from './connection';

/** A function that calls `refresh` once, `delayMs` after the first of a burst of calls. */
export function useCoalesced(refresh: () => void, delayMs = 300): () => void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return () => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, delayMs);
  };
}

/** The current time, ticking every `everyMs` (for relative times). */
export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/**
 * Call `reread` when live updates come back after a loss: the events of the outage are
 * gone (graphql-ws resubscribes from now on), so a view re-reads what it shows.
 */
export function useReconnected(connection: Connection, reread: () => void): void {
  const latest = useRef(reread);
  latest.current = reread;
  useEffect(() => {
    let lost = connection.get().status === 'reconnecting';
    return connection.subscribe((state) => {
      if (state.status === 'reconnecting') lost = true;
      else if (state.status === 'connected' && lost) {
        lost = false;
        latest.current();
      }
    });
  }, [connection]);
}
