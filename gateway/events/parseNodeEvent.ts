/**
 * A node's event as the gateway accepts it: what arrives on a node's stream is
 * checked against the contract (schema/events.ts) and rebuilt from the known
 * fields only, so nothing a node adds travels on to clients.
 */
import { isRecord } from '../../schema/values';
import { VM_EVENT_TYPES, type NodeEvent, type TaskSnapshot, type VmEventType, type VmSnapshot } from '../../schema/events';
import { TransferReportSchema } from '../../schema/transfers';

/** A node's own tasks: transfer tasks are the gateway's (gateway/transfers/), never a node's to announce. */
const TASK_OPERATIONS: ReadonlySet<string> = new Set(['POWER_ON', 'POWER_OFF']);
const TASK_STATES: ReadonlySet<string> = new Set(['RUNNING', 'SUCCEEDED', 'FAILED']);
const VM_TYPES: ReadonlySet<string> = new Set(VM_EVENT_TYPES);

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The event in `value`, or undefined when it does not have the contract's shape. */
export function parseNodeEvent(value: unknown): NodeEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { id, seq, at, cloudId, kind } = value;
  if (
    !isString(id) ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 1 ||
    !isString(at) ||
    Number.isNaN(Date.parse(at)) ||
    !isString(cloudId)
  )
    return undefined;
  const base = { id, seq: seq as number, at, cloudId };
  if (kind === 'vm') {
    const vm = parseVm(value.vm);
    const previous = parsePrevious(value.previous);
    if (!isString(value.type) || !VM_TYPES.has(value.type) || !vm || previous === null) return undefined;
    return { ...base, kind, type: value.type as VmEventType, vm, ...(previous ? { previous } : {}) };
  }
  if (kind === 'task') {
    const task = parseTask(value.task);
    return task ? { ...base, kind, task } : undefined;
  }
  if (kind === 'transfer') {
    const transfer = TransferReportSchema.safeParse(value.transfer);
    return transfer.success ? { ...base, kind, transfer: transfer.data } : undefined;
  }
  return undefined;
}

function parseVm(value: unknown): VmSnapshot | undefined {
  if (!isRecord(value)) return undefined;
  const { id, name, powerState, vdcId, cpuCount, memoryMb } = value;
  if (!isString(id) || typeof name !== 'string' || !isString(powerState) || !isString(vdcId) || !isCount(cpuCount) || !isCount(memoryMb))
    return undefined;
  return { id, name, powerState, vdcId, cpuCount, memoryMb };
}

/** Undefined when absent, null when malformed. */
function parsePrevious(value: unknown): { powerState?: string; vdcId?: string; name?: string } | undefined | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const previous: { powerState?: string; vdcId?: string; name?: string } = {};
  for (const key of ['powerState', 'vdcId', 'name'] as const) {
    const field = value[key];
    if (field === undefined) continue;
    if (typeof field !== 'string') return null;
    previous[key] = field;
  }
  return previous;
}

function parseTask(value: unknown): TaskSnapshot | undefined {
  if (!isRecord(value)) return undefined;
  const { id, operation, vmId, state, progress, error } = value;
  if (
    !isString(id) ||
    !isString(operation) ||
    !TASK_OPERATIONS.has(operation) ||
    !isString(vmId) ||
    !isString(state) ||
    !TASK_STATES.has(state)
  )
    return undefined;
  if (!isCount(progress) || progress > 100 || (error !== undefined && typeof error !== 'string')) return undefined;
  return {
    id,
    operation: operation as TaskSnapshot['operation'],
    vmId,
    state: state as TaskSnapshot['state'],
    progress,
    ...(error !== undefined ? { error } : {}),
  };
}
