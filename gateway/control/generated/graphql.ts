import type { GraphQLResolveInfo } from 'graphql';
import type { NodeModel, CloudRefModel, VmRefModel, TenantModel, OrgRefModel, VdcRefModel, TenantCumulativeVdcModel, CumulativeVdcPartModel, OrgDiscoveryModel, NodeConfigModel, VmEdgeModel, VmConnectionModel, CloudFreshnessModel, RegistrationTokenModel } from '../model';
import type { ControlContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A catalog of templates one cloud publishes, which other clouds subscribe to. */
export type Catalog = {
  __typename?: 'Catalog';
  cloud?: Maybe<Cloud>;
  /** The publishing cloud. */
  cloudId: Scalars['ID']['output'];
  /** `catalog-<uuid>`. */
  id: Scalars['ID']['output'];
  items: Array<CatalogItem>;
  name: Scalars['String']['output'];
  publishedAt: Scalars['String']['output'];
  subscriptions: Array<CatalogSubscription>;
  /** Monotonic: bumped when an item is added, removed or changes version. */
  version: Scalars['Int']['output'];
};

export type CatalogAvailability = {
  __typename?: 'CatalogAvailability';
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  state: CatalogItemState;
  syncedAt?: Maybe<Scalars['String']['output']>;
  /** Global id of the template in this cloud. */
  templateId?: Maybe<Scalars['ID']['output']>;
  /** The version this cloud holds; null when it holds none yet. */
  version?: Maybe<Scalars['Int']['output']>;
};

export type CatalogItem = {
  __typename?: 'CatalogItem';
  /** Which clouds have which version: the publisher first, then each subscriber. */
  availableIn: Array<CatalogAvailability>;
  /** Hex SHA-256 of the item's disk at the publisher. */
  checksum?: Maybe<Scalars['String']['output']>;
  /** Deleted at the publisher (kept at subscribers unless their subscription propagates deletes). */
  deleted: Scalars['Boolean']['output'];
  /** `<catalog id>/<item name>`: stable across versions and clouds. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  /** Global id of the template at the publisher. */
  templateId: Scalars['ID']['output'];
  /** Monotonic: bumped when the item's content (checksum) or size changes at the publisher. */
  version: Scalars['Int']['output'];
};

export type CatalogItemState =
  /** Removed here because it was deleted at the publisher (subscriptions that propagate deletes). */
  | 'DELETED'
  /** The last copy failed (the error is on its transfer); retried at the next sync. */
  | 'FAILED'
  /** Holds an older version, or none; the next sync copies it. */
  | 'STALE'
  /** Holds the catalog's current version of the item. */
  | 'SYNCED'
  /** A copy of a newer version is in progress (the older one stays usable until the swap). */
  | 'SYNCING';

/** A cloud's subscription to a catalog: its items are copied into a dedicated target catalog of that cloud. */
export type CatalogSubscription = {
  __typename?: 'CatalogSubscription';
  catalogId: Scalars['ID']['output'];
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  /** `subscription-<uuid>`. */
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastSyncAt?: Maybe<Scalars['String']['output']>;
  nextSyncAt?: Maybe<Scalars['String']['output']>;
  /** Whether an item deleted at the publisher is deleted here too. */
  propagateDeletes: Scalars['Boolean']['output'];
  /** Scheduled sync interval; 0: only on syncCatalog. */
  syncIntervalSeconds: Scalars['Int']['output'];
  /** The catalog version this subscriber last synced completely; null before the first sync. */
  syncedVersion?: Maybe<Scalars['Int']['output']>;
  syncing: Scalars['Boolean']['output'];
  /** Name of the dedicated target catalog (library, catalog, image property) in the subscribing cloud. */
  targetCatalog: Scalars['String']['output'];
};

export type Cloud = {
  __typename?: 'Cloud';
  id: Scalars['ID']['output'];
  /** The nodes registered for this cloud. */
  nodes: Array<Node>;
  /** The tenant owning the whole cloud; null for a multi-tenant cloud. */
  tenant?: Maybe<Tenant>;
  vdcs?: Maybe<Array<VirtualDataCenter>>;
};

/** How fresh the inventory index is for one cloud. */
export type CloudFreshness = {
  __typename?: 'CloudFreshness';
  cloud: Cloud;
  /** Why the last sync failed; shown to provider roles only (null for tenants). */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The last sync failed: the cloud's entries are its last known state. */
  stale: Scalars['Boolean']['output'];
  /** When the cloud was last read in full (ISO 8601); null before the first sync. */
  syncedAt?: Maybe<Scalars['String']['output']>;
  /** VMs indexed for this cloud: for a tenant, only its own. */
  vmCount: Scalars['Int']['output'];
};

export type CopyTemplateInput = {
  /** Name of the copy (default: the template's name). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Name of the catalog there (created when missing). */
  targetCatalog: Scalars['String']['input'];
  /** The cloud to copy it into. */
  targetCloudId: Scalars['ID']['input'];
  /** Global id of the template (`<cloudId>:<native id>`). */
  templateId: Scalars['ID']['input'];
};

export type CopyVmInput = {
  /** Name of the copy (default: the source VM's name). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Global id of the VDC, in another cloud, to copy it into. */
  targetVdcId: Scalars['ID']['input'];
  /** Global id of the VM to copy. */
  vmId: Scalars['ID']['input'];
};

/**
 * A tenant's resources in every cloud, merged. Counts and provisioned sizes cover every
 * part; allocations and usage cover the parts whose cloud reports them (multi-tenant
 * clouds) and are null when no part does.
 */
export type CumulativeVdc = {
  __typename?: 'CumulativeVdc';
  cpuLimitMhz?: Maybe<Scalars['Int']['output']>;
  cpuUsedMhz?: Maybe<Scalars['Int']['output']>;
  memoryLimitMb?: Maybe<Scalars['Int']['output']>;
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb?: Maybe<Scalars['Int']['output']>;
  /** One part per cloud, in cloud id order. */
  parts: Array<CumulativeVdcPart>;
  poweredOnVmCount: Scalars['Int']['output'];
  storageLimitMb?: Maybe<Scalars['Int']['output']>;
  storageUsedMb?: Maybe<Scalars['Int']['output']>;
  /** The tenant whose VDCs these are. */
  tenantId: Scalars['ID']['output'];
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
};

export type CumulativeVdcPart = {
  __typename?: 'CumulativeVdcPart';
  cloud: Cloud;
  cpuLimitMhz?: Maybe<Scalars['Int']['output']>;
  cpuUsedMhz?: Maybe<Scalars['Int']['output']>;
  memoryLimitMb?: Maybe<Scalars['Int']['output']>;
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb?: Maybe<Scalars['Int']['output']>;
  poweredOnVmCount: Scalars['Int']['output'];
  source: CumulativeVdcPartSource;
  storageLimitMb?: Maybe<Scalars['Int']['output']>;
  storageUsedMb?: Maybe<Scalars['Int']['output']>;
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
};

export type CumulativeVdcPartSource =
  /** A whole single-tenant cloud. */
  | 'DEDICATED_CLOUD'
  /** An organization's virtual VDC in a multi-tenant cloud. */
  | 'ORG';

/** A VM's fields as the inventory index last read them from its cloud. */
export type IndexedVm = {
  __typename?: 'IndexedVm';
  cpuCount: Scalars['Int']['output'];
  memoryMb: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  powerState: PowerState;
  /** The values may be out of date: the cloud's last sync failed, or its node is not UP. */
  stale: Scalars['Boolean']['output'];
  /** When the index last read the VM's cloud in full (ISO 8601); null before a full read. */
  syncedAt?: Maybe<Scalars['String']['output']>;
};

/** A VM as the inventory index knows it; live fields come from its cloud. */
export type IndexedVmEdge = {
  __typename?: 'IndexedVmEdge';
  cursor: Scalars['String']['output'];
  /** What the index last read of the VM: what a page can still show while its cloud is unavailable. */
  lastKnown: IndexedVm;
  node: VirtualMachine;
};

/** A node's log level. */
export type LogLevel =
  | 'DEBUG'
  | 'ERROR'
  | 'INFO'
  | 'WARN';

export type Mutation = {
  __typename?: 'Mutation';
  /** Stop a transfer and remove what it made at the destination; the source is untouched. */
  cancelTransfer: Transfer;
  /** Post a configuration to one node: versioned, validated, delivered, acknowledged. */
  configureNode: NodeConfig;
  /** Post a configuration to every node of a kind. */
  configureNodes: Array<NodeConfig>;
  /** Copy a template into a catalog of another cloud. Provider roles. */
  copyTemplate: Transfer;
  /**
   * Copy a VM into a VDC of another cloud: validated before any byte moves (the target
   * VDC exists and is the caller's, the name is free there, capacity, a powered-off
   * source where the source cloud requires it), then moved node to node in checksummed
   * chunks. Answers at once with the transfer (a task: follow `taskProgress`).
   */
  copyVm: Transfer;
  /** A one-time token for a node of `kind` serving `cloudId` to register with (default validity 15 minutes). */
  createRegistrationToken: RegistrationToken;
  /** Forget a registered node; the gateway stops routing to it. */
  deregisterNode: Scalars['Boolean']['output'];
  /** Look at every multi-tenant cloud's organizations now and map unmapped ones by name. */
  discoverOrgs: OrgDiscovery;
  /** Map an organization to a tenant (replacing any mapping it had). */
  mapOrgToTenant: TenantOrg;
  /** Copy, verify the checksum, then remove the VM at the source. */
  moveVm: Transfer;
  /** Publish one catalog of a cloud (by its name there). Provider roles. */
  publishCatalog: Catalog;
  /** Subscribe a cloud to a catalog; the first sync starts at once. Provider roles. */
  subscribeCatalog: CatalogSubscription;
  /** Sync now: re-read the publisher, then copy what each subscriber lacks. Answers once the sync has finished. */
  syncCatalog: Catalog;
  /** Re-read every cloud into the inventory index now. */
  syncInventory: Array<CloudFreshness>;
  /** Remove an organization's mapping; it stays unmapped until mapped again. */
  unmapOrg: TenantOrg;
  /** Stop publishing; subscriptions end (their copies stay unless they propagate deletes). */
  unpublishCatalog: Scalars['Boolean']['output'];
  unsubscribeCatalog: Scalars['Boolean']['output'];
};


export type MutationCancelTransferArgs = {
  id: Scalars['ID']['input'];
};


export type MutationConfigureNodeArgs = {
  id: Scalars['ID']['input'];
  settings: NodeSettingsInput;
};


export type MutationConfigureNodesArgs = {
  kind: NodeKind;
  settings: NodeSettingsInput;
};


export type MutationCopyTemplateArgs = {
  input: CopyTemplateInput;
};


export type MutationCopyVmArgs = {
  input: CopyVmInput;
};


export type MutationCreateRegistrationTokenArgs = {
  cloudId: Scalars['ID']['input'];
  kind: NodeKind;
  ttlSeconds?: Scalars['Int']['input'];
};


export type MutationDeregisterNodeArgs = {
  id: Scalars['ID']['input'];
};


export type MutationMapOrgToTenantArgs = {
  orgId: Scalars['ID']['input'];
  tenantId: Scalars['ID']['input'];
};


export type MutationMoveVmArgs = {
  input: CopyVmInput;
};


export type MutationPublishCatalogArgs = {
  cloudId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
};


export type MutationSubscribeCatalogArgs = {
  input: SubscribeCatalogInput;
};


export type MutationSyncCatalogArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnmapOrgArgs = {
  orgId: Scalars['ID']['input'];
};


export type MutationUnpublishCatalogArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnsubscribeCatalogArgs = {
  id: Scalars['ID']['input'];
};

/** A node instance: one kind, serving one cloud. */
export type Node = {
  __typename?: 'Node';
  /** The cloud it serves; null when that cloud's cloud-node is unavailable. */
  cloud?: Maybe<Cloud>;
  cloudId: Scalars['ID']['output'];
  /** How long the node's last probe of its cloud's API took; null when it got no answer or before the first report. */
  cloudLatencyMs?: Maybe<Scalars['Int']['output']>;
  /** Whether the node reached its cloud's API at its last probe, as its /health reported; null before the first report. */
  cloudReachable?: Maybe<Scalars['Boolean']['output']>;
  /** The configuration posted to the node and the version it acknowledged. */
  config?: Maybe<NodeConfig>;
  /** `<cloudId>/<kind>`, e.g. `dc-east/cloud-node`. */
  id: Scalars['ID']['output'];
  kind: NodeKind;
  /** When the node last answered a health check (ISO 8601). */
  lastSeen?: Maybe<Scalars['String']['output']>;
  /** Round trip of the last health check. */
  latencyMs?: Maybe<Scalars['Int']['output']>;
  /** Registered by token (REGISTERED) or listed in the gateway's configuration file (CONFIGURED). */
  origin: NodeOrigin;
  /** From the gateway's health checks; the gateway routes only to nodes that are UP or DEGRADED with their cloud reachable. */
  status: NodeStatus;
  url: Scalars['String']['output'];
  /** The node's software version, as it registered. */
  version?: Maybe<Scalars['String']['output']>;
};

export type NodeConfig = {
  __typename?: 'NodeConfig';
  /** The version the node acknowledged; below `version` while the node has not applied the latest. */
  appliedVersion: Scalars['Int']['output'];
  settings: NodeSettings;
  updatedAt: Scalars['String']['output'];
  /** Grows by one with every configuration posted. */
  version: Scalars['Int']['output'];
};

/** The kinds of node that run next to clouds. */
export type NodeKind =
  | 'CLOUD_NODE'
  | 'SP_NODE';

export type NodeOrigin =
  | 'CONFIGURED'
  | 'REGISTERED';

/** Settings an administrator can push to nodes. */
export type NodeSettings = {
  __typename?: 'NodeSettings';
  logLevel?: Maybe<LogLevel>;
  metricsSamplingIntervalMs?: Maybe<Scalars['Int']['output']>;
};

export type NodeSettingsInput = {
  logLevel?: InputMaybe<LogLevel>;
  /** 1000 to 3600000 */
  metricsSamplingIntervalMs?: InputMaybe<Scalars['Int']['input']>;
};

export type NodeStatus =
  /** The node answers, but its cloud's API does not (queries for the cloud answer CLOUD_UNAVAILABLE at once) or answers slower than `degradedLatencyMs`. */
  | 'DEGRADED'
  | 'DOWN'
  /** Not health-checked yet. */
  | 'UNKNOWN'
  | 'UP';

/** A node's health changed (from the gateway's health checks). */
export type NodeStatusEvent = {
  __typename?: 'NodeStatusEvent';
  at: Scalars['String']['output'];
  cloudId: Scalars['ID']['output'];
  kind: NodeKind;
  nodeId: Scalars['ID']['output'];
  previous?: Maybe<NodeStatus>;
  status: NodeStatus;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** The result of matching organizations to tenants. */
export type OrgDiscovery = {
  __typename?: 'OrgDiscovery';
  /** Newly mapped by name. */
  matched: Array<TenantOrg>;
  /** Organizations seen in all multi-tenant clouds. */
  orgCount: Scalars['Int']['output'];
  /** Organizations no tenant claims. */
  unmapped: Array<TenantOrg>;
};

export type OrgMappingSource =
  /** Listed in the gateway's configuration. */
  | 'CONFIG'
  /** Mapped by an administrator's mutation. */
  | 'MANUAL'
  /** Matched by organization name. */
  | 'NAME_MATCH';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PowerState =
  | 'POWERED_OFF'
  | 'POWERED_ON'
  | 'SUSPENDED';

export type Query = {
  __typename?: 'Query';
  catalog?: Maybe<Catalog>;
  /** Published catalogs, with which clouds hold which version of each item. Provider roles. */
  catalogs: Array<Catalog>;
  /** How fresh the index is, per cloud. */
  inventoryFreshness: Array<CloudFreshness>;
  node?: Maybe<Node>;
  /** Every registered node. */
  nodes: Array<Node>;
  tenant?: Maybe<Tenant>;
  tenants: Array<Tenant>;
  /** A transfer (copy or move) by id; null when unknown or not the caller's (answered alike). */
  transfer?: Maybe<Transfer>;
  /** The caller's transfers, newest first. */
  transfers: Array<Transfer>;
  /**
   * VMs of every cloud from the inventory index: filtered, sorted, paged with stable
   * cursors. Index fields (name, power state, sizes, tenant) are as of the last sync;
   * ask the VM's fields for live values from its cloud.
   */
  vms: VmConnection;
  /**
   * VMs of any clouds by global id, in the order asked, in one call: each cloud is
   * asked once for all of its VMs. A malformed id (not "<cloudId>:<native id>", such
   * as "dc-east") gives null at its position and a BAD_USER_INPUT error whose path
   * names that position, as `vm(id:)` refuses it; an id of a cloud Overcast does not
   * know (or one the caller may not see) gives null; an id its cloud does not have
   * gives a VM whose fields are null.
   */
  vmsByIds: Array<Maybe<VirtualMachine>>;
};


export type QueryCatalogArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTenantArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTransferArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTransfersArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryVmsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VmFilter>;
  first?: Scalars['Int']['input'];
  orderBy?: InputMaybe<VmOrder>;
};


export type QueryVmsByIdsArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/** A one-time token a node presents to register itself (POST /nodes/register). */
export type RegistrationToken = {
  __typename?: 'RegistrationToken';
  cloudId: Scalars['ID']['output'];
  expiresAt: Scalars['String']['output'];
  kind: NodeKind;
  /** Shown once; only its hash is stored. */
  token: Scalars['String']['output'];
};

export type SubscribeCatalogInput = {
  catalogId: Scalars['ID']['input'];
  cloudId: Scalars['ID']['input'];
  propagateDeletes?: Scalars['Boolean']['input'];
  /** 0: only on syncCatalog. @default 3600 */
  syncIntervalSeconds?: Scalars['Int']['input'];
  /** Dedicated target catalog in the subscribing cloud: must be new or empty, and managed only by this subscription. */
  targetCatalog: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Node health changes (of the clouds the caller may see). */
  nodeStatus: NodeStatusEvent;
  /** Progress of one task, or of every task on one VM. */
  taskProgress: TaskEvent;
  /** VM changes across all clouds the caller may see. */
  vmEvents: VmEvent;
};


export type SubscriptionTaskProgressArgs = {
  taskId?: InputMaybe<Scalars['ID']['input']>;
  vmId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionVmEventsArgs = {
  filter?: InputMaybe<VmEventFilter>;
};

/** Progress of a long operation (power operations, transfers). */
export type TaskEvent = {
  __typename?: 'TaskEvent';
  at: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  operation: TaskOperation;
  progress: Scalars['Int']['output'];
  state: TaskState;
  taskId: Scalars['ID']['output'];
  /** A transfer's bytes; null for other tasks. */
  transfer?: Maybe<TransferProgress>;
  vm?: Maybe<VirtualMachine>;
  /** The VM the task is about: the source VM of a copy or move, the template of a template copy. */
  vmId: Scalars['ID']['output'];
};

export type TaskOperation =
  /** copyTemplate, and each item a catalog sync copies. */
  | 'COPY_TEMPLATE'
  /** copyVm: a VM copied into a VDC of another cloud. */
  | 'COPY_VM'
  /** moveVm: copied, verified, then removed at the source. */
  | 'MOVE_VM'
  | 'POWER_OFF'
  | 'POWER_ON';

export type TaskState =
  | 'FAILED'
  | 'RUNNING'
  | 'SUCCEEDED';

/** A customer across all clouds: its organizations in multi-tenant clouds plus its dedicated clouds. */
export type Tenant = {
  __typename?: 'Tenant';
  /** Every cloud where it has resources: its dedicated clouds and the clouds of its organizations. */
  clouds: Array<Cloud>;
  /** All of its virtual VDCs and dedicated clouds' VDCs merged into one view, with a per-cloud breakdown. */
  cumulativeVdc: CumulativeVdc;
  /** The single-tenant clouds it owns whole. */
  dedicatedClouds: Array<Cloud>;
  /** A slug, e.g. `acme`. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Its organizations in multi-tenant clouds. */
  orgs: Array<TenantOrg>;
  /** Every VM of the tenant, in every cloud. */
  vms: Array<VirtualMachine>;
};

export type TenantOrg = {
  __typename?: 'TenantOrg';
  id: Scalars['ID']['output'];
  /** How it was mapped. */
  mapping?: Maybe<OrgMappingSource>;
  /** The tenant this organization belongs to; null while unmapped. */
  tenant?: Maybe<Tenant>;
  virtualVdc?: Maybe<VirtualVdc>;
  vms?: Maybe<Array<VirtualMachine>>;
};

/** A copy or move of a VM or template from one cloud to another, moved node to node in checksummed chunks. */
export type Transfer = {
  __typename?: 'Transfer';
  /** Bytes the destination node fetched from the source node, resent ones included (the cost of interruptions). */
  bytesSent: Scalars['Float']['output'];
  createdAt: Scalars['String']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** `transfer-<uuid>`; the task id of its events is `<destination cloudId>:<this id>`. */
  id: Scalars['ID']['output'];
  /** Name of the copy at the destination. */
  name: Scalars['String']['output'];
  operation: TaskOperation;
  progress: TransferProgress;
  /** Global id of the copy once done. */
  resultId?: Maybe<Scalars['ID']['output']>;
  /** How many times it resumed from a checkpoint after an interruption. */
  resumes: Scalars['Int']['output'];
  /** Hex SHA-256 of the source's disk, as the source cloud reported it. */
  sourceChecksum?: Maybe<Scalars['String']['output']>;
  sourceCloudId: Scalars['ID']['output'];
  /** Global id of what is copied (a VM or a template). */
  sourceId: Scalars['ID']['output'];
  state: TaskState;
  /** Hex SHA-256 of the copy's disk, as the destination cloud reported it once done. */
  targetChecksum?: Maybe<Scalars['String']['output']>;
  targetCloudId: Scalars['ID']['output'];
  /** Global id of the target VDC (VM copies) or null (template copies go to a catalog). */
  targetVdcId?: Maybe<Scalars['ID']['output']>;
  taskId: Scalars['ID']['output'];
  updatedAt: Scalars['String']['output'];
};

export type TransferPhase =
  | 'CANCELLED'
  /** Chunks moving from the source node to the destination node and into the destination cloud. */
  | 'COPYING'
  | 'DONE'
  | 'FAILED'
  /** Every byte in: the destination cloud is finishing the import (deploy, instantiate, boot). */
  | 'IMPORTING'
  /** Validated; the source cloud is preparing the export (capture, enable download, snapshot). */
  | 'PREPARING'
  /** moveVm: the copy's checksum equals the source's; removing the source VM. */
  | 'REMOVING_SOURCE'
  /** Interrupted (a node or cloud out of reach): resumes from the last acknowledged chunk when it is back. */
  | 'WAITING';

/** Where a transfer is: the phase, and bytes the destination cloud holds. */
export type TransferProgress = {
  __typename?: 'TransferProgress';
  /** Bytes acknowledged by the destination (all files). */
  bytesDone: Scalars['Float']['output'];
  bytesTotal: Scalars['Float']['output'];
  /** 0..100, of bytesTotal. */
  percent: Scalars['Int']['output'];
  phase: TransferPhase;
  /** Bytes per second over the last few seconds of copying; 0 when not copying. */
  rateBytesPerSec: Scalars['Float']['output'];
};

export type VirtualDataCenter = {
  __typename?: 'VirtualDataCenter';
  id: Scalars['ID']['output'];
  vms?: Maybe<Array<VirtualMachine>>;
};

export type VirtualMachine = {
  __typename?: 'VirtualMachine';
  cpuCount?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  memoryMb?: Maybe<Scalars['Int']['output']>;
  org?: Maybe<TenantOrg>;
  powerState?: Maybe<PowerState>;
  /** The tenant owning this VM, in any cloud: through its organization, or its dedicated cloud. */
  tenant?: Maybe<Tenant>;
};

export type VirtualVdc = {
  __typename?: 'VirtualVdc';
  cloud: Cloud;
  cpuLimitMhz: Scalars['Int']['output'];
  cpuUsedMhz: Scalars['Int']['output'];
  memoryLimitMb: Scalars['Int']['output'];
  memoryMb: Scalars['Int']['output'];
  memoryUsedMb: Scalars['Int']['output'];
  poweredOnVmCount: Scalars['Int']['output'];
  storageLimitMb: Scalars['Int']['output'];
  storageUsedMb: Scalars['Int']['output'];
  vcpuCount: Scalars['Int']['output'];
  vdcCount: Scalars['Int']['output'];
  vmCount: Scalars['Int']['output'];
};

export type VmConnection = {
  __typename?: 'VmConnection';
  edges: Array<IndexedVmEdge>;
  pageInfo: PageInfo;
  /** VMs matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Something changed about a VM in one of the clouds. */
export type VmEvent = {
  __typename?: 'VmEvent';
  /** When the node saw it (ISO 8601). */
  at: Scalars['String']['output'];
  cloudId: Scalars['ID']['output'];
  /**
   * The power state this event reports, as the node saw it when the change happened.
   * `vm { powerState }` is the live state when the event is delivered, which a quick
   * off and on has already moved on from.
   */
  powerState?: Maybe<PowerState>;
  previousPowerState?: Maybe<PowerState>;
  previousVdcId?: Maybe<Scalars['ID']['output']>;
  type: VmEventType;
  /** Resolved through the supergraph as the subscriber; a deleted VM still has its last known id, name, power state and size. */
  vm?: Maybe<VirtualMachine>;
};

export type VmEventFilter = {
  cloudId?: InputMaybe<Scalars['ID']['input']>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<VmEventType>>;
};

export type VmEventType =
  | 'POWER_STATE_CHANGED'
  | 'VM_CREATED'
  | 'VM_DELETED'
  | 'VM_MOVED';

export type VmFilter = {
  cloudId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive substring of the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  powerState?: InputMaybe<PowerState>;
  tenantId?: InputMaybe<Scalars['ID']['input']>;
};

export type VmOrder = {
  direction?: OrderDirection;
  field?: VmOrderField;
};

export type VmOrderField =
  | 'CPU_COUNT'
  | 'ID'
  | 'MEMORY_MB'
  | 'NAME';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Cloud: Cloud;
  CumulativeVdc: CumulativeVdc;
  Node: Node;
  Tenant: Tenant;
  TenantOrg: TenantOrg;
  VirtualDataCenter: VirtualDataCenter;
  VirtualMachine: VirtualMachine;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Cloud:
    ( { __typename: 'Cloud' }
    & GraphQLRecursivePick<FederationTypes['Cloud'], {"id":true}> );
  CumulativeVdc:
    ( { __typename: 'CumulativeVdc' }
    & GraphQLRecursivePick<FederationTypes['CumulativeVdc'], {"tenantId":true}> );
  Node:
    ( { __typename: 'Node' }
    & GraphQLRecursivePick<FederationTypes['Node'], {"id":true}> );
  Tenant:
    ( { __typename: 'Tenant' }
    & GraphQLRecursivePick<FederationTypes['Tenant'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"virtualVdc":{"cloud":{"id":true},"vdcCount":true,"vmCount":true,"poweredOnVmCount":true,"vcpuCount":true,"memoryMb":true,"cpuLimitMhz":true,"memoryLimitMb":true,"storageLimitMb":true,"cpuUsedMhz":true,"memoryUsedMb":true,"storageUsedMb":true}},"dedicatedClouds":{"vdcs":{"vms":{"powerState":true,"cpuCount":true,"memoryMb":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"vms":{"id":true}},"dedicatedClouds":{"vdcs":{"vms":{"id":true}}}}>
        | GraphQLRecursivePick<FederationTypes['Tenant'], {"orgs":{"vms":{"id":true}},"dedicatedClouds":{"vdcs":{"vms":{"id":true}}}}> ) );
  TenantOrg:
    ( { __typename: 'TenantOrg' }
    & GraphQLRecursivePick<FederationTypes['TenantOrg'], {"id":true}> );
  VirtualDataCenter:
    ( { __typename: 'VirtualDataCenter' }
    & GraphQLRecursivePick<FederationTypes['VirtualDataCenter'], {"id":true}> );
  VirtualMachine:
    ( { __typename: 'VirtualMachine' }
    & GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['VirtualMachine'], {"org":{"id":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Catalog: ResolverTypeWrapper<Omit<Catalog, 'cloud' | 'items' | 'subscriptions'> & { cloud?: Maybe<ResolversTypes['Cloud']>, items: Array<ResolversTypes['CatalogItem']>, subscriptions: Array<ResolversTypes['CatalogSubscription']> }>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CatalogAvailability: ResolverTypeWrapper<Omit<CatalogAvailability, 'cloud'> & { cloud?: Maybe<ResolversTypes['Cloud']> }>;
  CatalogItem: ResolverTypeWrapper<Omit<CatalogItem, 'availableIn'> & { availableIn: Array<ResolversTypes['CatalogAvailability']> }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CatalogItemState: CatalogItemState;
  CatalogSubscription: ResolverTypeWrapper<Omit<CatalogSubscription, 'cloud'> & { cloud?: Maybe<ResolversTypes['Cloud']> }>;
  Cloud: ResolverTypeWrapper<CloudRefModel>;
  CloudFreshness: ResolverTypeWrapper<CloudFreshnessModel>;
  CopyTemplateInput: CopyTemplateInput;
  CopyVmInput: CopyVmInput;
  CumulativeVdc: ResolverTypeWrapper<TenantCumulativeVdcModel>;
  CumulativeVdcPart: ResolverTypeWrapper<CumulativeVdcPartModel>;
  CumulativeVdcPartSource: CumulativeVdcPartSource;
  IndexedVm: ResolverTypeWrapper<IndexedVm>;
  IndexedVmEdge: ResolverTypeWrapper<VmEdgeModel>;
  LogLevel: LogLevel;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<NodeModel>;
  NodeConfig: ResolverTypeWrapper<NodeConfigModel>;
  NodeKind: NodeKind;
  NodeOrigin: NodeOrigin;
  NodeSettings: ResolverTypeWrapper<NodeSettings>;
  NodeSettingsInput: NodeSettingsInput;
  NodeStatus: NodeStatus;
  NodeStatusEvent: ResolverTypeWrapper<NodeStatusEvent>;
  OrderDirection: OrderDirection;
  OrgDiscovery: ResolverTypeWrapper<OrgDiscoveryModel>;
  OrgMappingSource: OrgMappingSource;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PowerState: PowerState;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegistrationToken: ResolverTypeWrapper<RegistrationTokenModel>;
  SubscribeCatalogInput: SubscribeCatalogInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaskEvent: ResolverTypeWrapper<Omit<TaskEvent, 'vm'> & { vm?: Maybe<ResolversTypes['VirtualMachine']> }>;
  TaskOperation: TaskOperation;
  TaskState: TaskState;
  Tenant: ResolverTypeWrapper<TenantModel>;
  TenantOrg: ResolverTypeWrapper<OrgRefModel>;
  Transfer: ResolverTypeWrapper<Transfer>;
  TransferPhase: TransferPhase;
  TransferProgress: ResolverTypeWrapper<TransferProgress>;
  VirtualDataCenter: ResolverTypeWrapper<VdcRefModel>;
  VirtualMachine: ResolverTypeWrapper<VmRefModel>;
  VirtualVdc: ResolverTypeWrapper<Omit<VirtualVdc, 'cloud'> & { cloud: ResolversTypes['Cloud'] }>;
  VmConnection: ResolverTypeWrapper<VmConnectionModel>;
  VmEvent: ResolverTypeWrapper<Omit<VmEvent, 'vm'> & { vm?: Maybe<ResolversTypes['VirtualMachine']> }>;
  VmEventFilter: VmEventFilter;
  VmEventType: VmEventType;
  VmFilter: VmFilter;
  VmOrder: VmOrder;
  VmOrderField: VmOrderField;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Catalog: Omit<Catalog, 'cloud' | 'items' | 'subscriptions'> & { cloud?: Maybe<ResolversParentTypes['Cloud']>, items: Array<ResolversParentTypes['CatalogItem']>, subscriptions: Array<ResolversParentTypes['CatalogSubscription']> };
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  CatalogAvailability: Omit<CatalogAvailability, 'cloud'> & { cloud?: Maybe<ResolversParentTypes['Cloud']> };
  CatalogItem: Omit<CatalogItem, 'availableIn'> & { availableIn: Array<ResolversParentTypes['CatalogAvailability']> };
  Boolean: Scalars['Boolean']['output'];
  Float: Scalars['Float']['output'];
  CatalogSubscription: Omit<CatalogSubscription, 'cloud'> & { cloud?: Maybe<ResolversParentTypes['Cloud']> };
  Cloud: CloudRefModel;
  CloudFreshness: CloudFreshnessModel;
  CopyTemplateInput: CopyTemplateInput;
  CopyVmInput: CopyVmInput;
  CumulativeVdc: TenantCumulativeVdcModel;
  CumulativeVdcPart: CumulativeVdcPartModel;
  IndexedVm: IndexedVm;
  IndexedVmEdge: VmEdgeModel;
  Mutation: Record<PropertyKey, never>;
  Node: NodeModel;
  NodeConfig: NodeConfigModel;
  NodeSettings: NodeSettings;
  NodeSettingsInput: NodeSettingsInput;
  NodeStatusEvent: NodeStatusEvent;
  OrgDiscovery: OrgDiscoveryModel;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegistrationToken: RegistrationTokenModel;
  SubscribeCatalogInput: SubscribeCatalogInput;
  Subscription: Record<PropertyKey, never>;
  TaskEvent: Omit<TaskEvent, 'vm'> & { vm?: Maybe<ResolversParentTypes['VirtualMachine']> };
  Tenant: TenantModel;
  TenantOrg: OrgRefModel;
  Transfer: Transfer;
  TransferProgress: TransferProgress;
  VirtualDataCenter: VdcRefModel;
  VirtualMachine: VmRefModel;
  VirtualVdc: Omit<VirtualVdc, 'cloud'> & { cloud: ResolversParentTypes['Cloud'] };
  VmConnection: VmConnectionModel;
  VmEvent: Omit<VmEvent, 'vm'> & { vm?: Maybe<ResolversParentTypes['VirtualMachine']> };
  VmEventFilter: VmEventFilter;
  VmFilter: VmFilter;
  VmOrder: VmOrder;
}>;

export type CatalogResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Catalog'] = ResolversParentTypes['Catalog']> = ResolversObject<{
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['CatalogItem']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subscriptions?: Resolver<Array<ResolversTypes['CatalogSubscription']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CatalogAvailabilityResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CatalogAvailability'] = ResolversParentTypes['CatalogAvailability']> = ResolversObject<{
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['CatalogItemState'], ParentType, ContextType>;
  syncedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  templateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type CatalogItemResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CatalogItem'] = ResolversParentTypes['CatalogItem']> = ResolversObject<{
  availableIn?: Resolver<Array<ResolversTypes['CatalogAvailability']>, ParentType, ContextType>;
  checksum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  templateId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CatalogSubscriptionResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CatalogSubscription'] = ResolversParentTypes['CatalogSubscription']> = ResolversObject<{
  catalogId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastSyncAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextSyncAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  propagateDeletes?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  syncIntervalSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  syncedVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  syncing?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  targetCatalog?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type CloudResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Cloud'] = ResolversParentTypes['Cloud'], FederationReferenceType extends FederationReferenceTypes['Cloud'] = FederationReferenceTypes['Cloud']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Cloud']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type CloudFreshnessResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CloudFreshness'] = ResolversParentTypes['CloudFreshness']> = ResolversObject<{
  cloud?: Resolver<ResolversTypes['Cloud'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  syncedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CumulativeVdcResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CumulativeVdc'] = ResolversParentTypes['CumulativeVdc'], FederationReferenceType extends FederationReferenceTypes['CumulativeVdc'] = FederationReferenceTypes['CumulativeVdc']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['CumulativeVdc']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cpuLimitMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  parts?: Resolver<Array<ResolversTypes['CumulativeVdcPart']>, ParentType, ContextType>;
  poweredOnVmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  storageUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  vcpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CumulativeVdcPartResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['CumulativeVdcPart'] = ResolversParentTypes['CumulativeVdcPart']> = ResolversObject<{
  cloud?: Resolver<ResolversTypes['Cloud'], ParentType, ContextType>;
  cpuLimitMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cpuUsedMhz?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  poweredOnVmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['CumulativeVdcPartSource'], ParentType, ContextType>;
  storageLimitMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  storageUsedMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  vcpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vdcCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  vmCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type IndexedVmResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['IndexedVm'] = ResolversParentTypes['IndexedVm']> = ResolversObject<{
  cpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  powerState?: Resolver<ResolversTypes['PowerState'], ParentType, ContextType>;
  stale?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  syncedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type IndexedVmEdgeResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['IndexedVmEdge'] = ResolversParentTypes['IndexedVmEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastKnown?: Resolver<ResolversTypes['IndexedVm'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['VirtualMachine'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelTransfer?: Resolver<ResolversTypes['Transfer'], ParentType, ContextType, RequireFields<MutationCancelTransferArgs, 'id'>>;
  configureNode?: Resolver<ResolversTypes['NodeConfig'], ParentType, ContextType, RequireFields<MutationConfigureNodeArgs, 'id' | 'settings'>>;
  configureNodes?: Resolver<Array<ResolversTypes['NodeConfig']>, ParentType, ContextType, RequireFields<MutationConfigureNodesArgs, 'kind' | 'settings'>>;
  copyTemplate?: Resolver<ResolversTypes['Transfer'], ParentType, ContextType, RequireFields<MutationCopyTemplateArgs, 'input'>>;
  copyVm?: Resolver<ResolversTypes['Transfer'], ParentType, ContextType, RequireFields<MutationCopyVmArgs, 'input'>>;
  createRegistrationToken?: Resolver<ResolversTypes['RegistrationToken'], ParentType, ContextType, RequireFields<MutationCreateRegistrationTokenArgs, 'cloudId' | 'kind' | 'ttlSeconds'>>;
  deregisterNode?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeregisterNodeArgs, 'id'>>;
  discoverOrgs?: Resolver<ResolversTypes['OrgDiscovery'], ParentType, ContextType>;
  mapOrgToTenant?: Resolver<ResolversTypes['TenantOrg'], ParentType, ContextType, RequireFields<MutationMapOrgToTenantArgs, 'orgId' | 'tenantId'>>;
  moveVm?: Resolver<ResolversTypes['Transfer'], ParentType, ContextType, RequireFields<MutationMoveVmArgs, 'input'>>;
  publishCatalog?: Resolver<ResolversTypes['Catalog'], ParentType, ContextType, RequireFields<MutationPublishCatalogArgs, 'cloudId' | 'name'>>;
  subscribeCatalog?: Resolver<ResolversTypes['CatalogSubscription'], ParentType, ContextType, RequireFields<MutationSubscribeCatalogArgs, 'input'>>;
  syncCatalog?: Resolver<ResolversTypes['Catalog'], ParentType, ContextType, RequireFields<MutationSyncCatalogArgs, 'id'>>;
  syncInventory?: Resolver<Array<ResolversTypes['CloudFreshness']>, ParentType, ContextType>;
  unmapOrg?: Resolver<ResolversTypes['TenantOrg'], ParentType, ContextType, RequireFields<MutationUnmapOrgArgs, 'orgId'>>;
  unpublishCatalog?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUnpublishCatalogArgs, 'id'>>;
  unsubscribeCatalog?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUnsubscribeCatalogArgs, 'id'>>;
}>;

export type NodeResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node'], FederationReferenceType extends FederationReferenceTypes['Node'] = FederationReferenceTypes['Node']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Node']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cloud?: Resolver<Maybe<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  cloudLatencyMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  cloudReachable?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  config?: Resolver<Maybe<ResolversTypes['NodeConfig']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NodeKind'], ParentType, ContextType>;
  lastSeen?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  origin?: Resolver<ResolversTypes['NodeOrigin'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['NodeStatus'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type NodeConfigResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['NodeConfig'] = ResolversParentTypes['NodeConfig']> = ResolversObject<{
  appliedVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  settings?: Resolver<ResolversTypes['NodeSettings'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type NodeSettingsResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['NodeSettings'] = ResolversParentTypes['NodeSettings']> = ResolversObject<{
  logLevel?: Resolver<Maybe<ResolversTypes['LogLevel']>, ParentType, ContextType>;
  metricsSamplingIntervalMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
}>;

export type NodeStatusEventResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['NodeStatusEvent'] = ResolversParentTypes['NodeStatusEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NodeKind'], ParentType, ContextType>;
  nodeId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  previous?: Resolver<Maybe<ResolversTypes['NodeStatus']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['NodeStatus'], ParentType, ContextType>;
}>;

export type OrgDiscoveryResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['OrgDiscovery'] = ResolversParentTypes['OrgDiscovery']> = ResolversObject<{
  matched?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
  orgCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unmapped?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  catalog?: Resolver<Maybe<ResolversTypes['Catalog']>, ParentType, ContextType, RequireFields<QueryCatalogArgs, 'id'>>;
  catalogs?: Resolver<Array<ResolversTypes['Catalog']>, ParentType, ContextType>;
  inventoryFreshness?: Resolver<Array<ResolversTypes['CloudFreshness']>, ParentType, ContextType>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<ResolversTypes['Node']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType, RequireFields<QueryTenantArgs, 'id'>>;
  tenants?: Resolver<Array<ResolversTypes['Tenant']>, ParentType, ContextType>;
  transfer?: Resolver<Maybe<ResolversTypes['Transfer']>, ParentType, ContextType, RequireFields<QueryTransferArgs, 'id'>>;
  transfers?: Resolver<Array<ResolversTypes['Transfer']>, ParentType, ContextType, RequireFields<QueryTransfersArgs, 'first'>>;
  vms?: Resolver<ResolversTypes['VmConnection'], ParentType, ContextType, RequireFields<QueryVmsArgs, 'first'>>;
  vmsByIds?: Resolver<Array<Maybe<ResolversTypes['VirtualMachine']>>, ParentType, ContextType, RequireFields<QueryVmsByIdsArgs, 'ids'>>;
}>;

export type RegistrationTokenResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['RegistrationToken'] = ResolversParentTypes['RegistrationToken']> = ResolversObject<{
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['NodeKind'], ParentType, ContextType>;
  token?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  nodeStatus?: SubscriptionResolver<ResolversTypes['NodeStatusEvent'], "nodeStatus", ParentType, ContextType>;
  taskProgress?: SubscriptionResolver<ResolversTypes['TaskEvent'], "taskProgress", ParentType, ContextType, Partial<SubscriptionTaskProgressArgs>>;
  vmEvents?: SubscriptionResolver<ResolversTypes['VmEvent'], "vmEvents", ParentType, ContextType, Partial<SubscriptionVmEventsArgs>>;
}>;

export type TaskEventResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['TaskEvent'] = ResolversParentTypes['TaskEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['TaskOperation'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TaskState'], ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  transfer?: Resolver<Maybe<ResolversTypes['TransferProgress']>, ParentType, ContextType>;
  vm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
  vmId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type TenantResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant'], FederationReferenceType extends FederationReferenceTypes['Tenant'] = FederationReferenceTypes['Tenant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Tenant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  clouds?: Resolver<Array<ResolversTypes['Cloud']>, ParentType, ContextType>;
  cumulativeVdc?: Resolver<ResolversTypes['CumulativeVdc'], ParentType, ContextType>;
  dedicatedClouds?: Resolver<Array<ResolversTypes['Cloud']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  orgs?: Resolver<Array<ResolversTypes['TenantOrg']>, ParentType, ContextType>;
  vms?: Resolver<Array<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
}>;

export type TenantOrgResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['TenantOrg'] = ResolversParentTypes['TenantOrg'], FederationReferenceType extends FederationReferenceTypes['TenantOrg'] = FederationReferenceTypes['TenantOrg']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TenantOrg']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mapping?: Resolver<Maybe<ResolversTypes['OrgMappingSource']>, ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type TransferResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['Transfer'] = ResolversParentTypes['Transfer']> = ResolversObject<{
  bytesSent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operation?: Resolver<ResolversTypes['TaskOperation'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['TransferProgress'], ParentType, ContextType>;
  resultId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  resumes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sourceChecksum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceCloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  sourceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['TaskState'], ParentType, ContextType>;
  targetChecksum?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  targetCloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  targetVdcId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  taskId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type TransferProgressResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['TransferProgress'] = ResolversParentTypes['TransferProgress']> = ResolversObject<{
  bytesDone?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  bytesTotal?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  percent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  phase?: Resolver<ResolversTypes['TransferPhase'], ParentType, ContextType>;
  rateBytesPerSec?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type VirtualDataCenterResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VirtualDataCenter'] = ResolversParentTypes['VirtualDataCenter'], FederationReferenceType extends FederationReferenceTypes['VirtualDataCenter'] = FederationReferenceTypes['VirtualDataCenter']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualDataCenter']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type VirtualMachineResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VirtualMachine'] = ResolversParentTypes['VirtualMachine'], FederationReferenceType extends FederationReferenceTypes['VirtualMachine'] = FederationReferenceTypes['VirtualMachine']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['VirtualMachine']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
}>;

export type VmConnectionResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VmConnection'] = ResolversParentTypes['VmConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['IndexedVmEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type VmEventResolvers<ContextType = ControlContext, ParentType extends ResolversParentTypes['VmEvent'] = ResolversParentTypes['VmEvent']> = ResolversObject<{
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cloudId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  powerState?: Resolver<Maybe<ResolversTypes['PowerState']>, ParentType, ContextType>;
  previousPowerState?: Resolver<Maybe<ResolversTypes['PowerState']>, ParentType, ContextType>;
  previousVdcId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['VmEventType'], ParentType, ContextType>;
  vm?: Resolver<Maybe<ResolversTypes['VirtualMachine']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = ControlContext> = ResolversObject<{
  Catalog?: CatalogResolvers<ContextType>;
  CatalogAvailability?: CatalogAvailabilityResolvers<ContextType>;
  CatalogItem?: CatalogItemResolvers<ContextType>;
  CatalogSubscription?: CatalogSubscriptionResolvers<ContextType>;
  Cloud?: CloudResolvers<ContextType>;
  CloudFreshness?: CloudFreshnessResolvers<ContextType>;
  CumulativeVdc?: CumulativeVdcResolvers<ContextType>;
  CumulativeVdcPart?: CumulativeVdcPartResolvers<ContextType>;
  IndexedVm?: IndexedVmResolvers<ContextType>;
  IndexedVmEdge?: IndexedVmEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  NodeConfig?: NodeConfigResolvers<ContextType>;
  NodeSettings?: NodeSettingsResolvers<ContextType>;
  NodeStatusEvent?: NodeStatusEventResolvers<ContextType>;
  OrgDiscovery?: OrgDiscoveryResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RegistrationToken?: RegistrationTokenResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TaskEvent?: TaskEventResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TenantOrg?: TenantOrgResolvers<ContextType>;
  Transfer?: TransferResolvers<ContextType>;
  TransferProgress?: TransferProgressResolvers<ContextType>;
  VirtualDataCenter?: VirtualDataCenterResolvers<ContextType>;
  VirtualMachine?: VirtualMachineResolvers<ContextType>;
  VmConnection?: VmConnectionResolvers<ContextType>;
  VmEvent?: VmEventResolvers<ContextType>;
}>;

