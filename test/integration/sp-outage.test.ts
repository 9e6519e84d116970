import { startTopology, type Topology } from '../support/topology';
import { globalId, sortById } from '../support/expected';
import { tenantOfVm, vmsOfTenant } from '../support/tenancy';

describe('an sp-node that is down', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
    await topology.cloud('vcd-nl').spNode!.close();
  });
  afterAll(() => topology.close());

  it('gives partial data with CLOUD_UNAVAILABLE, while VMs of single-tenant clouds still resolve their tenant', async () => {
    const res = await topology.query<{
      clouds: Array<{ id: string; vdcs: Array<{ vms: Array<{ id: string; tenant: { id: string } | null }> }> }>;
    }>('{ clouds { id vdcs { vms { id tenant { id } } } } }');
    expect(res.status).toBe(200);
    for (const cloud of topology.seed.clouds) {
      const vms = sortById(res.data!.clouds.find((c) => c.id === cloud.id)!.vdcs.flatMap((v) => v.vms));
      // Director VMs need the sp-node for their org, hence their tenant; the others do not.
      const expected = cloud.vms.map((vm) => ({
        id: globalId(cloud, vm.nativeId),
        tenant: cloud.kind === 'director' ? null : { id: tenantOfVm(cloud, vm)! },
      }));
      expect(vms).toEqual(sortById(expected));
    }
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors!) expect(error.extensions).toMatchObject({ code: 'CLOUD_UNAVAILABLE', cloudId: 'vcd-nl' });
  });

  it("still lists a tenant's VMs in its dedicated cloud, and its cumulative VDC keeps that part", async () => {
    const res = await topology.query<{
      tenant: { vms: Array<{ id: string }>; cumulativeVdc: { parts: Array<{ cloud: { id: string }; source: string }> } };
    }>('{ tenant(id: "acme") { vms { id } cumulativeVdc { parts { cloud { id } source } } } }');
    const dedicated = vmsOfTenant(topology.seed, 'acme').filter(({ cloud }) => cloud.kind !== 'director');
    expect(sortById(res.data!.tenant.vms)).toEqual(sortById(dedicated.map(({ cloud, vm }) => ({ id: globalId(cloud, vm.nativeId) }))));
    expect(res.data!.tenant.cumulativeVdc.parts).toEqual([{ cloud: { id: 'dc-east' }, source: 'DEDICATED_CLOUD' }]);
    expect(res.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'vcd-nl' }) }),
      ]),
    );
  });
});
