import { startTopology, type Topology } from '../support/topology';
import { globalId } from '../support/expected';

describe('mapping organizations to tenants', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  const director = () => topology.seed.clouds.find((c) => c.kind === 'director')!;
  const orgId = (tenantId: string) => globalId(director(), director().orgs.find((o) => o.tenantId === tenantId)!.nativeId);
  const orgsOf = async (tenantId: string) =>
    (
      await topology.query<{ tenant: { orgs: Array<{ id: string }> } }>('query($id: ID!) { tenant(id: $id) { orgs { id } } }', {
        id: tenantId,
      })
    ).data!.tenant.orgs.map((o) => o.id);
  const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (res.errors ?? []).map((e) => e.extensions?.code);

  /** Map the organization back to its seeded tenant (manually: name matching leaves a changed mapping alone). */
  const restore = async (tenantId: string) => {
    const res = await topology.query(
      'mutation($org: ID!, $tenant: ID!) { mapOrgToTenant(orgId: $org, tenantId: $tenant) { tenant { id } } }',
      { org: orgId(tenantId), tenant: tenantId },
    );
    expect(res.data).toEqual({ mapOrgToTenant: { tenant: { id: tenantId } } });
  };

  it('unmaps an organization, and discovery does not map it back by name', async () => {
    const globex = orgId('globex');
    expect(await orgsOf('globex')).toEqual([globex]);
    try {
      const res = await topology.query('mutation($org: ID!) { unmapOrg(orgId: $org) { id tenant { id } mapping } }', { org: globex });
      expect(res.data).toEqual({ unmapOrg: { id: globex, tenant: null, mapping: 'MANUAL' } });
      expect(await orgsOf('globex')).toEqual([]);
      const discovery = await topology.query('mutation { discoverOrgs { orgCount matched { id } unmapped { id } } }');
      expect(discovery.data).toEqual({ discoverOrgs: { orgCount: director().orgs.length, matched: [], unmapped: [{ id: globex }] } });
      expect(await orgsOf('globex')).toEqual([]);
    } finally {
      await restore('globex');
    }
  });

  it('maps an organization to another tenant, whose VMs then include it', async () => {
    const globex = orgId('globex');
    const vm = director().vms.find(
      (v) =>
        director().vdcs.find((d) => d.nativeId === v.vdcNativeId)!.orgNativeId ===
        director().orgs.find((o) => o.tenantId === 'globex')!.nativeId,
    )!;
    const ownerOf = async () =>
      (await topology.query('query($id: ID!) { vm(id: $id) { tenant { id } } }', { id: globalId(director(), vm.nativeId) })).data;
    expect(await orgsOf('acme')).toEqual([orgId('acme')]);
    expect(await ownerOf()).toEqual({ vm: { tenant: { id: 'globex' } } });
    try {
      const res = await topology.query(
        'mutation($org: ID!) { mapOrgToTenant(orgId: $org, tenantId: "acme") { id tenant { id } mapping } }',
        { org: globex },
      );
      expect(res.data).toEqual({ mapOrgToTenant: { id: globex, tenant: { id: 'acme' }, mapping: 'MANUAL' } });
      expect((await orgsOf('acme')).sort()).toEqual([orgId('acme'), globex].sort());
      expect(await ownerOf()).toEqual({ vm: { tenant: { id: 'acme' } } });
    } finally {
      await restore('globex');
    }
  });

  it.each([
    ['a malformed organization id', 'not an id', 'acme', 'BAD_USER_INPUT'],
    ['an unknown tenant', 'vcd-nl:urn:vcloud:org:x', 'nobody', 'NOT_FOUND'],
    ['a cloud without an sp-node', 'dc-east:org-1', 'acme', 'NOT_FOUND'],
    ['an organization the cloud does not have', 'vcd-nl:urn:vcloud:org:00000000-0000-4000-a000-000000000000', 'acme', 'NOT_FOUND'],
  ])('refuses %s with a clear error', async (_what, org, tenant, code) => {
    const res = await topology.query('mutation($org: ID!, $tenant: ID!) { mapOrgToTenant(orgId: $org, tenantId: $tenant) { id } }', {
      org,
      tenant,
    });
    expect(res.data).toBeNull();
    expect(codes(res)).toEqual([code]);
  });

  it('answers NOT_FOUND for an unknown tenant', async () => {
    const res = await topology.query('{ tenant(id: "nobody") { id } }');
    expect(res.data).toEqual({ tenant: null });
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });
});
