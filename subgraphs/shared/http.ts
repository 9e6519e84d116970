/**
 * The HTTP client adapters share: one keep-alive undici Pool per cloud, a bounded
 * timeout per request, and transport failures mapped to CLOUD_UNAVAILABLE once,
 * here. Adapters map the API's own error bodies themselves (each API has its shape).
 */
import { Pool } from 'undici';
import { CloudApiError, ErrorCode } from './cloudApiError';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or `undefined` for an empty body. */
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
}

export interface HttpClient {
  request(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
}

export function createHttpClient(baseUrl: string, timeoutMs: number): HttpClient {
  const origin = new URL(baseUrl);
  const basePath = origin.pathname.replace(/\/$/, '');
  const pool = new Pool(origin.origin, { connections: 16, keepAliveTimeout: 30_000 });

  return {
    async request(req) {
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | undefined;
      if (req.json !== undefined) {
        body = JSON.stringify(req.json);
        headers['content-type'] ??= 'application/json';
      }
      try {
        const res = await pool.request({
          method: req.method,
          path: basePath + req.path,
          headers,
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.body.text();
        let parsed: unknown;
        if (text !== '') {
          try {
            parsed = JSON.parse(text);
          } catch {
            throw new CloudApiError(
              ErrorCode.UPSTREAM_ERROR,
              `Cloud answered ${res.statusCode} with a body that is not JSON`,
              res.statusCode,
            );
          }
        }
        if (res.statusCode >= 500) {
          throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API answered ${res.statusCode}`, res.statusCode);
        }
        return { status: res.statusCode, headers: res.headers, body: parsed };
      } catch (err) {
        if (err instanceof CloudApiError) throw err;
        const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable';
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud API ${reason}`);
      }
    },
    close: () => pool.close(),
  };
}
