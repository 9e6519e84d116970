/**
 * The cost estimate graphql-armor cannot make for this graph. Armor's cost-limit
 * multiplies only by a literal `first`/`last` argument; none of our list fields takes
 * one, so `clouds { vdcs { vms { id } } }` would cost about as much as one VM while
 * it fans out to every cloud and returns every VM. Here each list level multiplies
 * what is below it by an assumed list size, read from the schema's field types.
 */
import {
  GraphQLError,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  getNamedType,
  isInterfaceType,
  isListType,
  isObjectType,
  isWrappingType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { ErrorCode } from '../errors';

export interface CostLimitOptions {
  /** Largest estimate accepted. */
  maxCost: number;
  /** Items assumed for every list. */
  listSizeEstimate: number;
}

/** `listSize` per list level of `type` (`[[T]]` counts twice), 1 for a non-list. */
function listFactor(type: GraphQLType, listSize: number): number {
  let factor = 1;
  for (let t = type; isWrappingType(t); t = t.ofType) if (isListType(t)) factor *= listSize;
  return factor;
}

function fieldDefinition(
  schema: GraphQLSchema,
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  // The meta fields are not in getFields(); only the query root has them.
  if (parent !== undefined && parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/**
 * The estimated cost of one operation: every field counts 1 plus its selection,
 * times `listSizeEstimate` for each list level of its type. Fragments count where
 * they are spread (each one computed once, so nesting them cannot blow up the
 * work). A fragment cycle counts 0: validation refuses it anyway (NoFragmentCycles),
 * this only has to end. Real introspection (`__schema`, `__type` on the query root)
 * counts 0, like armor's ignoreIntrospection: it is answered from the gateway's own
 * schema and refused in production; a fragment or alias named `__schema` is no
 * introspection and counts in full.
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragment: (name: string) => FragmentDefinitionNode | undefined,
  listSizeEstimate: number,
): number {
  const fragmentCosts = new Map<string, number>();
  const inProgress = new Set<string>();

  const selectionCost = (set: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) cost += fieldCost(selection, parent);
      else if (selection.kind === Kind.INLINE_FRAGMENT)
        cost += selectionCost(
          selection.selectionSet,
          selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent,
        );
      else cost += spreadCost(selection.name.value);
    }
    return cost;
  };

  const fieldCost = (field: FieldNode, parent: GraphQLNamedType | undefined): number => {
    const definition = fieldDefinition(schema, parent, field.name.value);
    if (definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef) return 0;
    const below = field.selectionSet ? selectionCost(field.selectionSet, definition && getNamedType(definition.type)) : 0;
    return (definition ? listFactor(definition.type, listSizeEstimate) : 1) * (1 + below);
  };

  const spreadCost = (name: string): number => {
    const known = fragmentCosts.get(name);
    if (known !== undefined) return known;
    const definition = fragment(name);
    if (!definition || inProgress.has(name)) return 0;
    inProgress.add(name);
    const cost = selectionCost(definition.selectionSet, schema.getType(definition.typeCondition.name.value));
    inProgress.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return selectionCost(operation.selectionSet, root ?? undefined);
}

/**
 * Refuses an operation whose estimate exceeds `maxCost`, reported the way armor's
 * Apollo rules report (a validation error with code BAD_USER_INPUT, which Apollo
 * turns into GRAPHQL_VALIDATION_FAILED, HTTP 400).
 */
export function costLimitRule(options: CostLimitOptions): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const cost = estimateCost(context.getSchema(), operation, (name) => context.getFragment(name) ?? undefined, options.listSizeEstimate);
      if (cost > options.maxCost) {
        context.reportError(
          new GraphQLError(`Query cost limit of ${options.maxCost} exceeded, estimated ${cost}.`, {
            nodes: [operation],
            extensions: { code: ErrorCode.BAD_USER_INPUT },
          }),
        );
      }
    },
  });
}
