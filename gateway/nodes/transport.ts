/**
 * The gateway's one transport to its nodes. GraphQL, configuration delivery, health
 * checks and the event stream all go through it, so four things are decided once:
 *
 * - where: a node's routes are siblings of its GraphQL endpoint (./endpoints.ts), so
 *   a node served under a path prefix is reached there for every route;
 * - signing: every request but the health check is signed with the node's secret,
 *   over the path and query exactly as they go on the request line (schema/signing.ts);
 * - time: undici's per-phase timeouts (connect, headers, body) are the node timeout,
 *   on one keep-alive Agent for every request/response exchange; event streams,
 *   long-lived, have connections of their own whose body timeout is the idle limit;
 * - trust: an https:// node's certificate is checked against Node's bundled roots and
 *   the configured `ca` (gateway/config.ts `nodeTls`), on every Agent.
 *
 * A request that gets no answer is a NodeUnavailableError (gateway/routing/nodeClient.ts).
 * Subgraphs of a foreign supergraph (supergraph mode) go through the same Agent, unsigned.
 *
 * Being the one way to the nodes, it is also where upstream requests are measured
 * (`observe`: count, latency, failures by reason, per cloud, kind and route) and where
 * the client request's id goes out: `x-request-id` on the GraphQL and configuration
 * requests made for a client request (schema/requestId.ts). The id is not signed: it
 * is a log label the node validates like any header, and signing it would change the
 * signing contract on both ends for nothing a forged id could gain.
 *
 * ```ts
 * const transport = createNodeTransport({ timeoutMs: 5000 });
 * await transport.post(node, { query: '{ clouds { id } }' }, principal);
 * await transport.postJson(node, 'config', { version, settings }, SYSTEM_PRINCIPAL);
 * ```
 */
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import { CloudHealthSchema, type CloudHealth } from '../../schema/cloudHealth';
import { EVENTS_PATH } from '../../schema/eventStream';
import type { Principal } from '../../schema/principal';
import { REQUEST_ID_HEADER } from '../../schema/requestId';
import { signRequest, type SignedHeaders } from '../../schema/signing';
import { TASK_ID_HEADER } from '../../schema/taskId';
import type { NodeInstance } from '../registry';
import { exchangeGraphQL, NodeUnavailableError, unavailable, type NodeClient, type UnavailableReason } from '../routing/nodeClient';
import { nodeBaseUrl, nodeEndpoint } from './endpoints';

export interface NodeTransportOptions {
  /** Longest wait to connect to a node, for its answer's headers, and between body chunks. */
  timeoutMs: number;
  /** Told of every request/response exchange (and every event stream opened). */
  observe?: UpstreamObserver;
  /** The id of the client request being served, if any (sent as `x-request-id`). */
  requestId?: () => string | undefined;
  /** PEM CA certificate(s) trusted for https:// nodes besides Node's bundled roots (a private CA). */
  ca?: string | Buffer;
}

/** Which of a node's routes an exchange used. */
export type UpstreamRoute = 'graphql' | 'config' | 'health' | 'events' | 'transfers' | 'content';

/** One exchange with a node (or, `kind: 'foreign'` and no cloud, a subgraph of a foreign supergraph). */
export interface UpstreamExchange {
  cloudId: string;
  kind: NodeInstance['kind'] | 'foreign';
  route: UpstreamRoute;
  /** Until the answer (the headers, for an event stream), or the failure. */
  seconds: number;
  /** Why it failed; absent when the node answered as asked. */
  failure?: UnavailableReason;
}

export type UpstreamObserver = (exchange: UpstreamExchange) => void;

/** A node's answer to {@link NodeTransport.postJson}: its status, and its body if that was JSON. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** A node's /health: `up` when it answered 200 in time; `cloud`, its probe's last report, when it gave a valid one. */
export interface HealthAnswer {
  up: boolean;
  cloud?: CloudHealth;
}

/** The JSON routes of a node besides GraphQL. */
export type JsonRoute = 'config';

/** The node's routes {@link NodeTransport.request} may reach: transfers and content (schema/transfers.ts). */
export type SignedRoute = 'transfers' | 'content';

/** A signed request to one of a node's {@link SignedRoute}s. */
export interface SignedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  route: SignedRoute;
  /** Under the route, without a leading slash or a query (`inspect`, `exports/<id>`); each segment is sent as given. */
  path: string;
  /** JSON; absent: no body (GET, DELETE). */
  body?: unknown;
  /** Longest wait for the answer when the node's work takes longer than a query (an export the cloud prepares). @default the node timeout */
  timeoutMs?: number;
}

export interface EventStreamsOptions {
  /** Silence after which a stream counts as dead: the body timeout of its request. */
  idleTimeoutMs: number;
}

/** Event streams of nodes (schema/eventStream.ts) on connections of their own, closed together. */
export interface EventStreams {
  /**
   * Open a node's event stream with `query` (`after`, `epoch`), signed for `principal`;
   * `signal` closes it. The answer is the caller's to check and read: a body left
   * unread holds its connection.
   */
  open(node: NodeInstance, query: Record<string, string>, principal: Principal, signal: AbortSignal): Promise<Dispatcher.ResponseData>;
  /** Close these streams' connections once their signals aborted them; resolves once the connections are gone. */
  close(): Promise<void>;
}

export interface NodeTransport extends NodeClient {
  /** POST JSON to a node route other than GraphQL (configuration delivery), signed for `principal`. */
  postJson(node: NodeInstance, route: JsonRoute, body: unknown, principal: Principal): Promise<JsonAnswer>;
  /**
   * A signed JSON request to a node's transfer or content routes (schema/transfers.ts):
   * its status and JSON body (undefined when there is none or it is not JSON).
   */
  request(node: NodeInstance, request: SignedRequest, principal: Principal): Promise<JsonAnswer>;
  /** Whether the node's /health answers 200 in time, and its report of its cloud's API; unsigned (probes have no secret). Never throws. */
  health(node: NodeInstance): Promise<HealthAnswer>;
  /**
   * A reader's set of event streams. Its own connections: long-lived streams take no
   * slot of the pool that bounds request/response traffic, and the reader can wait
   * until its connections are gone.
   */
  eventStreams(options: EventStreamsOptions): EventStreams;
  /** Close once the exchanges in flight are done; event streams still open are cut. */
  close(): Promise<void>;
}

/** schema/eventStream.ts names the stream's path at the root of a node's routes: here it is relative to the node's base. */
const EVENTS_ROUTE = EVENTS_PATH.replace(/^\//, '');

export function createNodeTransport({ timeoutMs, observe, requestId, ca }: NodeTransportOptions): NodeTransport {
  // Given `ca`, undici trusts only what it is given: the bundled roots are kept beside it.
  const connect = { timeout: timeoutMs, ...(ca !== undefined ? { ca: [...rootCertificates, ca] } : {}) };
  // The timeout is undici's own, per phase (connect, headers, body): its timers are shared and
  // coarse (±0.5 s above 1 s), unlike an AbortSignal.timeout per request, which keeps a timer,
  // a signal and its listeners alive for the whole timeout after every request and showed up in
  // the gateway's CPU profile.
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: 128,
    connect,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  // Node URLs are few and fixed: parse each once (GraphQL is the hot path).
  const urls = new Map<string, { url: URL; base: URL }>();
  const parsed = (raw: string): { url: URL; base: URL } => {
    let entry = urls.get(raw);
    if (!entry) urls.set(raw, (entry = { url: new URL(raw), base: nodeBaseUrl(raw) }));
    return entry;
  };
  // Each reader's event stream connections, cut if still open when the transport closes.
  const streamAgents = new Set<Agent>();
  // The signature covers the path as it goes on the request line: undici sends a URL's pathname + search.
  const sign = (node: NodeInstance, method: string, url: URL, body: string, principal: Principal): SignedHeaders =>
    signRequest({ secret: node.secret, method, path: url.pathname + url.search, body, principal });
  // Beside the signed headers, outside the signature (see the module comment).
  const traced = (): Record<string, string> => {
    const id = requestId?.();
    return id ? { [REQUEST_ID_HEADER]: id } : {};
  };
  /** Run one exchange, telling `observe` how long it took and, by `judge` or its error, whether it failed. */
  const measured = async <T>(
    target: Pick<UpstreamExchange, 'cloudId' | 'kind' | 'route'>,
    run: () => Promise<T>,
    judge: (value: T) => UnavailableReason | undefined = () => undefined,
  ): Promise<T> => {
    if (!observe) return run();
    const started = performance.now();
    const report = (failure: UnavailableReason | undefined) =>
      observe({ ...target, seconds: (performance.now() - started) / 1000, ...(failure ? { failure } : {}) });
    try {
      const value = await run();
      report(judge(value));
      return value;
    } catch (err) {
      report(err instanceof NodeUnavailableError ? err.reason : 'unreachable');
      throw err;
    }
  };
  /** The failure an HTTP status means on a route that wants 200. */
  const statusFailure = (status: number): UnavailableReason | undefined =>
    status === 200 ? undefined : status === 401 ? 'refused' : status < 500 ? 'rejected' : 'bad_answer';

  return {
    async post(node, body, principal, options) {
      const { url } = parsed(node.url);
      const text = options?.text ?? JSON.stringify(body);
      // Unsigned like the request id (schema/taskId.ts says why that is safe).
      const task: Record<string, string> = options?.taskId ? { [TASK_ID_HEADER]: options.taskId } : {};
      const headers = { ...sign(node, 'POST', url, text, principal), ...traced(), ...task };
      return measured({ cloudId: node.cloudId, kind: node.kind, route: 'graphql' }, () =>
        exchangeGraphQL({ dispatcher: agent, url, text, headers, timeoutMs, refused: "its node refused the gateway's signature" }),
      );
    },
    async postUnsigned(url, body, options) {
      // Nothing of the client's request goes to a foreign subgraph, its request id included (README, supergraph mode).
      return measured({ cloudId: '', kind: 'foreign', route: 'graphql' }, () =>
        exchangeGraphQL({
          dispatcher: agent,
          url: parsed(url).url,
          text: options?.text ?? JSON.stringify(body),
          headers: {},
          timeoutMs,
          refused: 'it refused the request (HTTP 401)',
        }),
      );
    },
    async postJson(node, route, body, principal) {
      const url = nodeEndpoint(parsed(node.url).base, route);
      const text = JSON.stringify(body);
      const headers = { 'content-type': 'application/json', ...sign(node, 'POST', url, text, principal), ...traced() };
      return measured(
        { cloudId: node.cloudId, kind: node.kind, route },
        async () => {
          let res;
          try {
            res = await request(url, { method: 'POST', dispatcher: agent, headers, body: text });
          } catch (err) {
            throw unavailable(err, timeoutMs, 'unreachable');
          }
          return { status: res.statusCode, body: await res.body.json().catch(() => undefined) };
        },
        (answer) => statusFailure(answer.status),
      );
    },
    async request(node, { method, route, path, body, timeoutMs: waitMs = timeoutMs }, principal) {
      if (path.startsWith('/') || path.includes('?') || path.includes('#'))
        throw new TypeError(`request: path "${path}" must be relative, without query`);
      const url = nodeEndpoint(parsed(node.url).base, path ? `${route}/${path}` : route);
      const text = body === undefined ? '' : JSON.stringify(body);
      const headers = {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...sign(node, method, url, text, principal),
        ...traced(),
      };
      return measured(
        { cloudId: node.cloudId, kind: node.kind, route },
        async () => {
          let res;
          try {
            res = await request(url, {
              method,
              dispatcher: agent,
              headers,
              headersTimeout: waitMs,
              bodyTimeout: waitMs,
              ...(body === undefined ? {} : { body: text }),
            });
          } catch (err) {
            throw unavailable(err, waitMs, 'unreachable');
          }
          const raw = await res.body.text().catch(() => '');
          let json: unknown;
          try {
            json = raw === '' ? undefined : JSON.parse(raw);
          } catch {
            json = undefined;
          }
          return { status: res.statusCode, body: json };
        },
        // A refusal the node explains (404, 409, 400) is an answer; only a bad signature or a 5xx is a failure.
        (answer) => (answer.status === 401 ? 'refused' : answer.status >= 500 && answer.status !== 503 ? 'bad_answer' : undefined),
      );
    },
    async health(node) {
      let failure: UnavailableReason | undefined;
      return measured(
        { cloudId: node.cloudId, kind: node.kind, route: 'health' },
        async () => {
          let cloud: CloudHealth | undefined;
          try {
            const res = await request(nodeEndpoint(parsed(node.url).base, 'health'), { dispatcher: agent });
            failure = statusFailure(res.statusCode);
            // The node answered either way: a body that is not JSON, or a `cloud` that does not parse, is no report.
            const body: unknown = failure === undefined ? await res.body.json().catch(() => undefined) : await res.body.dump();
            const report = CloudHealthSchema.safeParse((body as { cloud?: unknown } | undefined)?.cloud);
            if (report.success) cloud = report.data;
          } catch (err) {
            failure = unavailable(err, timeoutMs, 'unreachable').reason;
          }
          return { up: failure === undefined, ...(cloud ? { cloud } : {}) };
        },
        () => failure,
      );
    },
    eventStreams({ idleTimeoutMs }) {
      const streams = new Agent({ connect, headersTimeout: timeoutMs, bodyTimeout: idleTimeoutMs });
      streamAgents.add(streams);
      return {
        async open(node, query, principal, signal) {
          const url = nodeEndpoint(parsed(node.url).base, EVENTS_ROUTE);
          for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
          const headers = { accept: 'text/event-stream', ...sign(node, 'GET', url, '', principal) };
          return measured(
            { cloudId: node.cloudId, kind: node.kind, route: 'events' },
            async () => {
              try {
                return await request(url, { method: 'GET', dispatcher: streams, headers, signal });
              } catch (err) {
                throw unavailable(err, timeoutMs, signal.aborted ? 'closed' : 'unreachable');
              }
            },
            (res) => statusFailure(res.statusCode),
          );
        },
        close: async () => {
          streamAgents.delete(streams);
          await streams.close();
        },
      };
    },
    close: async () => {
      // A reader that did not close its streams would keep close() waiting for ever: cut them.
      await Promise.all([agent.close(), ...[...streamAgents].map((streams) => streams.destroy())]);
      streamAgents.clear();
    },
  };
}
