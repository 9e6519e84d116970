/**
 * Which role may use which field, checked on the whole operation (fragments
 * included) before any node is called. Fields not listed are open to every
 * authenticated role; what a tenant sees through them is limited by isolation.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  isInterfaceType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { Role } from '../../schema/principal';
import type { GatewayContext } from '../context';
import { ErrorCode } from '../errors';

const PROVIDER: readonly Role[] = ['provider-admin'];
/** Billing's reads: provider administrators and billing integrations, never a tenant. */
const OPERATORS: readonly Role[] = ['provider-admin', 'billing'];
/** Those who may change what they see (WRITE_ROLES below: every mutation not listed). */
const WRITERS: readonly Role[] = ['provider-admin', 'tenant-admin'];
/** Reads of a principal's own operations: whoever may see its VMs (not a billing integration). */
const READERS: readonly Role[] = ['provider-admin', 'tenant-admin', 'tenant-viewer'];

/** Fields only some roles may select: the registry, provider-level facts, directory administration. */
export const FIELD_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'Query.nodes': PROVIDER,
  'Cloud.nodes': PROVIDER,
  'Cloud.provider': PROVIDER,
  'Cloud.orgs': PROVIDER,
  'TenantOrg.mapping': PROVIDER,
  'Mutation.mapOrgToTenant': PROVIDER,
  'Mutation.unmapOrg': PROVIDER,
  'Mutation.discoverOrgs': PROVIDER,
  'Query.node': PROVIDER,
  'Mutation.createRegistrationToken': PROVIDER,
  'Mutation.deregisterNode': PROVIDER,
  'Mutation.configureNode': PROVIDER,
  'Mutation.configureNodes': PROVIDER,
  'Mutation.syncInventory': PROVIDER,
  // A cloud's tenant-unaware accounting data, which the gateway meters and attributes: never a tenant's to read.
  'Query.cloudUsage': PROVIDER,
  'Query.orgUsage': PROVIDER,
  'Query.rateCards': OPERATORS,
  'Query.rateCard': OPERATORS,
  'Query.usageGaps': OPERATORS,
  'Query.billingPeriods': OPERATORS,
  'Mutation.putRateCard': PROVIDER,
  'Mutation.deleteRateCard': PROVIDER,
  'Mutation.closeBillingPeriod': PROVIDER,
  'Mutation.meterUsage': PROVIDER,
  // Templates and catalogs are the provider's: what every tenant's clouds are offered.
  'Mutation.copyTemplate': PROVIDER,
  'Query.catalogs': PROVIDER,
  'Query.catalog': PROVIDER,
  'Mutation.publishCatalog': PROVIDER,
  'Mutation.unpublishCatalog': PROVIDER,
  'Mutation.subscribeCatalog': PROVIDER,
  'Mutation.unsubscribeCatalog': PROVIDER,
  'Mutation.syncCatalog': PROVIDER,
  // A tenant copies and moves its own VMs (isolation: gateway/transfers/validation.ts), as it powers them:
  // those who may power a VM on; a viewer reads its transfers only.
  'Mutation.copyVm': WRITERS,
  'Mutation.moveVm': WRITERS,
  'Mutation.cancelTransfer': WRITERS,
  'Query.transfer': READERS,
  'Query.transfers': READERS,
};

/**
 * What the billing role may select, and nothing else: every field the billing subgraph
 * defines (usage, charges, invoices, rate cards and the fields it adds to tenants, VMs
 * and cumulative VDCs), the tenant directory's names, and the ids and paths that reach
 * them. Nothing operational: no inventory, power state, nodes or capacity.
 */
export const BILLING_FIELDS: ReadonlySet<string> = new Set([
  ...parse(readSdl('billing')).definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION
      ? (definition.fields ?? [])
          // An @external field is another subgraph's (a cumulative VDC's limits): capacity, not billing's to show.
          .filter((field) => !field.directives?.some((directive) => directive.name.value === 'external'))
          .map((field) => `${definition.name.value}.${field.name.value}`)
      : [],
  ),
  'Query.tenants',
  'Query.tenant',
  'Tenant.name',
  'Tenant.cumulativeVdc',
]);

/**
 * The keys of FIELD_ROLES that name no field of `schema`: checked when the gateway
 * starts, so a renamed field cannot silently lose its protection.
 */
export function unknownPolicyFields(schema: GraphQLSchema): string[] {
  return Object.keys(FIELD_ROLES).filter((key) => {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    return !(isObjectType(type) || isInterfaceType(type)) || !(fieldName in type.getFields());
  });
}

/** Every other mutation: viewers and billing integrations only read. */
export const WRITE_ROLES: readonly Role[] = WRITERS;

function forbidden(field: string): GraphQLError {
  return new GraphQLError(`Not allowed: ${field}`, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

/** The first field of `document` that `role` may not use, as `Type.field`. */
export function firstForbiddenField(schema: GraphQLSchema, document: DocumentNode, role: Role): string | undefined {
  const typeInfo = new TypeInfo(schema);
  let denied: string | undefined;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType()?.name;
        if (denied || !parent) return;
        const key = `${parent}.${node.name.value}`;
        // __typename and introspection's own fields reveal no data (introspection has its own switch).
        if (role === 'billing' && !node.name.value.startsWith('__') && !BILLING_FIELDS.has(key)) {
          denied = key;
          return;
        }
        const allowed = FIELD_ROLES[key] ?? (parent === schema.getMutationType()?.name ? WRITE_ROLES : undefined);
        if (allowed && !allowed.includes(role)) denied = key;
      },
    }),
  );
  return denied;
}

export function rolePolicyPlugin(): ApolloServerPlugin<GatewayContext> {
  // Apollo hands out the same DocumentNode for every request of a cached query text, so the
  // verdict is kept per schema, document and role instead of walking the document each time.
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<Role, string | undefined>>>();
  const verdict = (schema: GraphQLSchema, document: DocumentNode, role: Role): string | undefined => {
    let bySchema = verdicts.get(schema);
    if (!bySchema) verdicts.set(schema, (bySchema = new WeakMap()));
    let byRole = bySchema.get(document);
    if (!byRole) bySchema.set(document, (byRole = new Map()));
    if (!byRole.has(role)) byRole.set(role, firstForbiddenField(schema, document, role));
    return byRole.get(role);
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, contextValue }) {
          const denied = verdict(schema, document, contextValue.principal.role);
          if (denied) throw forbidden(denied);
        },
      };
    },
  };
}
