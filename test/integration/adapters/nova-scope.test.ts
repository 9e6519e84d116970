/**
 * The nova adapter logs in as configured: a password login scoped to a project by id
 * or by name within a domain (by id or name), the user's domain by id or name, or an
 * application credential (by id, or by name of the user's) that carries its own
 * project. Servers belong to a project, so the token's scope shows in what the
 * adapter lists: the mock's second project owns none of the seed's servers.
 */
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

  const user = { name: 'admin', domain: { name: DOMAIN.name }, password: 'overcast' };

  it.each([
    ['by id', { id: PROJECT.id }],
    ['by name in a domain named', { name: PROJECT.name, domain: { name: DOMAIN.name } }],
    ['by name in a domain given by id', { name: PROJECT.name, domain: { id: DOMAIN.id } }],
  ])('scopes to the project %s', async (_how, project) => {
    expect(await vmsListedWith({ project, userDomain: { name: DOMAIN.name }, interface: 'public' })).toEqual(allVms);
  });

  it('scopes to another project (in another domain), which owns no servers', async () => {
    for (const project of [{ id: SECOND_PROJECT.id }, { name: SECOND_PROJECT.name, domain: { name: PARTNER_DOMAIN.name } }]) {
      expect(await vmsListedWith({ project, userDomain: { id: DOMAIN.id }, interface: 'public' })).toEqual([]);
    }
    // Keystone scoped the token as asked.
    const login = await rawLogin({
      identity: { methods: ['password'], password: { user } },
      scope: { project: { id: SECOND_PROJECT.id } },
    });
    expect(login.token?.project?.id).toBe(SECOND_PROJECT.id);
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
