import type { GraphQLResolveInfo } from 'graphql';
import type { CloudModel, OrgModel, VdcModel, VmModel, VirtualVdcModel } from '../model';
import type { SpNodeContext } from '../context';
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

export type Cloud = {
  __typename?: 'Cloud';
  id: Scalars['ID']['output'];
  /** The organizations of a multi-tenant cloud; null for a cloud without an sp-node. */
  orgs?: Maybe<Array<TenantOrg>>;
  /** Capacity and allocation of the whole cloud; null for a cloud without an sp-node. */
  provider?: Maybe<ProviderCapacity>;
};

/**
 * Latest current figures from the cloud's metrics application, summed over an
 * organization's VMs. A VM that is not running publishes no CPU, memory or network
 * figures, so it adds 0 to them (not its last figures from before it stopped).
 */
export type OrgMetrics = {
  __typename?: 'OrgMetrics';
  cpuUsageMhz: Scalars['Float']['output'];
  memoryUsedMb: Scalars['Float']['output'];
  /** Network throughput in kilobits per second (the application's kilobytes per second × 8). */
  networkKbps: Scalars['Float']['output'];
  storageUsedGb: Scalars['Float']['output'];
  /** VMs the metrics application reported on. */
  vmCount: Scalars['Int']['output'];
};

/**
 * One VM of a multi-tenant cloud in one whole hour, from the cloud's operations-manager
 * metrics history, with the organization owning its VDC: tenant-unaware figures made
 * per-tenant. Only hours the VM existed appear.
 */
export type OrgUsageHour = {
  __typename?: 'OrgUsageHour';
  /** Used: the mean of the hour's samples; null when the metrics API has none for the hour (the VM did not run). */
  cpuUsedMhz?: Maybe<Scalars['Float']['output']>;
  /** Start of the hour, `YYYY-MM-DDTHH:00:00Z`. */
  hour: Scalars['String']['output'];
  memoryMbAvg: Scalars['Float']['output'];
  memoryMbMax: Scalars['Float']['output'];
  memoryUsedMb?: Maybe<Scalars['Float']['output']>;
  /** Kilobits per second. */
  networkKbps?: Maybe<Scalars['Float']['output']>;
  /** The organization owning that VDC (global id); null when none does. */
  orgId?: Maybe<Scalars['ID']['output']>;
  storageGbAvg: Scalars['Float']['output'];
  storageGbMax: Scalars['Float']['output'];
  storageUsedGb?: Maybe<Scalars['Float']['output']>;
  vcpuAvg: Scalars['Float']['output'];
  /** Allocated vCPUs: the highest, and the mean, over the hour. */
  vcpuMax: Scalars['Float']['output'];
  /** The VDC that held the VM (global id). */
  vdcId: Scalars['ID']['output'];
  /** The VM's global id. */
  vmId: Scalars['ID']['output'];
  vmName: Scalars['String']['output'];
};

/** Provider-level facts of a whole multi-tenant cloud, which no single tenant sees. */
export type ProviderCapacity = {
  __typename?: 'ProviderCapacity';
  cpuAllocatedMhz: Scalars['Int']['output'];
  cpuCapacityMhz: Scalars['Int']['output'];
  memoryAllocatedMb: Scalars['Int']['output'];
  memoryCapacityMb: Scalars['Int']['output'];
  orgCount: Scalars['Int']['output'];
  storageAllocatedMb: Scalars['Int']['output'];
  storageCapacityMb: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  org?: Maybe<TenantOrg>;
  /**
   * Hourly usage of every VM of the cloud in [start, end): whole UTC hours
   * (`YYYY-MM-DDTHH:00:00Z`), at most 744 of them. Provider roles only.
   */
  orgUsage: Array<OrgUsageHour>;
  /** Every organization of every multi-tenant cloud. */
  orgs: Array<TenantOrg>;
};


export type QueryOrgArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrgUsageArgs = {
  cloudId: Scalars['ID']['input'];
  end: Scalars['String']['input'];
  start: Scalars['String']['input'];
};

/** An organization inside one multi-tenant cloud: id `<cloudId>:<org URN>`. */
export type TenantOrg = {
  __typename?: 'TenantOrg';
  cloud?: Maybe<Cloud>;
  fullName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The cloud's per-VM metrics, summed over this organization's VMs only. */
  metrics?: Maybe<OrgMetrics>;
  /** Short name, as the cloud shows it (`acme`). */
  name?: Maybe<Scalars['String']['output']>;
  vdcs?: Maybe<Array<VirtualDataCenter>>;
  /** This organization's VDCs in this cloud, coalesced into one VDC-shaped view. */
  virtualVdc?: Maybe<VirtualVdc>;
  vms?: Maybe<Array<VirtualMachine>>;
};

export type VirtualDataCenter = {
  __typename?: 'VirtualDataCenter';
  id: Scalars['ID']['output'];
  /** The organization owning this VDC; null in a single-tenant cloud. */
  org?: Maybe<TenantOrg>;
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  id: Scalars['ID']['output'];
  /** The organization owning this VM; null in a single-tenant cloud. */
  org?: Maybe<TenantOrg>;
  vdc?: Maybe<VirtualDataCenter>;
};

/** An organization's VDCs in one cloud, as if they were one single-tenant VDC. */
export type VirtualVdc = {
  __typename?: 'VirtualVdc';
  cloud: Cloud;
  /**
   * The most the VDCs may use, summed, whatever their allocation models: a
   * pay-as-you-go or Flex VDC's limit, an allocation pool's allocation, a reservation
   * pool's reservation. A VDC without a limit adds nothing (see cpuUnlimited).
   */
  cpuLimitMhz: Scalars['Int']['output'];
  /** True when at least one of the VDCs has no CPU limit (a limit of 0 in the cloud): cpuLimitMhz then sums only the others. */
  cpuUnlimited: Scalars['Boolean']['output'];
  /** Used by the VDCs, in MHz and MB for every allocation model (a reservation pool's percentage is turned into MHz and MB). */
  cpuUsedMhz: Scalars['Int']['output'];
  memoryLimitMb: Scalars['Int']['output'];
  memoryMb: Scalars['Int']['output'];
  /** True when at least one of the VDCs has no memory limit: memoryLimitMb then sums only the others. */
  memoryUnlimited: Scalars['Boolean']['output'];
  memoryUsedMb: Scalars['Int']['output'];
  poweredOnVmCount: Scalars['Int']['output'];
  storageLimitMb: Scalars['Int']['output'];
  /** True when at least one of the VDCs has no storage limit: storageLimitMb then sums only the others. */
  storageUnlimited: Scalars['Boolean']['output'];
  storageUsedMb: Scalars['Int']['output'];
  /** Sum of the VMs' vCPUs and memory (provisioned). */
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
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
  Cloud: Cloud;
  TenantOrg: TenantOrg;
  VirtualDataCenter: VirtualDataCenter;
  VirtualMachine: VirtualMachine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cloud:
    ( { __typename: 'Cloud' }
    & GraphQLRecursivePick<FederationTypes['Cloud'], {"id":true}> );
  TenantOrg:
    ( { __typename: 'TenantOrg' }
    & GraphQLRecursivePick<FederationTypes['TenantOrg'], {"id":true}> );
  VirtualDataCenter:
    ( { __typename: 'VirtualDataCenter' }
    & GraphQLRecursivePick<FederationTypes['VirtualDataCenter'], {"id":true}> );
  VirtualMachine:
    ( { __typename: 'VirtualMachine' }
    & GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"vdc":{"id":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cloud: ResolverTypeWrapper<CloudModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  OrgMetrics: ResolverTypeWrapper<OrgMetrics>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  OrgUsageHour: ResolverTypeWrapper<OrgUsageHour>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ProviderCapacity: ResolverTypeWrapper<ProviderCapacity>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TenantOrg: ResolverTypeWrapper<OrgModel>;
  VirtualDataCenter: ResolverTypeWrapper<VdcModel>;
  VirtualMachine: ResolverTypeWrapper<VmModel>;
  VirtualVdc: ResolverTypeWrapper<VirtualVdcModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cloud: CloudModel;
  ID: Scalars['ID']['output'];
  OrgMetrics: OrgMetrics;
  Float: Scalars['Float']['output'];
  Int: Scalars['Int']['output'];
  OrgUsageHour: OrgUsageHour;
  String: Scalars['String']['output'];
  ProviderCapacity: ProviderCapacity;
  Query: Record<PropertyKey, never>;
  TenantOrg: OrgModel;
  VirtualDataCenter: VdcModel;
  VirtualMachine: VmModel;
  VirtualVdc: VirtualVdcModel;
  Boolean: Scalars['Boolean']['output'];
}>;

export type CloudResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud'], FederationReferenceType extends FederationReferenceTypes['Cloud'] = FederationReferenceTypes['Cloud']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cloud']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orgs?: Resolver<Maybe<Array<ResolversTypes['TenantOrg']>>, ParentType, ContextType>;
  provider?: Resolver<Maybe<ResolversTypes['ProviderCapacity']>, ParentType, ContextType>;
}>;

export type OrgMetricsResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['OrgMetrics'] = ResolversParentTypes['OrgMetrics']> = ResolversObject<{
  cpuUsageMhz?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  networkKbps?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  storageUsedGb?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OrgUsageHourResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['OrgUsageHour'] = ResolversParentTypes['OrgUsageHour']> = ResolversObject<{
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
  vcpuAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vcpuMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vdcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ProviderCapacityResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['ProviderCapacity'] = ResolversParentTypes['ProviderCapacity']> = ResolversObject<{
  cpuAllocatedMhz?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cpuCapacityMhz?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryAllocatedMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryCapacityMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  orgCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageAllocatedMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageCapacityMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  org?: Resolver<Maybe<ResolversTypes['TenantOrg']>, ParentType, ContextType, RequireFields<QueryOrgArgs, 'id'>>;
  orgUsage?: Resolver<Array<ResolversTypes['OrgUsageHour']>, ParentType, ContextType, RequireFields<QueryOrgUsageArgs, 'cloudId' | 'end' | 'start'>>;
  orgs?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
}>;

export type TenantOrgResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['TenantOrg'] = ResolversParentTypes['TenantOrg'], FederationReferenceType extends FederationReferenceTypes['TenantOrg'] = FederationReferenceTypes['TenantOrg']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TenantOrg']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  fullName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['OrgMetrics']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vdcs?: Resolver<Maybe<Array<ResolversTypes['VirtualDataCenter']>>, ParentType, ContextType>;
  virtualVdc?: Resolver<Maybe<ResolversTypes['VirtualVdc']>, ParentType, ContextType>;
  vms?: Resolver<Maybe<Array<ResolversTypes['VirtualMachine']>>, ParentType, ContextType>;
}>;

export type VirtualDataCenterResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['VirtualDataCenter'] = ResolversParentTypes['VirtualDataCenter'], FederationReferenceType extends FederationReferenceTypes['VirtualDataCenter'] = FederationReferenceTypes['VirtualDataCenter']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualDataCenter']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
}>;

export type VirtualMachineResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine'], FederationReferenceType extends FederationReferenceTypes['VirtualMachine'] = FederationReferenceTypes['VirtualMachine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualMachine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  org?: Resolver<Maybe<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
}>;

export type VirtualVdcResolvers<ContextType = SpNodeContext, ParentType extends ResolversParentTypes['VirtualVdc'] = ResolversParentTypes['VirtualVdc']> = ResolversObject<{
  cloud?: Resolver<ResolversTypes['Cloud'], ParentType, ContextType>;
  cpuLimitMhz?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cpuUnlimited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  cpuUsedMhz?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryLimitMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryUnlimited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  poweredOnVmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageLimitMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageUnlimited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  storageUsedMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vcpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = SpNodeContext> = ResolversObject<{
  Cloud?: CloudResolvers<ContextType>;
  OrgMetrics?: OrgMetricsResolvers<ContextType>;
  OrgUsageHour?: OrgUsageHourResolvers<ContextType>;
  ProviderCapacity?: ProviderCapacityResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  TenantOrg?: TenantOrgResolvers<ContextType>;
  VirtualDataCenter?: VirtualDataCenterResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
  VirtualVdc?: VirtualVdcResolvers<ContextType>;
}>;

