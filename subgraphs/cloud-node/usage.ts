/**
 * `Query.cloudUsage`: the cloud's hourly usage as its own accounting data reports it,
 * for the gateway's meter. The cloud's data knows nothing of tenants, so a tenant is
 * refused outright (the gateway attributes hours to tenants from the sp-nodes' mapping);
 * a scope would not make it safe, since the hours of VMs outside it would be read first.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/errorCodes';
import { MAX_USAGE_WINDOW_HOURS, isoSeconds, parseHourRange } from '../../schema/hours';
import { isTenantPrincipal } from '../../schema/principal';
import { badUserInput, notFound } from '../shared/errors';
import { toGlobalId } from '../shared/ids';
import type { NodeContext } from './context';
import type { QueryCloudUsageArgs, UsageHour } from './generated/graphql';

/** Resolve `cloudUsage(cloudId, start, end)`; cloud API errors propagate, formatted as every node error is. */
export async function cloudUsage(args: QueryCloudUsageArgs, ctx: NodeContext): Promise<UsageHour[]> {
  // Checked first: a tenant learns nothing, not even whether its arguments were well formed.
  if (isTenantPrincipal(ctx.principal)) {
    throw new GraphQLError('Not allowed: cloudUsage', { extensions: { code: ErrorCode.FORBIDDEN } });
  }
  if (args.cloudId !== ctx.cloud.id) throw notFound('Cloud', args.cloudId);
  const range = parseHourRange(args.start, args.end, MAX_USAGE_WINDOW_HOURS);
  if ('error' in range) throw badUserInput(range.error);
  const { adapter } = ctx;
  if (!adapter.usage) throw badUserInput('this cloud is metered through its sp-node');
  const records = await adapter.usage(range);
  const cloudId = ctx.cloud.id;
  return records.map((r) => ({
    vmId: toGlobalId(cloudId, r.vmId),
    vmName: r.vmName,
    vdcId: toGlobalId(cloudId, r.vdcId),
    hour: isoSeconds(r.hour),
    vcpuMax: r.max.vcpu,
    vcpuAvg: r.avg.vcpu,
    memoryMbMax: r.max.memoryMb,
    memoryMbAvg: r.avg.memoryMb,
    storageGbMax: r.max.storageGb,
    storageGbAvg: r.avg.storageGb,
    cpuUsedMhz: r.cpuUsedMhz,
    memoryUsedMb: r.memoryUsedMb,
    storageUsedGb: r.storageUsedGb,
    networkKbps: r.networkKbps,
  }));
}
