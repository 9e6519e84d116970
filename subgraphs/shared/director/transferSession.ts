/**
 * Bytes to and from a cell's transfer URLs (`/transfer/<uuid>/<file>`, handed out in
 * `upload:default` and `download:default` links), which take the API's bearer token.
 *
 * It is a session of its own, of the same user: session.ts keeps its token to itself
 * (its `call` speaks JSON only). It speaks the session's API version, logs in on first
 * use and again once on a 401. (Were DirectorSession to offer a `bytes` call, this
 * would be that call.)
 */
import { CloudApiError, ErrorCode } from '../cloudApiError';
import { SharedCredential } from '../credential';
import { createHttpClient, headerValue, type BytesRequest, type BytesResponse } from '../http';
import type { DirectorApiOptions } from '../apiOptions';
import { directorAnswers, directorError } from './errors';
import type { DirectorSession } from './session';
import { acceptFor } from './versions';

export interface DirectorTransfers {
  /** Send to a transfer URL with the token; every status is the caller's to read (unreachable ones throw, as http.ts does). */
  bytes(req: BytesRequest): Promise<BytesResponse>;
  /** End the session (best effort) and release the connections. */
  close(): Promise<void>;
}

export function createDirectorTransfers(options: DirectorApiOptions, session: DirectorSession): DirectorTransfers {
  const http = createHttpClient(options.baseUrl, options);
  const loginPath = /@system$/i.test(options.username) ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';

  async function login(): Promise<string> {
    const version = await session.apiVersion();
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    const res = await http.request({
      method: 'POST',
      path: loginPath,
      headers: { accept: acceptFor(loginPath, version), authorization: `Basic ${basic}` },
    });
    if (res.status === 401 || res.status === 403) throw directorError({ status: 401, body: undefined }, { subject: 'login' }, version);
    if (res.status !== 200) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director login answered ${res.status}`, res.status);
    const token = headerValue(res, 'x-vmware-vcloud-access-token');
    if (!token) throw directorAnswers.unexpected('login');
    return token;
  }
  const token = new SharedCredential(login);

  return {
    bytes: (req) => token.send((bearer) => http.bytes({ ...req, headers: { ...req.headers, authorization: `Bearer ${bearer}` } })),
    async close() {
      // Only a session that logged in is logged out: closing never negotiates or logs in.
      await token.release(async (bearer) => {
        const version = await session.apiVersion();
        return http.request({
          method: 'DELETE',
          path: '/cloudapi/1.0.0/sessions/current',
          headers: { accept: acceptFor('/cloudapi/', version), authorization: `Bearer ${bearer}` },
        });
      });
      await http.close();
    },
  };
}
