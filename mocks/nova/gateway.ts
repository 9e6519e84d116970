/**
 * A path-routing gateway on loopback, as real OpenStack deployments put in front of
 * their services (`https://api.example/identity/v3`, `/compute/v2.1`, `:5000/v3`):
 * each route maps a path prefix of the gateway to a URL prefix behind it, with the
 * prefix stripped as such proxies do. It forwards without rewriting anything, so the
 * service behind it sees its own paths and builds its links from them. It records
 * what it forwarded (with the headers), and can answer a request itself instead.
 * Served over HTTPS it is a TLS-terminating proxy with a certificate of its own.
 */
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface GatewayRoute {
  /** Path prefix on the gateway (`/v3`, `/edge`). */
  prefix: string;
  /** Where it leads (`http://127.0.0.1:4321/identity/v3`). */
  target: string;
}

export interface GatewayRequest {
  method: string;
  /** Path and query as the gateway received them. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** An answer the gateway gives itself (a backend error, say), instead of forwarding. */
export type GatewayIntercept = (request: GatewayRequest) => { status: number; body: unknown } | undefined;

export interface Gateway {
  /** `http://127.0.0.1:<port>` (`https:` when served with TLS) */
  readonly url: string;
  readonly requests: GatewayRequest[];
  /** Requests whose path starts with `prefix`. */
  count(prefix: string): number;
  intercept: GatewayIntercept | undefined;
  close(): Promise<void>;
}

/** Response headers worth passing back (hop-by-hop and length headers are the gateway's own). */
const PASSED_BACK = ['content-type', 'x-subject-token', 'openstack-api-version', 'x-openstack-nova-api-version', 'www-authenticate'];

export interface GatewayOptions {
  /** Serve HTTPS with this PEM key and certificate (a TLS-terminating proxy with its own certificate). */
  tls?: { key: string; cert: string };
}

export async function startGateway(routes: readonly GatewayRoute[], options: GatewayOptions = {}): Promise<Gateway> {
  const requests: GatewayRequest[] = [];
  const gateway: Omit<Gateway, 'url' | 'close'> = {
    requests,
    count: (prefix) => requests.filter((r) => r.url.startsWith(prefix)).length,
    intercept: undefined,
  };
  const handle: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen: GatewayRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
      requests.push(seen);
      const own = gateway.intercept?.(seen);
      if (own) {
        res.writeHead(own.status, { 'content-type': 'application/json' }).end(JSON.stringify(own.body));
        return;
      }
      const route = routes.find((r) => seen.url === r.prefix || seen.url.startsWith(`${r.prefix}/`) || seen.url.startsWith(`${r.prefix}?`));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers[name] = value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(route.target + seen.url.slice(route.prefix.length), { method: seen.method, headers, body })
        .then(async (upstream) => {
          const back: Record<string, string> = {};
          for (const name of PASSED_BACK) {
            const value = upstream.headers.get(name);
            if (value !== null) back[name] = value;
          }
          res.writeHead(upstream.status, back).end(Buffer.from(await upstream.arrayBuffer()));
        })
        .catch(() => res.writeHead(502, { 'content-type': 'text/plain' }).end('502 Bad Gateway'));
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(gateway, {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
