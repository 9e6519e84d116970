/**
 * What billing stores and computes: hourly usage records, rate cards, charges and
 * invoices. The enums are the billing SDL's (schema/billing.graphql), generated; the
 * records are plain data, the same in the store, the resolvers and the FOCUS export.
 */
import type { AllocatedRollup, ChargeableField, RatePerTime, RateUnit } from '../../schema/generated/enums';
import type { HourRange } from '../../schema/hours';

export type { AllocatedRollup, ChargeableField, RatePerTime, RateUnit };

/** One VM in one whole hour, as metered, with whose it was in that hour. */
export interface UsageRecord {
  /** `<vmId>@<hour ISO>`: the natural key (VM, hour); every write is an upsert on it. */
  key: string;
  /** Global ids. */
  vmId: string;
  vmName: string;
  cloudId: string;
  vdcId: string;
  /** The organization owning the VDC (global id); null outside multi-tenant clouds. */
  orgId: string | null;
  /** Null: no tenant owned it in that hour (an unmapped organization). */
  tenantId: string | null;
  /** The hour's start. */
  hour: Date;
  /** `YYYY-MM` of the hour. */
  month: string;
  vcpuMax: number;
  vcpuAvg: number;
  memoryMbMax: number;
  memoryMbAvg: number;
  storageGbMax: number;
  storageGbAvg: number;
  /** Null: no sample in the hour (rated as 0). */
  cpuUsedMhz: number | null;
  memoryUsedMb: number | null;
  storageUsedGb: number | null;
  /** Kilobits per second. */
  networkKbps: number | null;
  /** When the meter wrote it last. */
  meteredAt: Date;
}

/** The usage figures of a record, without whose or when: what a node reports per VM and hour. */
export type UsageFigures = Pick<
  UsageRecord,
  | 'vcpuMax'
  | 'vcpuAvg'
  | 'memoryMbMax'
  | 'memoryMbAvg'
  | 'storageGbMax'
  | 'storageGbAvg'
  | 'cpuUsedMhz'
  | 'memoryUsedMb'
  | 'storageUsedGb'
  | 'networkKbps'
>;

export interface RateTier {
  start: number;
  /** Null: infinity. */
  finish: number | null;
  fixedRate: number;
  variableRate: number;
}

export interface RateDetail {
  field: ChargeableField;
  perTime: RatePerTime;
  perUnit: RateUnit;
  tiers: RateTier[];
}

export interface RateCardAssignment {
  tenantId: string | null;
  cloudId: string | null;
}

export interface RateCardRecord {
  /** A slug: the natural key. */
  id: string;
  name: string;
  /** ISO 4217. */
  currency: string;
  isDefault: boolean;
  allocatedRollup: AllocatedRollup;
  assignments: RateCardAssignment[];
  details: RateDetail[];
  updatedAt: Date;
}

/** One chargeable field of one line. */
export interface FieldCharge {
  field: ChargeableField;
  /** The rolled-up value in `unit`. */
  quantity: number;
  unit: RateUnit;
  /** hourly(fixed) + quantity × hourly(variable), of the tier holding `quantity`. */
  hourlyCost: number;
  /** hourlyCost × hours. */
  cost: number;
  /** Index of the tier that applied. */
  tier: number;
}

/** One VM in one VDC over one calendar month (cut to the period asked). */
export interface VmCharge {
  vmId: string;
  vmName: string;
  cloudId: string;
  vdcId: string;
  orgId: string | null;
  tenantId: string | null;
  /** The first hour charged, and the end of the last (exclusive). */
  start: Date;
  end: Date;
  /** Hours with a record: the hours it existed. */
  hours: number;
  rateCardId: string;
  rateCardName: string;
  currency: string;
  /** One per rate detail of the card, in the card's order. */
  fields: FieldCharge[];
  total: number;
}

/** The lines of one tenant (or of every tenant) over a period, in (cloud, VDC, VM, start) order. */
export interface ChargeSet {
  period: HourRange;
  currency: string;
  lines: VmCharge[];
}

export type InvoiceLineKind = 'USAGE' | 'CORRECTION';

/** One line of an invoice: one field of one VM charge, or a correction to one. */
export interface InvoiceLine {
  kind: InvoiceLineKind;
  /** The month charged, `YYYY-MM`. */
  month: string;
  cloudId: string;
  vdcId: string;
  orgId: string | null;
  vmId: string;
  vmName: string;
  field: ChargeableField;
  start: Date;
  end: Date;
  hours: number;
  quantity: number;
  unit: RateUnit;
  hourlyCost: number;
  /** For a correction: the difference from what was invoiced before. */
  cost: number;
  rateCardId: string;
}

/** A frozen invoice: written once when its month is closed, never changed. */
export interface InvoiceRecord {
  /** `inv-<tenantId>-<YYYY-MM>`: the natural key. */
  id: string;
  tenantId: string;
  month: string;
  periodStart: Date;
  periodEnd: Date;
  currency: string;
  issuedAt: Date;
  lines: InvoiceLine[];
  total: number;
}

/** Which hours of a cloud metering has collected: one record per (cloud, hour). */
export interface MeteredHourRecord {
  /** `<cloudId>@<hour ISO>`: the natural key. */
  key: string;
  cloudId: string;
  hour: Date;
  /** Records the cloud reported for the hour. */
  records: number;
  meteredAt: Date;
}

/** Hours of one cloud not collected yet. */
export interface UsageGapModel {
  cloudId: string;
  start: Date;
  end: Date;
  hours: number;
}

// What the billing subgraph's resolvers start from (codegen mappers, schema/codegen.ts).

/** A VM, tenant or cumulative VDC as another subgraph hands it over: its key, and what billing @requires. */
export interface VmRefModel {
  id: string;
}
export interface TenantRefModel {
  id: string;
}
export interface CumulativeVdcRefModel {
  tenantId: string;
  cpuLimitMhz?: number | null;
  memoryLimitMb?: number | null;
  storageLimitMb?: number | null;
}

/** Charges and a VM's cost: the lines of a period. */
export type ChargesModel = ChargeSet;
export type VmCostModel = ChargeSet;
export interface CloudChargesModel {
  cloudId: string;
  lines: VmCharge[];
}
export interface VdcChargesModel {
  vdcId: string;
  orgId: string | null;
  lines: VmCharge[];
}

export interface IdleAllocationModel {
  cpuMhz: number | null;
  memoryMb: number | null;
  storageGb: number | null;
  cost: number;
}

export interface CumulativeVdcCostModel {
  period: HourRange;
  currency: string;
  total: number;
  idle: IdleAllocationModel;
}

export interface BillingPeriodModel {
  month: string;
  state: 'OPEN' | 'CLOSED';
  closedAt: Date | null;
}

export type { UsagePage as UsageRecordPage } from '../store/types';
