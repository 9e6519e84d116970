import { startTopology, type Topology } from '../support/topology';
import { globalId, sortById } from '../support/expected';
import { CUMULATIVE_FIELDS, expectedCumulativeVdc, expectedOrgMetrics, orgOfVm, tenantOfVm, vmsOfTenant } from '../support/tenancy';

interface VmRow {
  id: string;
  tenant: { id: string } | null;
  org: { id: string; name: string } | null;
}

describe('tenants across clouds', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  it('maps every VM of every cloud to the tenant, and organization, the seed says', async () => {
    const res = await topology.query<{ clouds: Array<{ vdcs: Array<{ vms: VmRow[] }> }> }>(
      '{ clouds { vdcs { vms { id tenant { id } org { id name } } } } }',
    );
    expect(res.errors).toBeUndefined();
    const rows = sortById(res.data!.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms)));
    const expected = sortById(
      topology.seed.clouds.flatMap((cloud) =>
        cloud.vms.map((vm) => {
          const org = orgOfVm(cloud, vm);
          return {
            id: globalId(cloud, vm.nativeId),
            tenant: { id: tenantOfVm(cloud, vm)! },
            org: org ? { id: globalId(cloud, org.nativeId), name: org.name } : null,
          };
        }),
      ),
    );
    expect(rows).toEqual(expected);
  });

  it("lists a tenant's VMs across clouds with their org and cloud", async () => {
    for (const tenant of topology.seed.tenants) {
      const res = await topology.query<{
        tenant: { vms: Array<{ id: string; name: string; cloud: { id: string }; org: { name: string } | null }> };
      }>('query($id: ID!) { tenant(id: $id) { vms { id name cloud { id } org { name } } } }', { id: tenant.id });
      expect(res.errors).toBeUndefined();
      expect(sortById(res.data!.tenant.vms)).toEqual(
        sortById(
          vmsOfTenant(topology.seed, tenant.id).map(({ cloud, vm }) => ({
            id: globalId(cloud, vm.nativeId),
            name: vm.name,
            cloud: { id: cloud.id },
            org: orgOfVm(cloud, vm) ? { name: orgOfVm(cloud, vm)!.name } : null,
          })),
        ),
      );
    }
  });

  it("lists each tenant's clouds: its dedicated clouds and those of its organizations", async () => {
    const res = await topology.query<{ tenants: Array<{ id: string; clouds: Array<{ id: string }> }> }>('{ tenants { id clouds { id } } }');
    const cloudsOf = (tenantId: string) =>
      topology.seed.clouds
        .filter((c) => c.ownerTenantId === tenantId || c.orgs.some((o) => o.tenantId === tenantId))
        .map((c) => ({ id: c.id }))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(res.errors).toBeUndefined();
    expect(res.data!.tenants).toEqual(topology.seed.tenants.map((t) => ({ id: t.id, clouds: cloudsOf(t.id) })));
    // The demo's point: every tenant spans several clouds.
    for (const tenant of topology.seed.tenants) expect(cloudsOf(tenant.id).length).toBeGreaterThan(1);
  });

  it("merges a tenant's virtual VDCs and dedicated clouds into a cumulative VDC equal to the seed's sums", async () => {
    for (const tenant of topology.seed.tenants) {
      const res = await topology.query<{ tenant: { cumulativeVdc: unknown } }>(
        `query($id: ID!) { tenant(id: $id) { cumulativeVdc { ${CUMULATIVE_FIELDS} parts { cloud { id } source ${CUMULATIVE_FIELDS} } } } }`,
        { id: tenant.id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.tenant.cumulativeVdc).toEqual(expectedCumulativeVdc(topology.seed, tenant.id));
    }
  });

  it("sums the tenant-unaware metrics over each organization's own VMs only", async () => {
    const res = await topology.query<{ tenants: Array<{ id: string; orgs: Array<{ id: string; metrics: unknown }> }> }>(
      '{ tenants { id orgs { id metrics { vmCount cpuUsageMhz memoryUsedMb storageUsedGb networkKbps } } } }',
    );
    expect(res.errors).toBeUndefined();
    const director = topology.seed.clouds.find((c) => c.kind === 'director')!;
    expect(res.data!.tenants).toEqual(
      topology.seed.tenants.map((tenant) => ({
        id: tenant.id,
        orgs: director.orgs
          .filter((o) => o.tenantId === tenant.id)
          .map((org) => ({ id: globalId(director, org.nativeId), metrics: expectedOrgMetrics(director, org) })),
      })),
    );
    for (const tenant of topology.seed.tenants) expect(director.orgs.some((o) => o.tenantId === tenant.id)).toBe(true);
  });

  it('shows provider-level facts of the multi-tenant cloud, and none for a single-tenant one', async () => {
    const director = topology.seed.clouds.find((c) => c.kind === 'director')!;
    const res = await topology.query(`{
      mt: cloud(id: "${director.id}") { provider { orgCount vdcCount cpuCapacityMhz cpuAllocatedMhz memoryCapacityMb memoryAllocatedMb storageCapacityMb storageAllocatedMb } }
      st: cloud(id: "dc-east") { provider { orgCount } tenant { id } }
    }`);
    expect(res.errors).toBeUndefined();
    const sumOf = (key: 'cpuLimitMhz' | 'memoryLimitMb' | 'storageLimitMb') => director.vdcs.reduce((s, v) => s + v[key], 0);
    expect(res.data).toEqual({
      mt: {
        provider: {
          orgCount: director.orgs.length,
          vdcCount: director.vdcs.length,
          cpuCapacityMhz: director.provider!.cpuMhz,
          cpuAllocatedMhz: sumOf('cpuLimitMhz'),
          memoryCapacityMb: director.provider!.memoryMb,
          memoryAllocatedMb: sumOf('memoryLimitMb'),
          storageCapacityMb: director.provider!.storageMb,
          storageAllocatedMb: sumOf('storageLimitMb'),
        },
      },
      st: { provider: null, tenant: { id: topology.seed.clouds.find((c) => c.id === 'dc-east')!.ownerTenantId } },
    });
  });

  it('matched the seeded organizations to tenants by name', async () => {
    const res = await topology.query<{
      tenants: Array<{ id: string; orgs: Array<{ name: string; mapping: string; tenant: { id: string } }> }>;
    }>('{ tenants { id orgs { name mapping tenant { id } } } }');
    expect(res.errors).toBeUndefined();
    // The seed names each tenant's organization after the tenant's id: that is what discovery matches on.
    const orgsOf = (tenantId: string) => topology.seed.clouds.flatMap((c) => c.orgs).filter((o) => o.name === tenantId);
    expect(res.data!.tenants).toEqual(
      topology.seed.tenants.map((tenant) => ({
        id: tenant.id,
        orgs: orgsOf(tenant.id).map((org) => ({ name: org.name, mapping: 'NAME_MATCH', tenant: { id: tenant.id } })),
      })),
    );
    for (const tenant of topology.seed.tenants) expect(orgsOf(tenant.id)).toHaveLength(1);
  });
});

describe('the org lookup is batched per cloud', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology({ seed: { vmsPerVdc: 60 } });
  });
  afterAll(() => topology.close());

  it('resolves the org of many VMs with one sp-node request and one director query', async () => {
    const director = topology.seed.clouds.find((c) => c.kind === 'director')!;
    const ids = director.vms.map((vm) => globalId(director, vm.nativeId));
    expect(ids.length).toBe(240);
    const mock = topology.cloud(director.id).mock;
    const spBefore = await topology.nodeRequests(director.id, 'sp-node');
    mock.resetRequests();
    const res = await topology.query<{ vmsByIds: Array<{ org: { id: string } }> }>(
      'query($ids: [ID!]!) { vmsByIds(ids: $ids) { org { id } } }',
      { ids },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.vmsByIds.map((vm) => vm.org.id)).toEqual(
      director.vms.map((vm) => globalId(director, orgOfVm(director, vm)!.nativeId)),
    );
    expect((await topology.nodeRequests(director.id, 'sp-node')) - spBefore).toBe(1);
    // The sp-node's only director call: the org-VDC query (the cloud-node's VM lookups are the rest).
    expect(mock.requests.filter((r) => r.url.includes('type=adminOrgVdc')).length).toBe(1);
    expect(mock.requests.filter((r) => /type=(organization|providerVdc)|suite-api/.test(r.url)).length).toBe(0);
  });
});
