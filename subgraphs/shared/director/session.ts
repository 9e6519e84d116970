/**
 * A Cloud Director API session (API 38.0): log in lazily with HTTP Basic, keep the
 * bearer token, share one login among concurrent callers, and log in again once
 * when the cell answers 401 (sessions expire after idling or a cell restart).
 * Used by every client of a director cell: the cloud-node adapter and the sp-node.
 */
import { CloudApiError, ErrorCode } from '../cloudApiError';
import { createHttpClient, headerValue, type HttpRequest, type HttpResponse } from '../http';
import { directorAnswers, directorError, type ErrorContext } from './errors';
import { SharedCredential } from '../credential';
import type { DirectorApiOptions } from '../apiOptions';

/** The API version every request negotiates. */
export const API_VERSION = '38.0';
/** Accept header for the OpenAPI half (`/cloudapi/...`). */
export const CLOUDAPI_ACCEPT = `application/json;version=${API_VERSION}`;
/** Accept header for the legacy half (`/api/...`), whose media types are `application/vnd...+json`. */
export const LEGACY_ACCEPT = `application/*+json;version=${API_VERSION}`;

export interface DirectorSession {
  /**
   * Send with the session's bearer token (logging in first if needed); on a 401
   * log in again once and retry. Answers >= 400 become CloudApiErrors about `context`.
   */
  call(req: HttpRequest, context: ErrorContext): Promise<HttpResponse>;
  /** One cheap authenticated read (the session itself), for the node's cloud probe. */
  probe(): Promise<void>;
  /** End the session (best effort) and release the connections. */
  close(): Promise<void>;
}

/**
 * Create a session; nothing is sent before the first `call`. A `username` of
 * `user@System` logs in as a provider administrator, `user@org` as a tenant user.
 */
export function createDirectorSession(options: DirectorApiOptions): DirectorSession {
  const http = createHttpClient(options.baseUrl, options);
  // System org users log in at the provider endpoint, tenant users at the plain one.
  const loginPath = /@system$/i.test(options.username) ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';
  async function login(): Promise<string> {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    const res = await http.request({
      method: 'POST',
      path: loginPath,
      headers: { accept: CLOUDAPI_ACCEPT, authorization: `Basic ${basic}` },
    });
    if (res.status === 401 || res.status === 403) throw directorError(401, { subject: 'login' });
    if (res.status !== 200) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director login answered ${res.status}`, res.status);
    const value = headerValue(res, 'x-vmware-vcloud-access-token');
    if (!value) throw directorAnswers.unexpected('login');
    return value;
  }
  const token = new SharedCredential(login);

  return {
    async call(req, context) {
      const res = await token.send((bearer) => http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${bearer}` } }));
      if (res.status >= 400) throw directorError(res.status, context);
      return res;
    },

    async probe() {
      await this.call(
        { method: 'GET', path: '/cloudapi/1.0.0/sessions/current', headers: { accept: CLOUDAPI_ACCEPT } },
        { subject: 'session check' },
      );
    },

    async close() {
      await token.release((bearer) =>
        http.request({
          method: 'DELETE',
          path: '/cloudapi/1.0.0/sessions/current',
          headers: { accept: CLOUDAPI_ACCEPT, authorization: `Bearer ${bearer}` },
        }),
      );
      await http.close();
    },
  };
}
