/**
 * Content negotiation and sessions, in the order a Cloud Director cell applies
 * them: an Accept header without a supported `version=` is a 406, then every
 * call but the login needs a live bearer token (401 otherwise), transfer URLs too. Tokens come from
 * `POST /cloudapi/1.0.0/sessions/provider` with HTTP Basic `user@System:password`.
 * `GET /api/versions` (`SupportedVersions`) needs neither: it is how a client
 * learns which versions to name.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendCloudapiError, sendError } from './errors';
import { baseUrl } from './hrefs';
import { mediaRanges, versionOf } from './versions';

const LOGIN_PATH = '/cloudapi/1.0.0/sessions/provider';
const VERSIONS_PATH = '/api/versions';

interface Session {
  id: string;
  userName: string;
}

/** Live sessions by access token; tests empty it to force a re-login. */
export interface SessionStore {
  expireAll(): number;
}

/** Is some media range in Accept a JSON type of the right family with one of `versions`? */
function acceptsVersion(accept: string | undefined, legacy: boolean, versions: readonly string[]): boolean {
  return mediaRanges(accept).some(({ type, version }) => {
    const jsonType = legacy ? /^application\/(\*|json|[\w.*-]+\+json)$/.test(type) : type === 'application/json';
    return jsonType && version !== undefined && versions.includes(version);
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  // The legacy header still works against /api on real cells.
  const legacy = request.headers['x-vcloud-authorization'];
  return typeof legacy === 'string' ? legacy : undefined;
}

function sessionBody(session: Session, base: string): Record<string, unknown> {
  const [name = session.userName] = session.userName.split('@');
  return {
    id: session.id,
    site: { name: 'overcast-mock', id: 'urn:vcloud:site:00000000-0000-4000-a000-000000000001' },
    user: { name, id: 'urn:vcloud:user:00000000-0000-4000-a000-000000000002' },
    org: { name: 'System', id: 'urn:vcloud:org:00000000-0000-4000-a000-000000000003' },
    location: `${base}/cloudapi`,
    roles: ['System Administrator'],
    roleRefs: [{ name: 'System Administrator', id: 'urn:vcloud:role:00000000-0000-4000-a000-000000000004' }],
    sessionIdleTimeoutMinutes: 30,
  };
}

/** `SupportedVersions` in JSON: one `versionInfo` per version offered (5.7 and later carry no media type mappings), the oldest deprecated. */
function versionsBody(versions: readonly string[], base: string): Record<string, unknown> {
  return {
    otherAttributes: {},
    versionInfo: versions.map((version) => ({
      otherAttributes: {},
      version,
      loginUrl: `${base}/api/sessions`,
      mediaTypeMapping: [],
      deprecated: version === versions[0] && versions.length > 1,
    })),
    schemaDefinitions: null,
    any: [],
  };
}

/**
 * Register the guards, `GET /api/versions`, the session routes and `POST /__mock/expire-sessions`.
 * `versions`: what this cell offers, oldest first; an Accept naming any other is a 406.
 */
export function registerSessions(
  app: FastifyInstance,
  credentials: { username: string; password: string },
  versions: readonly string[],
): SessionStore {
  const sessions = new Map<string, Session>();

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    // Transfer URLs (transfer.ts) take the API's session but carry bytes: no API version to negotiate.
    const transfer = url.startsWith('/transfer/');
    if (!url.startsWith('/api/') && !url.startsWith('/cloudapi/') && !transfer) return undefined;
    if (request.method === 'GET' && url.split('?')[0] === VERSIONS_PATH) return undefined;
    if (!transfer && !acceptsVersion(request.headers.accept, url.startsWith('/api/'), versions)) {
      return sendError(
        url,
        reply,
        406,
        'NOT_ACCEPTABLE',
        `The request has an invalid accept header: a JSON media type with version=${versions.join('|')} is required.`,
      );
    }
    if (request.method === 'POST' && url.split('?')[0] === LOGIN_PATH) return undefined;
    const token = bearer(request);
    if (token === undefined || !sessions.has(token)) {
      return sendError(
        url,
        reply,
        401,
        'UNAUTHORIZED',
        'Either no valid authentication credentials were provided or the session has expired.',
      );
    }
    return undefined;
  });

  app.get(VERSIONS_PATH, async (request, reply) =>
    reply.type('application/vnd.vmware.vcloud.versions+json').send(versionsBody(versions, baseUrl(request))),
  );

  app.post(LOGIN_PATH, async (request, reply) => {
    const auth = request.headers.authorization ?? '';
    const decoded = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (colon < 0 || user.toLowerCase() !== credentials.username.toLowerCase() || password !== credentials.password) {
      return sendCloudapiError(reply, 401, 'UNAUTHORIZED', 'Invalid credentials for the provider login.');
    }
    const token = randomBytes(32).toString('base64url');
    const session: Session = { id: `urn:vcloud:session:${randomUUID()}`, userName: user };
    sessions.set(token, session);
    return reply
      .header('X-VMWARE-VCLOUD-ACCESS-TOKEN', token)
      .header('X-VMWARE-VCLOUD-TOKEN-TYPE', 'Bearer')
      .type(`application/json;version=${versionOf(request)}`)
      .send(sessionBody(session, baseUrl(request)));
  });

  app.get('/cloudapi/1.0.0/sessions/current', async (request, reply) => {
    const session = sessions.get(bearer(request) ?? '')!;
    return reply.type(`application/json;version=${versionOf(request)}`).send(sessionBody(session, baseUrl(request)));
  });

  app.delete('/cloudapi/1.0.0/sessions/current', async (request, reply) => {
    sessions.delete(bearer(request) ?? '');
    return reply.code(204).send();
  });

  const store: SessionStore = {
    expireAll: () => {
      const count = sessions.size;
      sessions.clear();
      return count;
    },
  };
  // Mock-only: end every session, as an idle timeout or a cell restart would.
  app.post('/__mock/expire-sessions', async () => ({ expired: store.expireAll() }));
  return store;
}
