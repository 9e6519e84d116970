/**
 * What the vSphere Automation API answers, read into the adapter's records: a
 * `VM.Summary` of `GET /api/vcenter/vm`, a `Datacenter.Summary` of
 * `GET /api/vcenter/datacenter`, the session id of `POST /api/session`. Anything
 * else than the documented shape is UPSTREAM_ERROR, naming what was asked for.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { HttpResponse } from '../../../shared/http';
import type { PowerState, VdcRecord, VmRecord } from '../types';
import { vsphereAnswers, vsphereError } from './errors';
import { isRecord } from '../../../../schema/values';

/** `VM.PowerState` values (the API's enum, the same as the contract's). */
export const POWER_STATES: readonly PowerState[] = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'];

/** One `VM.Summary` as a VmRecord, or undefined when the item is malformed. */
export function toVmRecord(item: unknown, vdcId: string): VmRecord | undefined {
  if (!isRecord(item)) return undefined;
  const { vm, name, power_state: state, cpu_count: cpu, memory_size_MiB: memory } = item;
  if (typeof vm !== 'string' || typeof name !== 'string') return undefined;
  if (!POWER_STATES.includes(state as PowerState)) return undefined;
  // The API omits cpu_count / memory_size_MiB while a VM's configuration is unreadable;
  // 0 keeps the VM listed rather than failing the whole answer.
  return {
    id: vm,
    name,
    vdcId,
    powerState: state as PowerState,
    cpuCount: typeof cpu === 'number' ? cpu : 0,
    memoryMb: typeof memory === 'number' ? memory : 0,
  };
}

/** One `Datacenter.Summary` as a VdcRecord, or undefined when the item is malformed. */
export function toVdcRecord(item: unknown): VdcRecord | undefined {
  if (!isRecord(item) || typeof item.datacenter !== 'string' || typeof item.name !== 'string') return undefined;
  return { id: item.datacenter, name: item.name };
}

/** The items of a JSON array answer, each parsed; any malformed item fails the call. */
export function parseList<T>(res: HttpResponse, what: string, parse: (item: unknown) => T | undefined): T[] {
  if (!Array.isArray(res.body)) throw vsphereAnswers.unexpected(what, res.status);
  return res.body.map((item) => {
    const parsed = parse(item);
    if (parsed === undefined) throw vsphereAnswers.unexpected(what, res.status);
    return parsed;
  });
}

/**
 * The session id of a `POST /api/session` answer (a JSON string); the error for any
 * other answer. A 404 is not "no such VM" but a server without the `/api` family: a
 * vCenter before 7.0U2 (only `/rest`), or a CLOUD_API_URL that is not vCenter's.
 */
export function sessionId(res: HttpResponse): string {
  if (res.status === 404) {
    throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'vCenter has no /api/session: the /api family needs vCenter 7.0U2 or later', 404);
  }
  if (res.status !== 201 && res.status !== 200) throw vsphereError(res, 'vCenter login');
  if (typeof res.body !== 'string' || res.body === '') throw vsphereAnswers.unexpected('vCenter login', res.status);
  return res.body;
}
