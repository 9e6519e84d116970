/**
 * The nova adapter logs in as configured: a password login scoped to a project by id
 * or by name within a domain (by id or name), the user's domain by id or name, or an
 * application credential (by id, or by name of the user's) that carries its own
 * project. Servers belong to a project, so the token's scope shows in what the
 * adapter lists: the mock's second project owns none of the seed's servers, so for
 * it the test also reads the scope of the token the adapter's own login got.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { APPLICATION_CREDENTIAL, DOMAIN, PARTNER_DOMAIN, PROJECT, SECOND_PROJECT } from '../../../mocks/nova/state';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { OpenStackOptions } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { byId, expectedVmRecord } from '../../support/expected';

const TOKENS = '/identity/v3/auth/tokens';
const seed: SeedCloud = buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
const allVms = seed.vms.map(expectedVmRecord).sort(byId);

interface LoginAnswer {
  token?: { project?: { id: string }; methods: string[] };
}

/** Keystone at `target` behind a proxy that keeps each login's answer (the gateway mock keeps requests only). */
async function recordingKeystone(target: string): Promise<{ url: string; logins: LoginAnswer[]; close: () => Promise<void> }> {
  const logins: LoginAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-auth-token', 'x-subject-token'])
        if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(`${target}${req.url ?? ''}`, { method: req.method, headers, body }).then(async (answer) => {
        const text = await answer.text();
        if (req.method === 'POST' && answer.status === 201) logins.push(JSON.parse(text) as LoginAnswer);
        const back: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
        const subject = answer.headers.get('x-subject-token');
        if (subject !== null) back['x-subject-token'] = subject;
        res.writeHead(answer.status, back).end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('nova adapter: scope and credentials', () => {
  let mock: NovaMock;

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
  });
  afterAll(() => mock.close());

  /** The VMs an adapter logged in with `openstack` (and `password`, `username`) lists. */
  async function vmsListedWith(openstack: OpenStackOptions, account: { username?: string; password?: string } = {}) {
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova', { openstack, ...account }));
    try {
      return (await adapter.listVms()).sort(byId);
    } finally {
      await adapter.close();
    }
  }

  /** Keystone's answer to a login body, as the mock gives it. */
  async function rawLogin(auth: unknown): Promise<{ status: number; token?: { project?: { id: string }; methods: string[] } }> {
    const res = await fetch(`${mock.url}${TOKENS}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth }),
    });
    const body = (await res.json()) as { token?: { project?: { id: string }; methods: string[] } };
    return { status: res.status, ...(body.token ? { token: body.token } : {}) };
  }

  it.each([
    ['by id', { id: PROJECT.id }],
    ['by name in a domain named', { name: PROJECT.name, domain: { name: DOMAIN.name } }],
    ['by name in a domain given by id', { name: PROJECT.name, domain: { id: DOMAIN.id } }],
  ])('scopes to the project %s', async (_how, project) => {
    expect(await vmsListedWith({ project, userDomain: { name: DOMAIN.name }, interface: 'public' })).toEqual(allVms);
  });

  it('scopes to another project (in another domain), which owns no servers', async () => {
    const keystone = await recordingKeystone(`${mock.url}/identity`);
    try {
      for (const project of [{ id: SECOND_PROJECT.id }, { name: SECOND_PROJECT.name, domain: { name: PARTNER_DOMAIN.name } }]) {
        const adapter = createNovaAdapter(
          adapterOptionsFor(mock, 'nova', {
            baseUrl: `${keystone.url}/v3`,
            openstack: { project, userDomain: { id: DOMAIN.id }, interface: 'public' },
          }),
        );
        try {
          expect(await adapter.listVms()).toEqual([]);
        } finally {
          await adapter.close();
        }
      }
      // An empty list is also what a broken listing gives: the adapter's own logins got tokens of that project.
      expect(keystone.logins.map((l) => l.token?.project?.id)).toEqual([SECOND_PROJECT.id, SECOND_PROJECT.id]);
    } finally {
      await keystone.close();
    }
  });

  it('names the user domain by id or by name', async () => {
    const project = { id: PROJECT.id };
    expect(await vmsListedWith({ project, userDomain: { id: DOMAIN.id }, interface: 'public' })).toEqual(allVms);
    expect(await vmsListedWith({ project, userDomain: { name: DOMAIN.name }, interface: 'public' })).toEqual(allVms);
  });

  it.each([
    [
      'a project in the wrong domain',
      { project: { name: PROJECT.name, domain: { name: PARTNER_DOMAIN.name } }, userDomain: { name: DOMAIN.name } },
    ],
    ['a project that does not exist', { project: { id: '00000000000040000000000000000000' }, userDomain: { name: DOMAIN.name } }],
    ['the user in the wrong domain', { project: { id: PROJECT.id }, userDomain: { name: PARTNER_DOMAIN.name } }],
  ])('is refused by keystone (401, UPSTREAM_ERROR) for %s', async (_what, scope) => {
    const err = await vmsListedWith({ ...scope, interface: 'public' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', status: 401 });
  });

  it('logs in with an application credential by id and secret, in its project, with no scope asked', async () => {
    const applicationCredential = { id: APPLICATION_CREDENTIAL.id, secret: APPLICATION_CREDENTIAL.secret };
    // No username or password: the credential is the whole login.
    expect(
      await vmsListedWith(
        { applicationCredential, userDomain: { name: DOMAIN.name }, interface: 'public' },
        { username: '', password: '' },
      ),
    ).toEqual(allVms);
  });

  it('logs in with an application credential by name, of the user named in its domain', async () => {
    const applicationCredential = { name: APPLICATION_CREDENTIAL.name, secret: APPLICATION_CREDENTIAL.secret };
    for (const userDomain of [{ name: DOMAIN.name }, { id: DOMAIN.id }]) {
      expect(await vmsListedWith({ applicationCredential, userDomain, interface: 'public' }, { password: '' })).toEqual(allVms);
    }
  });

  it('is refused (401, UPSTREAM_ERROR) for a wrong application credential secret', async () => {
    const applicationCredential = { id: APPLICATION_CREDENTIAL.id, secret: 'wrong' };
    const err = await vmsListedWith({ applicationCredential, userDomain: { name: DOMAIN.name }, interface: 'public' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', status: 401 });
  });

  it('mock keystone: an application credential token is scoped to its project; asking for a scope is 401', async () => {
    const identity = {
      methods: ['application_credential'],
      application_credential: { id: APPLICATION_CREDENTIAL.id, secret: APPLICATION_CREDENTIAL.secret },
    };
    const login = await rawLogin({ identity });
    expect(login.status).toBe(201);
    expect(login.token?.methods).toEqual(['application_credential']);
    expect(login.token?.project?.id).toBe(APPLICATION_CREDENTIAL.projectId);
    expect((await rawLogin({ identity, scope: { project: { id: PROJECT.id } } })).status).toBe(401);
  });
});
