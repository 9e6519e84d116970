import { startTopology, type Topology } from '../support/topology';
import { globalId } from '../support/expected';
import type { SeedCloud } from '../../mocks/seed';
import { liveVm } from '../support/vmEvents';

const POWER_ON = 'mutation($id: ID!) { powerOnVm(id: $id) { id powerState } }';
const POWER_OFF = 'mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }';
const READ = 'query($id: ID!) { vm(id: $id) { powerState } }';

describe('power operations reach the cloud that owns the VM', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  const clouds = (): SeedCloud[] => topology.seed.clouds;
  const stateInCloud = (cloud: SeedCloud, nativeId: string) =>
    topology.cloud(cloud.id).mock.cloud.vms.find((vm) => vm.nativeId === nativeId)?.powerState;

  it.each(['vsphere', 'director', 'nova'])('powers a %s VM off and on, changing it in that cloud only', async (kind) => {
    const cloud = clouds().find((c) => c.kind === kind)!;
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud, vm.nativeId);
    const othersBefore = clouds()
      .filter((c) => c !== cloud)
      .map((c) => topology.cloud(c.id).mock.cloud.vms.map((v) => v.powerState));

    try {
      const off = await topology.query(POWER_OFF, { id });
      expect(off).toMatchObject({ status: 200, data: { powerOffVm: { id, powerState: 'POWERED_OFF' } } });
      expect(off.errors).toBeUndefined();
      expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_OFF');
      expect((await topology.query(READ, { id })).data).toEqual({ vm: { powerState: 'POWERED_OFF' } });

      const on = await topology.query(POWER_ON, { id });
      expect(on.data).toEqual({ powerOnVm: { id, powerState: 'POWERED_ON' } });
      expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_ON');
      expect((await topology.query(READ, { id })).data).toEqual({ vm: { powerState: 'POWERED_ON' } });

      const othersAfter = clouds()
        .filter((c) => c !== cloud)
        .map((c) => topology.cloud(c.id).mock.cloud.vms.map((v) => v.powerState));
      expect(othersAfter).toEqual(othersBefore);
    } finally {
      // Running again whatever failed above: the other tests pick running VMs from the seed.
      liveVm(topology.cloud(cloud.id).mock.cloud, vm.nativeId).powerState = vm.powerState;
    }
  });

  it.each(['vsphere', 'director', 'nova'])('treats powering on a running %s VM as done, so a retry is safe', async (kind) => {
    const cloud = clouds().find((c) => c.kind === kind)!;
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_ON');
    const res = await topology.query(POWER_ON, { id: globalId(cloud, vm.nativeId) });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ powerOnVm: { id: globalId(cloud, vm.nativeId), powerState: 'POWERED_ON' } });
    expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_ON');
  });

  it('answers NOT_FOUND for a VM the cloud does not have, and changes nothing', async () => {
    const cloud = clouds()[0]!;
    const before = topology.cloud(cloud.id).mock.cloud.vms.map((v) => v.powerState);
    const res = await topology.query(POWER_OFF, { id: `${cloud.id}:vm-404` });
    expect(res.data).toEqual({ powerOffVm: null });
    expect(res.errors).toEqual([
      expect.objectContaining({ path: ['powerOffVm'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ]);
    expect(topology.cloud(cloud.id).mock.cloud.vms.map((v) => v.powerState)).toEqual(before);
  });
});
