/** Expected API answers computed from the seed, independently of the code under test. */
import type { SeedCloud, SeedVm } from '../../mocks/seed';

export const API_KIND = { vsphere: 'VSPHERE', director: 'DIRECTOR', nova: 'NOVA' } as const;

export const globalId = (cloud: SeedCloud, nativeId: string): string => `${cloud.id}:${nativeId}`;

export function expectedVm(cloud: SeedCloud, vm: SeedVm) {
  return { id: globalId(cloud, vm.nativeId), name: vm.name, powerState: vm.powerState, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb };
}

/** `clouds { id name kind vdcs { id name vms { id name powerState cpuCount memoryMb } } }`, sorted by id at every level. */
export function expectedInventory(clouds: readonly SeedCloud[]) {
  return sortById(
    clouds.map((cloud) => ({
      id: cloud.id,
      name: cloud.name,
      kind: API_KIND[cloud.kind],
      vdcs: sortById(
        cloud.vdcs.map((vdc) => ({
          id: globalId(cloud, vdc.nativeId),
          name: vdc.name,
          vms: sortById(cloud.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId).map((vm) => expectedVm(cloud, vm))),
        })),
      ),
    })),
  );
}

/** APIs do not promise an order; compare lists sorted by id. */
export function sortById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface InventoryCloud {
  id: string;
  vdcs: Array<{ id: string; vms: Array<{ id: string }> | null }> | null;
}

/** Sort an inventory answer like `expectedInventory` does. */
export function sortInventory<T extends InventoryCloud>(clouds: readonly T[]): T[] {
  return sortById(clouds).map((cloud) => ({
    ...cloud,
    vdcs: cloud.vdcs && sortById(cloud.vdcs).map((vdc) => ({ ...vdc, vms: vdc.vms && sortById(vdc.vms) })),
  }));
}

/** A seeded VM as an adapter must report it (native ids, adapter field names). */
export function expectedVmRecord(vm: SeedVm) {
  return { id: vm.nativeId, name: vm.name, vdcId: vm.vdcNativeId, powerState: vm.powerState, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb };
}

/** Comparator by id, for `[...].sort(byId)`. */
export const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
