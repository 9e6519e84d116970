/**
 * A Keystone v3 session for the compute API: a login as configured (password scoped
 * to a project, or an application credential), the compute endpoint of the
 * configured region and interface from the token's catalog, the compute
 * microversion (configured, or negotiated once from the endpoint's version
 * document), and compute requests that carry the token and the microversion;
 * Glance requests (JSON and image data) on the catalog's image endpoint of the same
 * region, with the same token.
 *
 * The login is lazy and shared by concurrent callers. A token is renewed shortly
 * before keystone's `expires_at`, and once more when nova answers 401 (tokens are
 * revoked on password changes, role changes and keystone key rotation).
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import {
  createHttpClient,
  headerValue,
  type BytesRequest,
  type BytesResponse,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../../../shared/http';
import type { AdapterOptions } from '../types';
import { authRequest } from './auth';
import { computeEndpointUrl, imageEndpointUrl } from './catalog';
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
  /** The catalog's image endpoint (`http://host/image`, no version); undefined on a cloud without Glance. */
  image: URL | undefined;
}

/** A Glance data request: `path` relative to the image endpoint (`/v2/images/<id>/file`); a body stream is opened per attempt. */
export interface ImageBytesRequest extends Omit<BytesRequest, 'url' | 'body'> {
  path: string;
  body?: Buffer | (() => NodeJS.ReadableStream);
}

/** An HttpRequest without headers: the session sets them (token, microversion). */
interface ComputeRequest extends Omit<HttpRequest, 'headers' | 'path'> {
  /** Relative to the compute endpoint (`/servers/detail?...`), or an absolute link nova returned. */
  path: string;
}

export interface NovaSession {
  /** Send a compute request; logs in first when needed and again once on a 401. */
  compute(req: ComputeRequest): Promise<HttpResponse>;
  /** Glance JSON requests (`path` relative to the image endpoint, `/v2/images?...`); UPSTREAM_ERROR when the catalog has none. */
  image(req: HttpRequest): Promise<HttpResponse>;
  /** Glance image data (ranged downloads, the single-shot upload). */
  imageBytes(req: ImageBytesRequest): Promise<BytesResponse>;
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
    // Glance is optional to the session: only content operations need it, and they say so.
    const imageUrl = imageEndpointUrl(body.token.catalog, region, endpointInterface);
    let image: URL | undefined;
    try {
      image = imageUrl === undefined ? undefined : new URL(imageUrl);
    } catch {
      image = undefined;
    }
    if (image !== undefined && identity.protocol === 'https:' && image.protocol !== 'https:') image = undefined;
    const expiresAt = Date.parse(body.token.expires_at);
    return { value, expiresAt: Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt, compute, image };
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

  /** The image endpoint of the token, or UPSTREAM_ERROR naming what is missing. */
  const imageOf = (t: Token): URL => {
    if (t.image !== undefined) return t.image;
    const where = region === undefined ? '' : ` in region ${region}`;
    throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack catalog has no usable ${endpointInterface} image endpoint${where}`);
  };
  const imagePath = (t: Token, path: string): string => imageOf(t).pathname.replace(/\/$/, '') + path;

  return {
    async image(req) {
      const res = await token.send((t) =>
        clientFor(imageOf(t).origin).request({
          ...req,
          path: imagePath(t, req.path),
          headers: { ...req.headers, 'X-Auth-Token': t.value },
        }),
      );
      if (res.status === 401) throw novaError(res, { subject: 'OpenStack image service' });
      return res;
    },

    async imageBytes(req) {
      const { path, body, ...rest } = req;
      const res = await token.send((t) =>
        clientFor(imageOf(t).origin).bytes({
          ...rest,
          url: imagePath(t, path),
          headers: { ...req.headers, 'X-Auth-Token': t.value },
          ...(body === undefined ? {} : { body: typeof body === 'function' ? body() : body }),
        }),
      );
      if (res.status === 401) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack refused the credentials', 401);
      return res;
    },

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
