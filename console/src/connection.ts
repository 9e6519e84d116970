/**
 * The live connection's state (graphql-ws), for the banner that says when updates
 * stop and when they are back. A tiny observable: the client writes, views read.
 */
import { useEffect, useState } from 'preact/hooks';

export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface LiveState {
  status: LiveStatus;
  /** Reconnection attempts since the socket was last connected. */
  attempt: number;
  /** When the next attempt starts (reconnecting). */
  retryAt?: number;
  /** Why the socket closed, as its close event said. */
  reason?: string;
}

export class Connection {
  private state: LiveState = { status: 'connecting', attempt: 0 };
  private readonly listeners = new Set<(state: LiveState) => void>();

  get(): LiveState {
    return this.state;
  }

  set(next: LiveState): void {
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }

  subscribe(listener: (state: LiveState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

export function useConnection(connection: Connection): LiveState {
  const [state, setState] = useState(connection.get());
  useEffect(() => {
    setState(connection.get());
    return connection.subscribe(setState);
  }, [connection]);
  return state;
}
