/**
 * What the gateway's transfer coordinator offers the rest of the gateway (the control
 * resolvers, the catalog service): start, read, cancel and await transfers, and the
 * content operations of a cloud's node. Ids in and out are global ids unless named
 * native.
 */
import type { Principal } from '../../schema/principal';
import type { ImportTarget, TemplateRecord, TransferPhase } from '../../schema/transfers';

export type TransferOperation = 'COPY_VM' | 'MOVE_VM' | 'COPY_TEMPLATE';
export type TransferState = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface TransferSpec {
  operation: TransferOperation;
  /** Global id of the VM (COPY_VM, MOVE_VM) or template (COPY_TEMPLATE). */
  sourceId: string;
  targetCloudId: string;
  /** Native ids and names at the destination (a VM's VDC is the native id of the target VDC). */
  target: ImportTarget;
}

/** A transfer as stored (the checkpoint included) and as the API shows it. */
export interface TransferRecord {
  id: string;
  /** `<targetCloudId>:<id>`: what taskProgress(taskId:) names. */
  taskId: string;
  operation: TransferOperation;
  /** Who started it: reads and cancels by anyone else answer as for an unknown id. */
  principal: Principal;
  sourceId: string;
  sourceCloudId: string;
  targetCloudId: string;
  target: ImportTarget;
  state: TransferState;
  phase: TransferPhase;
  bytesDone: number;
  bytesTotal: number;
  rateBytesPerSec: number;
  bytesSent: number;
  resumes: number;
  sourceChecksum: string | null;
  targetChecksum: string | null;
  /** Global id of the copy once DONE. */
  resultId: string | null;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Transfers {
  /**
   * Validate (throws GraphQLError with a code of schema/errorCodes.ts: NOT_FOUND for a
   * source or target that is not the caller's or does not exist, alike; CONFLICT for a
   * name clash or a running source the cloud cannot export; BAD_USER_INPUT; ...) and
   * start. Resolves with the RUNNING record once the transfer is accepted.
   */
  start(principal: Principal, spec: TransferSpec): Promise<TransferRecord>;
  /** Undefined when unknown or not the principal's. */
  get(principal: Principal, id: string): Promise<TransferRecord | undefined>;
  /** The principal's transfers (a provider admin: all), newest first. */
  list(principal: Principal, first: number): Promise<TransferRecord[]>;
  /** NOT_FOUND when unknown or not the principal's. */
  cancel(principal: Principal, id: string): Promise<TransferRecord>;
  /** Resolves once the transfer has ended (SUCCEEDED or FAILED, cancelled included). */
  settled(id: string): Promise<TransferRecord>;
}

/** A template in one cloud, as its node lists it (native ids). */
export type NodeTemplate = TemplateRecord;

/** Content operations on a cloud through its cloud-node (signed, as the system principal). */
export interface NodeContent {
  /** The catalog with this name in the cloud, created when missing: its native id. */
  ensureCatalog(cloudId: string, name: string): Promise<{ id: string; name: string }>;
  /** Templates of the named catalog (empty when it does not exist). */
  listTemplates(cloudId: string, catalogName: string): Promise<NodeTemplate[]>;
  renameTemplate(cloudId: string, nativeId: string, name: string): Promise<void>;
  deleteTemplate(cloudId: string, nativeId: string): Promise<void>;
}
