/**
 * What the gateway keeps across restarts, as repositories over a small collection
 * interface. One repository implementation runs over two collection backends: the
 * official `mongodb` driver (MONGODB_URI set) and an embedded in-memory backend whose
 * filters, updates and aggregations are executed by `mingo`.
 */
import type { ShardedKind } from '../../schema/kinds';

export type NodeStatus = 'UP' | 'DOWN' | 'UNKNOWN';

export interface NodeRecord {
  /** `<cloudId>/<kind>`: one instance per cloud and kind. */
  id: string;
  cloudId: string;
  kind: ShardedKind;
  url: string;
  /** The per-node request-signing secret issued at registration. */
  secret: string;
  version: string;
  schemaHash: string;
  registeredAt: Date;
  status: NodeStatus;
  lastSeen?: Date;
  latencyMs?: number;
}

export interface RegistrationTokenRecord {
  /** SHA-256 of the token: the token itself is shown once and never stored. */
  tokenHash: string;
  cloudId: string;
  kind: ShardedKind;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
}

export type ConsumeResult = { ok: true; token: RegistrationTokenRecord } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export interface NodeConfigRecord {
  nodeId: string;
  /** Grows by one with every configuration posted. */
  version: number;
  settings: Record<string, unknown>;
  /** The version the node acknowledged; drift while below `version`. */
  appliedVersion: number;
  updatedAt: Date;
}

export interface IndexedVm {
  /** Global id. */
  id: string;
  cloudId: string;
  vdcId: string;
  name: string;
  powerState: string;
  cpuCount: number;
  memoryMb: number;
  tenantId: string | null;
  orgId: string | null;
  syncedAt: Date;
}

export interface CloudSyncRecord {
  cloudId: string;
  syncedAt: Date | null;
  /** The last sync of this cloud failed: its entries are its last known state. */
  stale: boolean;
  lastError: string | null;
  vmCount: number;
}

export interface VmFilter {
  tenantId?: string;
  cloudId?: string;
  powerState?: string;
  /** Case-insensitive substring of the name. */
  nameContains?: string;
}

export type VmOrderField = 'NAME' | 'ID' | 'CPU_COUNT' | 'MEMORY_MB';

export interface VmPageRequest {
  filter: VmFilter;
  orderBy: { field: VmOrderField; direction: 'ASC' | 'DESC' };
  first: number;
  /** Opaque cursor from a previous page's `endCursor`. */
  after?: string;
}

export interface VmPage {
  items: IndexedVm[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface NodeRepository {
  /** Insert or replace by id (idempotent: a node registering twice is one record). */
  upsert(node: NodeRecord): Promise<void>;
  get(id: string): Promise<NodeRecord | null>;
  list(): Promise<NodeRecord[]>;
  remove(id: string): Promise<boolean>;
  setHealth(id: string, health: { status: NodeStatus; lastSeen?: Date; latencyMs?: number }): Promise<void>;
}

export interface RegistrationTokenRepository {
  create(token: RegistrationTokenRecord): Promise<void>;
  /** Mark the token used, atomically: of two concurrent consumers exactly one succeeds. */
  consume(tokenHash: string, now: Date): Promise<ConsumeResult>;
}

export interface NodeConfigRepository {
  /** Store a new configuration: version = previous + 1 (atomically), appliedVersion kept. */
  post(nodeId: string, settings: Record<string, unknown>, now: Date): Promise<NodeConfigRecord>;
  get(nodeId: string): Promise<NodeConfigRecord | null>;
  /** Record an acknowledgement; never moves appliedVersion backwards. */
  acknowledge(nodeId: string, version: number): Promise<void>;
}

export interface InventoryRepository {
  /**
   * Make the index of one cloud equal `vms`: upsert each by id, remove the cloud's
   * entries not in `vms`, mark the cloud fresh. Idempotent.
   */
  replaceCloud(cloudId: string, vms: readonly IndexedVm[], syncedAt: Date): Promise<void>;
  /** Keep the cloud's entries, mark them stale with the reason. */
  markStale(cloudId: string, error: string): Promise<void>;
  /** Forget the cloud: its entries and its sync record. Idempotent (a cloud not indexed is left as it is). */
  removeCloud(cloudId: string): Promise<void>;
  page(request: VmPageRequest): Promise<VmPage>;
  /** How many entries match. */
  count(filter: VmFilter): Promise<number>;
  freshness(): Promise<CloudSyncRecord[]>;
}

export interface Store {
  nodes: NodeRepository;
  registrationTokens: RegistrationTokenRepository;
  nodeConfigs: NodeConfigRepository;
  inventory: InventoryRepository;
  close(): Promise<void>;
}
