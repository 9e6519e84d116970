import { cumulate, dedicatedPart, orgPart } from '../../gateway/control/tenancy/cumulative';
import { tenancyQueryTypes } from '../../mocks/director/tenancy';
import type { SeedAllocationModel, SeedCloud, SeedVdc } from '../../mocks/seed';
import { orgVdcSchema, toOrgVdc } from '../../subgraphs/sp-node/clients/allocation';
import { virtualVdc as coalesce } from '../../subgraphs/sp-node/figures';
import { directorSeed, viaPercent } from '../support/seedTenancy';

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

describe('the virtual VDC of org VDCs under each allocation model', () => {
  // Four VDCs per org: every org has one of each model.
  const seed = directorSeed({ vdcsPerOrg: 4 });
  const BASE = 'https://vcd.example.com';
  const MHZ_PER_VCPU = 2000;

  /** The director's adminOrgVdc records of `vdcs`, as the mock renders them, through the client's own schema and mapping. */
  const records = (cloud: SeedCloud, vdcs: readonly SeedVdc[]) => {
    const type = tenancyQueryTypes(cloud).adminOrgVdc;
    const ids = new Set(vdcs.map((v) => v.nativeId));
    return type
      .rows()
      .filter((row) => ids.has(row.vdc.nativeId))
      .map((row) => toOrgVdc(orgVdcSchema.parse(JSON.parse(JSON.stringify(type.render(row, BASE))))));
  };

  /** What the VDCs use, in MHz and MB, from the seed's VMs. */
  const usage = (vdc: SeedVdc) => {
    const vms = seed.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId);
    const on = vms.filter((vm) => vm.powerState === 'POWERED_ON');
    return {
      cpu: on.reduce((s, vm) => s + vm.cpuCount * MHZ_PER_VCPU, 0),
      memory: on.reduce((s, vm) => s + vm.memoryMb, 0),
      storage: vms.reduce((s, vm) => s + vm.storageGb * 1024, 0),
    };
  };
  const total = (vdcs: readonly SeedVdc[], of: (v: SeedVdc) => number) => vdcs.reduce((s, v) => s + of(v), 0);

  const expected: Record<SeedAllocationModel, (vdcs: readonly SeedVdc[]) => Record<string, number | boolean>> = {
    // Pay-as-you-go: compute limits of 0 are none; usage in units.
    AllocationVApp: (vdcs) => ({
      cpuLimitMhz: 0,
      memoryLimitMb: 0,
      cpuUnlimited: true,
      memoryUnlimited: true,
      cpuUsedMhz: total(vdcs, (v) => usage(v).cpu),
      memoryUsedMb: total(vdcs, (v) => usage(v).memory),
    }),
    AllocationPool: (vdcs) => ({
      cpuLimitMhz: total(vdcs, (v) => v.cpuLimitMhz),
      memoryLimitMb: total(vdcs, (v) => v.memoryLimitMb),
      cpuUnlimited: false,
      memoryUnlimited: false,
      cpuUsedMhz: total(vdcs, (v) => usage(v).cpu),
      memoryUsedMb: total(vdcs, (v) => usage(v).memory),
    }),
    // A reservation pool reports a whole percentage of its reservation: back in units, within that rounding.
    ReservationPool: (vdcs) => ({
      cpuLimitMhz: total(vdcs, (v) => v.cpuLimitMhz),
      memoryLimitMb: total(vdcs, (v) => v.memoryLimitMb),
      cpuUnlimited: false,
      memoryUnlimited: false,
      cpuUsedMhz: total(vdcs, (v) => viaPercent(usage(v).cpu, v.cpuLimitMhz)),
      memoryUsedMb: total(vdcs, (v) => viaPercent(usage(v).memory, v.memoryLimitMb)),
    }),
    Flex: (vdcs) => ({
      cpuLimitMhz: total(vdcs, (v) => v.cpuLimitMhz),
      memoryLimitMb: total(vdcs, (v) => v.memoryLimitMb),
      cpuUnlimited: false,
      memoryUnlimited: false,
      cpuUsedMhz: total(vdcs, (v) => usage(v).cpu),
      memoryUsedMb: total(vdcs, (v) => usage(v).memory),
    }),
  };

  it.each(Object.keys(expected) as SeedAllocationModel[])('adds %s VDCs in MHz and MB, with limits as that model means them', (model) => {
    const vdcs = seed.vdcs.filter((v) => v.allocationModel === model);
    expect(vdcs).toHaveLength(seed.orgs.length);
    const vdc = coalesce(seed.id, records(seed, vdcs), []);
    expect(vdc).toMatchObject({
      vdcCount: vdcs.length,
      ...expected[model](vdcs),
      storageLimitMb: total(vdcs, (v) => v.storageLimitMb),
      storageUsedMb: total(vdcs, (v) => usage(v).storage),
      storageUnlimited: false,
    });
  });

  it('sums an organization’s VDCs of every model into one cumulative part, like to like', () => {
    const org = seed.orgs[0]!;
    const vdcs = seed.vdcs.filter((v) => v.orgNativeId === org.nativeId);
    expect(new Set(vdcs.map((v) => v.allocationModel)).size).toBe(4);
    const parts = (Object.keys(expected) as SeedAllocationModel[]).map((m) => expected[m](vdcs.filter((v) => v.allocationModel === m)));
    const sumOf = (key: string) => parts.reduce((s, p) => s + (p[key] as number), 0);
    // As the sp-node answers it: the cloud by id.
    const { cloudId, ...figures } = coalesce(seed.id, records(seed, vdcs), []);
    const total = cumulate([orgPart({ ...figures, cloud: { id: cloudId } })]);
    expect(total).toMatchObject({
      vdcCount: 4,
      cpuLimitMhz: sumOf('cpuLimitMhz'),
      memoryLimitMb: sumOf('memoryLimitMb'),
      cpuUsedMhz: sumOf('cpuUsedMhz'),
      memoryUsedMb: sumOf('memoryUsedMb'),
    });
  });
});
