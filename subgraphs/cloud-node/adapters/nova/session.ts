/**
 * A Keystone v3 session for the compute API: a login as configured (password scoped
 * to a project, or an application credential), the compute endpoint of the
 * configured region and interface from the token's catalog, the compute
 * microversion (configured, or negotiated once from the endpoint's version
 * document), and compute requests that carry the token and the microversion.
 *
 * The login is lazy and shared by concurrent callers. A token is renewed shortly
 * before keystone's `expires_at`, and once more when nova answers 401 (tokens are
 * revoked on password changes, role changes and keystone key rotation).
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { createHttpClient, headerValue, type HttpClient, type HttpRequest, type HttpResponse } from '../../../shared/http';
import type { AdapterOptions } from '../types';
import { authRequest } from './auth';
import { computeEndpointUrl } from './catalog';
import { novaAnswers, novaError } from './errors';
import { linkPath } from './links';
import { isUsable, negotiate } from './microversion';
import { tokenBody, versionDocument } from './schemas';
import { SharedCredential } from '../../../shared/credential';

/** Renew a token this long before keystone says it expires. */
const RENEW_BEFORE_MS = 60_000;

interface Token {
  value: string;
  expiresAt: number;
  /** The catalog's compute endpoint, e.g. `http://host/compute/v2.1`. */
  compute: URL;
}

/** An HttpRequest without headers: the session sets them (token, microversion). */
interface ComputeRequest extends Omit<HttpRequest, 'headers' | 'path'> {
  /** Relative to the compute endpoint (`/servers/detail?...`), or an absolute link nova returned. */
  path: string;
}

interface NovaSession {
  /** Send a compute request; logs in first when needed and again once on a 401. */
  compute(req: ComputeRequest): Promise<HttpResponse>;
  /** Revoke the token (best effort) and close the connections. */
  close(): Promise<void>;
}

export function createNovaSession(options: AdapterOptions): NovaSession {
  const identity = new URL(options.baseUrl);
  // The auth URL as configured (`https://keystone:5000/v3`); one without its version gets `/v3`.
  const authPath = identity.pathname.replace(/\/$/, '');
  const tokensPath = `${/\/v3$/.test(authPath) ? authPath : `${authPath}/v3`}/auth/tokens`;
  const { openstack } = options;
  if (openstack === undefined) throw new Error('the OpenStack adapter needs its openstack options (project, domains, interface)');
  if (openstack.applicationCredential === undefined && openstack.project === undefined) {
    throw new Error('the OpenStack adapter needs a project for a password login (or an application credential)');
  }
  // Refused at start: below 2.47 servers carry no flavor sizes, so no answer could be read.
  if (openstack.microversion !== undefined && !isUsable(openstack.microversion)) {
    throw new Error(`compute microversion ${openstack.microversion} is below 2.47, which the OpenStack adapter needs`);
  }
  const login = authRequest(options, openstack);
  const { region, interface: endpointInterface } = openstack;
  // A pinned thumbprint names Keystone's one certificate; a compute host elsewhere serves
  // another, so it gets the CA bundle only (and Node's roots). The same origin is the same server.
  const computeTls = options.tls?.ca === undefined ? undefined : { ca: options.tls.ca };
  // Identity and compute may live on different hosts; one pool per origin.
  const clients = new Map<string, HttpClient>();
  const clientFor = (origin: string): HttpClient => {
    let client = clients.get(origin);
    if (!client) {
      const tls = origin === identity.origin ? options.tls : computeTls;
      clients.set(origin, (client = createHttpClient(origin, { timeoutMs: options.timeoutMs, ...(tls ? { tls } : {}) })));
    }
    return client;
  };

  async function logIn(): Promise<Token> {
    const res = await clientFor(identity.origin).request({ method: 'POST', path: tokensPath, json: login });
    if (res.status !== 201) throw novaError(res, { subject: 'Keystone login' });
    const body = novaAnswers.parse(tokenBody, res.body, 'Keystone login', res.status);
    const value = headerValue(res, 'x-subject-token');
    if (!value) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack login gave no token', res.status);
    const url = computeEndpointUrl(body.token.catalog, region, endpointInterface);
    if (url === undefined) {
      const where = region === undefined ? '' : ` in region ${region}`;
      throw new CloudApiError(
        ErrorCode.UPSTREAM_ERROR,
        `OpenStack catalog has no ${endpointInterface} compute endpoint${where}`,
        res.status,
      );
    }
    let compute: URL;
    try {
      compute = new URL(url);
    } catch {
      throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack catalog has an invalid compute endpoint', res.status);
    }
    // Every compute request carries the token: over https to Keystone, never in clear to compute.
    if (identity.protocol === 'https:' && compute.protocol !== 'https:') {
      throw new CloudApiError(
        ErrorCode.UPSTREAM_ERROR,
        `OpenStack catalog names a compute endpoint over ${compute.protocol.replace(/:$/, '')}, not https as Keystone`,
        res.status,
      );
    }
    const expiresAt = Date.parse(body.token.expires_at);
    return { value, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt, compute };
  }

  // Renewed a minute before it expires, so no call carries a token about to lapse.
  const token = new SharedCredential(logIn, (t) => t.expiresAt - Date.now() > RENEW_BEFORE_MS);

  const computePath = (t: Token, path: string): string =>
    /^https?:\/\//i.test(path) ? linkPath(path, t.compute) : t.compute.pathname.replace(/\/$/, '') + path;

  /** `GET {compute}/` (no microversion header: the document is the same at every version). */
  async function negotiated(): Promise<string> {
    const res = await token.send((t) =>
      clientFor(t.compute.origin).request({ method: 'GET', path: computePath(t, '/'), headers: { 'X-Auth-Token': t.value } }),
    );
    if (res.status !== 200) throw novaError(res, { subject: 'the compute version document' });
    const { version } = novaAnswers.parse(versionDocument, res.body, 'the compute version document', res.status);
    return negotiate(version.version, version.min_version);
  }

  // Once per session, shared by concurrent callers; a failed negotiation is tried again on the next call.
  const pinned = openstack.microversion;
  const microversion = new SharedCredential(pinned === undefined ? negotiated : () => Promise.resolve(pinned));

  return {
    async compute(req) {
      const version = await microversion.get();
      const res = await token.send((t) =>
        clientFor(t.compute.origin).request({
          method: req.method,
          path: computePath(t, req.path),
          json: req.json,
          ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
          headers: { 'X-Auth-Token': t.value, 'OpenStack-API-Version': `compute ${version}`, 'X-OpenStack-Nova-API-Version': version },
        }),
      );
      if (res.status === 401) throw novaError(res, { subject: 'OpenStack compute' });
      return res;
    },

    async close() {
      await token.release((t) =>
        clientFor(identity.origin).request({
          method: 'DELETE',
          path: tokensPath,
          headers: { 'X-Auth-Token': t.value, 'X-Subject-Token': t.value },
        }),
      );
      await Promise.all([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}
