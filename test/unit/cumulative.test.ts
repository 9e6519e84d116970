import { cumulate, dedicatedPart, orgPart } from '../../gateway/control/tenancy/cumulative';

const virtualVdc = (cloudId: string, n: number) => ({
  cloud: { id: cloudId },
  vdcCount: n,
  vmCount: 2 * n,
  poweredOnVmCount: n,
  vcpuCount: 4 * n,
  memoryMb: 1024 * n,
  cpuLimitMhz: 1000 * n,
  memoryLimitMb: 2000 * n,
  storageLimitMb: 3000 * n,
  cpuUsedMhz: 100 * n,
  memoryUsedMb: 200 * n,
  storageUsedMb: 300 * n,
});

describe('the cumulative VDC', () => {
  const dedicated = dedicatedPart('a-cloud', {
    vdcs: [
      {
        vms: [
          { powerState: 'POWERED_ON', cpuCount: 2, memoryMb: 512 },
          { powerState: 'POWERED_OFF', cpuCount: 1, memoryMb: 256 },
        ],
      },
      { vms: [] },
    ],
  });

  it('counts a dedicated cloud from its VMs and reports no allocations for it', () => {
    expect(dedicated).toEqual({
      cloudId: 'a-cloud',
      source: 'DEDICATED_CLOUD',
      vdcCount: 2,
      vmCount: 2,
      poweredOnVmCount: 1,
      vcpuCount: 3,
      memoryMb: 768,
      cpuLimitMhz: null,
      memoryLimitMb: null,
      storageLimitMb: null,
      cpuUsedMhz: null,
      memoryUsedMb: null,
      storageUsedMb: null,
    });
  });

  it('sums counts over every part and allocations over the parts that have them, parts in cloud order', () => {
    const total = cumulate([orgPart(virtualVdc('z-cloud', 1)), dedicated, orgPart(virtualVdc('m-cloud', 2))]);
    expect(total.parts.map((p) => p.cloudId)).toEqual(['a-cloud', 'm-cloud', 'z-cloud']);
    expect(total).toMatchObject({
      vdcCount: 2 + 2 + 1,
      vmCount: 2 + 4 + 2,
      poweredOnVmCount: 1 + 2 + 1,
      vcpuCount: 3 + 8 + 4,
      memoryMb: 768 + 2048 + 1024,
      cpuLimitMhz: 3000,
      memoryLimitMb: 6000,
      storageLimitMb: 9000,
      cpuUsedMhz: 300,
      memoryUsedMb: 600,
      storageUsedMb: 900,
    });
  });

  it('has null allocations when no part reports any', () => {
    expect(cumulate([dedicated]).cpuLimitMhz).toBeNull();
    expect(cumulate([])).toMatchObject({ vdcCount: 0, vmCount: 0, cpuLimitMhz: null, parts: [] });
  });
});
