/**
 * What every simulated cloud shares: a fastify server on loopback, a request log
 * (tests count upstream calls with it), and fault injection (latency, failing
 * requests, a cloud that is down). Each API flavour registers its routes on top.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SeedCloud } from './seed';
import { cloudHistory, defaultHistoryStart, type VmHistory } from './usageHistory';

export interface Faults {
  /** Added to every request before it is answered. */
  latencyMs: number;
  /**
   * Added, on top of `latencyMs`, to every request that is not a read (any method but
   * GET and HEAD: power actions, and logins too): a cloud slow to carry out operations
   * while its reads stay quick. Applied before the request is carried out, as a slow cloud would.
   */
  writeLatencyMs: number;
  /** Every request fails with the API's own "service unavailable" error (HTTP 503). */
  failRequests: boolean;
  /**
   * Every request is answered by "a proxy in front of the API" with this status
   * (502, 503 or 504) and a plain-text body, as vCenter's reverse proxy or a load
   * balancer does when the API behind it is down; 0: off.
   */
  proxyStatus: number;
  /**
   * Power operations are accepted and then fail in the cloud, answered the way the API
   * reports a failed operation (vSphere: 500 `ERROR`; Nova: the action reverts, the server keeps its status and task_state clears;
   * Director: the task ends in `error`). The cloud stays up.
   */
  failOperations: boolean;
  /**
   * How long a power operation takes in the cloud: vSphere's synchronous call answers
   * after it, a Director task stays `running` and a Nova server keeps its task_state
   * for it. 0: at once.
   */
  operationMs: number;
  /** The cloud is unreachable: connections are reset without an answer. */
  down: boolean;
}

export interface LoggedRequest {
  method: string;
  /** Path and query string, as sent. */
  url: string;
  /** The Accept header, which names the API version (Director) a request speaks. */
  accept?: string;
}

export interface MockCloud {
  /** Base URL of the server, e.g. `http://127.0.0.1:41234` (`https:` when served with TLS). */
  readonly url: string;
  /** The URL a node is configured with for this API: `url`, plus Keystone's path for OpenStack. */
  readonly apiUrl: string;
  /** The live state: power operations and other writes change it. */
  readonly cloud: SeedCloud;
  /** Where the usage history the accounting APIs report begins (see usageHistory.ts). */
  readonly historyStart: Date;
  readonly credentials: { username: string; password: string };
  readonly requests: LoggedRequest[];
  /** Requests whose path starts with `prefix` (all when omitted), since the last reset. */
  countRequests(prefix?: string): number;
  resetRequests(): void;
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

/** How an API flavour answers an injected failure, in its own error shape. */
export type UnavailableReply = (reply: FastifyReply) => FastifyReply;

export interface MockServerOptions {
  port?: number;
  latencyMs?: number;
  /** See Faults.operationMs. @default 0 */
  operationMs?: number;
  /** Serve HTTPS with this PEM key and certificate, as appliances do. */
  tls?: { key: string; cert: string };
  /** OpenStack: the highest compute microversion nova serves (`2.60`); above it, 406. @default '2.96' */
  novaMaxMicroversion?: string;
  /** Director: the highest API version the cell offers (a 10.4 cell: `37.2`); above it, 406. @default '38.0' */
  directorMaxApiVersion?: string;
  /** Director: the cell's maximum page size (`restapi.queryservice.maxPageSize`), applied silently. @default 128 */
  directorMaxPageSize?: number;
  /** Where the usage history begins. @default the first instant of the previous UTC month */
  historyStart?: Date;
  /** Bytes of every seeded VM's and template's disk (content/seededBytes.ts). @default defaultDiskBytes() (MOCK_DISK_BYTES, else 4 MiB) */
  diskBytes?: number;
}

/**
 * Create the fastify app with the shared hooks. The caller registers its routes,
 * then calls `listen()`.
 */
export function createMockServer(
  cloud: SeedCloud,
  credentials: { username: string; password: string },
  unavailable: UnavailableReply,
  options: MockServerOptions = {},
): {
  app: FastifyInstance;
  faults: Readonly<Faults>;
  /** The seeded VMs' usage history, from the seed as it was built (power operations since change nothing of it). */
  history: VmHistory[];
  historyStart: Date;
  listen: (apiPath?: string) => Promise<MockCloud>;
} {
  const historyStart = options.historyStart ?? defaultHistoryStart();
  const history = cloudHistory(structuredClone(cloud), historyStart);
  const app = (
    options.tls
      ? Fastify({ logger: false, forceCloseConnections: true, https: options.tls })
      : Fastify({ logger: false, forceCloseConnections: true })
  ) as FastifyInstance;
  const faults: Faults = {
    latencyMs: options.latencyMs ?? 0,
    writeLatencyMs: 0,
    failRequests: false,
    proxyStatus: 0,
    failOperations: false,
    operationMs: options.operationMs ?? 0,
    down: false,
  };
  const requests: LoggedRequest[] = [];

  // JSON bodies with vendor media types (`application/*+json;version=38.0`).
  app.addContentTypeParser(/^application\/.*json/, { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/__mock/')) return;
    if (faults.down) {
      request.raw.socket.destroy();
      return reply;
    }
    requests.push({ method: request.method, url: request.url, accept: request.headers.accept });
    const write = request.method !== 'GET' && request.method !== 'HEAD';
    const latencyMs = faults.latencyMs + (write ? faults.writeLatencyMs : 0);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (faults.proxyStatus > 0) {
      return reply
        .code(faults.proxyStatus)
        .type('text/plain')
        .send(`${faults.proxyStatus} Service Unavailable (Failed to connect to endpoint: [N7Vmacore4Http16LocalServiceSpecE])`);
    }
    if (faults.failRequests) return unavailable(reply);
    return undefined;
  });

  // Fault control for out-of-process mocks (the demo): POST /__mock/faults {"down":true}
  app.post('/__mock/faults', async (request) => {
    Object.assign(faults, request.body as Partial<Faults>);
    return faults;
  });

  /** `apiPath`: where the API a node is configured with lives on this server (Keystone's `/identity/v3`). */
  const listen = async (apiPath = ''): Promise<MockCloud> => {
    await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('mock cloud has no TCP address');
    const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`;
    return {
      url,
      apiUrl: url + apiPath,
      cloud,
      historyStart,
      credentials,
      requests,
      countRequests: (prefix = '') => requests.filter((r) => r.url.startsWith(prefix)).length,
      resetRequests: () => void requests.splice(0),
      setFaults: (next) => void Object.assign(faults, next),
      close: () => app.close(),
    };
  };
  return { app, faults, history, historyStart, listen };
}
