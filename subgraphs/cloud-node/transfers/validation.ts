/**
 * What the gateway asks before any byte moves: the source's shape (inspect) and
 * whether the target can take it (check). A VDC outside the principal's scope reads
 * as absent, as the node's loaders read it (defence in depth behind the gateway).
 */
import type { CheckAnswer, CheckRequest, InspectAnswer, SourceRef } from '../../../schema/transfers';
import type { Principal } from '../../../schema/principal';
import type { VdcCapacity } from '../adapters/content';
import type { CloudAdapter } from '../adapters/types';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';

/** The VDCs a principal may touch here; undefined: all of them. */
export function vdcScopeOf(principal: Principal): ReadonlySet<string> | undefined {
  return principal.scope ? new Set(principal.scope.vdcs) : undefined;
}

const notFound = (type: string, id: string) => new CloudApiError(ErrorCode.NOT_FOUND, `${type} "${id}" not found`);

/** The VM of `vmId` when it exists and is in scope; NOT_FOUND otherwise (alike). */
export async function visibleVm(adapter: CloudAdapter, vmId: string, scope: ReadonlySet<string> | undefined) {
  const vm = (await adapter.getVms([vmId])).get(vmId);
  if (!vm || (scope && !scope.has(vm.vdcId))) throw notFound('VirtualMachine', vmId);
  return vm;
}

export async function inspect(adapter: CloudAdapter, source: SourceRef, scope: ReadonlySet<string> | undefined): Promise<InspectAnswer> {
  const { content } = adapter;
  if (source.type === 'template') {
    const template = await content.getTemplate(source.id);
    if (!template) throw notFound('Template', source.id);
    const { name, cpuCount, memoryMb, sizeBytes, sha256 } = template;
    return { name, cpuCount, memoryMb, sizeBytes, powerState: null, sha256, exportNeedsPoweredOff: content.exportNeedsPoweredOff };
  }
  const vm = await visibleVm(adapter, source.id, scope);
  return {
    name: vm.name,
    cpuCount: vm.cpuCount,
    memoryMb: vm.memoryMb,
    // No adapter reports a VM's disk size short of opening an export, which inspecting must not do:
    // 0 means "unknown until exported" (the manifest then has every file's size).
    sizeBytes: 0,
    powerState: vm.powerState,
    sha256: null,
    exportNeedsPoweredOff: content.exportNeedsPoweredOff,
  };
}

/** What the VDC lacks for the import, in words; empty when it fits (a null figure is no limit). */
export function shortfalls(capacity: VdcCapacity, needs: Pick<CheckRequest, 'cpuCount' | 'memoryMb' | 'sizeBytes'>): string[] {
  const lacks: string[] = [];
  if (capacity.cpuCount !== null && capacity.cpuCount < needs.cpuCount)
    lacks.push(`CPUs (needs ${needs.cpuCount}, ${capacity.cpuCount} free)`);
  if (capacity.memoryMb !== null && capacity.memoryMb < needs.memoryMb)
    lacks.push(`memory (needs ${needs.memoryMb} MB, ${capacity.memoryMb} MB free)`);
  if (capacity.storageBytes !== null && capacity.storageBytes < needs.sizeBytes)
    lacks.push(`storage (needs ${needs.sizeBytes} bytes, ${capacity.storageBytes} bytes free)`);
  return lacks;
}

export async function check(adapter: CloudAdapter, request: CheckRequest, scope: ReadonlySet<string> | undefined): Promise<CheckAnswer> {
  const { content } = adapter;
  const { target } = request;
  if (target.kind === 'template') {
    if (await content.nameTaken(target))
      return { ok: false, code: ErrorCode.CONFLICT, message: `catalog "${target.catalog}" already has a template "${target.name}"` };
    return { ok: true };
  }
  const missing = { ok: false, code: ErrorCode.NOT_FOUND, message: `VirtualDataCenter "${target.vdcId}" not found` } as const;
  if (scope && !scope.has(target.vdcId)) return missing;
  let capacity: VdcCapacity;
  try {
    capacity = await content.capacity(target.vdcId);
  } catch (err) {
    if (err instanceof CloudApiError && err.code === ErrorCode.NOT_FOUND) return missing;
    throw err;
  }
  if (await content.nameTaken(target))
    return { ok: false, code: ErrorCode.CONFLICT, message: `VDC "${target.vdcId}" already has a VM "${target.name}"` };
  const lacks = shortfalls(capacity, request);
  if (lacks.length) return { ok: false, code: ErrorCode.CONFLICT, message: `not enough ${lacks.join(', ')} in VDC "${target.vdcId}"` };
  return { ok: true };
}
