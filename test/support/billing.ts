/**
 * What billing should find, computed from the seed and its usage history alone
 * (mocks/usageHistory.ts), never from what the gateway metered: whose each VM is,
 * the hours it existed in a range, and the cost of those hours under the simple rate
 * card the billing suites put, by plain arithmetic.
 */
import type { Seed, SeedCloud } from '../../mocks/seed';
import { cloudHistory, type HourUsage, type VmHistory } from '../../mocks/usageHistory';
import { HOUR_MS, hoursInMonth, type HourRange } from '../../schema/hours';

export interface SeededVm {
  cloud: SeedCloud;
  history: VmHistory;
  vmId: string;
  vdcId: string;
  tenantId: string;
}

/** Every seeded VM with its history and its tenant (its org's in a director cloud, else its cloud's owner). */
export function seededVms(seed: Seed, historyStart: Date): SeededVm[] {
  return seed.clouds.flatMap((cloud) =>
    cloudHistory(cloud, historyStart).map((history) => {
      const vdc = cloud.vdcs.find((v) => v.nativeId === history.vm.vdcNativeId)!;
      const org = cloud.orgs.find((o) => o.nativeId === vdc.orgNativeId);
      return {
        cloud,
        history,
        vmId: `${cloud.id}:${history.vm.nativeId}`,
        vdcId: `${cloud.id}:${vdc.nativeId}`,
        tenantId: org ? org.tenantId : cloud.ownerTenantId!,
      };
    }),
  );
}

/**
 * The hours of `range` the VM existed in, as its cloud's accounting API reports them:
 * Nova's simple tenant usage knows existence and flavor only, no used figures.
 */
export function hoursOf(vm: SeededVm, range: HourRange): HourUsage[] {
  const hours: HourUsage[] = [];
  for (let at = range.start.getTime(); at < range.end.getTime(); at += HOUR_MS) {
    const usage = vm.history.hourUsage(at);
    if (usage) hours.push(vm.cloud.kind === 'nova' ? { ...usage, used: null } : usage);
  }
  return hours;
}

/**
 * The card the billing suites put as the default: $1 per vCPU-hour of allocation (max
 * over the month), $0.50 per GB-hour of memory used (hours without a sample count as
 * 0), $0.01 per VM-hour, and $0.10 per GB-month of allocated storage.
 */
export const TEST_CARD = {
  id: 'test-card',
  name: 'Test card',
  currency: 'USD',
  isDefault: true,
  allocatedRollup: 'MAX',
  details: [
    { field: 'CPU_ALLOCATED', perTime: 'HOURLY', perUnit: 'VCPU', tiers: [{ start: 0, variableRate: 1 }] },
    { field: 'MEMORY_USED', perTime: 'HOURLY', perUnit: 'GB', tiers: [{ start: 0, variableRate: 0.5 }] },
    { field: 'FIXED', perTime: 'HOURLY', perUnit: 'VM', tiers: [{ start: 0, fixedRate: 0.01 }] },
    { field: 'STORAGE_ALLOCATED', perTime: 'MONTHLY', perUnit: 'GB', tiers: [{ start: 0, variableRate: 0.1 }] },
  ],
} as const;

/** What TEST_CARD charges for one VM over the hours of one calendar month. */
export function testCardCost(hours: readonly HourUsage[], month: Date): number {
  if (!hours.length) return 0;
  const h = hours.length;
  const vcpu = Math.max(...hours.map((u) => u.allocation.max.vcpu));
  const storageGb = Math.max(...hours.map((u) => u.allocation.max.storageGb));
  const memoryGbHours = hours.reduce((sum, u) => sum + (u.used?.memoryUsedMb ?? 0), 0) / 1024;
  return vcpu * h + 0.5 * memoryGbHours + 0.01 * h + (0.1 / hoursInMonth(month)) * storageGb * h;
}

/** TEST_CARD's charges of a tenant (or of the VMs `which` picks) over one calendar month. */
export function expectedMonthCost(vms: readonly SeededVm[], month: HourRange, which: (vm: SeededVm) => boolean): number {
  return vms.filter(which).reduce((sum, vm) => sum + testCardCost(hoursOf(vm, month), month.start), 0);
}
