/**
 * Keystone v3 subset: password authentication scoped to a project, application
 * credentials (which carry their own project and take no scope), and token
 * revocation, under `/identity/v3/auth/tokens`. The token comes back in
 * `X-Subject-Token`; the body carries the service catalog clients use to find the
 * compute and image endpoints. Anything keystone would not accept (a wrong secret, a project
 * the user has no role on, a user named without its domain) is 401, as keystone does.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AUTH_REQUIRED, keystoneError } from './faults';
import {
  APPLICATION_CREDENTIAL,
  DOMAIN,
  PROJECTS,
  USER,
  issueToken,
  isTokenValid,
  publishedComputeUrl,
  type MockProject,
  type NovaState,
} from './state';

const domainRef = z.object({ id: z.string().optional(), name: z.string().optional() });
const userRef = z.object({ id: z.string().optional(), name: z.string().optional(), domain: domainRef.optional() });
const authBody = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string()).min(1),
      password: z.object({ user: userRef.extend({ password: z.string() }) }).optional(),
      application_credential: z
        .object({ id: z.string().optional(), name: z.string().optional(), secret: z.string(), user: userRef.optional() })
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

const sameDomain = (ref: z.infer<typeof domainRef> | undefined, domain: { id: string; name: string }): boolean =>
  ref !== undefined && (ref.id !== undefined ? ref.id === domain.id : ref.name === domain.name);

/** The account's user, by id, or by name within its domain (keystone demands the domain with a name). */
const isUser = (user: z.infer<typeof userRef> | undefined, username: string): boolean =>
  user !== undefined && (user.id !== undefined ? user.id === USER.id : user.name === username && sameDomain(user.domain, DOMAIN));

function passwordProject(auth: AuthBody, credentials: { username: string; password: string }): MockProject | 'unscoped' | undefined {
  const user = auth.identity.password?.user;
  if (!auth.identity.methods.includes('password') || !isUser(user, credentials.username) || user?.password !== credentials.password)
    return undefined;
  const wanted = auth.scope?.project;
  if (wanted === undefined) return 'unscoped';
  return PROJECTS.find((p) =>
    wanted.id !== undefined ? wanted.id === p.id : wanted.name === p.name && sameDomain(wanted.domain, p.domain),
  );
}

function applicationCredentialProject(auth: AuthBody, username: string): MockProject | undefined {
  const credential = auth.identity.application_credential;
  if (!auth.identity.methods.includes('application_credential') || credential === undefined) return undefined;
  // It carries its own scope: keystone refuses a request asking for one.
  if (auth.scope !== undefined) return undefined;
  const named =
    credential.id !== undefined
      ? credential.id === APPLICATION_CREDENTIAL.id
      : credential.name === APPLICATION_CREDENTIAL.name && isUser(credential.user, username);
  if (!named || credential.secret !== APPLICATION_CREDENTIAL.secret) return undefined;
  return PROJECTS.find((p) => p.id === APPLICATION_CREDENTIAL.projectId);
}

/** Region two's endpoints: a path this server does not serve, so using them by mistake fails. */
const regionTwo = (state: NovaState): string => `${state.baseUrl}/region-two/compute/v2.1`;

/** Glance's endpoints, in devstack's layout (`/image`, no version: clients add `/v2`). */
const imageUrl = (state: NovaState): string => `${state.baseUrl}/image`;
const regionTwoImage = (state: NovaState): string => `${state.baseUrl}/region-two/image`;

/**
 * The catalog: compute and image in two regions, each with public and internal endpoints. The
 * order is keystone's own (it promises none): a client that takes the first public
 * compute endpoint gets region two's.
 */
function catalog(state: NovaState): unknown[] {
  const endpoint = (id: string, region: string, iface: string, url: string) => ({ id, interface: iface, region, region_id: region, url });
  const published = publishedComputeUrl(state);
  return [
    {
      id: 'c0a6c27d1fbd4d4a9f1e2b3c4d5e6f70',
      type: 'compute',
      name: 'nova',
      endpoints: [
        endpoint('e1a2', 'RegionOne', 'internal', state.deployment.internalComputeUrl ?? published),
        endpoint('e2a1', 'RegionTwo', 'public', regionTwo(state)),
        endpoint('e2a2', 'RegionTwo', 'internal', regionTwo(state)),
        endpoint('e1a1', 'RegionOne', 'public', published),
      ],
    },
    {
      id: 'f4b6d8e0a2c44e6f8b0d2f4a6c8e0b2d',
      type: 'image',
      name: 'glance',
      endpoints: [
        endpoint('e4a2', 'RegionTwo', 'public', regionTwoImage(state)),
        endpoint('e4a1', 'RegionOne', 'public', imageUrl(state)),
        endpoint('e4a3', 'RegionOne', 'internal', imageUrl(state)),
      ],
    },
    {
      id: 'a1d3e5f7b9c14e2f8a0b1c2d3e4f5a6b',
      type: 'identity',
      name: 'keystone',
      endpoints: [endpoint('e3a1', 'RegionOne', 'public', `${state.baseUrl}/identity`)],
    },
  ];
}

const ROLES = [
  { id: '1b2c3d4e5f6a4b7c8d9e0f1a2b3c4d5e', name: 'admin' },
  { id: '2c3d4e5f6a7b4c8d9e0f1a2b3c4d5e6f', name: 'member' },
  { id: '3d4e5f6a7b8c4d9e0f1a2b3c4d5e6f7a', name: 'reader' },
];

/** Register the identity routes. */
export function registerKeystone(app: FastifyInstance, state: NovaState, credentials: { username: string; password: string }): void {
  app.post('/identity/v3/auth/tokens', async (request, reply) => {
    const parsed = authBody.safeParse(request.body);
    if (!parsed.success) return keystoneError(reply, 400, "Invalid input for field 'auth'.");
    const auth = parsed.data.auth;
    const byCredential = auth.identity.methods.includes('application_credential');
    const scope = byCredential ? applicationCredentialProject(auth, credentials.username) : passwordProject(auth, credentials);
    if (scope === undefined) return keystoneError(reply, 401, AUTH_REQUIRED);

    const project = scope === 'unscoped' ? undefined : scope;
    const issued = issueToken(state, project?.id);
    const token = {
      methods: [byCredential ? 'application_credential' : 'password'],
      user: { domain: DOMAIN, id: USER.id, name: USER.name, password_expires_at: null },
      audit_ids: [issued.token.slice(7, 29)],
      expires_at: issued.expiresAt.toISOString().replace('Z', '000Z'),
      issued_at: issued.issuedAt.toISOString().replace('Z', '000Z'),
      ...(byCredential
        ? { application_credential: { id: APPLICATION_CREDENTIAL.id, name: APPLICATION_CREDENTIAL.name, restricted: true } }
        : {}),
      ...(project
        ? {
            project: { domain: project.domain, id: project.id, name: project.name },
            is_domain: false,
            roles: ROLES,
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
