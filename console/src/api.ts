/**
 * The console's one way to the gateway: the public GraphQL API at /graphql, queries
 * and mutations over HTTP, subscriptions over graphql-ws, both with the session's
 * bearer token. No other endpoint (the FOCUS export is the API's own route).
 *
 * The socket is opened at once and kept (not lazy), so the banner can say whether
 * live updates flow; a dropped socket is retried for ever with capped exponential
 * backoff and jitter. A refused token (4401/4403) is not retried: the session ends.
 */
import { Client, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { CloseCode, createClient, type Client as WsClient } from 'graphql-ws';
import { Connection } from './connection';
import type { Session } from './session';

/** The API's URL beside the page (the console may be served under a base path). */
export const graphqlUrl = (): URL => new URL('graphql', new URL('.', location.href));

export interface Api {
  client: Client;
  connection: Connection;
  /** GET an API route with the session's token (the FOCUS export), as a Blob. */
  download(path: string): Promise<Blob>;
  close(): void;
}

/** Backoff before reconnection attempt `retries` (0-based): 1 s, 2 s, 4 s … capped at 30 s, plus up to 1 s of jitter. */
export const retryDelayMs = (retries: number): number => Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000;

export function createApi(session: Session, onSessionRefused: (reason: string) => void): Api {
  const connection = new Connection();
  const authorization = `Bearer ${session.token}`;
  const wsUrl = graphqlUrl();
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  let wasConnected = false;
  const ws: WsClient = createClient({
    url: wsUrl.href,
    lazy: false,
    keepAlive: 10_000,
    connectionParams: { authorization },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => {
      const code = (event as CloseEvent | undefined)?.code;
      return code !== CloseCode.Unauthorized && code !== CloseCode.Forbidden;
    },
    retryWait: async (retries) => {
      const delay = retryDelayMs(retries);
      connection.set({ ...connection.get(), status: 'reconnecting', attempt: retries + 1, retryAt: Date.now() + delay });
      await new Promise((resolve) => setTimeout(resolve, delay));
    },
    on: {
      connecting: () => {
        if (!wasConnected) connection.set({ status: 'connecting', attempt: 0 });
      },
      connected: () => {
        wasConnected = true;
        connection.set({ status: 'connected', attempt: 0 });
      },
      closed: (event) => {
        const { code, reason } = event as CloseEvent;
        if (code === CloseCode.Unauthorized || code === CloseCode.Forbidden) {
          connection.set({ status: 'failed', attempt: 0, reason: reason || 'token refused' });
          onSessionRefused(reason || 'The gateway refused the token.');
          return;
        }
        if (wasConnected) connection.set({ ...connection.get(), status: 'reconnecting', reason: reason || `closed (${code})` });
      },
    },
  });
  const client = new Client({
    url: graphqlUrl().href,
    // Every view reads what the graph says now: live data is not cached.
    requestPolicy: 'network-only',
    // POST with a JSON body: a GET carries no content-type, and the gateway's CSRF prevention refuses it.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization } }),
    exchanges: [
      // A token the gateway no longer takes (expired, revoked) ends the session: the login form says why.
      mapExchange({
        onError: (error) => {
          const refused = error.graphQLErrors.find((e) => e.extensions?.code === 'UNAUTHENTICATED');
          if (refused) onSessionRefused(refused.message);
        },
      }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => {
          const input = { ...request, query: request.query ?? '' };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
  });
  return {
    client,
    connection,
    async download(path) {
      const res = await fetch(new URL(path, new URL('.', location.href)), { headers: { authorization } });
      if (!res.ok) {
        const body = (await res.json().catch(() => undefined)) as { errors?: Array<{ message: string }> } | undefined;
        const message = body?.errors?.[0]?.message ?? `HTTP ${res.status}`;
        // As for a query: a token the gateway no longer takes ends the session.
        if (res.status === 401) onSessionRefused(message);
        throw new Error(message);
      }
      return res.blob();
    },
    close: () => void ws.dispose(),
  };
}
