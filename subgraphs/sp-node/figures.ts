/** The arithmetic of the tenant views: pure functions over the cloud's records. */
import type { OrgVdcRecord, OrgVmRecord, VmMetrics } from './clients/types';
import type { VirtualVdcModel } from './model';

const sum = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((total, item) => total + of(item), 0);

/** An organization's VDCs in one cloud as one VDC: allocations and usage from the VDCs, sizes from the VMs. */
export function virtualVdc(cloudId: string, vdcs: readonly OrgVdcRecord[], vms: readonly OrgVmRecord[]): VirtualVdcModel {
  return {
    cloudId,
    vdcCount: vdcs.length,
    vmCount: vms.length,
    poweredOnVmCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
    vcpuCount: sum(vms, (vm) => vm.cpuCount),
    memoryMb: sum(vms, (vm) => vm.memoryMb),
    cpuLimitMhz: sum(vdcs, (v) => v.cpuLimitMhz),
    memoryLimitMb: sum(vdcs, (v) => v.memoryLimitMb),
    storageLimitMb: sum(vdcs, (v) => v.storageLimitMb),
    cpuUsedMhz: sum(vdcs, (v) => v.cpuUsedMhz),
    memoryUsedMb: sum(vdcs, (v) => v.memoryUsedMb),
    storageUsedMb: sum(vdcs, (v) => v.storageUsedMb),
  };
}

/** Tenant-unaware per-VM metrics, kept to one organization's VMs and summed. */
export function orgMetrics(vms: readonly OrgVmRecord[], byVm: ReadonlyMap<string, VmMetrics>) {
  const reported = vms.map((vm) => byVm.get(vm.id)).filter((m): m is VmMetrics => m !== undefined);
  return {
    vmCount: reported.length,
    cpuUsageMhz: sum(reported, (m) => m.cpuUsageMhz),
    memoryUsedMb: sum(reported, (m) => m.memoryUsedMb),
    storageUsedGb: sum(reported, (m) => m.storageUsedGb),
    networkKbps: sum(reported, (m) => m.networkKbps),
  };
}
