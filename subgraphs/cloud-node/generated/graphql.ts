import type { GraphQLResolveInfo } from 'graphql';
import type { CloudModel, VdcModel, VmModel } from '../model';
import type { NodeContext } from '../context';
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

/** One cloud, as its cloud-node sees it. */
export type Cloud = {
  __typename?: 'Cloud';
  /** The cloudId, a slug such as `dc-east`. */
  id: Scalars['ID']['output'];
  kind?: Maybe<CloudKind>;
  name?: Maybe<Scalars['String']['output']>;
  /** Templates in the cloud's catalogs (vSphere content libraries, Director catalogs, Glance images). */
  templates?: Maybe<Array<Template>>;
  /** Null, with a CLOUD_UNAVAILABLE error, when the cloud's API cannot be reached. */
  vdcs?: Maybe<Array<VirtualDataCenter>>;
};

/** The management API a cloud speaks. */
export type CloudKind =
  /** Cloud-Director-style multi-tenant cloud */
  | 'DIRECTOR'
  /** Public-cloud account (OpenStack Nova-style compute API) */
  | 'NOVA'
  /** vCenter-style private data centre (vSphere Automation API) */
  | 'VSPHERE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Power the VM off in its cloud; answers the state read back from the cloud. */
  powerOffVm?: Maybe<VirtualMachine>;
  /** Power the VM on in its cloud; answers the state read back from the cloud. */
  powerOnVm?: Maybe<VirtualMachine>;
};


export type MutationPowerOffVmArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPowerOnVmArgs = {
  id: Scalars['ID']['input'];
};

export type PowerState =
  | 'POWERED_OFF'
  | 'POWERED_ON'
  | 'SUSPENDED';

export type Query = {
  __typename?: 'Query';
  cloud?: Maybe<Cloud>;
  /**
   * Hourly usage of every VM of the cloud in [start, end): whole UTC hours
   * (`YYYY-MM-DDTHH:00:00Z`), at most 744 of them. Provider roles only: this is the
   * cloud's tenant-unaware accounting data, which the gateway meters and attributes.
   */
  cloudUsage: Array<UsageHour>;
  /** Every cloud with a cloud-node; a cloud whose node is unreachable is left out, with an error naming it. */
  clouds: Array<Cloud>;
  /** A recent power operation; NOT_FOUND when the node no longer has it, or it is not yours (answered alike). */
  task?: Maybe<Task>;
  template?: Maybe<Template>;
  vdc?: Maybe<VirtualDataCenter>;
  vm?: Maybe<VirtualMachine>;
};


export type QueryCloudArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCloudUsageArgs = {
  cloudId: Scalars['ID']['input'];
  end: Scalars['String']['input'];
  start: Scalars['String']['input'];
};


export type QueryTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTemplateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVdcArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVmArgs = {
  id: Scalars['ID']['input'];
};

/**
 * A power operation as its node last reported it: what a client that missed its
 * `taskProgress` events reads (one whose mutation timed out, named in the error's
 * `extensions.taskId`). Nodes keep their recent tasks in memory, not across a restart.
 */
export type Task = {
  __typename?: 'Task';
  /** When it reached this state (ISO 8601). */
  at: Scalars['String']['output'];
  /** Why it failed, when FAILED. */
  error?: Maybe<Scalars['String']['output']>;
  /** `<cloudId>:task-<uuid>`, as `taskProgress(taskId:)` names it. */
  id: Scalars['ID']['output'];
  operation: TaskOperation;
  /** 0..100 */
  progress: Scalars['Int']['output'];
  state: TaskState;
  /** Null when the VM is gone. */
  vm?: Maybe<VirtualMachine>;
  vmId: Scalars['ID']['output'];
};

export type TaskOperation =
  | 'POWER_OFF'
  | 'POWER_ON';

export type TaskState =
  | 'FAILED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** A template: a vSphere library item, a Director vApp template, a Glance image. */
export type Template = {
  __typename?: 'Template';
  /** Name of the catalog holding it (library, catalog; for Glance, the image's `overcast_catalog` property). */
  catalog?: Maybe<Scalars['String']['output']>;
  /** Hex SHA-256 of its disk, as the cloud reports it. */
  checksum?: Maybe<Scalars['String']['output']>;
  cloud?: Maybe<Cloud>;
  cpuCount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  memoryMb?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  /** Bytes of its disk. */
  sizeBytes?: Maybe<Scalars['Float']['output']>;
};

/**
 * One VM in one whole hour, as its cloud's own accounting data reports it: what the
 * gateway meters (vSphere performance statistics, Nova `os-simple-tenant-usage`). Only
 * hours the VM existed appear.
 */
export type UsageHour = {
  __typename?: 'UsageHour';
  /** Used: the mean of the hour's samples; null when the cloud has none for the hour (the VM did not run, or the cloud does not measure it). */
  cpuUsedMhz?: Maybe<Scalars['Float']['output']>;
  /** Start of the hour, `YYYY-MM-DDTHH:00:00Z`. */
  hour: Scalars['String']['output'];
  memoryMbAvg: Scalars['Float']['output'];
  memoryMbMax: Scalars['Float']['output'];
  memoryUsedMb?: Maybe<Scalars['Float']['output']>;
  /** Kilobits per second. */
  networkKbps?: Maybe<Scalars['Float']['output']>;
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

/** A virtual data centre: a vSphere datacenter, a Director org VDC, a public-cloud availability zone. */
export type VirtualDataCenter = {
  __typename?: 'VirtualDataCenter';
  cloud?: Maybe<Cloud>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  vms?: Maybe<Array<VirtualMachine>>;
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  cloud?: Maybe<Cloud>;
  cpuCount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  memoryMb?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  powerState?: Maybe<PowerState>;
  vdc?: Maybe<VirtualDataCenter>;
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
  Template: Template;
  VirtualDataCenter: VirtualDataCenter;
  VirtualMachine: VirtualMachine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cloud:
    ( { __typename: 'Cloud' }
    & GraphQLRecursivePick<FederationTypes['Cloud'], {"id":true}> );
  Template:
    ( { __typename: 'Template' }
    & GraphQLRecursivePick<FederationTypes['Template'], {"id":true}> );
  VirtualDataCenter:
    ( { __typename: 'VirtualDataCenter' }
    & GraphQLRecursivePick<FederationTypes['VirtualDataCenter'], {"id":true}> );
  VirtualMachine:
    ( { __typename: 'VirtualMachine' }
    & GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cloud: ResolverTypeWrapper<CloudModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  CloudKind: CloudKind;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PowerState: PowerState;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Task: ResolverTypeWrapper<Omit<Task, 'vm'> & { vm?: Maybe<ResolversTypes['VirtualMachine']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  TaskOperation: TaskOperation;
  TaskState: TaskState;
  Template: ResolverTypeWrapper<Omit<Template, 'cloud'> & { cloud?: Maybe<ResolversTypes['Cloud']> }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  UsageHour: ResolverTypeWrapper<UsageHour>;
  VirtualDataCenter: ResolverTypeWrapper<VdcModel>;
  VirtualMachine: ResolverTypeWrapper<VmModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cloud: CloudModel;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  Task: Omit<Task, 'vm'> & { vm?: Maybe<ResolversParentTypes['VirtualMachine']> };
  Int: Scalars['Int']['output'];
  Template: Omit<Template, 'cloud'> & { cloud?: Maybe<ResolversParentTypes['Cloud']> } | FederationReferenceTypes['Template'];
  Float: Scalars['Float']['output'];
  UsageHour: UsageHour;
  VirtualDataCenter: VdcModel;
  VirtualMachine: VmModel;
  Boolean: Scalars['Boolean']['output'];
}>;

export type CloudResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud'], FederationReferenceType extends FederationReferenceTypes['Cloud'] = FederationReferenceTypes['Cloud']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cloud']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['CloudKind']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  templates?: Resolver<Maybe<Array<ResolversTypes['Template']>>, ParentType, ContextType>;
  vdcs?: Resolver<Maybe<Array<ResolversTypes['VirtualDataCenter']>>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  powerOffVm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType, RequireFields<MutationPowerOffVmArgs, 'id'>>;
  powerOnVm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType, RequireFields<MutationPowerOnVmArgs, 'id'>>;
}>;

export type QueryResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType, RequireFields<QueryCloudArgs, 'id'>>;
  cloudUsage?: Resolver<Array<ResolversTypes['UsageHour']>, ParentType, ContextType, RequireFields<QueryCloudUsageArgs, 'cloudId' | 'end' | 'start'>>;
  clouds?: Resolver<Array<ResolversTypes['Cloud']>, ParentType, ContextType>;
  task?: Resolver<Maybe<ResolversTypes['Task']>, ParentType, ContextType, RequireFields<QueryTaskArgs, 'id'>>;
  template?: Resolver<Maybe<ResolversTypes['Template']>, ParentType, ContextType, RequireFields<QueryTemplateArgs, 'id'>>;
  vdc?: Resolver<Maybe<ResolversTypes['VirtualDataCenter']>, ParentType, ContextType, RequireFields<QueryVdcArgs, 'id'>>;
  vm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType, RequireFields<QueryVmArgs, 'id'>>;
}>;

export type TaskResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['Task'] = ResolversParentTypes['Task']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['TaskOperation'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TaskState'], ParentType, ContextType>;
  vm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type TemplateResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['Template'] = ResolversParentTypes['Template'], FederationReferenceType extends FederationReferenceTypes['Template'] = FederationReferenceTypes['Template']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Template']> | FederationReferenceType, FederationReferenceType, ContextType>;
  catalog?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  checksum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cpuCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memoryMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type UsageHourResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['UsageHour'] = ResolversParentTypes['UsageHour']> = ResolversObject<{
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  hour?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  memoryMbAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryMbMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  networkKbps?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  storageGbAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  storageGbMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  storageUsedGb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  vcpuAvg?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vcpuMax?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  vdcId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vmName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type VirtualDataCenterResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['VirtualDataCenter'] = ResolversParentTypes['VirtualDataCenter'], FederationReferenceType extends FederationReferenceTypes['VirtualDataCenter'] = FederationReferenceTypes['VirtualDataCenter']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualDataCenter']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vms?: Resolver<Maybe<Array<ResolversTypes['VirtualMachine']>>, ParentType, ContextType>;
}>;

export type VirtualMachineResolvers<ContextType = NodeContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine'], FederationReferenceType extends FederationReferenceTypes['VirtualMachine'] = FederationReferenceTypes['VirtualMachine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualMachine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cpuCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memoryMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  powerState?: Resolver<Maybe<ResolversTypes['PowerState']>, ParentType, ContextType>;
  vdc?: Resolver<Maybe<ResolversTypes['VirtualDataCenter']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = NodeContext> = ResolversObject<{
  Cloud?: CloudResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Task?: TaskResolvers<ContextType>;
  Template?: TemplateResolvers<ContextType>;
  UsageHour?: UsageHourResolvers<ContextType>;
  VirtualDataCenter?: VirtualDataCenterResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
}>;

