import type { GraphQLResolveInfo } from 'graphql';
import type { VmRefModel, TenantRefModel, CumulativeVdcRefModel, RateCardRecord, UsageRecord as UsageRecordModel, UsageGapModel, ChargesModel, CloudChargesModel, VdcChargesModel, VmCharge as VmChargeModel, FieldCharge as FieldChargeModel, VmCostModel, CumulativeVdcCostModel, InvoiceRecord, InvoiceLine as InvoiceLineModel, BillingPeriodModel, UsageRecordPage } from '../model';
import type { BillingContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** How allocated figures are rolled up over a period: the highest value (ManageIQ's default) or the mean. */
export type AllocatedRollup =
  | 'AVG'
  | 'MAX';

export type BillingPeriod = {
  __typename?: 'BillingPeriod';
  closedAt?: Maybe<Scalars['String']['output']>;
  /** `YYYY-MM` */
  month: Scalars['String']['output'];
  state: BillingPeriodState;
};

export type BillingPeriodState =
  | 'CLOSED'
  | 'OPEN';

/** What a rate detail charges for (ManageIQ's chargeable fields). */
export type ChargeableField =
  /** Allocated vCPUs. */
  | 'CPU_ALLOCATED'
  /** Used CPU (MHz). */
  | 'CPU_USED'
  /** A fixed charge per VM and hour it exists. */
  | 'FIXED'
  /** Allocated memory. */
  | 'MEMORY_ALLOCATED'
  /** Used (consumed) memory. */
  | 'MEMORY_USED'
  /** Network throughput. */
  | 'NETWORK_USED'
  /** Allocated (provisioned) storage. */
  | 'STORAGE_ALLOCATED'
  /** Used storage. */
  | 'STORAGE_USED';

export type Charges = {
  __typename?: 'Charges';
  /** In cloud id order; VDCs and VMs in id order. */
  clouds: Array<CloudCharges>;
  currency: Scalars['String']['output'];
  /** Cost per chargeable field, over every line. */
  fields: Array<FieldCost>;
  period: Period;
  total: Scalars['Float']['output'];
};

export type Cloud = {
  __typename?: 'Cloud';
  id: Scalars['ID']['output'];
};

export type CloudCharges = {
  __typename?: 'CloudCharges';
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  total: Scalars['Float']['output'];
  vdcs: Array<VdcCharges>;
};

/**
 * A tenant's cumulative VDC (owned by control); billing adds what it costs and what of
 * its allocation lies idle.
 */
export type CumulativeVdc = {
  __typename?: 'CumulativeVdc';
  /** The tenant's charges in the period, and the cost of the allocation its VMs left unused (shown apart, not billed). */
  cost: CumulativeVdcCost;
  cpuLimitMhz?: Maybe<Scalars['Int']['output']>;
  memoryLimitMb?: Maybe<Scalars['Int']['output']>;
  storageLimitMb?: Maybe<Scalars['Int']['output']>;
  tenantId: Scalars['ID']['output'];
};


/**
 * A tenant's cumulative VDC (owned by control); billing adds what it costs and what of
 * its allocation lies idle.
 */
export type CumulativeVdcCostArgs = {
  period: PeriodInput;
};

export type CumulativeVdcCost = {
  __typename?: 'CumulativeVdcCost';
  currency: Scalars['String']['output'];
  idle: IdleAllocation;
  period: Period;
  /** The tenant's charges in the period. */
  total: Scalars['Float']['output'];
};

/** One chargeable field of one line. */
export type FieldCharge = {
  __typename?: 'FieldCharge';
  /** hourlyCost × hours. */
  cost: Scalars['Float']['output'];
  field: ChargeableField;
  /** What one hour costs at that value: hourly(fixed) + quantity × hourly(variable). */
  hourlyCost: Scalars['Float']['output'];
  /** The rolled-up value in `unit`: max or mean for allocated figures, mean for used ones (hours without a sample count as 0). */
  quantity: Scalars['Float']['output'];
  /** The index of the tier that applied. */
  tier: Scalars['Int']['output'];
  unit: RateUnit;
};

export type FieldCost = {
  __typename?: 'FieldCost';
  cost: Scalars['Float']['output'];
  field: ChargeableField;
};

/** The allocation of a cumulative VDC its VMs did not use, averaged over the period's hours. */
export type IdleAllocation = {
  __typename?: 'IdleAllocation';
  /** Priced at the used-figure rates of the tenant's rate card. */
  cost: Scalars['Float']['output'];
  /** Null where no part of the VDC reports a limit. */
  cpuMhz?: Maybe<Scalars['Float']['output']>;
  memoryMb?: Maybe<Scalars['Float']['output']>;
  storageGb?: Maybe<Scalars['Float']['output']>;
};

/** A tenant's frozen bill for one month: it never changes once issued. */
export type Invoice = {
  __typename?: 'Invoice';
  currency: Scalars['String']['output'];
  fields: Array<FieldCost>;
  /** `inv-<tenantId>-<YYYY-MM>`. */
  id: Scalars['ID']['output'];
  issuedAt: Scalars['String']['output'];
  lines: Array<InvoiceLine>;
  month: Scalars['String']['output'];
  periodEnd: Scalars['String']['output'];
  periodStart: Scalars['String']['output'];
  tenant?: Maybe<Tenant>;
  tenantId: Scalars['ID']['output'];
  total: Scalars['Float']['output'];
};

export type InvoiceLine = {
  __typename?: 'InvoiceLine';
  cloudId: Scalars['ID']['output'];
  cost: Scalars['Float']['output'];
  end: Scalars['String']['output'];
  field: ChargeableField;
  hourlyCost: Scalars['Float']['output'];
  hours: Scalars['Int']['output'];
  kind: InvoiceLineKind;
  /** The month charged, `YYYY-MM`: the invoice's own, or the earlier one a correction is for. */
  month: Scalars['String']['output'];
  orgId?: Maybe<Scalars['ID']['output']>;
  /** The rolled-up value (for a correction, the value after correction). */
  quantity: Scalars['Float']['output'];
  rateCardId: Scalars['ID']['output'];
  /** Start and end of the hours charged. */
  start: Scalars['String']['output'];
  unit: RateUnit;
  vdcId: Scalars['ID']['output'];
  vmId: Scalars['ID']['output'];
  vmName: Scalars['String']['output'];
};

export type InvoiceLineKind =
  /** Usage of an earlier, already invoiced month that arrived after it was closed (or a change to it). */
  | 'CORRECTION'
  /** Usage of the invoice's month. */
  | 'USAGE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Freeze an invoice per tenant for a month that has ended; later usage of it becomes corrections in the next one. */
  closeBillingPeriod: Array<Invoice>;
  /** Remove a rate card; the default card cannot be removed. */
  deleteRateCard: Scalars['Boolean']['output'];
  /** Collect every hour metering has not collected yet, now; answers the gaps that remain. */
  meterUsage: Array<UsageGap>;
  /** Create or replace a rate card (validated: contiguous tiers from 0 to infinity, one default, one currency). */
  putRateCard: RateCard;
};


export type MutationCloseBillingPeriodArgs = {
  month: Scalars['String']['input'];
};


export type MutationDeleteRateCardArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPutRateCardArgs = {
  card: RateCardInput;
};

export type Period = {
  __typename?: 'Period';
  end: Scalars['String']['output'];
  start: Scalars['String']['output'];
};

/** Whole UTC hours: `start` inclusive, `end` exclusive, each `YYYY-MM-DDTHH:00:00Z`. */
export type PeriodInput = {
  end: Scalars['String']['input'];
  start: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Months with usage or an invoice, newest first. */
  billingPeriods: Array<BillingPeriod>;
  /** Null when it does not exist (or is not yours: answered alike). */
  invoice?: Maybe<Invoice>;
  /** Frozen invoices, newest first; a tenant role sees its own only. */
  invoices: Array<Invoice>;
  rateCard?: Maybe<RateCard>;
  /** Every rate card, the default first. */
  rateCards: Array<RateCard>;
  /** Hours metering has not collected, per cloud. */
  usageGaps: Array<UsageGap>;
  /** Metered usage, in (hour, VM) order; a tenant role sees its own only. */
  usageRecords: UsageRecordConnection;
};


export type QueryInvoiceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInvoicesArgs = {
  month?: InputMaybe<Scalars['String']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRateCardArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsageGapsArgs = {
  cloudId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryUsageRecordsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<UsageFilter>;
  first?: Scalars['Int']['input'];
  period: PeriodInput;
};

export type RateCard = {
  __typename?: 'RateCard';
  allocatedRollup: AllocatedRollup;
  assignments: Array<RateCardAssignment>;
  /** ISO 4217; every rate card bills in the same currency. */
  currency: Scalars['String']['output'];
  details: Array<RateDetail>;
  id: Scalars['ID']['output'];
  /** The card used where no assignment matches; exactly one card is the default. */
  isDefault: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  updatedAt: Scalars['String']['output'];
};

/** Where a rate card applies: a tenant, a cloud, or a tenant in one cloud (the most specific wins). */
export type RateCardAssignment = {
  __typename?: 'RateCardAssignment';
  cloudId?: Maybe<Scalars['ID']['output']>;
  tenantId?: Maybe<Scalars['ID']['output']>;
};

export type RateCardAssignmentInput = {
  cloudId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

export type RateCardInput = {
  allocatedRollup?: AllocatedRollup;
  assignments?: Array<RateCardAssignmentInput>;
  currency: Scalars['String']['input'];
  details: Array<RateDetailInput>;
  /** A slug `[a-z0-9-]+`; a card with this id is replaced. */
  id: Scalars['ID']['input'];
  isDefault?: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
};

export type RateDetail = {
  __typename?: 'RateDetail';
  field: ChargeableField;
  perTime: RatePerTime;
  perUnit: RateUnit;
  tiers: Array<RateTier>;
};

export type RateDetailInput = {
  field: ChargeableField;
  perTime?: RatePerTime;
  perUnit: RateUnit;
  tiers: Array<RateTierInput>;
};

/** The time a rate is quoted per; converted to hourly (monthly by the exact length of the month). */
export type RatePerTime =
  | 'DAILY'
  | 'HOURLY'
  | 'MONTHLY'
  | 'WEEKLY'
  | 'YEARLY';

/**
 * One tier of a rate: the tier whose range contains the rolled-up value supplies both
 * rates for the whole value (not graduated). Tiers run contiguously from 0 to infinity.
 */
export type RateTier = {
  __typename?: 'RateTier';
  /** Null: infinity. */
  finish?: Maybe<Scalars['Float']['output']>;
  /** Per `perTime`, whatever the value. */
  fixedRate: Scalars['Float']['output'];
  start: Scalars['Float']['output'];
  /** Per `perUnit` and `perTime`. */
  variableRate: Scalars['Float']['output'];
};

export type RateTierInput = {
  /** Null or absent: infinity. */
  finish?: InputMaybe<Scalars['Float']['input']>;
  fixedRate?: Scalars['Float']['input'];
  start: Scalars['Float']['input'];
  variableRate?: Scalars['Float']['input'];
};

/** The unit a rate is quoted per. */
export type RateUnit =
  | 'GB'
  | 'GHZ'
  | 'KBPS'
  | 'MB'
  | 'MBPS'
  | 'MHZ'
  | 'TB'
  | 'VCPU'
  /** The FIXED field: per VM. */
  | 'VM';

export type Tenant = {
  __typename?: 'Tenant';
  /** Its charges in the period: lines per cloud, VDC and VM, and totals per field. */
  charges: Charges;
  id: Scalars['ID']['output'];
  /** Its frozen invoices, newest first. */
  invoices: Array<Invoice>;
};


export type TenantChargesArgs = {
  period: PeriodInput;
};

export type UsageFilter = {
  cloudId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  vmId?: InputMaybe<Scalars['ID']['input']>;
};

/** Hours of one cloud that metering has not collected yet (the cloud or its node did not answer): filled when it does. */
export type UsageGap = {
  __typename?: 'UsageGap';
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  end: Scalars['String']['output'];
  hours: Scalars['Int']['output'];
  start: Scalars['String']['output'];
};

/** One VM's metered figures in one hour, with whose it was in that hour. */
export type UsageRecord = {
  __typename?: 'UsageRecord';
  cloudId: Scalars['ID']['output'];
  /** Null: the cloud had no sample in that hour (rated as 0). */
  cpuUsedMhz?: Maybe<Scalars['Float']['output']>;
  /** Start of the hour, `YYYY-MM-DDTHH:00:00Z`. */
  hour: Scalars['String']['output'];
  memoryMbAvg: Scalars['Float']['output'];
  memoryMbMax: Scalars['Float']['output'];
  memoryUsedMb?: Maybe<Scalars['Float']['output']>;
  /** Kilobits per second. */
  networkKbps?: Maybe<Scalars['Float']['output']>;
  /** The organization owning the VDC in a multi-tenant cloud; null elsewhere. */
  orgId?: Maybe<Scalars['ID']['output']>;
  storageGbAvg: Scalars['Float']['output'];
  storageGbMax: Scalars['Float']['output'];
  storageUsedGb?: Maybe<Scalars['Float']['output']>;
  /** Null when no tenant owned the VM in that hour (an unmapped organization). */
  tenantId?: Maybe<Scalars['ID']['output']>;
  vcpuAvg: Scalars['Float']['output'];
  vcpuMax: Scalars['Float']['output'];
  vdcId: Scalars['ID']['output'];
  vmId: Scalars['ID']['output'];
  vmName: Scalars['String']['output'];
};

export type UsageRecordConnection = {
  __typename?: 'UsageRecordConnection';
  /** Pass as `after` for the next page; null on the last page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  records: Array<UsageRecord>;
};

export type VdcCharges = {
  __typename?: 'VdcCharges';
  /** The organization owning the VDC; null in a single-tenant cloud. */
  orgId?: Maybe<Scalars['ID']['output']>;
  total: Scalars['Float']['output'];
  vdc?: Maybe<VirtualDataCenter>;
  vdcId: Scalars['ID']['output'];
  vms: Array<VmCharge>;
};

export type VirtualDataCenter = {
  __typename?: 'VirtualDataCenter';
  id: Scalars['ID']['output'];
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  /** What it costs in the period, under the rate card that applies to it. */
  cost: VmCost;
  id: Scalars['ID']['output'];
  /** Its hourly usage records in the period, oldest first. */
  usage: Array<UsageRecord>;
};


export type VirtualMachineCostArgs = {
  period: PeriodInput;
};


export type VirtualMachineUsageArgs = {
  period: PeriodInput;
};

/** One VM in one VDC over one calendar month of the period. */
export type VmCharge = {
  __typename?: 'VmCharge';
  end: Scalars['String']['output'];
  fields: Array<FieldCharge>;
  hours: Scalars['Int']['output'];
  rateCardId: Scalars['ID']['output'];
  rateCardName: Scalars['String']['output'];
  /** The hours the VM existed in this month of the period. */
  start: Scalars['String']['output'];
  total: Scalars['Float']['output'];
  vm?: Maybe<VirtualMachine>;
  vmId: Scalars['ID']['output'];
  vmName: Scalars['String']['output'];
};

export type VmCost = {
  __typename?: 'VmCost';
  currency: Scalars['String']['output'];
  /** One line per VDC and calendar month the VM was in. */
  lines: Array<VmCharge>;
  period: Period;
  total: Scalars['Float']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  CumulativeVdc: CumulativeVdc;
  Tenant: Tenant;
  VirtualMachine: VirtualMachine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  CumulativeVdc:
    ( { __typename: 'CumulativeVdc' }
    & GraphQLRecursivePick<FederationTypes['CumulativeVdc'], {"tenantId":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['CumulativeVdc'], {"cpuLimitMhz":true,"memoryLimitMb":true,"storageLimitMb":true}> ) );
  Tenant:
    ( { __typename: 'Tenant' }
    & GraphQLRecursivePick<FederationTypes['Tenant'], {"id":true}> );
  VirtualMachine:
    ( { __typename: 'VirtualMachine' }
    & GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AllocatedRollup: AllocatedRollup;
  BillingPeriod: ResolverTypeWrapper<BillingPeriodModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  BillingPeriodState: BillingPeriodState;
  ChargeableField: ChargeableField;
  Charges: ResolverTypeWrapper<ChargesModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Cloud: ResolverTypeWrapper<Cloud>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CloudCharges: ResolverTypeWrapper<CloudChargesModel>;
  CumulativeVdc: ResolverTypeWrapper<CumulativeVdcRefModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CumulativeVdcCost: ResolverTypeWrapper<CumulativeVdcCostModel>;
  FieldCharge: ResolverTypeWrapper<FieldChargeModel>;
  FieldCost: ResolverTypeWrapper<FieldCost>;
  IdleAllocation: ResolverTypeWrapper<IdleAllocation>;
  Invoice: ResolverTypeWrapper<InvoiceRecord>;
  InvoiceLine: ResolverTypeWrapper<InvoiceLineModel>;
  InvoiceLineKind: InvoiceLineKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Period: ResolverTypeWrapper<Period>;
  PeriodInput: PeriodInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateCard: ResolverTypeWrapper<RateCardRecord>;
  RateCardAssignment: ResolverTypeWrapper<RateCardAssignment>;
  RateCardAssignmentInput: RateCardAssignmentInput;
  RateCardInput: RateCardInput;
  RateDetail: ResolverTypeWrapper<RateDetail>;
  RateDetailInput: RateDetailInput;
  RatePerTime: RatePerTime;
  RateTier: ResolverTypeWrapper<RateTier>;
  RateTierInput: RateTierInput;
  RateUnit: RateUnit;
  Tenant: ResolverTypeWrapper<TenantRefModel>;
  UsageFilter: UsageFilter;
  UsageGap: ResolverTypeWrapper<UsageGapModel>;
  UsageRecord: ResolverTypeWrapper<UsageRecordModel>;
  UsageRecordConnection: ResolverTypeWrapper<UsageRecordPage>;
  VdcCharges: ResolverTypeWrapper<VdcChargesModel>;
  VirtualDataCenter: ResolverTypeWrapper<VirtualDataCenter>;
  VirtualMachine: ResolverTypeWrapper<VmRefModel>;
  VmCharge: ResolverTypeWrapper<VmChargeModel>;
  VmCost: ResolverTypeWrapper<VmCostModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BillingPeriod: BillingPeriodModel;
  String: Scalars['String']['output'];
  Charges: ChargesModel;
  Float: Scalars['Float']['output'];
  Cloud: Cloud;
  ID: Scalars['ID']['output'];
  CloudCharges: CloudChargesModel;
  CumulativeVdc: CumulativeVdcRefModel;
  Int: Scalars['Int']['output'];
  CumulativeVdcCost: CumulativeVdcCostModel;
  FieldCharge: FieldChargeModel;
  FieldCost: FieldCost;
  IdleAllocation: IdleAllocation;
  Invoice: InvoiceRecord;
  InvoiceLine: InvoiceLineModel;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  Period: Period;
  PeriodInput: PeriodInput;
  Query: Record<PropertyKey, never>;
  RateCard: RateCardRecord;
  RateCardAssignment: RateCardAssignment;
  RateCardAssignmentInput: RateCardAssignmentInput;
  RateCardInput: RateCardInput;
  RateDetail: RateDetail;
  RateDetailInput: RateDetailInput;
  RateTier: RateTier;
  RateTierInput: RateTierInput;
  Tenant: TenantRefModel;
  UsageFilter: UsageFilter;
  UsageGap: UsageGapModel;
  UsageRecord: UsageRecordModel;
  UsageRecordConnection: UsageRecordPage;
  VdcCharges: VdcChargesModel;
  VirtualDataCenter: VirtualDataCenter;
  VirtualMachine: VmRefModel;
  VmCharge: VmChargeModel;
  VmCost: VmCostModel;
}>;

export type BillingPeriodResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['BillingPeriod'] = ResolversParentTypes['BillingPeriod']> = ResolversObject<{
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['BillingPeriodState'], ParentType, ContextType>;
}>;

export type ChargesResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Charges'] = ResolversParentTypes['Charges']> = ResolversObject<{
  clouds?: Resolver<Array<ResolversTypes['CloudCharges']>, ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FieldCost']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Period'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type CloudResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CloudChargesResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['CloudCharges'] = ResolversParentTypes['CloudCharges']> = ResolversObject<{
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vdcs?: Resolver<Array<ResolversTypes['VdcCharges']>, ParentType, ContextType>;
}>;

export type CumulativeVdcResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['CumulativeVdc'] = ResolversParentTypes['CumulativeVdc'], FederationReferenceType extends FederationReferenceTypes['CumulativeVdc'] = FederationReferenceTypes['CumulativeVdc']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CumulativeVdc']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cost?: Resolver<ResolversTypes['CumulativeVdcCost'], ParentType, ContextType, RequireFields<CumulativeVdcCostArgs, 'period'>>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type CumulativeVdcCostResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['CumulativeVdcCost'] = ResolversParentTypes['CumulativeVdcCost']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  idle?: Resolver<ResolversTypes['IdleAllocation'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Period'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type FieldChargeResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['FieldCharge'] = ResolversParentTypes['FieldCharge']> = ResolversObject<{
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['ChargeableField'], ParentType, ContextType>;
  hourlyCost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['RateUnit'], ParentType, ContextType>;
}>;

export type FieldCostResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['FieldCost'] = ResolversParentTypes['FieldCost']> = ResolversObject<{
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['ChargeableField'], ParentType, ContextType>;
}>;

export type IdleAllocationResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['IdleAllocation'] = ResolversParentTypes['IdleAllocation']> = ResolversObject<{
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cpuMhz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  memoryMb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  storageGb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type InvoiceResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Invoice'] = ResolversParentTypes['Invoice']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FieldCost']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['InvoiceLine']>, ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodEnd?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  periodStart?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type InvoiceLineResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['InvoiceLine'] = ResolversParentTypes['InvoiceLine']> = ResolversObject<{
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['ChargeableField'], ParentType, ContextType>;
  hourlyCost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['InvoiceLineKind'], ParentType, ContextType>;
  month?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rateCardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['RateUnit'], ParentType, ContextType>;
  vdcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  closeBillingPeriod?: Resolver<Array<ResolversTypes['Invoice']>, ParentType, ContextType, RequireFields<MutationCloseBillingPeriodArgs, 'month'>>;
  deleteRateCard?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteRateCardArgs, 'id'>>;
  meterUsage?: Resolver<Array<ResolversTypes['UsageGap']>, ParentType, ContextType>;
  putRateCard?: Resolver<ResolversTypes['RateCard'], ParentType, ContextType, RequireFields<MutationPutRateCardArgs, 'card'>>;
}>;

export type PeriodResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Period'] = ResolversParentTypes['Period']> = ResolversObject<{
  end?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  billingPeriods?: Resolver<Array<ResolversTypes['BillingPeriod']>, ParentType, ContextType>;
  invoice?: Resolver<Maybe<ResolversTypes['Invoice']>, ParentType, ContextType, RequireFields<QueryInvoiceArgs, 'id'>>;
  invoices?: Resolver<Array<ResolversTypes['Invoice']>, ParentType, ContextType, Partial<QueryInvoicesArgs>>;
  rateCard?: Resolver<Maybe<ResolversTypes['RateCard']>, ParentType, ContextType, RequireFields<QueryRateCardArgs, 'id'>>;
  rateCards?: Resolver<Array<ResolversTypes['RateCard']>, ParentType, ContextType>;
  usageGaps?: Resolver<Array<ResolversTypes['UsageGap']>, ParentType, ContextType, Partial<QueryUsageGapsArgs>>;
  usageRecords?: Resolver<ResolversTypes['UsageRecordConnection'], ParentType, ContextType, RequireFields<QueryUsageRecordsArgs, 'first' | 'period'>>;
}>;

export type RateCardResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['RateCard'] = ResolversParentTypes['RateCard']> = ResolversObject<{
  allocatedRollup?: Resolver<ResolversTypes['AllocatedRollup'], ParentType, ContextType>;
  assignments?: Resolver<Array<ResolversTypes['RateCardAssignment']>, ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  details?: Resolver<Array<ResolversTypes['RateDetail']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type RateCardAssignmentResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['RateCardAssignment'] = ResolversParentTypes['RateCardAssignment']> = ResolversObject<{
  cloudId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  tenantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
}>;

export type RateDetailResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['RateDetail'] = ResolversParentTypes['RateDetail']> = ResolversObject<{
  field?: Resolver<ResolversTypes['ChargeableField'], ParentType, ContextType>;
  perTime?: Resolver<ResolversTypes['RatePerTime'], ParentType, ContextType>;
  perUnit?: Resolver<ResolversTypes['RateUnit'], ParentType, ContextType>;
  tiers?: Resolver<Array<ResolversTypes['RateTier']>, ParentType, ContextType>;
}>;

export type RateTierResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['RateTier'] = ResolversParentTypes['RateTier']> = ResolversObject<{
  finish?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  fixedRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  variableRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type TenantResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant'], FederationReferenceType extends FederationReferenceTypes['Tenant'] = FederationReferenceTypes['Tenant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Tenant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  charges?: Resolver<ResolversTypes['Charges'], ParentType, ContextType, RequireFields<TenantChargesArgs, 'period'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invoices?: Resolver<Array<ResolversTypes['Invoice']>, ParentType, ContextType>;
}>;

export type UsageGapResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['UsageGap'] = ResolversParentTypes['UsageGap']> = ResolversObject<{
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  end?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UsageRecordResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['UsageRecord'] = ResolversParentTypes['UsageRecord']> = ResolversObject<{
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  hour?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memoryMbAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryMbMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  networkKbps?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  orgId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  storageGbAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  storageGbMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  storageUsedGb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  tenantId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  vcpuAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vcpuMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vdcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type UsageRecordConnectionResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['UsageRecordConnection'] = ResolversParentTypes['UsageRecordConnection']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  records?: Resolver<Array<ResolversTypes['UsageRecord']>, ParentType, ContextType>;
}>;

export type VdcChargesResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['VdcCharges'] = ResolversParentTypes['VdcCharges']> = ResolversObject<{
  orgId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vdc?: Resolver<Maybe<ResolversTypes['VirtualDataCenter']>, ParentType, ContextType>;
  vdcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vms?: Resolver<Array<ResolversTypes['VmCharge']>, ParentType, ContextType>;
}>;

export type VirtualDataCenterResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['VirtualDataCenter'] = ResolversParentTypes['VirtualDataCenter']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type VirtualMachineResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine'], FederationReferenceType extends FederationReferenceTypes['VirtualMachine'] = FederationReferenceTypes['VirtualMachine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualMachine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cost?: Resolver<ResolversTypes['VmCost'], ParentType, ContextType, RequireFields<VirtualMachineCostArgs, 'period'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  usage?: Resolver<Array<ResolversTypes['UsageRecord']>, ParentType, ContextType, RequireFields<VirtualMachineUsageArgs, 'period'>>;
}>;

export type VmChargeResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['VmCharge'] = ResolversParentTypes['VmCharge']> = ResolversObject<{
  end?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['FieldCharge']>, ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rateCardId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rateCardName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VmCostResolvers<ContextType = BillingContext, ParentType extends ResolversParentTypes['VmCost'] = ResolversParentTypes['VmCost']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['VmCharge']>, ParentType, ContextType>;
  period?: Resolver<ResolversTypes['Period'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = BillingContext> = ResolversObject<{
  BillingPeriod?: BillingPeriodResolvers<ContextType>;
  Charges?: ChargesResolvers<ContextType>;
  Cloud?: CloudResolvers<ContextType>;
  CloudCharges?: CloudChargesResolvers<ContextType>;
  CumulativeVdc?: CumulativeVdcResolvers<ContextType>;
  CumulativeVdcCost?: CumulativeVdcCostResolvers<ContextType>;
  FieldCharge?: FieldChargeResolvers<ContextType>;
  FieldCost?: FieldCostResolvers<ContextType>;
  IdleAllocation?: IdleAllocationResolvers<ContextType>;
  Invoice?: InvoiceResolvers<ContextType>;
  InvoiceLine?: InvoiceLineResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Period?: PeriodResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateCard?: RateCardResolvers<ContextType>;
  RateCardAssignment?: RateCardAssignmentResolvers<ContextType>;
  RateDetail?: RateDetailResolvers<ContextType>;
  RateTier?: RateTierResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  UsageGap?: UsageGapResolvers<ContextType>;
  UsageRecord?: UsageRecordResolvers<ContextType>;
  UsageRecordConnection?: UsageRecordConnectionResolvers<ContextType>;
  VdcCharges?: VdcChargesResolvers<ContextType>;
  VirtualDataCenter?: VirtualDataCenterResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
  VmCharge?: VmChargeResolvers<ContextType>;
  VmCost?: VmCostResolvers<ContextType>;
}>;

