/**
 * Keystone v3 subset: password authentication scoped to a project
 * (POST /identity/v3/auth/tokens) and token revocation (DELETE). The token comes
 * back in `X-Subject-Token`; the body carries the service catalog clients use to
 * find the compute endpoint.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUTH_REQUIRED, keystoneError } from './faults';
import { DOMAIN, PROJECT, USER, computeUrl, isTokenValid, issueToken, type NovaState } from './state';

const domainRef = z.object({ id: z.string().optional(), name: z.string().optional() });
const authBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z
        .object({
          user: z.object({
            id: z.string().optional(),
            name: z.string().optional(),
            domain: domainRef.optional(),
            password: z.string(),
          }),
        })
        .optional(),
    }),
    scope: z
      .object({
        project: z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional() }),
      })
      .optional(),
  }),
});
type AuthBody = z.infer<typeof authBody>['auth'];

const isDefaultDomain = (d: z.infer<typeof domainRef> | undefined): boolean =>
  d !== undefined && (d.id === DOMAIN.id || d.name === DOMAIN.name);

function userMatches(auth: AuthBody, credentials: { username: string; password: string }): boolean {
  const user = auth.identity.password?.user;
  if (!auth.identity.methods.includes('password') || user === undefined) return false;
  // A user named without an id must say which domain it lives in, as keystone demands.
  const named = user.id === USER.id || (user.name === credentials.username && isDefaultDomain(user.domain));
  return named && user.password === credentials.password;
}

function projectMatches(auth: AuthBody): boolean {
  const project = auth.scope?.project;
  if (project === undefined) return true; // unscoped token
  return project.id === PROJECT.id || (project.name === PROJECT.name && isDefaultDomain(project.domain));
}

function catalog(state: NovaState): unknown[] {
  const endpoint = (id: string, url: string, iface: string) => ({ id, interface: iface, region: 'RegionOne', region_id: 'RegionOne', url });
  const compute = computeUrl(state);
  const identity = `${state.baseUrl}/identity`;
  return [
    {
      id: 'c0a6c27d1fbd4d4a9f1e2b3c4d5e6f70',
      type: 'compute',
      name: 'nova',
      endpoints: [endpoint('e1a1', compute, 'public'), endpoint('e1a2', compute, 'internal')],
    },
    {
      id: 'a1d3e5f7b9c14e2f8a0b1c2d3e4f5a6b',
      type: 'identity',
      name: 'keystone',
      endpoints: [endpoint('e2a1', identity, 'public')],
    },
  ];
}

/** Register the identity routes. */
export function registerKeystone(app: FastifyInstance, state: NovaState, credentials: { username: string; password: string }): void {
  app.post('/identity/v3/auth/tokens', async (request, reply) => {
    const parsed = authBody.safeParse(request.body);
    if (!parsed.success) return keystoneError(reply, 400, "Invalid input for field 'auth'.");
    const auth = parsed.data.auth;
    if (!userMatches(auth, credentials) || !projectMatches(auth)) return keystoneError(reply, 401, AUTH_REQUIRED);

    const issued = issueToken(state);
    const scoped = auth.scope !== undefined;
    const token = {
      methods: ['password'],
      user: { domain: DOMAIN, id: USER.id, name: USER.name, password_expires_at: null },
      audit_ids: [issued.token.slice(7, 29)],
      expires_at: issued.expiresAt.toISOString().replace('Z', '000Z'),
      issued_at: issued.issuedAt.toISOString().replace('Z', '000Z'),
      ...(scoped
        ? {
            project: { domain: DOMAIN, id: PROJECT.id, name: PROJECT.name },
            is_domain: false,
            roles: [
              { id: '1b2c3d4e5f6a4b7c8d9e0f1a2b3c4d5e', name: 'admin' },
              { id: '2c3d4e5f6a7b4c8d9e0f1a2b3c4d5e6f', name: 'member' },
              { id: '3d4e5f6a7b8c4d9e0f1a2b3c4d5e6f7a', name: 'reader' },
            ],
            catalog: catalog(state),
          }
        : {}),
    };
    return reply.code(201).header('X-Subject-Token', issued.token).send({ token });
  });

  app.delete('/identity/v3/auth/tokens', async (request, reply) => {
    if (!isTokenValid(state, request.headers['x-auth-token'])) return keystoneError(reply, 401, AUTH_REQUIRED);
    const subject = request.headers['x-subject-token'];
    if (typeof subject !== 'string' || !state.tokens.delete(subject)) {
      return keystoneError(reply, 404, `Could not find token: ${String(subject)}.`);
    }
    return reply.code(204).send();
  });
}
