/**
 * `Query.orgUsage`: the multi-tenant cloud's hourly usage per VM, from the metrics
 * application's history (tenant-unaware), with the organization owning each VM's VDC
 * (the director's): what the gateway's meter stores. A tenant is refused outright,
 * before anything is read: its scope would hide other orgs' VMs from the answer, but
 * the history read itself covers the whole cloud, and the meter asks as the system.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errorCodes';
import { MAX_USAGE_WINDOW_HOURS, isoSeconds, parseHourRange } from '../../schema/hours';
import { isTenantPrincipal } from '../../schema/principal';
import { badUserInput, notFound } from '../shared/errors';
import { toGlobalId } from '../shared/ids';
import { placementKey, type OrgVmRecord } from './clients/types';
import type { SpNodeContext } from './context';
import type { OrgUsageHour, QueryOrgUsageArgs } from './generated/graphql';

/** Every VM of the cloud: the VMs of every org, in one tenancy query (the loader batches the org ids). */
async function allVms(ctx: SpNodeContext): Promise<OrgVmRecord[]> {
  const orgIds = [...(await ctx.loaders.orgs()).keys()];
  const lists = await ctx.loaders.vmsByOrg.loadMany(orgIds);
  return lists.flatMap((list) => {
    if (list instanceof Error) throw list;
    return list;
  });
}

/** Resolve `orgUsage(cloudId, start, end)`; cloud API errors propagate, formatted as every node error is. */
export async function orgUsage(args: QueryOrgUsageArgs, ctx: SpNodeContext): Promise<OrgUsageHour[]> {
  // Checked first: a tenant learns nothing, not even whether its arguments were well formed.
  if (isTenantPrincipal(ctx.principal)) {
    throw new GraphQLError('Not allowed: orgUsage', { extensions: { code: ErrorCode.FORBIDDEN } });
  }
  if (args.cloudId !== ctx.cloud.id) throw notFound('Cloud', args.cloudId);
  const range = parseHourRange(args.start, args.end, MAX_USAGE_WINDOW_HOURS);
  if ('error' in range) throw badUserInput(range.error);

  const [vms, vdcs] = await Promise.all([allVms(ctx), ctx.loaders.orgVdcs()]);
  // VMs without a placement have no metrics resource to join (OrgVmRecord.placement).
  const placed = vms.flatMap((vm) => (vm.placement ? [{ vm, key: placementKey(vm.placement) }] : []));
  const usage = await ctx.statsHistory.usageByVm(range, new Set(placed.map((p) => p.key)));
  const cloudId = ctx.cloud.id;
  return placed.flatMap(({ vm, key }) => {
    const orgId = vdcs.get(vm.vdcId)?.orgId;
    return (usage.get(key) ?? []).map((u): OrgUsageHour => ({
      vmId: toGlobalId(cloudId, vm.id),
      vmName: vm.name,
      vdcId: toGlobalId(cloudId, vm.vdcId),
      orgId: orgId === undefined ? null : toGlobalId(cloudId, orgId),
      hour: isoSeconds(u.hour),
      vcpuMax: u.max.vcpu,
      vcpuAvg: u.avg.vcpu,
      memoryMbMax: u.max.memoryMb,
      memoryMbAvg: u.avg.memoryMb,
      storageGbMax: u.max.storageGb,
      storageGbAvg: u.avg.storageGb,
      cpuUsedMhz: u.cpuUsedMhz,
      memoryUsedMb: u.memoryUsedMb,
      storageUsedGb: u.storageUsedGb,
      networkKbps: u.networkKbps,
    }));
  });
}
