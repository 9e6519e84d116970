/**
 * DataLoaders, one set per request: however many VMs or VDCs a query (or one
 * `_entities` call) touches, the cloud sees one batched call per kind of lookup.
 * With a VDC scope (a tenant's request in a multi-tenant cloud, set by the gateway)
 * everything outside those VDCs reads as absent: defence in depth behind the
 * gateway's own checks.
 */
import DataLoader from 'dataloader';
import type { TemplateRecord } from './adapters/content';
import type { CloudAdapter, VdcRecord, VmRecord } from './adapters/types';

export interface Loaders {
  /** VM by native id; null when the cloud does not have it. */
  vm: DataLoader<string, VmRecord | null>;
  /** VMs of a VDC by the VDC's native id. */
  vmsByVdc: DataLoader<string, VmRecord[]>;
  /** Every VDC of the cloud, read once per request. */
  vdcs(): Promise<VdcRecord[]>;
  /** VDC by native id; null when the cloud does not have it. */
  vdc: DataLoader<string, VdcRecord | null>;
  /** Every template of every catalog, read once per request (catalogs are the cloud's, not a VDC's). */
  templates(): Promise<TemplateRecord[]>;
  /** Template by native id; null when the cloud does not have it. */
  template: DataLoader<string, TemplateRecord | null>;
}

export function createLoaders(adapter: CloudAdapter, vdcScope?: ReadonlySet<string>): Loaders {
  const inScope = (vdcId: string): boolean => !vdcScope || vdcScope.has(vdcId);
  let allVdcs: Promise<VdcRecord[]> | undefined;
  const vdcs = (): Promise<VdcRecord[]> => (allVdcs ??= adapter.listVdcs().then((list) => list.filter((vdc) => inScope(vdc.id))));

  let allTemplates: Promise<TemplateRecord[]> | undefined;

  return {
    vm: new DataLoader(async (ids) => {
      const found = await adapter.getVms(ids);
      return ids.map((id) => {
        const vm = found.get(id);
        return vm && inScope(vm.vdcId) ? vm : null;
      });
    }),
    vmsByVdc: new DataLoader(async (vdcIds) => {
      const scoped = vdcIds.filter(inScope);
      const vms = scoped.length ? await adapter.listVms(scoped) : [];
      const byVdc = new Map<string, VmRecord[]>(vdcIds.map((id) => [id, []]));
      for (const vm of vms) byVdc.get(vm.vdcId)?.push(vm);
      return vdcIds.map((id) => byVdc.get(id) ?? []);
    }),
    vdcs,
    vdc: new DataLoader(async (ids) => {
      const byId = new Map((await vdcs()).map((vdc) => [vdc.id, vdc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    templates: () => (allTemplates ??= adapter.content.listTemplates()),
    // The content API reads templates one at a time; the loader still sends each id once per request.
    template: new DataLoader((ids) => Promise.all(ids.map(async (id) => (await adapter.content.getTemplate(id)) ?? null))),
  };
}
