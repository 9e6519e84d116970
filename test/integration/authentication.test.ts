import { SignJWT } from 'jose';
import { startTopology, type Topology } from '../support/topology';

describe('authentication', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  const sign = (
    claims: Record<string, unknown>,
    options: { secret?: string; issuer?: string; expires?: string | number; subject?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(options.subject ?? 'someone')
      .setIssuer(options.issuer ?? topology.auth.issuer)
      .setAudience(topology.auth.audience)
      .setExpirationTime(options.expires ?? '5m')
      .sign(new TextEncoder().encode(options.secret ?? topology.auth.hs256Secret));

  const attempt = async (token: string | null) => {
    const res = await topology.query('{ clouds { id } }', undefined, token);
    return { status: res.status, codes: (res.errors ?? []).map((e) => e.extensions?.code), data: res.data };
  };
  const refused = { status: 401, codes: ['UNAUTHENTICATED'], data: undefined };

  it('refuses a request without a token, before any node is asked', async () => {
    // The count sees an authenticated request, so "not asked" below means something.
    const before = await topology.nodeRequests('dc-east');
    expect((await attempt(await sign({ role: 'provider-admin' }))).codes).toEqual([]);
    const seen = await topology.nodeRequests('dc-east');
    expect(seen).toBeGreaterThan(before);
    expect(await attempt(null)).toEqual(refused);
    expect(await topology.nodeRequests('dc-east')).toBe(seen);
  });

  it.each([
    ['signed with another secret', () => sign({ role: 'provider-admin' }, { secret: 'x'.repeat(40) })],
    ['expired', () => sign({ role: 'provider-admin' }, { expires: Math.floor(Date.now() / 1000) - 60 })],
    ['from another issuer', () => sign({ role: 'provider-admin' }, { issuer: 'someone-else' })],
    ['without a role', () => sign({})],
    ['with an unknown role', () => sign({ role: 'root' })],
    ['for a tenant role without a tenant', () => sign({ role: 'tenant-admin' })],
    ['that is not a JWT', async () => 'not-a-jwt'],
  ])('refuses a token %s', async (_what, make) => {
    expect(await attempt(await make())).toEqual(refused);
  });

  it('accepts a valid token', async () => {
    const res = await attempt(await sign({ role: 'provider-admin' }));
    expect(res.status).toBe(200);
    expect(res.codes).toEqual([]);
  });
});
