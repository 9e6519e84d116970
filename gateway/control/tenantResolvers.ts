/** Resolvers of the control subgraph for the tenant directory and the tenant views. */
import { GraphQLError } from 'graphql';
import { parseGlobalId } from '../../schema/ids';
import { ErrorCode, graphQLError } from '../errors';
import { isTenantPrincipal, type Principal } from '../../schema/principal';
import type { AccessGuard } from '../isolation/guard';
import type { NodeRegistry } from '../registry';
import type { Resolvers } from './generated/graphql';
import type { OrgDiscoveryModel, TenantModel } from './model';
import { cumulate, dedicatedPart, orgPart } from './tenancy/cumulative';
import type { TenantDirectory, TenantSpec } from '../tenancy/directory';
import type { OrgMappingRepository } from '../store/types';

export interface TenancyDeps {
  directory: TenantDirectory;
  /** Where map/unmap are kept, so they survive a restart and reach the other gateways. */
  orgMappings: OrgMappingRepository;
  registry: NodeRegistry;
  guard: AccessGuard;
  /** Look at every multi-tenant cloud's organizations now (through the supergraph). */
  discover(): Promise<OrgDiscoveryModel>;
  /** Where the cause of a failed store write or discovery goes (the log): the client gets a code and no cause. */
  onInternalError(err: Error, what: string): void;
}

const toModel = (tenant: TenantSpec): TenantModel => ({ id: tenant.id, name: tenant.name });

/** A tenant principal sees its own tenant only; another one is answered like one that does not exist. */
const maySee = (principal: Principal, tenantId: string): boolean => !isTenantPrincipal(principal) || principal.tenantId === tenantId;

/** An org id that is well formed and names a cloud with an sp-node. */
function checkOrgId(registry: NodeRegistry, orgId: string): void {
  const parsed = parseGlobalId(orgId);
  if (!parsed || parsed.nativeId === '')
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `"${orgId}" is not an organization id; expected "<cloudId>:<org id>"`);
  if (!registry.find('sp-node', parsed.cloudId)) throw graphQLError(ErrorCode.NOT_FOUND, `No multi-tenant cloud "${parsed.cloudId}"`);
}

export function createTenantResolvers({ directory, orgMappings, registry, discover, onInternalError }: TenancyDeps): Resolvers {
  /**
   * A store (or supergraph) failure as the registry's INTERNAL_SERVER_ERROR, its cause
   * to the log: thrown as is, it would reach the client as the driver's message under
   * a code the registry does not have.
   */
  const internal = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      onInternalError(err as Error, what);
      throw graphQLError(ErrorCode.INTERNAL_SERVER_ERROR, `Internal error: ${what}`);
    }
  };
  const discoverNow = () => internal('organization discovery failed', discover);

  /** Known to the cloud, asking it again once if we have not seen the org yet. */
  const requireKnownOrg = async (orgId: string): Promise<void> => {
    if (!directory.isKnownOrg(orgId)) await discoverNow();
    if (!directory.isKnownOrg(orgId)) throw graphQLError(ErrorCode.NOT_FOUND, `TenantOrg "${orgId}" not found`);
  };

  /**
   * Store first, the directory only once the store has acknowledged: an answered
   * mutation survives a restart (and reaches the other gateways' directories at their
   * next discovery), and a write the store refused changes nothing here. One write at
   * a time: two mutations of one organization could otherwise be stored in one order
   * and applied here in the other, leaving this directory unlike the store.
   */
  let writes: Promise<unknown> = Promise.resolve();
  const remember = (orgId: string, tenantId: string | null): Promise<void> => {
    const write = () =>
      internal('the mapping was not stored, and nothing was changed', async () => {
        await orgMappings.put({ orgId, tenantId, updatedAt: new Date() });
        if (tenantId === null) directory.unmap(orgId);
        else directory.map(orgId, tenantId);
      });
    const done = writes.then(write, write);
    writes = done.catch(() => undefined);
    return done;
  };

  return {
    Query: {
      tenants: (_root, _args, ctx) =>
        directory
          .tenants()
          .filter((t) => maySee(ctx.principal, t.id))
          .map(toModel),
      tenant: (_root, { id }, ctx) => {
        const tenant = directory.tenant(id);
        if (!tenant || !maySee(ctx.principal, id)) throw graphQLError(ErrorCode.NOT_FOUND, `Tenant "${id}" not found`);
        return toModel(tenant);
      },
    },
    Mutation: {
      mapOrgToTenant: async (_root, { orgId, tenantId }) => {
        checkOrgId(registry, orgId);
        if (!directory.tenant(tenantId)) throw graphQLError(ErrorCode.NOT_FOUND, `Tenant "${tenantId}" not found`);
        await requireKnownOrg(orgId);
        await remember(orgId, tenantId);
        return { id: orgId };
      },
      unmapOrg: async (_root, { orgId }) => {
        checkOrgId(registry, orgId);
        await requireKnownOrg(orgId);
        await remember(orgId, null);
        return { id: orgId };
      },
      discoverOrgs: () => discoverNow(),
    },
    Tenant: {
      // The representation carries what @requires fetched from the nodes; keep it.
      __resolveReference: (ref) => {
        const tenant = directory.tenant(ref.id);
        return tenant ? { ...(ref as unknown as TenantModel), ...toModel(tenant) } : null;
      },
      orgs: (tenant) => directory.orgIdsOf(tenant.id).map((id) => ({ id })),
      dedicatedClouds: (tenant) => directory.dedicatedCloudsOf(tenant.id).map((id) => ({ id })),
      clouds: (tenant) => directory.cloudsOf(tenant.id).map((id) => ({ id })),
      vms: (tenant) => {
        const fromOrgs = (tenant.orgs ?? []).flatMap((org) => org?.vms ?? []);
        const fromClouds = (tenant.dedicatedClouds ?? []).flatMap((cloud) => (cloud?.vdcs ?? []).flatMap((vdc) => vdc.vms ?? []));
        return [...fromOrgs, ...fromClouds].flatMap((vm) => (vm.id ? [{ id: vm.id }] : []));
      },
      cumulativeVdc: (tenant) => {
        const orgParts = (tenant.orgs ?? []).flatMap((org) => (org?.virtualVdc ? [orgPart(org.virtualVdc)] : []));
        // Dedicated clouds come back in the order this subgraph listed them; a failed cloud is null.
        const cloudIds = directory.dedicatedCloudsOf(tenant.id);
        const cloudParts = (tenant.dedicatedClouds ?? []).flatMap((cloud, i) =>
          cloud?.vdcs && cloudIds[i] !== undefined ? [dedicatedPart(cloudIds[i], cloud)] : [],
        );
        return { tenantId: tenant.id, ...cumulate([...orgParts, ...cloudParts]) };
      },
    },
    CumulativeVdcPart: {
      cloud: (part) => ({ id: part.cloudId }),
    },
    TenantOrg: {
      __resolveReference: (ref) => ({ id: ref.id }),
      tenant: (org) => {
        const tenant = directory.mappingOf(org.id)?.tenant;
        return tenant ? toModel(tenant) : null;
      },
      mapping: (org) => directory.sourceOf(org.id) ?? null,
    },
    VirtualMachine: {
      __resolveReference: (ref) => ref,
      tenant: (vm) => {
        const tenant = vm.org?.id ? directory.mappingOf(vm.org.id)?.tenant : directory.tenantOfCloud(parseGlobalId(vm.id)?.cloudId ?? '');
        return tenant ? toModel(tenant) : null;
      },
    },
    Cloud: {
      tenant: (cloud) => {
        const tenant = directory.tenantOfCloud(cloud.id);
        return tenant ? toModel(tenant) : null;
      },
    },
  };
}
