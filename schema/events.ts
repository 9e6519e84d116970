/**
 * Events nodes emit, as they travel from a node to the gateway (an SSE stream,
 * GET /events, signed like /graphql) and between gateway replicas (the event bus).
 * Ids are global ids.
 */

export const VM_EVENT_TYPES = ['VM_CREATED', 'VM_DELETED', 'POWER_STATE_CHANGED', 'VM_MOVED'] as const;
export type VmEventType = (typeof VM_EVENT_TYPES)[number];

/** A VM as the node last saw it: what a deleted VM still delivers. */
export interface VmSnapshot {
  id: string;
  name: string;
  powerState: string;
  /** Global id of its VDC. */
  vdcId: string;
  cpuCount: number;
  memoryMb: number;
}

export interface TaskSnapshot {
  /** Unique: `<cloudId>:task-<epoch>-<n>` (the epoch changes when the node restarts). */
  id: string;
  operation: 'POWER_ON' | 'POWER_OFF';
  vmId: string;
  state: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  /** 0..100 */
  progress: number;
  /** Client-safe reason when FAILED. */
  error?: string;
}

interface EventBase {
  /** Unique across the system: `<nodeId>@<epoch>#<seq>`, the epoch new at every node start (replicas deduplicate by it). */
  id: string;
  /** Per node, strictly increasing: a reconnecting reader resumes after the last it saw. */
  seq: number;
  /** ISO 8601. */
  at: string;
  cloudId: string;
}

export type NodeEvent =
  | (EventBase & { kind: 'vm'; type: VmEventType; vm: VmSnapshot; previous?: Partial<Pick<VmSnapshot, 'powerState' | 'vdcId' | 'name'>> })
  | (EventBase & { kind: 'task'; task: TaskSnapshot });

/** Gateway-made: a node's health changed. */
export interface NodeStatusEvent {
  id: string;
  kind: 'nodeStatus';
  at: string;
  nodeId: string;
  cloudId: string;
  nodeKind: string;
  status: 'UP' | 'DOWN' | 'UNKNOWN';
  previous: 'UP' | 'DOWN' | 'UNKNOWN' | undefined;
}

export type OvercastEvent = NodeEvent | NodeStatusEvent;
