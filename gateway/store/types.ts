/**
 * What the gateway keeps across restarts, as repositories over a small collection
 * interface. One repository implementation runs over two collection backends: the
 * official `mongodb` driver (MONGODB_URI set) and an embedded in-memory backend whose
 * filters, updates and aggregations are executed by `mingo`.
 */
import type { ShardedKind } from '../../schema/kinds';
import type { Checkpoint, ExportManifest, TransferPhase } from '../../schema/transfers';
import type { InvoiceRecord, MeteredHourRecord, RateCardRecord, UsageRecord } from '../billing/model';
import type { TransferRecord } from '../transfers/types';
import type { CatalogRepository } from './repositories/catalogs';

/** UNKNOWN: not health-checked yet; DEGRADED: the node answers, its cloud's API does not (or slowly). */
export type NodeStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

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
  /** The node's last report of its cloud's API (gateway/nodes/health.ts); absent before one. */
  cloudReachable?: boolean;
  cloudLatencyMs?: number;
}

/** What a health check writes: the fields given are set, the others kept; `null` clears a cloud field. */
export interface NodeHealthUpdate {
  status: NodeStatus;
  lastSeen?: Date;
  latencyMs?: number;
  cloudReachable?: boolean | null;
  cloudLatencyMs?: number | null;
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
  /**
   * When the sync that last wrote this entry ran: the first sync that saw the VM as it
   * is now. A sync rewrites only entries that changed, so this is not how fresh the
   * entry is; that is its cloud's `CloudSyncRecord.syncedAt`.
   */
  syncedAt: Date;
}

export interface CloudSyncRecord {
  cloudId: string;
  /** When the sync whose entries the index holds read the cloud: how fresh they are. */
  syncedAt: Date | null;
  /** The last sync of this cloud failed: its entries are its last known state. */
  stale: boolean;
  lastError: string | null;
  vmCount: number;
  /** The last generation `beginSync` issued for the cloud. */
  issuedGeneration: number;
  /** The generation of the sync whose outcome (applied or stale) this record shows; 0 before any. */
  appliedGeneration: number;
  /** The lease of the `applySync` writing the cloud's entries: no other may write until it ends or expires. */
  writing?: { generation: number; until: Date };
  /** removeCloud forgot the cloud: the record stays only to keep its generations going (not in freshness). */
  removed?: boolean;
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
  setHealth(id: string, health: NodeHealthUpdate): Promise<void>;
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

/** What applying one sync did. */
export type SyncOutcome =
  | { applied: true; written: number; deleted: number; unchanged: number }
  /** A newer sync of the cloud was applied (or marked the cloud stale) first: nothing was changed. */
  | { applied: false; reason: 'superseded' };

export interface InventoryRepository {
  /**
   * Start a sync of one cloud: its generation, greater than every generation issued
   * for the cloud before (atomically, across gateways sharing the store). Call before
   * reading the cloud, so generations order syncs by when they read.
   */
  beginSync(cloudId: string): Promise<number>;
  /**
   * Make the index of one cloud equal `vms`, as read by the sync of `generation`:
   * write only entries that changed, delete the cloud's entries not in `vms`, mark
   * the cloud fresh. Refused (nothing changed) when a newer generation was applied
   * or marked stale first. Idempotent.
   */
  applySync(cloudId: string, generation: number, vms: readonly IndexedVm[], syncedAt: Date): Promise<SyncOutcome>;
  /** Keep the cloud's entries, mark them stale with the reason; ignored when a newer generation was applied. */
  markStale(cloudId: string, generation: number, error: string): Promise<void>;
  /** Forget the cloud: its entries and its sync record. Idempotent (a cloud not indexed is left as it is). */
  removeCloud(cloudId: string): Promise<void>;
  page(request: VmPageRequest): Promise<VmPage>;
  /** How many entries match. */
  count(filter: VmFilter): Promise<number>;
  freshness(): Promise<CloudSyncRecord[]>;
}

/** An administrator's mapping (tenantId) or unmapping (null) of one organization. */
export interface OrgMappingRecord {
  /** Organization global id: the natural key. */
  orgId: string;
  tenantId: string | null;
  updatedAt: Date;
}

/** The tenant directory's manual mappings: what `mapOrgToTenant` and `unmapOrg` said, kept across restarts. */
export interface OrgMappingRepository {
  /** Insert or replace by orgId (idempotent). */
  put(mapping: OrgMappingRecord): Promise<void>;
  /** Every manual mapping, by orgId. */
  list(): Promise<OrgMappingRecord[]>;
}

/** An organization discovery has seen in its cloud, under its latest name. */
export interface DiscoveredOrgRecord {
  /** Organization global id: the natural key. */
  orgId: string;
  name: string | null;
  /** When discovery first saw it under this name. */
  seenAt: Date;
}

/**
 * The organizations discovery has seen, kept across restarts: a gateway restarted while
 * an sp-node is down still knows which tenant owns what in that cloud (name matches are
 * made again from them), instead of showing its tenants nothing there.
 */
export interface DiscoveredOrgRepository {
  /** Insert or replace each by orgId (idempotent). */
  putAll(orgs: readonly DiscoveredOrgRecord[]): Promise<void>;
  /** Every organization seen, by orgId. */
  list(): Promise<DiscoveredOrgRecord[]>;
}

/** Which VDCs and VMs one organization of a multi-tenant cloud owns (native ids), as its sp-node last said. */
export interface OrgOwnershipRecord {
  /** `<cloudId>:<org native id>`: the natural key. */
  orgId: string;
  cloudId: string;
  vdcs: string[];
  vms: string[];
}

/**
 * The ownership snapshot's last known state, kept across restarts: a gateway restarted
 * while an sp-node is down still lets each tenant see its own there (and nobody else's).
 */
export interface OwnershipRepository {
  /** Make the cloud's records these: changed ones replaced by orgId, vanished organizations deleted. */
  replaceCloud(cloudId: string, orgs: readonly OrgOwnershipRecord[]): Promise<void>;
  list(): Promise<OrgOwnershipRecord[]>;
}

/** Which usage records a read wants: an hour range, and optionally one tenant, cloud or VM. */
export interface UsageQuery {
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
  tenantId?: string;
  cloudId?: string;
  vmId?: string;
}

export interface UsagePage {
  records: UsageRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Hourly usage, one record per (VM, hour). */
export interface UsageRepository {
  /** Insert or replace each by its key (VM, hour): a replay, a restart or a second replica never doubles an hour. */
  upsert(records: readonly UsageRecord[]): Promise<void>;
  /**
   * Every matching record, in (month, vmId, hour) order, a batch at a time (keyset
   * reads: memory stays one batch, however many records match).
   */
  scan(query: UsageQuery, batchSize?: number): AsyncIterable<UsageRecord[]>;
  /** One page in (hour, vmId) order; `after` is a previous page's endCursor (InvalidCursorError when it is not one). */
  page(query: UsageQuery, first: number, after?: string): Promise<UsagePage>;
  count(query: UsageQuery): Promise<number>;
}

/** Which (cloud, hour) metering has collected. */
export interface MeteredHourRepository {
  /** Insert or replace each by key (cloud, hour). */
  mark(hours: readonly MeteredHourRecord[]): Promise<void>;
  /** The hours of `cloudId` collected in [start, end), ascending. */
  collected(cloudId: string, start: Date, end: Date): Promise<Date[]>;
}

export interface RateCardRepository {
  list(): Promise<RateCardRecord[]>;
  get(id: string): Promise<RateCardRecord | null>;
  /** Insert or replace by id. */
  put(card: RateCardRecord): Promise<void>;
  /** Make `card` the only default: put it, clear the flag on every other card. */
  putDefault(card: RateCardRecord): Promise<void>;
  remove(id: string): Promise<boolean>;
}

/** A month being closed or closed: CLOSING while its invoices are written (resumable), then CLOSED. */
export interface BillingPeriodRecord {
  /** `YYYY-MM`: the natural key. */
  month: string;
  state: 'CLOSING' | 'CLOSED';
  /** When it was CLOSED; null while CLOSING. */
  closedAt: Date | null;
  /** While CLOSING: until when the closer holds it; a later closer takes over after. */
  leaseUntil?: Date;
  /**
   * Once CLOSED: the rate cards the month was rated with. Late usage of it is rated with
   * these, so a later price change never re-prices a closed month.
   */
  rateCards?: RateCardRecord[];
}

export interface InvoiceRepository {
  /** Insert or replace by id: only while its month is CLOSING (a CLOSED month's invoices never change). */
  put(invoice: InvoiceRecord): Promise<void>;
  get(id: string): Promise<InvoiceRecord | null>;
  /** Newest month first, then tenant id. */
  list(filter: { tenantId?: string; month?: string }): Promise<InvoiceRecord[]>;
}

export interface BillingPeriodRepository {
  /**
   * Take the month for closing: its lease (when it ends), when it was open or CLOSING with
   * an expired lease (a closer that died); null when another holds it or it is CLOSED.
   * Atomic. The lease is the holder's token: a closer that took over holds a later one.
   */
  claim(month: string, now: Date, leaseMs: number): Promise<Date | null>;
  /**
   * CLOSING → CLOSED, keeping the rate cards the month was rated with, only for the holder
   * of `lease`: false when another closer took the month over (or it is no longer CLOSING).
   */
  finish(month: string, at: Date, rateCards: readonly RateCardRecord[], lease: Date): Promise<boolean>;
  get(month: string): Promise<BillingPeriodRecord | null>;
  list(): Promise<BillingPeriodRecord[]>;
}

/**
 * A transfer as kept (gateway/transfers/): its record without the derived `bytesSent`,
 * and what resuming it needs (the manifest, the checkpoint).
 */
export interface StoredTransfer extends Omit<TransferRecord, 'bytesSent'> {
  /** The principal's tenant; absent for an operator's transfer. Lists of a tenant filter on it. */
  tenantId?: string;
  /** Native id and type of the source at its cloud. */
  source: { type: 'vm' | 'template'; id: string };
  /** The source node's export; null until it answered. */
  manifest: ExportManifest | null;
  /** The last chunk the destination acknowledged; null before the first. */
  checkpoint: Checkpoint | null;
  /** Bytes the destination node fetched, per run (`"0"` the first, then one per resume): a run's reports count up, so each run keeps its largest. */
  sentByRun: Record<string, number>;
  /** When the destination last reported (or the transfer last started or resumed): how a stall is seen. */
  lastProgressAt: Date;
}

/** What one report of a destination node sets (gateway/transfers/progress.ts). */
export interface TransferProgressUpdate {
  /** COPYING, WAITING or IMPORTING. */
  phase: TransferPhase;
  checkpoint: Checkpoint;
  bytesDone: number;
  bytesTotal: number;
  rateBytesPerSec: number;
  /** The run the report belongs to (the record's `resumes` when it arrived) and its bytes sent so far. */
  run: number;
  bytesSent: number;
  error: string | null;
  at: Date;
}

export interface TransferRepository {
  /** A new transfer; throws when its id exists. */
  create(record: StoredTransfer): Promise<void>;
  get(id: string): Promise<StoredTransfer | null>;
  /** Newest first; only the tenant's when `tenantId` is given. */
  list(filter: { tenantId?: string }, first: number): Promise<StoredTransfer[]>;
  /** Every RUNNING transfer (resume at start, stall checks). */
  running(): Promise<StoredTransfer[]>;
  /**
   * Set `fields` only while the transfer is RUNNING in one of `from` (any phase when
   * omitted): atomic, so of two replicas ending one transfer only one does. Null when
   * the condition did not hold.
   */
  transition(id: string, from: readonly TransferPhase[] | undefined, fields: Partial<StoredTransfer>): Promise<StoredTransfer | null>;
  /**
   * A destination node's report, idempotent: the checkpoint and bytes never move back,
   * a run's bytes sent keep their largest value. Only while RUNNING in one of `from`;
   * null otherwise.
   */
  progress(id: string, from: readonly TransferPhase[], update: TransferProgressUpdate): Promise<StoredTransfer | null>;
  /** One more resume (a new run), only while RUNNING in one of `from` and at `resumes`; null otherwise. */
  resumed(id: string, from: readonly TransferPhase[], resumes: number, at: Date): Promise<StoredTransfer | null>;
}

export interface Store {
  nodes: NodeRepository;
  registrationTokens: RegistrationTokenRepository;
  nodeConfigs: NodeConfigRepository;
  inventory: InventoryRepository;
  orgMappings: OrgMappingRepository;
  discoveredOrgs: DiscoveredOrgRepository;
  ownership: OwnershipRepository;
  usage: UsageRepository;
  meteredHours: MeteredHourRepository;
  rateCards: RateCardRepository;
  invoices: InvoiceRepository;
  billingPeriods: BillingPeriodRepository;
  transfers: TransferRepository;
  catalogs: CatalogRepository;
  close(): Promise<void>;
}
