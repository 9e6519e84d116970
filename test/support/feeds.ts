/** graphql-ws clients for tests: real WebSockets to a running gateway, and bounded waits on what they receive. */
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';
import type { RunningGateway } from '../../gateway/server';
import { startTopology, type Topology, type TopologyOptions } from './topology';
import { waitFor } from './waitFor';

export interface Feed<T> {
  events: T[];
  /** Errors the subscription got (refusals, or a payload without data). */
  errors: unknown[];
  /** Wait until `count` events arrived; fails with a description when they do not, or an error came. */
  until(count: number): Promise<T[]>;
  dispose(): void;
}

/** A lazy graphql-ws client with this bearer token (null: none) in its connection params (and any other client `options`). */
export function connect(httpUrl: string, token: string | null, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    ...options,
  });
}

/**
 * A topology on the in-process event bus. The gateway falls back to REDIS_URL when
 * its config names no Redis, so it is hidden while the gateway starts: Redis is
 * optional, and only the replica suite of subscriptions.test.ts may need it.
 */
export function inProcessTopology(options: TopologyOptions = {}): Promise<Topology> {
  return withoutRedisUrl(() => startTopology(options));
}

/** Run `start` (a gateway starting) with REDIS_URL hidden, so that it takes the in-process bus. */
export async function withoutRedisUrl<T>(start: () => Promise<T>): Promise<T> {
  const redisUrl = process.env.REDIS_URL;
  delete process.env.REDIS_URL;
  try {
    return await start();
  } finally {
    if (redisUrl !== undefined) process.env.REDIS_URL = redisUrl;
  }
}

export function feed<T>(client: Client, query: string, variables?: Record<string, unknown>): Feed<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<T>(
    { query, variables },
    { next: (r) => (r.data ? events.push(r.data as T) : errors.push(r.errors)), error: (e) => errors.push(e), complete: () => undefined },
  );
  return {
    events,
    errors,
    dispose,
    until: (count) =>
      waitFor(`${count} event(s) on "${query.replace(/\s+/g, ' ').slice(0, 80)}"`, () => {
        if (errors.length) throw new Error(`the subscription failed: ${JSON.stringify(errors)}`);
        return events.length >= count && events;
      }),
  };
}

/** Wait until the subscription was refused or failed; its errors. */
export function refusal(f: Feed<unknown>): Promise<unknown[]> {
  return waitFor('the subscription to be refused', () => f.errors.length > 0 && f.errors);
}

/**
 * graphql-ws acknowledges a subscription before the hub has registered it: wait
 * until `added` more subscriptions than `before` (the hub's `subscribed` count, taken
 * before subscribing) are registered.
 */
export function settled(gateway: RunningGateway, before: number, added: number): Promise<true> {
  return waitFor(`${before + added} subscriptions registered at the hub`, () => gateway.subscriptionStats().subscribed >= before + added);
}
