/**
 * A Cloud Director API session: settle the API version once (configured, else
 * negotiated from `GET /api/versions`), log in lazily with HTTP Basic, keep the
 * bearer token, share one login among concurrent callers, and log in again once
 * when the cell answers 401 (sessions expire after idling or a cell restart).
 * Used by every client of a director cell: the cloud-node adapter and the sp-node.
 */
import { CloudApiError, ErrorCode } from '../cloudApiError';
import { createHttpClient, headerValue, type BytesRequest, type BytesResponse, type HttpRequest, type HttpResponse } from '../http';
import { directorAnswers, directorError, type ErrorContext } from './errors';
import { acceptFor, negotiateVersion } from './versions';
import { SharedCredential } from '../credential';
import type { DirectorApiOptions } from '../apiOptions';

export interface DirectorSession {
  /**
   * Send with the session's bearer token (logging in first if needed) and the Accept
   * header of the path's API half at the session's version; on a 401 log in again
   * once and retry. Answers >= 400 become CloudApiErrors about `context`.
   */
  call(req: HttpRequest, context: ErrorContext): Promise<HttpResponse>;
  /**
   * Bytes to or from a transfer URL the cell handed out (`upload:default`,
   * `download:default`: `/transfer/<uuid>/<file>`), with the same token and the same
   * one retry after a 401; every status is the caller's to read.
   */
  bytes(req: BytesRequest): Promise<BytesResponse>;
  /** The API version the session speaks (negotiating it first if needed). */
  apiVersion(): Promise<string>;
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
  // One negotiation for the session's life, shared by concurrent first calls; a failed one is not kept.
  const pinned = options.apiVersion;
  const version = new SharedCredential(pinned === undefined ? () => negotiateVersion(http) : () => Promise.resolve(pinned));
  const withAccept = (req: HttpRequest, v: string): HttpRequest => ({
    ...req,
    headers: { ...req.headers, accept: acceptFor(req.path, v) },
  });

  // System org users log in at the provider endpoint, tenant users at the plain one.
  const loginPath = /@system$/i.test(options.username) ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';
  async function login(): Promise<string> {
    const v = await version.get();
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    const res = await http.request(withAccept({ method: 'POST', path: loginPath, headers: { authorization: `Basic ${basic}` } }, v));
    // A refused login is about the credentials, whatever the body says.
    if (res.status === 401 || res.status === 403) throw directorError({ status: 401, body: undefined }, { subject: 'login' }, v);
    if (res.status === 406) throw directorError(res, { subject: 'login' }, v);
    if (res.status !== 200) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director login answered ${res.status}`, res.status);
    const value = headerValue(res, 'x-vmware-vcloud-access-token');
    if (!value) throw directorAnswers.unexpected('login');
    return value;
  }
  const token = new SharedCredential(login);

  return {
    async call(req, context) {
      const v = await version.get();
      const sent = withAccept(req, v);
      const res = await token.send((bearer) => http.request({ ...sent, headers: { ...sent.headers, authorization: `Bearer ${bearer}` } }));
      if (res.status >= 400) throw directorError(res, context, v);
      return res;
    },

    bytes: (req) => token.send((bearer) => http.bytes({ ...req, headers: { ...req.headers, authorization: `Bearer ${bearer}` } })),

    apiVersion: () => version.get(),

    async probe() {
      await this.call({ method: 'GET', path: '/cloudapi/1.0.0/sessions/current' }, { subject: 'session check' });
    },

    async close() {
      await token.release(async (bearer) =>
        http.request(
          withAccept(
            { method: 'DELETE', path: '/cloudapi/1.0.0/sessions/current', headers: { authorization: `Bearer ${bearer}` } },
            await version.get(),
          ),
        ),
      );
      await http.close();
    },
  };
}
