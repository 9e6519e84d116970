/**
 * Resolvers of the cloud-node kind. Every read goes through the request's
 * DataLoaders; every write is a power operation (power.ts), read back from the cloud.
 * Templates (templates.ts) are read here; they are written by transfers (transfers/).
 */
import type { CloudKind as ApiKind } from './adapters/types';
import type { CloudKind, Resolvers } from './generated/graphql';
import type { NodeContext } from './context';
import { notFound } from '../shared/errors';
import { ownNativeId, ownNativeIdOrUndefined, toGlobalId } from '../shared/ids';
import type { VmModel } from './model';
import { cloudUsage } from './usage';
import { templateModel } from './templates';

const KIND: Record<ApiKind, CloudKind> = { vsphere: 'VSPHERE', director: 'DIRECTOR', nova: 'NOVA' };

async function loadVm(ctx: NodeContext, id: string): Promise<VmModel> {
  const vm = await ctx.loaders.vm.load(ownNativeId(ctx.cloud.id, 'VirtualMachine', id));
  if (!vm) throw notFound('VirtualMachine', id);
  return vm;
}

export const resolvers: Resolvers = {
  Query: {
    cloudUsage: (_root, args, ctx) => cloudUsage(args, ctx),
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
    template: async (_root, { id }, ctx) => {
      const template = await ctx.loaders.template.load(ownNativeId(ctx.cloud.id, 'Template', id));
      if (!template) throw notFound('Template', id);
      return templateModel(ctx.cloud.id, template);
    },
    task: async (_root, { id }, ctx) => {
      const { task, at } = await ctx.power.task(ownNativeId(ctx.cloud.id, 'Task', id));
      return {
        id: task.id,
        operation: task.operation,
        vmId: task.vmId,
        state: task.state,
        progress: task.progress,
        error: task.error ?? null,
        at,
      };
    },
  },
  Mutation: {
    powerOnVm: (_root, { id }, ctx) => ctx.power.setPower(ownNativeId(ctx.cloud.id, 'VirtualMachine', id), 'POWERED_ON'),
    powerOffVm: (_root, { id }, ctx) => ctx.power.setPower(ownNativeId(ctx.cloud.id, 'VirtualMachine', id), 'POWERED_OFF'),
  },
  Cloud: {
    __resolveReference: (ref, ctx) => (ref.id === ctx.cloud.id ? { id: ctx.cloud.id } : null),
    name: (_cloud, _args, ctx) => ctx.cloud.name,
    kind: (_cloud, _args, ctx) => KIND[ctx.cloud.kind],
    vdcs: async (_cloud, _args, ctx) => (await ctx.loaders.vdcs()).map((vdc) => ({ nativeId: vdc.id, name: vdc.name })),
    templates: async (_cloud, _args, ctx) => (await ctx.loaders.templates()).map((template) => templateModel(ctx.cloud.id, template)),
  },
  Template: {
    __resolveReference: async (ref, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, ref.id);
      const template = nativeId === undefined ? null : await ctx.loaders.template.load(nativeId);
      return template ? templateModel(ctx.cloud.id, template) : null;
    },
    cloud: (_template, _args, ctx) => ({ id: ctx.cloud.id }),
  },
  Task: {
    // Read when selected, through the request's loaders (so within its scope); null once the VM is gone.
    vm: async (task, _args, ctx) => {
      const nativeId = ownNativeIdOrUndefined(ctx.cloud.id, task.vmId);
      return nativeId === undefined ? null : ctx.loaders.vm.load(nativeId);
    },
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
