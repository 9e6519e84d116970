/**
 * One invoice line as one FOCUS row (schema/focus.ts): a pure function, the value
 * rules of FOCUS 1.2 (billing.md §1.3) applied here and nowhere else. No discounts:
 * ListCost = ContractedCost = EffectiveCost = BilledCost = the line's cost, and for a
 * usage line ListCost = ListUnitPrice × PricingQuantity because the line's cost is
 * hourlyCost × hours (gateway/billing/model.ts).
 */
import { FOCUS_TAG_PREFIX, type FocusKeyValues, type FocusRow } from '../../../schema/focus';
import { isoSeconds, nextMonthStart, parseMonth } from '../../../schema/hours';
import { parseGlobalId } from '../../../schema/ids';
import type { ChargeableField, InvoiceLine, RateUnit } from '../model';

export type FocusCloudKind = 'VSPHERE' | 'DIRECTOR' | 'NOVA';

/** What a row needs beyond its line: whose, which month's bill, and where. */
export interface FocusRowContext {
  /** The frozen invoice's id; null while the month is open. */
  invoiceId: string | null;
  /** The billing period, `YYYY-MM`: the month whose bill the line is on (a correction's charge period is earlier). */
  billingMonth: string;
  tenant: { id: string; name: string };
  /** ISO 4217. */
  currency: string;
  /** Who issues the bill and provides the service: the Overcast operator. */
  issuerName: string;
  /** The line's cloud; name and kind null when its node did not say. */
  cloud: { id: string; name: string | null; kind: FocusCloudKind | null };
}

/** What a field is, for ServiceCategory/ServiceSubcategory/ServiceName and the description. */
interface FieldService {
  category: 'Compute' | 'Storage' | 'Networking';
  /** A 1.2 ServiceSubcategory of `category` (servicesubcategory.md @v1.2). */
  subcategory: 'Virtual Machines' | 'Block Storage' | 'Other (Networking)';
  name: string;
  label: string;
}

const COMPUTE = { category: 'Compute', subcategory: 'Virtual Machines', name: 'Virtual Machines' } as const;
const STORAGE = { category: 'Storage', subcategory: 'Block Storage', name: 'Block Storage' } as const;
const NETWORK = { category: 'Networking', subcategory: 'Other (Networking)', name: 'Networking' } as const;

function serviceOf(field: ChargeableField): FieldService {
  switch (field) {
    case 'CPU_ALLOCATED':
      return { ...COMPUTE, label: 'Allocated vCPUs' };
    case 'CPU_USED':
      return { ...COMPUTE, label: 'Used CPU' };
    case 'MEMORY_ALLOCATED':
      return { ...COMPUTE, label: 'Allocated memory' };
    case 'MEMORY_USED':
      return { ...COMPUTE, label: 'Used memory' };
    case 'FIXED':
      return { ...COMPUTE, label: 'Fixed charge' };
    case 'STORAGE_ALLOCATED':
      return { ...STORAGE, label: 'Allocated storage' };
    case 'STORAGE_USED':
      return { ...STORAGE, label: 'Used storage' };
    case 'NETWORK_USED':
      // VM network throughput fits none of the named 1.2 Networking subcategories (CDN, routing, connectivity …).
      return { ...NETWORK, label: 'Network I/O' };
    default: {
      const never: never = field;
      throw new Error(`unknown chargeable field ${String(never)}`);
    }
  }
}

/**
 * ConsumedUnit in FOCUS UnitFormat, and the factor from (quantity × hours) to it.
 * - VCPU → "Core-Hours": Core is FOCUS's listed count unit, and a new count noun MUST be
 *   capitalized, which "vCPU" is not; a vCPU is the virtual core the hypervisor schedules.
 * - MHz/GHz → "MHz-Hours"/"GHz-Hours" (`<singular-unit>-<plural-time-units>`; frequency is a
 *   dimension FOCUS does not list, so the SI spelling).
 * - MB/GB/TB → "MB-Hours" …, the rate card's own unit, so that it stays "semantically
 *   equal" to the price list's.
 * - KBPS/MBPS: a rate times hours is a volume; "kb/s-Hours" mixes two composite forms and
 *   "kb" is not FOCUS's spelling. The average rate × 3600 s × hours is what was
 *   transferred, in FOCUS's data size units "Kb"/"Mb" (`<plural-units>`).
 * - VM (the FIXED field) → "Hours": the hours the VM existed.
 */
function consumedOf(unit: RateUnit): { unit: string; factor: number; perVm?: true } {
  switch (unit) {
    case 'VCPU':
      return { unit: 'Core-Hours', factor: 1 };
    case 'MHZ':
      return { unit: 'MHz-Hours', factor: 1 };
    case 'GHZ':
      return { unit: 'GHz-Hours', factor: 1 };
    case 'MB':
      return { unit: 'MB-Hours', factor: 1 };
    case 'GB':
      return { unit: 'GB-Hours', factor: 1 };
    case 'TB':
      return { unit: 'TB-Hours', factor: 1 };
    case 'KBPS':
      return { unit: 'Kb', factor: 3600 };
    case 'MBPS':
      return { unit: 'Mb', factor: 3600 };
    case 'VM':
      return { unit: 'Hours', factor: 1, perVm: true };
    default: {
      const never: never = unit;
      throw new Error(`unknown rate unit ${String(never)}`);
    }
  }
}

const HOST_PROVIDER: Record<FocusCloudKind, string> = {
  VSPHERE: 'VMware vSphere',
  DIRECTOR: 'VMware Cloud Director',
  NOVA: 'OpenStack',
};

/** FOCUS nulls are null, never "": an empty text is no value. */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** The native part of a global id (`<cloudId>:<native>`); null for none. */
function nativeOf(id: string | null): string | null {
  return id === null ? null : text(parseGlobalId(id)?.nativeId);
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The FOCUS row of one invoice line. */
export function focusRow(line: InvoiceLine, ctx: FocusRowContext): FocusRow {
  const periodStart = parseMonth(ctx.billingMonth);
  if (!periodStart) throw new Error(`billing month "${ctx.billingMonth}" is not YYYY-MM`);
  const correction = line.kind === 'CORRECTION';
  const service = serviceOf(line.field);
  const consumed = consumedOf(line.unit);
  const vm = text(line.vmName) ?? line.vmId;
  const description = correction
    ? `Correction to ${line.month}: ${service.label} of VM ${vm}, ${plural(line.hours, 'hour')} (difference from the invoiced charge)`
    : `${service.label} of VM ${vm}, ${plural(line.hours, 'hour')}`;
  const tags: FocusKeyValues = { [`${FOCUS_TAG_PREFIX}field`]: line.field, [`${FOCUS_TAG_PREFIX}rateCard`]: line.rateCardId };
  return {
    // A Nova VDC is a project in an availability zone; other clouds have none.
    AvailabilityZone: ctx.cloud.kind === 'NOVA' ? nativeOf(line.vdcId) : null,
    BilledCost: line.cost,
    BillingAccountId: ctx.tenant.id,
    BillingAccountName: text(ctx.tenant.name),
    BillingCurrency: ctx.currency,
    BillingPeriodEnd: isoSeconds(nextMonthStart(periodStart)),
    BillingPeriodStart: isoSeconds(periodStart),
    ChargeCategory: 'Usage',
    // Late usage of an already invoiced month: FOCUS's "Correction", the only non-null value.
    ChargeClass: correction ? 'Correction' : null,
    ChargeDescription: description,
    ChargeFrequency: 'Usage-Based',
    ChargePeriodEnd: isoSeconds(line.end),
    ChargePeriodStart: isoSeconds(line.start),
    // A correction carries a cost difference, not a quantity: FOCUS allows null quantities and unit prices there.
    ConsumedQuantity: correction ? null : consumed.perVm ? line.hours : line.quantity * line.hours * consumed.factor,
    ConsumedUnit: correction ? null : consumed.unit,
    ContractedCost: line.cost,
    EffectiveCost: line.cost,
    HostProviderName: ctx.cloud.kind ? HOST_PROVIDER[ctx.cloud.kind] : null,
    InvoiceId: text(ctx.invoiceId),
    InvoiceIssuerName: ctx.issuerName,
    ListCost: line.cost,
    ListUnitPrice: correction ? null : line.hourlyCost,
    PricingQuantity: correction ? null : line.hours,
    PricingUnit: correction ? null : 'Hours',
    ProviderName: ctx.issuerName,
    PublisherName: ctx.issuerName,
    RegionId: ctx.cloud.id,
    RegionName: text(ctx.cloud.name),
    ResourceId: line.vmId,
    ResourceName: text(line.vmName),
    ResourceType: 'Virtual Machine',
    ServiceCategory: service.category,
    ServiceName: service.name,
    ServiceProviderName: ctx.issuerName,
    ServiceSubcategory: service.subcategory,
    SkuId: `${line.rateCardId}:${line.field}`,
    SkuPriceId: `${line.rateCardId}:${line.field}:${line.unit}`,
    SubAccountId: text(line.orgId),
    SubAccountName: nativeOf(line.orgId),
    Tags: tags,
    x_TenantId: ctx.tenant.id,
    x_CloudId: line.cloudId,
    x_OrgId: text(line.orgId),
    x_VdcId: line.vdcId,
  };
}
