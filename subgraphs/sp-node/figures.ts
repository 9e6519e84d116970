/** The arithmetic of the tenant views: pure functions over the cloud's records. */
import { placementKey, type OrgVdcRecord, type OrgVmRecord, type VmMetrics } from './clients/types';
import type { VirtualVdcModel } from './model';

const sum = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((total, item) => total + of(item), 0);

/** Limits (null: none) summed over the VDCs that have one, and whether any has none. */
function limits(vdcs: readonly OrgVdcRecord[], of: (vdc: OrgVdcRecord) => number | null): { total: number; unlimited: boolean } {
  const known = vdcs.map(of);
  return { total: sum(known, (l) => l ?? 0), unlimited: known.some((l) => l === null) };
}

/** An organization's VDCs in one cloud as one VDC: allocations and usage from the VDCs, sizes from the VMs. */
export function virtualVdc(cloudId: string, vdcs: readonly OrgVdcRecord[], vms: readonly OrgVmRecord[]): VirtualVdcModel {
  // The records are in one meaning whatever the allocation model (clients/allocation.ts computeOf): sums add like to like.
  const cpu = limits(vdcs, (v) => v.cpuLimitMhz);
  const memory = limits(vdcs, (v) => v.memoryLimitMb);
  const storage = limits(vdcs, (v) => v.storageLimitMb);
  return {
    cloudId,
    vdcCount: vdcs.length,
    vmCount: vms.length,
    poweredOnVmCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
    vcpuCount: sum(vms, (vm) => vm.cpuCount),
    memoryMb: sum(vms, (vm) => vm.memoryMb),
    cpuLimitMhz: cpu.total,
    memoryLimitMb: memory.total,
    storageLimitMb: storage.total,
    cpuUnlimited: cpu.unlimited,
    memoryUnlimited: memory.unlimited,
    storageUnlimited: storage.unlimited,
    cpuUsedMhz: sum(vdcs, (v) => v.cpuUsedMhz),
    memoryUsedMb: sum(vdcs, (v) => v.memoryUsedMb),
    storageUsedMb: sum(vdcs, (v) => v.storageUsedMb),
  };
}

/**
 * Tenant-unaware per-VM metrics, kept to one organization's VMs and summed. The
 * application knows vCenter VMs: a VM is matched by its placement (vCenter uuid and
 * moref), never by the director's uuid, which the application does not have.
 */
export function orgMetrics(vms: readonly OrgVmRecord[], byVm: ReadonlyMap<string, VmMetrics>) {
  const reported = vms
    .map((vm) => (vm.placement ? byVm.get(placementKey(vm.placement)) : undefined))
    .filter((m): m is VmMetrics => m !== undefined);
  return {
    vmCount: reported.length,
    cpuUsageMhz: sum(reported, (m) => m.cpuUsageMhz),
    memoryUsedMb: sum(reported, (m) => m.memoryUsedMb),
    storageUsedGb: sum(reported, (m) => m.storageUsedGb),
    networkKbps: sum(reported, (m) => m.networkKbps),
  };
}
