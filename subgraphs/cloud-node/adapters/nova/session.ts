/**
 * A Keystone v3 session for the compute API: password login scoped to a project,
 * the compute endpoint taken from the token's service catalog, and compute
 * requests that carry the token and the compute microversion.
 *
 * The login is lazy and shared by concurrent callers. A token is renewed shortly
 * before keystone's `expires_at`, and once more when nova answers 401 (tokens are
 * revoked on password changes, role changes and keystone key rotation).
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { createHttpClient, headerValue, type HttpClient, type HttpRequest, type HttpResponse } from '../../../shared/http';
import type { AdapterOptions } from '../types';
import { novaAnswers, novaError } from './errors';
import { tokenBody } from './schemas';
import { SharedCredential } from '../../../shared/credential';

/** 2.47+ embeds flavor vcpus/ram in servers; 2.79 is widely deployed (Train and later). */
const COMPUTE_MICROVERSION = '2.79';
/** Renew a token this long before keystone says it expires. */
const RENEW_BEFORE_MS = 60_000;

interface Token {
  value: string;
  expiresAt: number;
  /** Public compute endpoint from the catalog, e.g. `http://host/compute/v2.1`. */
  compute: URL;
}

/** An HttpRequest without headers: the session sets them (token, microversion). */
export interface ComputeRequest extends Omit<HttpRequest, 'headers' | 'path'> {
  /** Relative to the compute endpoint (`/servers/detail?...`), or an absolute link nova returned. */
  path: string;
}

export interface NovaSession {
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
  const { userDomain, project } = openstack;
  // Identity and compute may live on different hosts; one pool per origin.
  const clients = new Map<string, HttpClient>();
  const clientFor = (origin: string): HttpClient => {
    let client = clients.get(origin);
    if (!client) clients.set(origin, (client = createHttpClient(origin, options)));
    return client;
  };

  async function login(): Promise<Token> {
    const res = await clientFor(identity.origin).request({
      method: 'POST',
      path: tokensPath,
      json: {
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: options.username, domain: userDomain, password: options.password } },
          },
          scope: { project },
        },
      },
    });
    if (res.status !== 201) throw novaError(res, 'Keystone login');
    const body = novaAnswers.parse(tokenBody, res.body, 'Keystone login', res.status);
    const value = headerValue(res, 'x-subject-token');
    const endpoint = body.token.catalog
      .filter((service) => service.type === 'compute')
      .flatMap((service) => service.endpoints)
      .find((e) => e.interface === 'public');
    if (!value || !endpoint) {
      throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack login gave no token or no public compute endpoint', res.status);
    }
    let compute: URL;
    try {
      compute = new URL(endpoint.url);
    } catch {
      throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack catalog has an invalid compute endpoint', res.status);
    }
    const expiresAt = Date.parse(body.token.expires_at);
    return { value, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt, compute };
  }

  // Renewed a minute before it expires, so no call carries a token about to lapse.
  const token = new SharedCredential(login, (t) => t.expiresAt - Date.now() > RENEW_BEFORE_MS);

  function send(t: Token, req: ComputeRequest): Promise<HttpResponse> {
    // Links nova returns are absolute; only their path is used, always on the catalog's
    // compute origin, so the token never goes to a host the catalog did not name.
    const path = /^https?:\/\//i.test(req.path)
      ? (({ pathname, search }) => pathname + search)(new URL(req.path))
      : t.compute.pathname.replace(/\/$/, '') + req.path;
    return clientFor(t.compute.origin).request({
      method: req.method,
      path,
      json: req.json,
      headers: {
        'X-Auth-Token': t.value,
        'OpenStack-API-Version': `compute ${COMPUTE_MICROVERSION}`,
        'X-OpenStack-Nova-API-Version': COMPUTE_MICROVERSION,
      },
    });
  }

  return {
    async compute(req) {
      const res = await token.send((t) => send(t, req));
      if (res.status === 401) throw novaError(res, 'OpenStack compute');
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
