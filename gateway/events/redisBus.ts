/**
 * The event bus over Redis pub/sub (ioredis): one channel, JSON messages, two
 * connections (a subscribing connection can only subscribe).
 *
 * Redis may be down, at start or later, and the gateway goes on without it: both
 * connections reconnect forever (capped backoff), a publish while the publisher is
 * not ready fails at once instead of queueing (a replica delivers what it collects
 * itself; the others learn of the gap from the events' seq, see hub.ts), and the
 * subscriber subscribes again on every reconnection. Errors go to listeners here,
 * never to ioredis's "Unhandled error event" trace; the state they lead to is
 * reported once per change.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { OvercastEvent } from '../../schema/events';
import type { BusState, EventBus } from './bus';

export interface RedisBusOptions {
  channel: string;
  /**
   * Called once per change of state (and once at start, when the first attempt
   * fails); `reason` is the last connection error, when disconnected. Not called
   * while closing.
   */
  onStateChange?(state: BusState, reason?: string): void;
  /** Longest wait between reconnection attempts. @default 2000 */
  maxRetryDelayMs?: number;
}

/** Connects in the background and returns at once: see `state()` and `onStateChange` for where it stands. */
export function redisBus(url: string, { channel, onStateChange, maxRetryDelayMs = 2000 }: RedisBusOptions): EventBus {
  const common: RedisOptions = {
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), maxRetryDelayMs),
    connectTimeout: 5000,
  };
  const publisher = new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    // A publish in flight when the connection drops fails then, not after the reconnection.
    maxRetriesPerRequest: 0,
    commandTimeout: 5000,
  });
  // Subscribed by hand on each `ready` (below), so that "connected" means the subscription is acknowledged.
  const subscriber = new Redis(url, { ...common, autoResubscribe: false, maxRetriesPerRequest: null });

  let current: BusState = { kind: 'redis', state: 'disconnected', since: new Date().toISOString() };
  let reported = false;
  let subscribed = false;
  let closing = false;
  let lastError: string | undefined;
  const update = (failure: boolean) => {
    if (closing) return;
    const state = publisher.status === 'ready' && subscribed ? 'connected' : 'disconnected';
    // At start one connection is ready before the other: that is no loss to report.
    if (!reported && state === 'disconnected' && !failure) return;
    if (state === current.state && reported) return;
    if (state !== current.state) current = { kind: 'redis', state, since: new Date().toISOString() };
    reported = true;
    onStateChange?.(current, state === 'disconnected' ? (lastError ?? 'the connection closed') : undefined);
    if (state === 'connected') lastError = undefined;
  };
  for (const connection of [publisher, subscriber]) {
    connection.on('error', (err: Error) => {
      lastError = err.message;
      update(true);
    });
    connection.on('close', () => {
      if (connection === subscriber) subscribed = false;
      update(true);
    });
  }
  publisher.on('ready', () => update(false));
  subscriber.on('ready', () => {
    subscriber.subscribe(channel).then(
      () => {
        subscribed = true;
        update(false);
      },
      // The connection dropped again: its `close` reports it, the next `ready` retries.
      (err: Error) => void (lastError = err.message),
    );
  });

  const listeners = new Set<(event: OvercastEvent) => void>();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    let event: OvercastEvent;
    try {
      event = JSON.parse(message) as OvercastEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  });
  return {
    publish: async (event) => void (await publisher.publish(channel, JSON.stringify(event))),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => current,
    close: async () => {
      closing = true;
      listeners.clear();
      // QUIT waits for Redis; a connection that is not up has nothing to finish.
      await Promise.all(
        [publisher, subscriber].map((c) =>
          c.status === 'ready'
            ? c.quit().then(
                () => undefined,
                () => c.disconnect(),
              )
            : c.disconnect(),
        ),
      );
    },
  };
}
