/**
 * Events nodes emit, as they travel from a node to the gateway (an SSE stream,
 * GET /events, signed like /graphql) and between gateway replicas (the event bus).
 * Ids are global ids.
 */
import { VmEventType, type NodeStatus, type TaskOperation, type TaskState } from './generated/enums';
import type { ShardedKind } from './kinds';
import type { TransferPhase, TransferReport } from './transfers';

/** The SDL's `VmEventType` values (schema/control.graphql, generated). */
export const VM_EVENT_TYPES: readonly VmEventType[] = Object.values(VmEventType);
export type { VmEventType };

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
  /** Unique and random: `<cloudId>:task-<uuid>` (a counter would tell tenants of one cloud about each other). */
  id: string;
  operation: TaskOperation;
  vmId: string;
  state: TaskState;
  /** 0..100 */
  progress: number;
  /** Client-safe reason when FAILED. */
  error?: string;
  /** A transfer's bytes (the gateway's transfer tasks only; node tasks have none). */
  transfer?: TaskTransferProgress;
}

/** The SDL's TransferProgress: where a transfer is. */
export interface TaskTransferProgress {
  phase: TransferPhase;
  bytesDone: number;
  bytesTotal: number;
  /** 0..100, of bytesTotal. */
  percent: number;
  rateBytesPerSec: number;
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
  | (EventBase & { kind: 'task'; task: TaskSnapshot })
  /** A destination node's progress on one import (schema/transfers.ts); the gateway keeps the checkpoint and reports the task. */
  | (EventBase & { kind: 'transfer'; transfer: TransferReport });

/** Gateway-made: a node's health changed. */
export interface NodeStatusEvent {
  id: string;
  kind: 'nodeStatus';
  at: string;
  nodeId: string;
  cloudId: string;
  nodeKind: ShardedKind;
  status: NodeStatus;
  previous: NodeStatus | undefined;
}

export type OvercastEvent = NodeEvent | NodeStatusEvent;
