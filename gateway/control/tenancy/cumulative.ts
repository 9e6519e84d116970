/**
 * The cumulative VDC: a tenant's virtual VDCs (one per organization, from the
 * sp-nodes) and its dedicated clouds' VDCs (from the cloud-nodes), received through
 * @requires and merged into one view with a part per cloud.
 */
import type { CumulativeVdcModel, CumulativeVdcPartModel, RequiredDedicatedCloud, RequiredVirtualVdc } from '../model';

const ALLOCATIONS = ['cpuLimitMhz', 'memoryLimitMb', 'storageLimitMb', 'cpuUsedMhz', 'memoryUsedMb', 'storageUsedMb'] as const;
const COUNTS = ['vdcCount', 'vmCount', 'poweredOnVmCount', 'vcpuCount', 'memoryMb'] as const;

export function orgPart(vdc: RequiredVirtualVdc): CumulativeVdcPartModel {
  return {
    cloudId: vdc.cloud.id,
    source: 'ORG',
    ...Object.fromEntries(COUNTS.map((k) => [k, vdc[k]])),
    ...Object.fromEntries(ALLOCATIONS.map((k) => [k, vdc[k]])),
  } as CumulativeVdcPartModel;
}

/** A whole single-tenant cloud as one part: sizes from its VMs; the cloud reports no allocations. */
export function dedicatedPart(cloudId: string, cloud: RequiredDedicatedCloud): CumulativeVdcPartModel {
  const vdcs = cloud.vdcs ?? [];
  const vms = vdcs.flatMap((vdc) => vdc.vms ?? []);
  return {
    cloudId,
    source: 'DEDICATED_CLOUD',
    vdcCount: vdcs.length,
    vmCount: vms.length,
    poweredOnVmCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
    vcpuCount: vms.reduce((sum, vm) => sum + (vm.cpuCount ?? 0), 0),
    memoryMb: vms.reduce((sum, vm) => sum + (vm.memoryMb ?? 0), 0),
    cpuLimitMhz: null,
    memoryLimitMb: null,
    storageLimitMb: null,
    cpuUsedMhz: null,
    memoryUsedMb: null,
    storageUsedMb: null,
  };
}

/** Sum the parts: counts over all, allocations over the parts that have them (null when none does). */
export function cumulate(parts: CumulativeVdcPartModel[]): CumulativeVdcModel {
  const sorted = [...parts].sort((a, b) => (a.cloudId < b.cloudId ? -1 : a.cloudId > b.cloudId ? 1 : 0));
  const total = Object.fromEntries(COUNTS.map((k) => [k, sorted.reduce((sum, p) => sum + p[k], 0)]));
  const allocations = Object.fromEntries(
    ALLOCATIONS.map((k) => {
      const known = sorted.map((p) => p[k]).filter((v): v is number => v !== null);
      return [k, known.length ? known.reduce((a, b) => a + b, 0) : null];
    }),
  );
  return { ...total, ...allocations, parts: sorted } as CumulativeVdcModel;
}
