/**
 * Rating one VM over one calendar month with ManageIQ chargeback semantics
 * (`chargeable_field.rb#measure`, `chargeback_rate_detail.rb#hourly_cost`):
 * allocated figures roll up to their max (or mean, as the card says), used figures to
 * their mean over the hours the VM existed, and each field costs
 * (hourly(fixed) + quantity × hourly(variable)) × hours, with both rates from the one
 * tier holding the quantity.
 */
import { HOUR_MS, type HourRange } from '../../schema/hours';
import type { AllocatedRollup, ChargeableField, FieldCharge, RateCardRecord, RateDetail, UsageRecord, VmCharge } from './model';
import { hourly, tierFor } from './rates';
import { toUnit } from './units';

type Figure = (record: UsageRecord) => number;

/** An allocated field's figure per record: the hour's max, or its mean, by the card's rollup. */
const ALLOCATED: Partial<Record<ChargeableField, Record<AllocatedRollup, Figure>>> = {
  CPU_ALLOCATED: { MAX: (r) => r.vcpuMax, AVG: (r) => r.vcpuAvg },
  MEMORY_ALLOCATED: { MAX: (r) => r.memoryMbMax, AVG: (r) => r.memoryMbAvg },
  STORAGE_ALLOCATED: { MAX: (r) => r.storageGbMax, AVG: (r) => r.storageGbAvg },
};

/** A used field's figure per record; an hour without a sample counts as 0, as ManageIQ's sum / consumed hours does. */
const USED: Partial<Record<ChargeableField, Figure>> = {
  CPU_USED: (r) => r.cpuUsedMhz ?? 0,
  MEMORY_USED: (r) => r.memoryUsedMb ?? 0,
  STORAGE_USED: (r) => r.storageUsedGb ?? 0,
  NETWORK_USED: (r) => r.networkKbps ?? 0,
};

const sum = (records: readonly UsageRecord[], figure: Figure): number => records.reduce((total, r) => total + figure(r), 0);

/**
 * The rolled-up raw value of `field` over the records, in the field's base unit.
 * MAX takes the highest hourly max (a VM resized up for one hour is billed at that size
 * for the month: ManageIQ's default); AVG the mean of the hourly means (PR #15565).
 */
export function rollUp(field: ChargeableField, records: readonly UsageRecord[], rollup: AllocatedRollup): number {
  if (field === 'FIXED') return 1;
  const allocated = ALLOCATED[field];
  if (allocated) {
    const figure = allocated[rollup];
    return rollup === 'MAX' ? records.reduce((max, r) => Math.max(max, figure(r)), -Infinity) : sum(records, figure) / records.length;
  }
  const used = USED[field];
  if (!used) throw new RangeError(`unknown chargeable field ${field}`);
  return sum(records, used) / records.length;
}

function rateField(detail: RateDetail, records: readonly UsageRecord[], card: RateCardRecord, at: Date): FieldCharge {
  const quantity = toUnit(detail.field, rollUp(detail.field, records, card.allocatedRollup), detail.perUnit);
  const tier = tierFor(detail.tiers, quantity);
  const { fixedRate, variableRate } = detail.tiers[tier]!;
  const hourlyCost = hourly(fixedRate, detail.perTime, at) + quantity * hourly(variableRate, detail.perTime, at);
  return { field: detail.field, quantity, unit: detail.perUnit, hourlyCost, cost: hourlyCost * records.length, tier };
}

/**
 * What one VM costs under `card` for its records in one VDC, for one tenant, within one
 * calendar-month `segment`, sorted by hour. It is charged only for the hours it has a
 * record for, the hours it existed (ManageIQ: not before it was created, not after it
 * was retired). Monthly rates divide by the length of the segment's month.
 */
export function rateVm(records: readonly UsageRecord[], card: RateCardRecord, segment: HourRange): VmCharge {
  const first = records[0];
  const last = records[records.length - 1];
  if (!first || !last) throw new RangeError('rateVm needs at least one usage record');
  const fields = card.details.map((detail) => rateField(detail, records, card, segment.start));
  return {
    vmId: last.vmId,
    vmName: last.vmName,
    cloudId: last.cloudId,
    vdcId: last.vdcId,
    orgId: last.orgId,
    tenantId: last.tenantId,
    start: first.hour,
    end: new Date(last.hour.getTime() + HOUR_MS),
    hours: records.length,
    rateCardId: card.id,
    rateCardName: card.name,
    currency: card.currency,
    fields,
    total: fields.reduce((total, f) => total + f.cost, 0),
  };
}
