/**
 * The adapter contract, run against every cloud kind: the same behaviour from the
 * vSphere, Director and Nova adapters, each over HTTP against its mock cloud.
 */
import { startMockCloud, type MockCloud } from '../../../mocks';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { createAdapter, type CloudAdapter } from '../../../subgraphs/cloud-node/adapters';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { CloudApiError } from '../../../subgraphs/shared/cloudApiError';
import { expectedVmRecord, sortById } from '../../support/expected';

const seed = buildSeed({ vmsPerVdc: 6 });

describe.each(seed.clouds.map((cloud) => [cloud.kind, cloud] as const))('the %s adapter', (_kind, cloud: SeedCloud) => {
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    adapter = createAdapter(cloud.kind, adapterOptionsFor(mock, cloud.kind));
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('lists every VDC of the seed', async () => {
    expect(sortById(await adapter.listVdcs())).toEqual(sortById(cloud.vdcs.map((v) => ({ id: v.nativeId, name: v.name }))));
  });

  it('lists every VM, with its VDC, power state and size', async () => {
    expect(sortById(await adapter.listVms())).toEqual(sortById(cloud.vms.map(expectedVmRecord)));
  });

  it('lists the VMs of chosen VDCs only', async () => {
    const vdc = cloud.vdcs[1]!;
    expect(sortById(await adapter.listVms([vdc.nativeId]))).toEqual(
      sortById(cloud.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId).map(expectedVmRecord)),
    );
  });

  it('gets many VMs in a number of requests that does not grow with the number of VMs', async () => {
    const ids = cloud.vms.map((vm) => vm.nativeId);
    await adapter.getVms(ids.slice(0, 1)); // log in first, so both calls below count API requests only
    mock.resetRequests();
    const one = await adapter.getVms(ids.slice(0, 1));
    const forOne = mock.countRequests();
    mock.resetRequests();
    const all = await adapter.getVms([...ids, 'no-such-vm']);
    expect(mock.countRequests()).toBe(forOne);
    expect(one.size).toBe(1);
    expect(sortById([...all.values()])).toEqual(sortById(cloud.vms.map(expectedVmRecord)));
    expect(all.has('no-such-vm')).toBe(false);
  });

  it('powers a VM off and on in the cloud', async () => {
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const live = () => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!;
    expect(live().powerState).toBe('POWERED_ON');
    try {
      await adapter.powerOff(vm.nativeId);
      expect(live().powerState).toBe('POWERED_OFF');
      expect((await adapter.getVms([vm.nativeId])).get(vm.nativeId)?.powerState).toBe('POWERED_OFF');
      await adapter.powerOn(vm.nativeId);
      expect(live().powerState).toBe('POWERED_ON');
    } finally {
      live().powerState = vm.powerState;
    }
  });

  it('answers CONFLICT for powering on a running VM', async () => {
    const vm = mock.cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    await expect(adapter.powerOn(vm.nativeId)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('answers NOT_FOUND for a VM the cloud does not have', async () => {
    const missing =
      cloud.kind === 'director'
        ? 'urn:vcloud:vm:00000000-0000-4000-a000-000000000000'
        : cloud.kind === 'vsphere'
          ? 'vm-1'
          : '00000000-0000-4000-a000-000000000000';
    await expect(adapter.powerOff(missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers CLOUD_UNAVAILABLE while the cloud fails, and works again after', async () => {
    mock.setFaults({ failRequests: true });
    const failure = await adapter.listVdcs().catch((err: unknown) => err);
    mock.setFaults({ failRequests: false });
    expect(failure).toBeInstanceOf(CloudApiError);
    expect(failure).toMatchObject({ code: 'CLOUD_UNAVAILABLE' });
    expect(await adapter.listVdcs()).toHaveLength(cloud.vdcs.length);
  });

  it('answers CLOUD_UNAVAILABLE when the cloud is unreachable', async () => {
    mock.setFaults({ down: true });
    const failure = await adapter.listVms().catch((err: unknown) => err);
    mock.setFaults({ down: false });
    expect(failure).toMatchObject({ code: 'CLOUD_UNAVAILABLE' });
  });
});
