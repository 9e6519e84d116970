/**
 * The HTTP client adapters share: one keep-alive undici Pool per cloud, a bounded
 * timeout per request, the cloud's TLS trust, and the answers that mean "the cloud
 * cannot be reached" mapped to CLOUD_UNAVAILABLE once, here, by status and body
 * shape. Everything else reaches the adapter, which maps its API's own error bodies
 * (each API has its shape), including the 500s an API uses for a failed operation.
 */
import { rootCertificates, type TLSSocket } from 'node:tls';
import { buildConnector, Pool } from 'undici';
import type { CloudTls } from './apiOptions';
import { CloudApiError, ErrorCode } from './cloudApiError';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body; `undefined` for an empty body, or for a 4xx whose body is not JSON. */
  body: unknown;
}

/** The first value of a response header (login tokens come in one), or `undefined`. */
export function headerValue(res: HttpResponse, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with query string, relative to the base URL's origin. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** This request's bound instead of the client's (a synchronous operation's budget). */
  timeoutMs?: number;
}

/** A request whose bodies are bytes (transfer URLs, image data), not JSON. */
export interface BytesRequest {
  method: 'GET' | 'PUT' | 'POST';
  /** A path relative to the base URL's origin, or an absolute URL the cloud handed out: it must be on the same origin. */
  url: string;
  headers?: Record<string, string>;
  /** Sent as is: one chunk, or a stream (a whole staged file). */
  body?: Buffer | NodeJS.ReadableStream;
  timeoutMs?: number;
}

export interface BytesResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body's bytes (a bounded range: one chunk). */
  body: Buffer;
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  /**
   * Bytes in or out (downloads with `Range`, uploads with `Content-Range`). Statuses
   * that mean "unreachable" throw CLOUD_UNAVAILABLE as `request` does; any other
   * status is the caller's to read.
   */
  bytes(req: BytesRequest): Promise<BytesResponse>;
  close(): Promise<void>;
}

export interface HttpClientOptions {
  /** Per request, unless the request sets its own. */
  timeoutMs: number;
  tls?: CloudTls;
}

/**
 * Gateways and load balancers answer these for a backend they cannot reach, often
 * in HTML or plain text; the APIs themselves answer 503 when a service is down.
 * Either way the cloud cannot be reached, whatever the body.
 */
export const UNREACHABLE_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/** The TLS connector for `tls`, or undici's default when there is nothing to add. */
function connectorFor(tls: CloudTls | undefined): buildConnector.connector | undefined {
  if (tls === undefined || (tls.ca === undefined && tls.thumbprint === undefined)) return undefined;
  const { thumbprint } = tls;
  if (thumbprint === undefined) {
    // Node's roots stay trusted: `ca` alone would replace them.
    return buildConnector({ ca: [...rootCertificates, tls.ca!] });
  }
  // A pinned certificate is checked here, instead of by a chain to a CA. No TLS session
  // resumption: a resumed connection shows no certificate to check, and the session
  // cache would also keep a session of a server whose certificate was refused.
  const connect = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });
  // 64 hex digits are SHA-256, 40 are SHA-1: Node reports both, as `fingerprint256` and `fingerprint`.
  const sha256 = thumbprint.replaceAll(':', '').length === 64;
  return (options, callback) =>
    connect(options, (err, socket) => {
      if (err !== null) return callback(err, null);
      const cert = (socket as TLSSocket).getPeerCertificate?.();
      const seen = cert ? (sha256 ? cert.fingerprint256 : cert.fingerprint) : undefined;
      if (seen !== thumbprint) {
        socket.destroy();
        return callback(
          Object.assign(new Error('the server certificate does not match the configured thumbprint'), { code: THUMBPRINT_MISMATCH }),
          null,
        );
      }
      return callback(null, socket);
    });
}

const THUMBPRINT_MISMATCH = 'ERR_OVERCAST_THUMBPRINT_MISMATCH';

/** Node's and OpenSSL's codes for a certificate that is not trusted, and ours for a pin that does not match. */
function isTrustFailure(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code === THUMBPRINT_MISMATCH || /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/.test(code));
}

/** Why a request got no answer, in our words: timeout, TLS trust, or no connection. */
export function transportReason(err: unknown, timeoutMs: number): string {
  if ((err as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // The certificate's details stay in the node (the error is not logged with them either): what to fix is the trust setting.
  if (isTrustFailure(err) || isTrustFailure((err as { cause?: unknown }).cause)) return 'refused: its TLS certificate is not trusted';
  return 'unreachable';
}

/** Parsed JSON, or `undefined` when `text` is not JSON. */
function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

export function createHttpClient(baseUrl: string, options: HttpClientOptions): HttpClient {
  const origin = new URL(baseUrl);
  // Trust settings on a plain-HTTP origin would protect nothing while seeming to: refuse them.
  if (options.tls !== undefined && origin.protocol !== 'https:')
    throw new Error(`TLS trust settings need an https:// URL, not ${origin.protocol}`);
  const basePath = origin.pathname.replace(/\/$/, '');
  const connect = connectorFor(options.tls);
  const pool = new Pool(origin.origin, { connections: 16, keepAliveTimeout: 30_000, ...(connect ? { connect } : {}) });

  return {
    async request(req) {
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] ??= 'application/json';
      }
      const timeoutMs = req.timeoutMs ?? options.timeoutMs;
      let status: number;
      let text: string;
      let responseHeaders: HttpResponse['headers'];
      try {
        const res = await pool.request({
          method: req.method,
          path: basePath + req.path,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = res.statusCode;
        responseHeaders = res.headers;
        text = await res.body.text();
      } catch (err) {
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API ${transportReason(err, timeoutMs)}`);
      }
      // The status first: a proxy's HTML 502 says the cloud is out of reach, not that it answered garbage.
      if (UNREACHABLE_STATUSES.has(status)) {
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API answered ${status}`, status);
      }
      const parsed = text === '' ? { value: undefined } : parseJson(text);
      if (status >= 500 && (parsed === undefined || text === '')) {
        // Not the API speaking (its errors are JSON, an empty body is none): a crashed server or something in front of it.
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API answered ${status}`, status);
      }
      if (parsed === undefined && status < 400) {
        throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud answered ${status} with a body that is not JSON`, status);
      }
      return { status, headers: responseHeaders, body: parsed?.value };
    },
    async bytes(req) {
      const target = new URL(req.url, origin);
      // A cloud hands out transfer URLs; following one to another host would send our session there.
      if (target.origin !== origin.origin)
        throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'Cloud handed out a transfer URL of another origin');
      const timeoutMs = req.timeoutMs ?? options.timeoutMs;
      let res;
      let body: Buffer;
      try {
        res = await pool.request({
          method: req.method,
          path: target.pathname + target.search,
          headers: req.headers,
          body: req.body as Buffer | undefined,
          signal: AbortSignal.timeout(timeoutMs),
        });
        body = Buffer.from(await res.body.arrayBuffer());
      } catch (err) {
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API ${transportReason(err, timeoutMs)}`);
      }
      if (UNREACHABLE_STATUSES.has(res.statusCode)) {
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API answered ${res.statusCode}`, res.statusCode);
      }
      return { status: res.statusCode, headers: res.headers, body };
    },
    close: () => pool.close(),
  };
}
