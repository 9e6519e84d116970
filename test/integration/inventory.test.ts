import { startTopology, type Topology } from '../support/topology';
import { API_KIND, expectedInventory, sortById, sortInventory } from '../support/expected';

const INVENTORY = '{ clouds { id name kind vdcs { id name vms { id name powerState cpuCount memoryMb } } } }';

describe('inventory across clouds', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  it('returns every cloud, VDC and VM of the three seeded clouds, as the seed says', async () => {
    const res = await topology.query<{ clouds: Parameters<typeof sortInventory>[0] }>(INVENTORY);
    expect(res.errors).toBeUndefined();
    expect(sortInventory(res.data!.clouds)).toEqual(expectedInventory(topology.seed.clouds));
  });

  it("reports each cloud's API kind", async () => {
    const res = await topology.query<{ clouds: Array<{ id: string; kind: string }> }>('{ clouds { id kind } }');
    expect(sortById(res.data!.clouds)).toEqual(sortById(topology.seed.clouds.map((c) => ({ id: c.id, kind: API_KIND[c.kind] }))));
    expect(new Set(res.data!.clouds.map((c) => c.kind))).toEqual(new Set(['VSPHERE', 'DIRECTOR', 'NOVA']));
  });

  it('fans a list field out with one request to every node', async () => {
    const before = await Promise.all(topology.seed.clouds.map((c) => topology.nodeRequests(c.id)));
    const res = await topology.query<{ clouds: Array<{ id: string }> }>('{ clouds { id } }');
    const after = await Promise.all(topology.seed.clouds.map((c) => topology.nodeRequests(c.id)));
    expect(res.data!.clouds.map((c) => c.id).sort()).toEqual(topology.seed.clouds.map((c) => c.id).sort());
    expect(after.map((n, i) => n - before[i]!)).toEqual(topology.seed.clouds.map(() => 1));
  });

  it('answers a cloud, a VDC and the registry by id', async () => {
    const [cloud] = topology.seed.clouds;
    const vdc = cloud!.vdcs[1]!;
    const res = await topology.query(
      `query($vdc: ID!) {
      cloud(id: "${cloud!.id}") { name nodes { id kind } }
      vdc(id: $vdc) { name cloud { id } vms { name } }
    }`,
      { vdc: `${cloud!.id}:${vdc.nativeId}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      cloud: { name: cloud!.name, nodes: [{ id: `${cloud!.id}/cloud-node`, kind: 'CLOUD_NODE' }] },
      vdc: {
        name: vdc.name,
        cloud: { id: cloud!.id },
        vms: expect.arrayContaining(cloud!.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId).map((vm) => ({ name: vm.name }))),
      },
    });
    expect((res.data!.vdc as { vms: unknown[] }).vms).toHaveLength(cloud!.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId).length);
  });
});
