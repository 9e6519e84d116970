/**
 * Resolvers of the cloud-node kind. Every read goes through the request's
 * DataLoaders; every write goes to the adapter and is read back from the cloud.
 */
import type { CloudKind as ApiKind, PowerState } from './adapters/types';
import type { CloudKind, Resolvers } from './generated/graphql';
import type { NodeContext } from './context';
import { CloudApiError, ErrorCode, notFound } from '../shared/errors';
import { ownNativeId, ownNativeIdOrUndefined, toGlobalId } from '../shared/ids';
import type { VmModel } from './model';

const KIND: Record<ApiKind, CloudKind> = { vsphere: 'VSPHERE', director: 'DIRECTOR', nova: 'NOVA' };

async function loadVm(ctx: NodeContext, id: string): Promise<VmModel> {
  const vm = await ctx.loaders.vm.load(ownNativeId(ctx.cloud.id, 'VirtualMachine', id));
  if (!vm) throw notFound('VirtualMachine', id);
  return vm;
}

/**
 * Change the power state and answer the VM as the cloud now reports it. Asking for
 * the state a VM is already in succeeds, so that a client may safely retry. The
 * operation is reported as a task in the node's events (after the scope check: a
 * refused caller starts nothing).
 */
async function setPower(ctx: NodeContext, id: string, desired: PowerState): Promise<VmModel> {
  const nativeId = ownNativeId(ctx.cloud.id, 'VirtualMachine', id);
  // A scoped caller may only change what it can see.
  if (ctx.principal.scope) await loadVm(ctx, id);
  const task = ctx.power?.begin(nativeId, desired === 'POWERED_ON' ? 'POWER_ON' : 'POWER_OFF');
  try {
    // Only to tell whether the state changed, when the watcher cannot (the scope check above already read it).
    const before = ctx.power?.needsStateBefore(nativeId) ? ((await ctx.loaders.vm.load(nativeId)) ?? undefined) : undefined;
    try {
      await (desired === 'POWERED_ON' ? ctx.adapter.powerOn(nativeId) : ctx.adapter.powerOff(nativeId));
    } catch (err) {
      if (!(err instanceof CloudApiError && err.code === ErrorCode.CONFLICT)) throw err;
      ctx.loaders.vm.clear(nativeId);
      if ((await ctx.loaders.vm.load(nativeId))?.powerState !== desired) throw err;
    }
    ctx.loaders.vm.clear(nativeId);
    const vm = await loadVm(ctx, id);
    task?.succeeded(vm, before);
    return vm;
  } catch (err) {
    task?.failed(err);
    throw err;
  }
}

export const resolvers: Resolvers = {
  Query: {
    clouds: (_root, _args, ctx) => [{ id: ctx.cloud.id }],
    cloud: (_root, { id }, ctx) => {
      if (id !== ctx.cloud.id) throw notFound('Cloud', id);
      return { id };
    },
    vdc: async (_root, { id }, ctx) => {
      const vdc = await ctx.loaders.vdc.load(ownNativeId(ctx.cloud.id, 'VirtualDataCenter', id));
      if (!vdc) throw notFound('VirtualDataCenter', id);
      return { nativeId: vdc.id, name: vdc.name };
    },
    vm: (_root, { id }, ctx) => loadVm(ctx, id),
  },
  Mutation: {
    powerOnVm: (_root, { id }, ctx) => setPower(ctx, id, 'POWERED_ON'),
    powerOffVm: (_root, { id }, ctx) => setPower(ctx, id, 'POWERED_OFF'),
  },
  Cloud: {
    __resolveReference: (ref, ctx) => (ref.id === ctx.cloud.id ? { id: ctx.cloud.id } : null),
    name: (_cloud, _args, ctx) => ctx.cloud.name,
    kind: (_cloud, _args, ctx) => KIND[ctx.cloud.kind],
    vdcs: async (_cloud, _args, ctx) => (await ctx.loaders.vdcs()).map((vdc) => ({ nativeId: vdc.id, name: vdc.name })),
  },
  VirtualDataCenter: {
    __resolveReference: async (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      const vdc = nativeId === undefined ? null : await ctx.loaders.vdc.load(nativeId);
      return vdc ? { nativeId: vdc.id, name: vdc.name } : null;
    },
    id: (vdc, _args, ctx) => toGlobalId(ctx.cloud.id, vdc.nativeId),
    name: async (vdc, _args, ctx) => vdc.name ?? (await ctx.loaders.vdc.load(vdc.nativeId))?.name ?? null,
    cloud: (_vdc, _args, ctx) => ({ id: ctx.cloud.id }),
    vms: (vdc, _args, ctx) => ctx.loaders.vmsByVdc.load(vdc.nativeId),
  },
  VirtualMachine: {
    __resolveReference: async (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      return nativeId === undefined ? null : ctx.loaders.vm.load(nativeId);
    },
    id: (vm, _args, ctx) => toGlobalId(ctx.cloud.id, vm.id),
    vdc: (vm) => ({ nativeId: vm.vdcId }),
    cloud: (_vm, _args, ctx) => ({ id: ctx.cloud.id }),
  },
};
