/**
 * The idle allocation of a tenant's cumulative VDC, as OpenCost shows idle cost apart
 * from workload cost: what its VDCs are allocated (their limits, which only the
 * multi-tenant clouds report) minus what its VMs there used on average over the
 * period's hours, priced at the used-figure rates of the tenant's card. Shown beside
 * the charges, never billed. The limits are the VDCs' current ones.
 */
import { hoursIn, type HourRange } from '../../schema/hours';
import type { Store } from '../store/types';
import { cardFor } from './cards';
import type { ChargeableField, CumulativeVdcRefModel, IdleAllocationModel } from './model';
import { hourly, tierFor } from './rates';
import { toUnit } from './units';

export async function idleAllocation(
  store: Pick<Store, 'usage' | 'rateCards'>,
  vdc: CumulativeVdcRefModel,
  period: HourRange,
): Promise<IdleAllocationModel> {
  const hours = hoursIn(period);
  const used = { cpu: 0, memory: 0, storage: 0 };
  for await (const batch of store.usage.scan({ ...period, tenantId: vdc.tenantId })) {
    // Only the parts with limits: organizations' VDCs in multi-tenant clouds.
    for (const record of batch) {
      if (record.orgId === null) continue;
      used.cpu += record.cpuUsedMhz ?? 0;
      used.memory += record.memoryUsedMb ?? 0;
      used.storage += record.storageUsedGb ?? 0;
    }
  }
  const idle = (limit: number | null | undefined, usedTotal: number): number | null =>
    limit === null || limit === undefined ? null : Math.max(0, limit - usedTotal / hours);
  const cpuMhz = idle(vdc.cpuLimitMhz, used.cpu);
  const memoryMb = idle(vdc.memoryLimitMb, used.memory);
  const storageGb = idle(vdc.storageLimitMb === null || vdc.storageLimitMb === undefined ? null : vdc.storageLimitMb / 1024, used.storage);
  const raw: Partial<Record<ChargeableField, number | null>> = { CPU_USED: cpuMhz, MEMORY_USED: memoryMb, STORAGE_USED: storageGb };
  const card = cardFor(await store.rateCards.list(), vdc.tenantId, '');
  let cost = 0;
  for (const detail of card.details) {
    const value = raw[detail.field];
    if (value === null || value === undefined) continue;
    const quantity = toUnit(detail.field, value, detail.perUnit);
    const tier = detail.tiers[tierFor(detail.tiers, quantity)]!;
    // The variable part only: a fixed rate is charged per VM, and idle capacity has none.
    cost += quantity * hourly(tier.variableRate, detail.perTime, period.start) * hours;
  }
  return { cpuMhz, memoryMb, storageGb, cost };
}
