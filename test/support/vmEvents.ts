/** Expected node events computed from the seed, and ways to change a mock cloud's state. */
import type { SeedCloud, SeedPowerState, SeedVm } from '../../mocks/seed';
import type { VmSnapshot } from '../../schema/events';
import { globalId } from './expected';

/** The snapshot a VM event carries for `vm` of `cloud`. */
export function snapshotOf(cloud: SeedCloud, vm: SeedVm): VmSnapshot {
  return {
    id: globalId(cloud, vm.nativeId),
    name: vm.name,
    powerState: vm.powerState,
    vdcId: globalId(cloud, vm.vdcNativeId),
    cpuCount: vm.cpuCount,
    memoryMb: vm.memoryMb,
  };
}

/** A power state other than `state`. */
export const otherPowerState = (state: SeedPowerState): SeedPowerState => (state === 'POWERED_ON' ? 'POWERED_OFF' : 'POWERED_ON');

/** The live VM of a mock cloud's state with this native id (throws if there is none). */
export function liveVm(state: SeedCloud, nativeId: string): SeedVm {
  const vm = state.vms.find((v) => v.nativeId === nativeId);
  if (!vm) throw new Error(`no VM ${nativeId} in ${state.id}`);
  return vm;
}
