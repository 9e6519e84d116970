/**
 * DataLoaders, one set per request: however many VMs or VDCs a query (or one
 * `_entities` call) touches, the cloud sees one batched call per kind of lookup.
 */
import DataLoader from 'dataloader';
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
}

export function createLoaders(adapter: CloudAdapter): Loaders {
  let allVdcs: Promise<VdcRecord[]> | undefined;
  const vdcs = (): Promise<VdcRecord[]> => (allVdcs ??= adapter.listVdcs());

  return {
    vm: new DataLoader(async (ids) => {
      const found = await adapter.getVms(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    vmsByVdc: new DataLoader(async (vdcIds) => {
      const vms = await adapter.listVms(vdcIds);
      const byVdc = new Map<string, VmRecord[]>(vdcIds.map((id) => [id, []]));
      for (const vm of vms) byVdc.get(vm.vdcId)?.push(vm);
      return vdcIds.map((id) => byVdc.get(id) ?? []);
    }),
    vdcs,
    vdc: new DataLoader(async (ids) => {
      const byId = new Map((await vdcs()).map((vdc) => [vdc.id, vdc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
