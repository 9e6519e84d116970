/**
 * Tenancy figures computed from a seeded director cloud, independently of the mock
 * and the clients: what the director's query service must report, in the sp-node
 * client records' shape. VDC usage follows the documented derivation: vCPUs of
 * powered-on VMs × VCPU_SPEED_MHZ, their memory, and every VM's disks.
 */
import { VCPU_SPEED_MHZ } from '../../mocks/director';
import { buildSeed, type SeedCloud, type SeedOptions } from '../../mocks/seed';

/** The (first) director cloud of a seed. */
export function directorSeed(options: SeedOptions = {}): SeedCloud {
  const cloud = buildSeed(options).clouds.find((c) => c.kind === 'director');
  if (!cloud) throw new Error('the seed has no director cloud');
  return cloud;
}

export const uuidOf = (urn: string): string => urn.slice(urn.lastIndexOf(':') + 1);

const orgOfVdc = (cloud: SeedCloud, vdcId: string): string => {
  const orgId = cloud.vdcs.find((v) => v.nativeId === vdcId)?.orgNativeId;
  if (orgId === undefined) throw new Error(`VDC ${vdcId} has no org`);
  return orgId;
};

export function expectedOrgs(cloud: SeedCloud) {
  return cloud.orgs.map((o) => ({ id: o.nativeId, name: o.name, fullName: o.fullName }));
}

/** A reservation pool reports "used" as a whole percentage of its reservation: back in units, within that rounding. */
export const viaPercent = (used: number, of: number): number => Math.round((Math.round((100 * used) / of) * of) / 100);

export function expectedOrgVdcs(cloud: SeedCloud) {
  return cloud.vdcs.map((vdc) => {
    const vms = cloud.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId);
    const on = vms.filter((vm) => vm.powerState === 'POWERED_ON');
    const model = vdc.allocationModel ?? 'AllocationPool';
    const cpuUsed = on.reduce((sum, vm) => sum + vm.cpuCount * VCPU_SPEED_MHZ, 0);
    const memoryUsed = on.reduce((sum, vm) => sum + vm.memoryMb, 0);
    const reserved = model === 'ReservationPool';
    return {
      id: vdc.nativeId,
      name: vdc.name,
      orgId: orgOfVdc(cloud, vdc.nativeId),
      allocationModel: model,
      // Pay-as-you-go VDCs have compute limits of 0 in the mock: none.
      cpuLimitMhz: model === 'AllocationVApp' ? null : vdc.cpuLimitMhz,
      cpuUsedMhz: reserved ? viaPercent(cpuUsed, vdc.cpuLimitMhz) : cpuUsed,
      memoryLimitMb: model === 'AllocationVApp' ? null : vdc.memoryLimitMb,
      memoryUsedMb: reserved ? viaPercent(memoryUsed, vdc.memoryLimitMb) : memoryUsed,
      storageLimitMb: vdc.storageLimitMb,
      storageUsedMb: vms.reduce((sum, vm) => sum + vm.storageGb * 1024, 0),
      vmCount: vms.length,
      poweredOnVmCount: on.length,
    };
  });
}

export function expectedOrgVms(cloud: SeedCloud, orgIds?: readonly string[]) {
  return cloud.vms
    .map((vm) => ({
      id: vm.nativeId,
      name: vm.name,
      vdcId: vm.vdcNativeId,
      orgId: orgOfVdc(cloud, vm.vdcNativeId),
      powerState: vm.powerState,
      cpuCount: vm.cpuCount,
      memoryMb: vm.memoryMb,
    }))
    .filter((vm) => orgIds === undefined || orgIds.includes(vm.orgId));
}

export function expectedProvider(cloud: SeedCloud) {
  if (!cloud.provider) throw new Error('a director cloud has provider capacity');
  const total = (get: (v: SeedCloud['vdcs'][number]) => number) => cloud.vdcs.reduce((sum, v) => sum + get(v), 0);
  return {
    cpuCapacityMhz: cloud.provider.cpuMhz,
    cpuAllocatedMhz: total((v) => v.cpuLimitMhz),
    memoryCapacityMb: cloud.provider.memoryMb,
    memoryAllocatedMb: total((v) => v.memoryLimitMb),
    storageCapacityMb: cloud.provider.storageMb,
    storageAllocatedMb: total((v) => v.storageLimitMb),
  };
}
