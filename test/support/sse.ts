/**
 * Test helpers for node event streams: open GET /events on a node (signed as the
 * gateway would, or not), collect what arrives, and wait for a condition with a cap.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { request } from 'undici';
import type { NodeEvent } from '../../schema/events';
import { EPOCH_HEADER } from '../../schema/eventStream';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { signRequest } from '../../schema/signing';

export interface OpenStream {
  status: number;
  epoch: string | undefined;
  contentType: string | undefined;
  /** Parsed `data` of every message so far. */
  events: NodeEvent[];
  /** Every message as parsed (id and data). */
  messages: EventSourceMessage[];
  comments: string[];
  /** The body of a non-200 answer. */
  body: unknown;
  /** Why reading stopped, if it failed (a test's own close shows as an abort). */
  error: unknown;
  close(): void;
}

/** GET /events?<query> on the node whose GraphQL URL is `nodeUrl` (beside it, under any base path); signed with `secret` unless it is null. */
export async function openEventStream(nodeUrl: string, secret: string | null, query: Record<string, string> = {}): Promise<OpenStream> {
  // A sibling of the GraphQL endpoint, so that a node under a base path is reached there too.
  const url = new URL('events', nodeUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const headers =
    secret === null ? {} : signRequest({ secret, method: 'GET', path: url.pathname + url.search, body: '', principal: SYSTEM_PRINCIPAL });
  const abort = new AbortController();
  const res = await request(url, { method: 'GET', headers: { ...headers }, signal: abort.signal });
  const epoch = res.headers[EPOCH_HEADER];
  const contentType = res.headers['content-type'];
  const stream: OpenStream = {
    status: res.statusCode,
    epoch: typeof epoch === 'string' ? epoch : undefined,
    contentType: typeof contentType === 'string' ? contentType : undefined,
    events: [],
    messages: [],
    comments: [],
    body: undefined,
    error: undefined,
    close: () => abort.abort(),
  };
  if (res.statusCode !== 200) {
    stream.body = await res.body.json().catch(() => undefined);
    return stream;
  }
  const parser = createParser({
    onEvent: (message) => {
      stream.messages.push(message);
      stream.events.push(JSON.parse(message.data) as NodeEvent);
    },
    onComment: (comment) => stream.comments.push(comment),
  });
  const decoder = new TextDecoder();
  // Read in the background until closed; the test looks at `events`.
  void (async () => {
    try {
      for await (const chunk of res.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch (err) {
      // Closed by the test (abort) or by the node; kept for a failing test to show.
      stream.error = err;
    }
  })();
  return stream;
}
