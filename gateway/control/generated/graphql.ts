import type { GraphQLResolveInfo } from 'graphql';
import type { NodeModel, CloudRefModel, VmRefModel } from '../model';
import type { ControlContext } from '../context';
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
  /** The nodes registered for this cloud. */
  nodes: Array<Node>;
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

export type Query = {
  __typename?: 'Query';
  /** Every registered node. */
  nodes: Array<Node>;
  /**
   * VMs of any clouds by global id, in the order asked, in one call: each cloud is
   * asked once for all of its VMs. A malformed id, or one of a cloud Overcast does
   * not know, gives null; an id its cloud does not have gives a VM whose fields are null.
   */
  vmsByIds: Array<Maybe<VirtualMachine>>;
};


export type QueryVmsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  id: Scalars['ID']['output'];
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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cloud:
    ( { __typename: 'Cloud' }
    & GraphQLRecursivePick<FederationTypes['Cloud'], {"id":true}> );
  Node:
    ( { __typename: 'Node' }
    & GraphQLRecursivePick<FederationTypes['Node'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Cloud: ResolverTypeWrapper<CloudRefModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Node: ResolverTypeWrapper<NodeModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  NodeKind: NodeKind;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  VirtualMachine: ResolverTypeWrapper<VmRefModel>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cloud: CloudRefModel;
  ID: Scalars['ID']['output'];
  Node: NodeModel;
  String: Scalars['String']['output'];
  Query: Record<PropertyKey, never>;
  VirtualMachine: VmRefModel;
  Boolean: Scalars['Boolean']['output'];
}>;

export type CloudResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud'], FederationReferenceType extends FederationReferenceTypes['Cloud'] = FederationReferenceTypes['Cloud']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cloud']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
}>;

export type NodeResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node'], FederationReferenceType extends FederationReferenceTypes['Node'] = FederationReferenceTypes['Node']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Node']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NodeKind'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  vmsByIds?: Resolver<Array<Maybe<ResolversTypes['VirtualMachine']>>, ParentType, ContextType, RequireFields<QueryVmsByIdsArgs, 'ids'>>;
}>;

export type VirtualMachineResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ControlContext> = ResolversObject<{
  Cloud?: CloudResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
}>;

