import { startTopology, type Topology } from '../support/topology';
import { expectedVm, globalId } from '../support/expected';

describe('routing to the node that owns the data', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  const requestDeltas = async (run: () => Promise<unknown>): Promise<Record<string, number>> => {
    const ids = topology.seed.clouds.map((c) => c.id);
    const before = await Promise.all(ids.map((id) => topology.nodeRequests(id)));
    await run();
    const after = await Promise.all(ids.map((id) => topology.nodeRequests(id)));
    return Object.fromEntries(ids.map((id, i) => [id, after[i]! - before[i]!]));
  };

  it('resolves VMs of two clouds with one entity request to each owner and none to the third', async () => {
    const [dc, vcd, nova] = topology.seed.clouds;
    // Interleaved, so reassembly order matters.
    const vms = [
      [dc!, dc!.vms[0]!],
      [vcd!, vcd!.vms[0]!],
      [dc!, dc!.vms[5]!],
      [vcd!, vcd!.vms[9]!],
      [dc!, dc!.vms[2]!],
    ] as const;
    let res: Awaited<ReturnType<Topology['query']>> | undefined;
    const deltas = await requestDeltas(async () => {
      res = await topology.query('query($ids: [ID!]!) { vmsByIds(ids: $ids) { id name powerState cpuCount memoryMb } }', {
        ids: vms.map(([cloud, vm]) => globalId(cloud, vm.nativeId)),
      });
    });
    expect(res!.errors).toBeUndefined();
    expect(res!.data).toEqual({ vmsByIds: vms.map(([cloud, vm]) => expectedVm(cloud, vm)) });
    expect(deltas).toEqual({ [dc!.id]: 1, [vcd!.id]: 1, [nova!.id]: 0 });
  });

  it('gives null for unknown clouds, null plus BAD_USER_INPUT at its position for a malformed id, and null fields for a VM its cloud does not have', async () => {
    const [dc] = topology.seed.clouds;
    const res = await topology.query('query($ids: [ID!]!) { vmsByIds(ids: $ids) { id name } }', {
      ids: [globalId(dc!, dc!.vms[1]!.nativeId), `${dc!.id}:vm-does-not-exist`, 'no-such-cloud:vm-1', 'Not An Id'],
    });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['vmsByIds', 3], 'BAD_USER_INPUT']]);
    expect(res.data).toEqual({
      vmsByIds: [
        { id: globalId(dc!, dc!.vms[1]!.nativeId), name: dc!.vms[1]!.name },
        { id: `${dc!.id}:vm-does-not-exist`, name: null },
        null,
        null,
      ],
    });
  });

  it('routes each aliased root field of one fetch to its own cloud', async () => {
    const [dc, vcd, nova] = topology.seed.clouds;
    let res: Awaited<ReturnType<Topology['query']>> | undefined;
    const deltas = await requestDeltas(async () => {
      res = await topology.query(
        `query($b: ID!) { a: vm(id: "${globalId(dc!, dc!.vms[3]!.nativeId)}") { name } b: vm(id: $b) { name } c: cloud(id: "${nova!.id}") { name } }`,
        { b: globalId(vcd!, vcd!.vms[4]!.nativeId) },
      );
    });
    expect(res!.errors).toBeUndefined();
    expect(res!.data).toEqual({ a: { name: dc!.vms[3]!.name }, b: { name: vcd!.vms[4]!.name }, c: { name: nova!.name } });
    expect(deltas).toEqual({ [dc!.id]: 1, [vcd!.id]: 1, [nova!.id]: 1 });
  });

  it('resolves a Director VM whose native id is a URN full of colons', async () => {
    const vcd = topology.seed.clouds.find((c) => c.kind === 'director')!;
    const vm = vcd.vms[7]!;
    expect(vm.nativeId).toMatch(/^urn:vcloud:vm:/);
    const res = await topology.query('query($id: ID!) { vm(id: $id) { id name vdc { name } } }', { id: globalId(vcd, vm.nativeId) });
    const vdc = vcd.vdcs.find((v) => v.nativeId === vm.vdcNativeId)!;
    expect(res.data).toEqual({ vm: { id: globalId(vcd, vm.nativeId), name: vm.name, vdc: { name: vdc.name } } });
  });
});
