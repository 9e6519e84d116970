/**
 * How each root field of a sharded kind is routed, read from the kind's SDL when
 * the gateway starts. A field with an `id` (global id) or `cloudId` argument goes
 * to the owning instance; a query field returning a list fans out to every
 * instance; anything else cannot be routed, so the gateway refuses to start.
 */
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';

export type RootRoute = {
  by: 'id' | 'cloudId' | 'fanout';
  /** The named type the field returns (`VirtualMachine`): not-found answers name it. */
  typename: string;
};

/** `Query.vm` → route. */
export type RootFieldRoutes = ReadonlyMap<string, RootRoute>;

const ROOT_TYPES: Record<string, 'Query' | 'Mutation'> = { Query: 'Query', Mutation: 'Mutation' };

function isList(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE ? isList(type.type) : type.kind === Kind.LIST_TYPE;
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function routeOf(rootType: 'Query' | 'Mutation', field: FieldDefinitionNode): RootRoute | undefined {
  const args = new Set((field.arguments ?? []).map((a) => a.name.value));
  const typename = namedType(field.type);
  if (args.has('id')) return { by: 'id', typename };
  if (args.has('cloudId')) return { by: 'cloudId', typename };
  // A mutation must name what it changes; fanning a write out to every cloud is never implied.
  if (rootType === 'Query' && isList(field.type)) return { by: 'fanout', typename };
  return undefined;
}

export function rootFieldRoutes(kind: string, sdl: string): RootFieldRoutes {
  const routes = new Map<string, RootRoute>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const rootType = ROOT_TYPES[def.name.value];
    if (!rootType) continue;
    for (const field of def.fields ?? []) {
      const route = routeOf(rootType, field);
      if (!route) {
        throw new Error(
          `${kind}: ${rootType}.${field.name.value} cannot be routed: a sharded kind's root fields need an "id" or "cloudId" argument, or (queries only) a list type`,
        );
      }
      routes.set(`${rootType}.${field.name.value}`, route);
    }
  }
  return routes;
}
