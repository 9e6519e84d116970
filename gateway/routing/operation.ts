/**
 * Reads a subgraph operation, as the query planner made it, and says how to route
 * it: an `_entities` fetch, or one part per root field with its routing argument.
 *
 * One fetch can carry several root fields (`{ a: vm(id:"x:1") b: vm(id:"y:2") }`),
 * and each may belong to another cloud, so every root field becomes an operation of
 * its own, with only the variables and fragments it uses (graphql-js rejects unused
 * ones). Literal arguments stay inline in planner output, so the routing value is
 * either a literal or a variable name. Plans are cached per operation text: the
 * planner emits the same text for every execution of a client query.
 */
import { LRUCache } from 'lru-cache';
import {
  Kind,
  parse,
  print,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { selectionUsage } from '../documents/usage';
import type { RootFieldRoutes } from './rootFields';

/**
 * Where a root field's routing value comes from. A variable may have a default in
 * the operation (`query($id: ID! = "dc-east:vm-1")`): the planner keeps it in the
 * subgraph operation but sends no value for it, so the node would apply it and the
 * router must too.
 */
export type ArgumentSource = { literal: string } | { variable: string; default?: string } | { missing: true };

export type FieldTarget =
  | { route: 'id' | 'cloudId'; typename: string; source: ArgumentSource }
  | { route: 'fanout' }
  /** `__typename` on the root: answered by the gateway itself. */
  | { route: 'typename'; typename: string };

export interface RootFieldPart {
  responseKey: string;
  /** The operation's root type: a Mutation's field may start a task on the node (schema/taskId.ts). */
  rootType: RootType;
  /** The operation with only this root field. */
  query: string;
  target: FieldTarget;
}

/**
 * For an entity fetch: per type, the response keys it selects. An entity whose cloud
 * has no instance of this kind is answered with these keys null (see entities.ts).
 */
export type EntityShapes = ReadonlyMap<string, readonly string[]>;

export type OperationPlan = { kind: 'entities'; shapes: EntityShapes } | { kind: 'fields'; parts: readonly RootFieldPart[] };

export class UnroutableOperationError extends Error {}

const ROOT_TYPE = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

export type RootType = (typeof ROOT_TYPE)[keyof typeof ROOT_TYPE];

/** The text of a string or integer literal, else undefined. */
function literalText(value: ValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING || value?.kind === Kind.INT ? value.value : undefined;
}

function argumentSource(field: FieldNode, name: string, op: OperationDefinitionNode): ArgumentSource {
  const value: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind !== Kind.VARIABLE) {
    const literal = literalText(value);
    return literal === undefined ? { missing: true } : { literal };
  }
  const variable = value.name.value;
  const fallback = literalText(op.variableDefinitions?.find((d) => d.variable.name.value === variable)?.defaultValue);
  return fallback === undefined ? { variable } : { variable, default: fallback };
}

/** Response keys selected on each type (`... on VirtualMachine { org { id } }`), through fragments. */
function entityShapes(set: SelectionSetNode | undefined, fragments: ReadonlyMap<string, FragmentDefinitionNode>): EntityShapes {
  const shapes = new Map<string, Set<string>>();
  const collect = (typename: string | undefined, selections: SelectionSetNode['selections']): void => {
    for (const s of selections) {
      if (s.kind === Kind.FIELD) {
        if (typename === undefined || s.name.value === '__typename') continue;
        if (!shapes.has(typename)) shapes.set(typename, new Set());
        shapes.get(typename)!.add(s.alias?.value ?? s.name.value);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        collect(s.typeCondition?.name.value ?? typename, s.selectionSet.selections);
      } else {
        const fragment = fragments.get(s.name.value);
        if (fragment) collect(fragment.typeCondition.name.value, fragment.selectionSet.selections);
      }
    }
  };
  collect(undefined, set?.selections ?? []);
  return new Map([...shapes].map(([typename, keys]) => [typename, [...keys]]));
}

function splitField(op: OperationDefinitionNode, field: FieldNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string {
  const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: [field] };
  const used = selectionUsage(selectionSet, fragments);
  const doc: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      { ...op, selectionSet, variableDefinitions: op.variableDefinitions?.filter((v) => used.variables.has(v.variable.name.value)) },
      ...[...used.fragments].map((name) => fragments.get(name)!),
    ],
  };
  return print(doc);
}

function analyze(kind: string, query: string, routes: RootFieldRoutes): OperationPlan {
  const doc = parse(query);
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = ops[0];
  if (ops.length !== 1 || !op) throw new UnroutableOperationError(`${kind}: expected exactly one operation`);
  const fragments = new Map(
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const rootType = ROOT_TYPE[op.operation];
  const fields = op.selectionSet.selections.map((s) => {
    if (s.kind !== Kind.FIELD) throw new UnroutableOperationError(`${kind}: fragments on the root type cannot be routed`);
    return s;
  });

  const only = fields[0];
  if (fields.length === 1 && only?.name.value === '_entities')
    return { kind: 'entities', shapes: entityShapes(only.selectionSet, fragments) };

  const parts = fields.map((field): RootFieldPart => {
    const name = field.name.value;
    const responseKey = field.alias?.value ?? name;
    if (name === '__typename') return { responseKey, rootType, query: '', target: { route: 'typename', typename: rootType } };
    const route = routes.get(`${rootType}.${name}`);
    if (!route) throw new UnroutableOperationError(`${kind}: ${rootType}.${name} cannot be routed`);
    const target: FieldTarget =
      route.by === 'fanout'
        ? { route: 'fanout' }
        : { route: route.by, typename: route.typename, source: argumentSource(field, route.by, op) };
    return { responseKey, rootType, query: fields.length === 1 ? query : splitField(op, field, fragments), target };
  });
  return { kind: 'fields', parts };
}

/** A cached analyzer for one sharded kind. */
export function createOperationAnalyzer(kind: string, routes: RootFieldRoutes, cacheSize = 2000): (query: string) => OperationPlan {
  const cache = new LRUCache<string, OperationPlan>({ max: cacheSize });
  return (query) => {
    let plan = cache.get(query);
    if (!plan) {
      plan = analyze(kind, query, routes);
      cache.set(query, plan);
    }
    return plan;
  };
}
