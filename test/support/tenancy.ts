/** Tenant-level expectations computed from the seed, independently of the code under test. */
import type { Seed, SeedCloud, SeedOrg, SeedVm } from '../../mocks/seed';
import { globalId } from './expected';
import { expectedOrgVdcs, expectedOrgVms } from './seedTenancy';

export function orgOfVm(cloud: SeedCloud, vm: SeedVm): SeedOrg | undefined {
  const orgId = cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId)?.orgNativeId;
  return cloud.orgs.find((o) => o.nativeId === orgId);
}

export function tenantOfVm(cloud: SeedCloud, vm: SeedVm): string | undefined {
  return cloud.ownerTenantId ?? orgOfVm(cloud, vm)?.tenantId;
}

export function vmsOfTenant(seed: Seed, tenantId: string): Array<{ cloud: SeedCloud; vm: SeedVm }> {
  return seed.clouds.flatMap((cloud) => cloud.vms.filter((vm) => tenantOfVm(cloud, vm) === tenantId).map((vm) => ({ cloud, vm })));
}

/** Every id and name that belongs to `tenantId`, from the seed: what a leak to another tenant would show. */
export function footprint(seed: Seed, tenantId: string): string[] {
  return seed.clouds.flatMap((cloud) => {
    const whole = cloud.ownerTenantId === tenantId;
    const orgs = cloud.orgs.filter((o) => o.tenantId === tenantId);
    const vdcs = cloud.vdcs.filter((v) => whole || orgs.some((o) => o.nativeId === v.orgNativeId));
    const vms = cloud.vms.filter((vm) => tenantOfVm(cloud, vm) === tenantId);
    return [
      ...(whole ? [cloud.id, cloud.name] : []),
      ...orgs.flatMap((o) => [globalId(cloud, o.nativeId), o.fullName]),
      ...vdcs.flatMap((v) => [globalId(cloud, v.nativeId), v.name]),
      ...vms.flatMap((vm) => [globalId(cloud, vm.nativeId), vm.name]),
    ];
  });
}

const sum = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((total, item) => total + of(item), 0);

/** An org's virtual VDC: its VDCs' figures as the director must report them, summed. */
function orgVdcFigures(cloud: SeedCloud, org: SeedOrg) {
  const vdcs = expectedOrgVdcs(cloud).filter((v) => v.orgId === org.nativeId);
  const vms = expectedOrgVms(cloud, [org.nativeId]);
  return {
    cloud: { id: cloud.id },
    source: 'ORG',
    vdcCount: vdcs.length,
    vmCount: vms.length,
    poweredOnVmCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
    vcpuCount: sum(vms, (vm) => vm.cpuCount),
    memoryMb: sum(vms, (vm) => vm.memoryMb),
    // A VDC without a limit adds nothing to the sum.
    cpuLimitMhz: sum(vdcs, (v) => v.cpuLimitMhz ?? 0),
    memoryLimitMb: sum(vdcs, (v) => v.memoryLimitMb ?? 0),
    storageLimitMb: sum(vdcs, (v) => v.storageLimitMb),
    cpuUsedMhz: sum(vdcs, (v) => v.cpuUsedMhz),
    memoryUsedMb: sum(vdcs, (v) => v.memoryUsedMb),
    storageUsedMb: sum(vdcs, (v) => v.storageUsedMb),
  };
}

function dedicatedFigures(cloud: SeedCloud) {
  const on = cloud.vms.filter((vm) => vm.powerState === 'POWERED_ON');
  return {
    cloud: { id: cloud.id },
    source: 'DEDICATED_CLOUD',
    vdcCount: cloud.vdcs.length,
    vmCount: cloud.vms.length,
    poweredOnVmCount: on.length,
    vcpuCount: sum(cloud.vms, (vm) => vm.cpuCount),
    memoryMb: sum(cloud.vms, (vm) => vm.memoryMb),
    cpuLimitMhz: null,
    memoryLimitMb: null,
    storageLimitMb: null,
    cpuUsedMhz: null,
    memoryUsedMb: null,
    storageUsedMb: null,
  };
}

export const CUMULATIVE_FIELDS =
  'vdcCount vmCount poweredOnVmCount vcpuCount memoryMb cpuLimitMhz memoryLimitMb storageLimitMb cpuUsedMhz memoryUsedMb storageUsedMb';

/** The tenant's cumulative VDC: one part per cloud (sorted by cloud id), totals over the parts. */
export function expectedCumulativeVdc(seed: Seed, tenantId: string) {
  const parts = seed.clouds
    .flatMap((cloud) => [
      ...(cloud.ownerTenantId === tenantId ? [dedicatedFigures(cloud)] : []),
      ...cloud.orgs.filter((o) => o.tenantId === tenantId).map((org) => orgVdcFigures(cloud, org)),
    ])
    .sort((a, b) => (a.cloud.id < b.cloud.id ? -1 : 1));
  const total = (key: keyof (typeof parts)[number]) => sum(parts, (p) => p[key] as number);
  const allocated = (key: keyof (typeof parts)[number]) => {
    const known = parts.filter((p) => p[key] !== null);
    return known.length ? sum(known, (p) => p[key] as number) : null;
  };
  return {
    vdcCount: total('vdcCount'),
    vmCount: total('vmCount'),
    poweredOnVmCount: total('poweredOnVmCount'),
    vcpuCount: total('vcpuCount'),
    memoryMb: total('memoryMb'),
    cpuLimitMhz: allocated('cpuLimitMhz'),
    memoryLimitMb: allocated('memoryLimitMb'),
    storageLimitMb: allocated('storageLimitMb'),
    cpuUsedMhz: allocated('cpuUsedMhz'),
    memoryUsedMb: allocated('memoryUsedMb'),
    storageUsedMb: allocated('storageUsedMb'),
    parts,
  };
}

/**
 * The metrics application's current per-VM figures summed over one organization's VMs
 * only: a VM that is not running publishes no CPU, memory or network figures.
 */
export function expectedOrgMetrics(cloud: SeedCloud, org: SeedOrg) {
  const vms = cloud.vms.filter((vm) => orgOfVm(cloud, vm)?.nativeId === org.nativeId);
  const running = vms.filter((vm) => vm.powerState === 'POWERED_ON');
  return {
    vmCount: vms.length,
    cpuUsageMhz: sum(running, (vm) => vm.metrics.cpuUsageMhz),
    memoryUsedMb: sum(running, (vm) => vm.metrics.memoryUsedMb),
    storageUsedGb: sum(vms, (vm) => vm.metrics.storageUsedGb),
    networkKbps: sum(running, (vm) => vm.metrics.networkKbps),
  };
}
