/**
 * Resolvers of the sp-node kind: who owns what in this multi-tenant cloud, and
 * the per-organization views built from the cloud's tenant-unaware data.
 */
import { notFound } from '../shared/errors';
import { ownNativeId, ownNativeIdOrUndefined, toGlobalId } from '../shared/ids';
import type { SpNodeContext } from './context';
import { orgMetrics, virtualVdc } from './figures';
import type { Resolvers } from './generated/graphql';
import type { OrgModel } from './model';
import { orgUsage } from './usage';

async function orgRecord(ctx: SpNodeContext, org: OrgModel) {
  return org.record ?? (await ctx.loaders.orgs()).get(org.nativeId);
}

/** The org owning a VDC, as a model, or null. */
async function orgOfVdc(ctx: SpNodeContext, vdcNativeId: string | undefined): Promise<OrgModel | null> {
  if (vdcNativeId === undefined) return null;
  const vdc = (await ctx.loaders.orgVdcs()).get(vdcNativeId);
  return vdc ? { nativeId: vdc.orgId } : null;
}

export const resolvers: Resolvers = {
  Query: {
    orgUsage: (_root, args, ctx) => orgUsage(args, ctx),
    orgs: async (_root, _args, ctx) => [...(await ctx.loaders.orgs()).values()].map((record) => ({ nativeId: record.id, record })),
    org: async (_root, { id }, ctx) => {
      const record = (await ctx.loaders.orgs()).get(ownNativeId(ctx.cloud.id, 'TenantOrg', id));
      if (!record) throw notFound('TenantOrg', id);
      return { nativeId: record.id, record };
    },
  },
  TenantOrg: {
    __resolveReference: async (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      const record = nativeId === undefined ? undefined : (await ctx.loaders.orgs()).get(nativeId);
      return record ? { nativeId: record.id, record } : null;
    },
    id: (org, _args, ctx) => toGlobalId(ctx.cloud.id, org.nativeId),
    name: async (org, _args, ctx) => (await orgRecord(ctx, org))?.name ?? null,
    fullName: async (org, _args, ctx) => (await orgRecord(ctx, org))?.fullName ?? null,
    cloud: (_org, _args, ctx) => ({ id: ctx.cloud.id }),
    vdcs: async (org, _args, ctx) =>
      [...(await ctx.loaders.orgVdcs()).values()].filter((vdc) => vdc.orgId === org.nativeId).map((vdc) => ({ nativeId: vdc.id })),
    vms: async (org, _args, ctx) =>
      (await ctx.loaders.vmsByOrg.load(org.nativeId)).map((vm) => ({ nativeId: vm.id, vdcNativeId: vm.vdcId })),
    metrics: async (org, _args, ctx) => {
      const [vms, byVm] = await Promise.all([ctx.loaders.vmsByOrg.load(org.nativeId), ctx.loaders.metrics()]);
      return orgMetrics(vms, byVm);
    },
    virtualVdc: async (org, _args, ctx) => {
      const [vdcs, vms] = await Promise.all([ctx.loaders.orgVdcs(), ctx.loaders.vmsByOrg.load(org.nativeId)]);
      return virtualVdc(
        ctx.cloud.id,
        [...vdcs.values()].filter((vdc) => vdc.orgId === org.nativeId),
        vms,
      );
    },
  },
  VirtualVdc: {
    cloud: (vdc) => ({ id: vdc.cloudId }),
  },
  Cloud: {
    __resolveReference: (ref, ctx) => (ref.id === ctx.cloud.id ? { id: ctx.cloud.id } : null),
    orgs: async (_cloud, _args, ctx) => [...(await ctx.loaders.orgs()).values()].map((record) => ({ nativeId: record.id, record })),
    provider: async (_cloud, _args, ctx) => {
      const [provider, orgs, vdcs] = await Promise.all([ctx.loaders.provider(), ctx.loaders.orgs(), ctx.loaders.orgVdcs()]);
      return { ...provider, orgCount: orgs.size, vdcCount: vdcs.size };
    },
  },
  VirtualDataCenter: {
    __resolveReference: (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      return nativeId === undefined ? null : { nativeId };
    },
    id: (vdc, _args, ctx) => toGlobalId(ctx.cloud.id, vdc.nativeId),
    org: (vdc, _args, ctx) => orgOfVdc(ctx, vdc.nativeId),
  },
  VirtualMachine: {
    // The gateway hands over the VM's VDC (@requires): the org follows from the VDC.
    __resolveReference: (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      if (nativeId === undefined) return null;
      const vdcId = (ref as { vdc?: { id?: unknown } | null }).vdc?.id;
      return { nativeId, vdcNativeId: ownNativeIdOrUndefined(ctx.cloud.id, vdcId) };
    },
    id: (vm, _args, ctx) => toGlobalId(ctx.cloud.id, vm.nativeId),
    org: (vm, _args, ctx) => orgOfVdc(ctx, vm.vdcNativeId),
  },
};
