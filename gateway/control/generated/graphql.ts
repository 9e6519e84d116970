import type { GraphQLResolveInfo } from 'graphql';
import type { NodeModel, CloudRefModel, VmRefModel, TenantModel, OrgRefModel, VdcRefModel, CumulativeVdcModel, CumulativeVdcPartModel, OrgDiscoveryModel } from '../model';
import type { ControlContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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
  /** The nodes registered for this cloud. */
  nodes: Array<Node>;
  /** The tenant owning the whole cloud; null for a multi-tenant cloud. */
  tenant?: Maybe<Tenant>;
  vdcs?: Maybe<Array<VirtualDataCenter>>;
};

/**
 * A tenant's resources in every cloud, merged. Counts and provisioned sizes cover every
 * part; allocations and usage cover the parts whose cloud reports them (multi-tenant
 * clouds) and are null when no part does.
 */
export type CumulativeVdc = {
  __typename?: 'CumulativeVdc';
  cpuLimitMhz?: Maybe<Scalars['Int']['output']>;
  cpuUsedMhz?: Maybe<Scalars['Int']['output']>;
  memoryLimitMb?: Maybe<Scalars['Int']['output']>;
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb?: Maybe<Scalars['Int']['output']>;
  /** One part per cloud, in cloud id order. */
  parts: Array<CumulativeVdcPart>;
  poweredOnVmCount: Scalars['Int']['output'];
  storageLimitMb?: Maybe<Scalars['Int']['output']>;
  storageUsedMb?: Maybe<Scalars['Int']['output']>;
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
};

export type CumulativeVdcPart = {
  __typename?: 'CumulativeVdcPart';
  cloud: Cloud;
  cpuLimitMhz?: Maybe<Scalars['Int']['output']>;
  cpuUsedMhz?: Maybe<Scalars['Int']['output']>;
  memoryLimitMb?: Maybe<Scalars['Int']['output']>;
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb?: Maybe<Scalars['Int']['output']>;
  poweredOnVmCount: Scalars['Int']['output'];
  source: CumulativeVdcPartSource;
  storageLimitMb?: Maybe<Scalars['Int']['output']>;
  storageUsedMb?: Maybe<Scalars['Int']['output']>;
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
};

export type CumulativeVdcPartSource =
  /** A whole single-tenant cloud. */
  | 'DEDICATED_CLOUD'
  /** An organization's virtual VDC in a multi-tenant cloud. */
  | 'ORG';

export type Mutation = {
  __typename?: 'Mutation';
  /** Look at every multi-tenant cloud's organizations now and map unmapped ones by name. */
  discoverOrgs: OrgDiscovery;
  /** Map an organization to a tenant (replacing any mapping it had). */
  mapOrgToTenant: TenantOrg;
  /** Remove an organization's mapping; it stays unmapped until mapped again. */
  unmapOrg: TenantOrg;
};


export type MutationMapOrgToTenantArgs = {
  orgId: Scalars['ID']['input'];
  tenantId: Scalars['ID']['input'];
};


export type MutationUnmapOrgArgs = {
  orgId: Scalars['ID']['input'];
};

/** A node instance: one kind, serving one cloud. */
export type Node = {
  __typename?: 'Node';
  /** The cloud it serves; null when that cloud's cloud-node is unavailable. */
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  /** `<cloudId>/<kind>`, e.g. `dc-east/cloud-node`. */
  id: Scalars['ID']['output'];
  kind: NodeKind;
  url: Scalars['String']['output'];
};

/** The kinds of node that run next to clouds. */
export type NodeKind =
  | 'CLOUD_NODE'
  | 'SP_NODE';

/** The result of matching organizations to tenants. */
export type OrgDiscovery = {
  __typename?: 'OrgDiscovery';
  /** Newly mapped by name. */
  matched: Array<TenantOrg>;
  /** Organizations seen in all multi-tenant clouds. */
  orgCount: Scalars['Int']['output'];
  /** Organizations no tenant claims. */
  unmapped: Array<TenantOrg>;
};

export type OrgMappingSource =
  /** Listed in the gateway's configuration. */
  | 'CONFIG'
  /** Mapped by an administrator's mutation. */
  | 'MANUAL'
  /** Matched by organization name. */
  | 'NAME_MATCH';

export type PowerState =
  | 'POWERED_OFF'
  | 'POWERED_ON'
  | 'SUSPENDED';

export type Query = {
  __typename?: 'Query';
  /** Every registered node. */
  nodes: Array<Node>;
  tenant?: Maybe<Tenant>;
  tenants: Array<Tenant>;
  /**
   * VMs of any clouds by global id, in the order asked, in one call: each cloud is
   * asked once for all of its VMs. A malformed id, or one of a cloud Overcast does
   * not know, gives null; an id its cloud does not have gives a VM whose fields are null.
   */
  vmsByIds: Array<Maybe<VirtualMachine>>;
};


export type QueryTenantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVmsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/** A customer across all clouds: its organizations in multi-tenant clouds plus its dedicated clouds. */
export type Tenant = {
  __typename?: 'Tenant';
  /** Every cloud where it has resources: its dedicated clouds and the clouds of its organizations. */
  clouds: Array<Cloud>;
  /** All of its virtual VDCs and dedicated clouds' VDCs merged into one view, with a per-cloud breakdown. */
  cumulativeVdc: CumulativeVdc;
  /** The single-tenant clouds it owns whole. */
  dedicatedClouds: Array<Cloud>;
  /** A slug, e.g. `acme`. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Its organizations in multi-tenant clouds. */
  orgs: Array<TenantOrg>;
  /** Every VM of the tenant, in every cloud. */
  vms: Array<VirtualMachine>;
};

export type TenantOrg = {
  __typename?: 'TenantOrg';
  id: Scalars['ID']['output'];
  /** How it was mapped. */
  mapping?: Maybe<OrgMappingSource>;
  /** The tenant this organization belongs to; null while unmapped. */
  tenant?: Maybe<Tenant>;
  virtualVdc?: Maybe<VirtualVdc>;
  vms?: Maybe<Array<VirtualMachine>>;
};

export type VirtualDataCenter = {
  __typename?: 'VirtualDataCenter';
  id: Scalars['ID']['output'];
  vms?: Maybe<Array<VirtualMachine>>;
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  cpuCount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  memoryMb?: Maybe<Scalars['Int']['output']>;
  org?: Maybe<TenantOrg>;
  powerState?: Maybe<PowerState>;
  /** The tenant owning this VM, in any cloud: through its organization, or its dedicated cloud. */
  tenant?: Maybe<Tenant>;
};

export type VirtualVdc = {
  __typename?: 'VirtualVdc';
  cloud: Cloud;
  cpuLimitMhz: Scalars['Int']['output'];
  cpuUsedMhz: Scalars['Int']['output'];
  memoryLimitMb: Scalars['Int']['output'];
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb: Scalars['Int']['output'];
  poweredOnVmCount: Scalars['Int']['output'];
  storageLimitMb: Scalars['Int']['output'];
  storageUsedMb: Scalars['Int']['output'];
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
  Node: Node;
  Tenant: Tenant;
  TenantOrg: TenantOrg;
  VirtualDataCenter: VirtualDataCenter;
  VirtualMachine: VirtualMachine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cloud:
    ( { __typename: 'Cloud' }
    & GraphQLRecursivePick<FederationTypes['Cloud'], {"id":true}> );
  Node:
    ( { __typename: 'Node' }
    & GraphQLRecursivePick<FederationTypes['Node'], {"id":true}> );
  Tenant:
    ( { __typename: 'Tenant' }
    & GraphQLRecursivePick<FederationTypes['Tenant'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"virtualVdc":{"cloud":{"id":true},"vdcCount":true,"vmCount":true,"poweredOnVmCount":true,"vcpuCount":true,"memoryMb":true,"cpuLimitMhz":true,"memoryLimitMb":true,"storageLimitMb":true,"cpuUsedMhz":true,"memoryUsedMb":true,"storageUsedMb":true}},"dedicatedClouds":{"vdcs":{"vms":{"powerState":true,"cpuCount":true,"memoryMb":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"vms":{"id":true}},"dedicatedClouds":{"vdcs":{"vms":{"id":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"vms":{"id":true}},"dedicatedClouds":{"vdcs":{"vms":{"id":true}}}}> ) );
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
        | GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"org":{"id":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cloud: ResolverTypeWrapper<CloudRefModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CumulativeVdc: ResolverTypeWrapper<CumulativeVdcModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CumulativeVdcPart: ResolverTypeWrapper<CumulativeVdcPartModel>;
  CumulativeVdcPartSource: CumulativeVdcPartSource;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<NodeModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  NodeKind: NodeKind;
  OrgDiscovery: ResolverTypeWrapper<OrgDiscoveryModel>;
  OrgMappingSource: OrgMappingSource;
  PowerState: PowerState;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tenant: ResolverTypeWrapper<TenantModel>;
  TenantOrg: ResolverTypeWrapper<OrgRefModel>;
  VirtualDataCenter: ResolverTypeWrapper<VdcRefModel>;
  VirtualMachine: ResolverTypeWrapper<VmRefModel>;
  VirtualVdc: ResolverTypeWrapper<Omit<VirtualVdc, 'cloud'> & { cloud: ResolversTypes['Cloud'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cloud: CloudRefModel;
  ID: Scalars['ID']['output'];
  CumulativeVdc: CumulativeVdcModel;
  Int: Scalars['Int']['output'];
  CumulativeVdcPart: CumulativeVdcPartModel;
  Mutation: Record<PropertyKey, never>;
  Node: NodeModel;
  String: Scalars['String']['output'];
  OrgDiscovery: OrgDiscoveryModel;
  Query: Record<PropertyKey, never>;
  Tenant: TenantModel;
  TenantOrg: OrgRefModel;
  VirtualDataCenter: VdcRefModel;
  VirtualMachine: VmRefModel;
  VirtualVdc: Omit<VirtualVdc, 'cloud'> & { cloud: ResolversParentTypes['Cloud'] };
  Boolean: Scalars['Boolean']['output'];
}>;

export type CloudResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud'], FederationReferenceType extends FederationReferenceTypes['Cloud'] = FederationReferenceTypes['Cloud']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cloud']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type CumulativeVdcResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CumulativeVdc'] = ResolversParentTypes['CumulativeVdc']> = ResolversObject<{
  cpuLimitMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  parts?: Resolver<Array<ResolversTypes['CumulativeVdcPart']>, ParentType, ContextType>;
  poweredOnVmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  storageUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vcpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CumulativeVdcPartResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CumulativeVdcPart'] = ResolversParentTypes['CumulativeVdcPart']> = ResolversObject<{
  cloud?: Resolver<ResolversTypes['Cloud'], ParentType, ContextType>;
  cpuLimitMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  poweredOnVmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['CumulativeVdcPartSource'], ParentType, ContextType>;
  storageLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  storageUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vcpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  discoverOrgs?: Resolver<ResolversTypes['OrgDiscovery'], ParentType, ContextType>;
  mapOrgToTenant?: Resolver<ResolversTypes['TenantOrg'], ParentType, ContextType, RequireFields<MutationMapOrgToTenantArgs, 'orgId' | 'tenantId'>>;
  unmapOrg?: Resolver<ResolversTypes['TenantOrg'], ParentType, ContextType, RequireFields<MutationUnmapOrgArgs, 'orgId'>>;
}>;

export type NodeResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node'], FederationReferenceType extends FederationReferenceTypes['Node'] = FederationReferenceTypes['Node']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Node']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NodeKind'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OrgDiscoveryResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['OrgDiscovery'] = ResolversParentTypes['OrgDiscovery']> = ResolversObject<{
  matched?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
  orgCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unmapped?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType, RequireFields<QueryTenantArgs, 'id'>>;
  tenants?: Resolver<Array<ResolversTypes['Tenant']>, ParentType, ContextType>;
  vmsByIds?: Resolver<Array<Maybe<ResolversTypes['VirtualMachine']>>, ParentType, ContextType, RequireFields<QueryVmsByIdsArgs, 'ids'>>;
}>;

export type TenantResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant'], FederationReferenceType extends FederationReferenceTypes['Tenant'] = FederationReferenceTypes['Tenant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Tenant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  clouds?: Resolver<Array<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cumulativeVdc?: Resolver<ResolversTypes['CumulativeVdc'], ParentType, ContextType>;
  dedicatedClouds?: Resolver<Array<ResolversTypes['Cloud']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgs?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
  vms?: Resolver<Array<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
}>;

export type TenantOrgResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['TenantOrg'] = ResolversParentTypes['TenantOrg'], FederationReferenceType extends FederationReferenceTypes['TenantOrg'] = FederationReferenceTypes['TenantOrg']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TenantOrg']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mapping?: Resolver<Maybe<ResolversTypes['OrgMappingSource']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type VirtualDataCenterResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VirtualDataCenter'] = ResolversParentTypes['VirtualDataCenter'], FederationReferenceType extends FederationReferenceTypes['VirtualDataCenter'] = FederationReferenceTypes['VirtualDataCenter']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualDataCenter']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type VirtualMachineResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine'], FederationReferenceType extends FederationReferenceTypes['VirtualMachine'] = FederationReferenceTypes['VirtualMachine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualMachine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ControlContext> = ResolversObject<{
  Cloud?: CloudResolvers<ContextType>;
  CumulativeVdc?: CumulativeVdcResolvers<ContextType>;
  CumulativeVdcPart?: CumulativeVdcPartResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  OrgDiscovery?: OrgDiscoveryResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TenantOrg?: TenantOrgResolvers<ContextType>;
  VirtualDataCenter?: VirtualDataCenterResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
}>;

