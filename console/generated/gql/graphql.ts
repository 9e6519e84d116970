/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type BillingPeriodState =
  | 'CLOSED'
  | 'OPEN';

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

/** What a rate detail charges for (ManageIQ's chargeable fields). */
export type ChargeableField =
  /** Allocated vCPUs. */
  | 'CPU_ALLOCATED'
  /** Used CPU (MHz). */
  | 'CPU_USED'
  /** A fixed charge per VM and hour it exists. */
  | 'FIXED'
  /** Allocated memory. */
  | 'MEMORY_ALLOCATED'
  /** Used (consumed) memory. */
  | 'MEMORY_USED'
  /** Network throughput. */
  | 'NETWORK_USED'
  /** Allocated (provisioned) storage. */
  | 'STORAGE_ALLOCATED'
  /** Used storage. */
  | 'STORAGE_USED';

/** The management API a cloud speaks. */
export type CloudKind =
  /** Cloud-Director-style multi-tenant cloud */
  | 'DIRECTOR'
  /** Public-cloud account (OpenStack Nova-style compute API) */
  | 'NOVA'
  /** vCenter-style private data centre (vSphere Automation API) */
  | 'VSPHERE';

export type CopyVmInput = {
  /** Name of the copy (default: the source VM's name). */
  name?: string | null | undefined;
  /** Global id of the VDC, in another cloud, to copy it into. */
  targetVdcId: string | number;
  /** Global id of the VM to copy. */
  vmId: string | number;
};

export type CumulativeVdcPartSource =
  /** A whole single-tenant cloud. */
  | 'DEDICATED_CLOUD'
  /** An organization's virtual VDC in a multi-tenant cloud. */
  | 'ORG';

export type InvoiceLineKind =
  /** Usage of an earlier, already invoiced month that arrived after it was closed (or a change to it). */
  | 'CORRECTION'
  /** Usage of the invoice's month. */
  | 'USAGE';

/** A node's log level. */
export type LogLevel =
  | 'DEBUG'
  | 'ERROR'
  | 'INFO'
  | 'WARN';

/** The kinds of node that run next to clouds. */
export type NodeKind =
  | 'CLOUD_NODE'
  | 'SP_NODE';

export type NodeOrigin =
  | 'CONFIGURED'
  | 'REGISTERED';

export type NodeStatus =
  /** The node answers, but its cloud's API does not (queries for the cloud answer CLOUD_UNAVAILABLE at once) or answers slower than `degradedLatencyMs`. */
  | 'DEGRADED'
  | 'DOWN'
  /** Not health-checked yet. */
  | 'UNKNOWN'
  | 'UP';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Whole UTC hours: `start` inclusive, `end` exclusive, each `YYYY-MM-DDTHH:00:00Z`. */
export type PeriodInput = {
  end: string;
  start: string;
};

export type PowerState =
  | 'POWERED_OFF'
  | 'POWERED_ON'
  | 'SUSPENDED';

/** The unit a rate is quoted per. */
export type RateUnit =
  | 'GB'
  | 'GHZ'
  | 'KBPS'
  | 'MB'
  | 'MBPS'
  | 'MHZ'
  | 'TB'
  | 'VCPU'
  /** The FIXED field: per VM. */
  | 'VM';

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

export type VmEventType =
  | 'POWER_STATE_CHANGED'
  | 'VM_CREATED'
  | 'VM_DELETED'
  | 'VM_MOVED';

export type VmFilter = {
  cloudId?: string | number | null | undefined;
  /** Case-insensitive substring of the name. */
  nameContains?: string | null | undefined;
  powerState?: PowerState | null | undefined;
  tenantId?: string | number | null | undefined;
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

export type BillingTenantChargesQueryVariables = Exact<{
  period: PeriodInput;
}>;


export type BillingTenantChargesQuery = { tenants: Array<{ id: string, name: string, charges: { currency: string, total: number, fields: Array<{ field: ChargeableField, cost: number }> } }>, billingPeriods: Array<{ month: string, state: BillingPeriodState, closedAt: string | null }> };

export type BillingOwnChargesQueryVariables = Exact<{
  id: string | number;
  period: PeriodInput;
}>;


export type BillingOwnChargesQuery = { tenant: { id: string, name: string, charges: { currency: string, total: number, fields: Array<{ field: ChargeableField, cost: number }>, clouds: Array<{ cloudId: string, total: number, cloud: { name: string | null } | null, vdcs: Array<{ vdcId: string, total: number, vdc: { name: string | null } | null, vms: Array<{ vmId: string, vmName: string, hours: number, rateCardName: string, total: number, fields: Array<{ field: ChargeableField, cost: number }> }> }> }> } } | null };

export type BillingInvoicesQueryVariables = Exact<{
  month: string;
}>;


export type BillingInvoicesQuery = { invoices: Array<{ id: string, tenantId: string, currency: string, issuedAt: string, total: number, tenant: { name: string } | null, lines: Array<{ kind: InvoiceLineKind, month: string, cloudId: string, vdcId: string, vmId: string, vmName: string, field: ChargeableField, hours: number, quantity: number, unit: RateUnit, cost: number }> }> };

export type CatalogsQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogsQuery = { catalogs: Array<{ id: string, name: string, cloudId: string, version: number, publishedAt: string, cloud: { id: string, name: string | null } | null, items: Array<{ id: string, name: string, version: number, checksum: string | null, sizeBytes: number, deleted: boolean, availableIn: Array<{ cloudId: string, version: number | null, syncedAt: string | null, state: CatalogItemState }> }>, subscriptions: Array<{ id: string, cloudId: string, targetCatalog: string, syncedVersion: number | null, lastSyncAt: string | null, nextSyncAt: string | null, syncing: boolean, lastError: string | null, cloud: { id: string, name: string | null } | null }> }> };

export type SyncCatalogMutationVariables = Exact<{
  id: string | number;
}>;


export type SyncCatalogMutation = { syncCatalog: { id: string, version: number } };

export type InventoryPageQueryVariables = Exact<{
  filter?: VmFilter | null | undefined;
  orderBy?: VmOrder | null | undefined;
  first: number;
  after?: string | null | undefined;
  withTenant: boolean;
}>;


export type InventoryPageQuery = { vms: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, edges: Array<{ cursor: string, node: { id: string, tenant?: { id: string, name: string } | null }, lastKnown: { name: string, powerState: PowerState, cpuCount: number, memoryMb: number, syncedAt: string | null, stale: boolean } }> } };

export type InventoryFreshnessQueryVariables = Exact<{ [key: string]: never; }>;


export type InventoryFreshnessQuery = { inventoryFreshness: Array<{ syncedAt: string | null, stale: boolean, lastError: string | null, vmCount: number, cloud: { id: string, name: string | null } }> };

export type InventoryChoicesQueryVariables = Exact<{
  withTenants: boolean;
}>;


export type InventoryChoicesQuery = { clouds: Array<{ id: string, name: string | null }>, tenants?: Array<{ id: string, name: string }> };

export type NodeRegistryQueryVariables = Exact<{ [key: string]: never; }>;


export type NodeRegistryQuery = { nodes: Array<{ id: string, kind: NodeKind, cloudId: string, url: string, status: NodeStatus, cloudReachable: boolean | null, cloudLatencyMs: number | null, latencyMs: number | null, lastSeen: string | null, version: string | null, origin: NodeOrigin, cloud: { id: string, name: string | null } | null, config: { version: number, appliedVersion: number, updatedAt: string, settings: { logLevel: LogLevel | null, metricsSamplingIntervalMs: number | null } } | null }> };

export type OverviewNodesQueryVariables = Exact<{ [key: string]: never; }>;


export type OverviewNodesQuery = { nodes: Array<{ id: string, kind: NodeKind, cloudId: string, status: NodeStatus, cloudReachable: boolean | null, lastSeen: string | null }> };

export type OverviewCloudsQueryVariables = Exact<{ [key: string]: never; }>;


export type OverviewCloudsQuery = { clouds: Array<{ id: string, name: string | null, kind: CloudKind | null, tenant: { id: string, name: string } | null, vdcs: Array<{ id: string, vms: Array<{ id: string, powerState: PowerState | null }> | null }> | null, provider: { orgCount: number, vdcCount: number, cpuCapacityMhz: number, cpuAllocatedMhz: number, memoryCapacityMb: number, memoryAllocatedMb: number, storageCapacityMb: number, storageAllocatedMb: number } | null }> };

export type OverviewTenantsQueryVariables = Exact<{ [key: string]: never; }>;


export type OverviewTenantsQuery = { tenants: Array<{ id: string, name: string, cumulativeVdc: { vdcCount: number, vmCount: number, poweredOnVmCount: number, vcpuCount: number, memoryMb: number, cpuLimitMhz: number | null, memoryLimitMb: number | null, storageLimitMb: number | null, cpuUsedMhz: number | null, memoryUsedMb: number | null, storageUsedMb: number | null } }> };

export type BusiestUsageQueryVariables = Exact<{
  period: PeriodInput;
  after?: string | null | undefined;
}>;


export type BusiestUsageQuery = { usageRecords: { endCursor: string | null, hasNextPage: boolean, records: Array<{ vmId: string, vmName: string, cloudId: string, tenantId: string | null, hour: string, vcpuMax: number, cpuUsedMhz: number | null }> } };

export type TenantHomeQueryVariables = Exact<{
  id: string | number;
}>;


export type TenantHomeQuery = { tenant: { id: string, name: string, clouds: Array<{ id: string, name: string | null, kind: CloudKind | null }>, orgs: Array<{ id: string, name: string | null, fullName: string | null, cloud: { id: string, name: string | null, kind: CloudKind | null } | null, virtualVdc: { cpuUnlimited: boolean, memoryUnlimited: boolean, storageUnlimited: boolean } | null, vdcs: Array<{ id: string, name: string | null, vms: Array<{ id: string, powerState: PowerState | null, cpuCount: number | null, memoryMb: number | null }> | null }> | null }>, dedicatedClouds: Array<{ id: string, name: string | null, kind: CloudKind | null, vdcs: Array<{ id: string, name: string | null, vms: Array<{ id: string, powerState: PowerState | null, cpuCount: number | null, memoryMb: number | null }> | null }> | null }>, cumulativeVdc: { vdcCount: number, vmCount: number, poweredOnVmCount: number, vcpuCount: number, memoryMb: number, cpuLimitMhz: number | null, memoryLimitMb: number | null, storageLimitMb: number | null, cpuUsedMhz: number | null, memoryUsedMb: number | null, storageUsedMb: number | null, parts: Array<{ source: CumulativeVdcPartSource, vdcCount: number, vmCount: number, poweredOnVmCount: number, vcpuCount: number, memoryMb: number, cpuLimitMhz: number | null, memoryLimitMb: number | null, storageLimitMb: number | null, cpuUsedMhz: number | null, memoryUsedMb: number | null, storageUsedMb: number | null, cloud: { id: string, name: string | null, kind: CloudKind | null } }> } } | null };

export type TenantVmEventsSubscriptionVariables = Exact<{
  tenantId?: string | number | null | undefined;
}>;


export type TenantVmEventsSubscription = { vmEvents: { type: VmEventType, cloudId: string, at: string } };

export type TransfersQueryVariables = Exact<{
  first: number;
}>;


export type TransfersQuery = { transfers: Array<{ id: string, taskId: string, operation: TaskOperation, sourceId: string, sourceCloudId: string, targetCloudId: string, targetVdcId: string | null, name: string, state: TaskState, sourceChecksum: string | null, targetChecksum: string | null, resultId: string | null, resumes: number, error: string | null, createdAt: string, updatedAt: string, progress: { phase: TransferPhase, bytesDone: number, bytesTotal: number, percent: number, rateBytesPerSec: number } }> };

export type TransferProgressSubscriptionVariables = Exact<{
  taskId: string | number;
}>;


export type TransferProgressSubscription = { taskProgress: { taskId: string, state: TaskState, error: string | null, at: string, transfer: { phase: TransferPhase, bytesDone: number, bytesTotal: number, percent: number, rateBytesPerSec: number } | null } };

export type CancelTransferMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelTransferMutation = { cancelTransfer: { id: string, state: TaskState, error: string | null, progress: { phase: TransferPhase, bytesDone: number, bytesTotal: number, percent: number, rateBytesPerSec: number } } };

export type TransferPlacesQueryVariables = Exact<{ [key: string]: never; }>;


export type TransferPlacesQuery = { clouds: Array<{ id: string, name: string | null, vdcs: Array<{ id: string, name: string | null }> | null }> };

export type OverviewNodeStatusSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OverviewNodeStatusSubscription = { nodeStatus: { nodeId: string, status: NodeStatus } };

export type OverviewVmEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OverviewVmEventsSubscription = { vmEvents: { type: VmEventType, cloudId: string } };

export type CopyTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type CopyTargetsQuery = { clouds: Array<{ id: string, name: string | null, kind: CloudKind | null, vdcs: Array<{ id: string, name: string | null }> | null }> };

export type CopyVmMutationVariables = Exact<{
  input: CopyVmInput;
}>;


export type CopyVmMutation = { copyVm: { id: string, taskId: string, name: string, state: TaskState, targetCloudId: string, targetVdcId: string | null, progress: { phase: TransferPhase, percent: number, rateBytesPerSec: number } } };

export type VmDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type VmDetailQuery = { vm: { id: string, name: string | null, powerState: PowerState | null, cpuCount: number | null, memoryMb: number | null, cloud: { id: string, name: string | null, kind: CloudKind | null } | null, vdc: { id: string, name: string | null } | null, org: { id: string, name: string | null } | null, tenant: { id: string, name: string } | null } | null };

export type VmPowerEventsSubscriptionVariables = Exact<{
  cloudId: string | number;
}>;


export type VmPowerEventsSubscription = { vmEvents: { type: VmEventType, at: string, powerState: PowerState | null, vm: { id: string } | null } };

export type VmTaskProgressSubscriptionVariables = Exact<{
  vmId: string | number;
}>;


export type VmTaskProgressSubscription = { taskProgress: { taskId: string, operation: TaskOperation, vmId: string, state: TaskState, progress: number, error: string | null, at: string, vm: { id: string, powerState: PowerState | null } | null, transfer: { phase: TransferPhase, percent: number, rateBytesPerSec: number } | null } };

export type VmTaskQueryVariables = Exact<{
  id: string | number;
}>;


export type VmTaskQuery = { task: { id: string, operation: TaskOperation, vmId: string, state: TaskState, progress: number, error: string | null, at: string, vm: { id: string, powerState: PowerState | null } | null } | null };

export type PowerOnVmMutationVariables = Exact<{
  id: string | number;
}>;


export type PowerOnVmMutation = { powerOnVm: { id: string, powerState: PowerState | null } | null };

export type PowerOffVmMutationVariables = Exact<{
  id: string | number;
}>;


export type PowerOffVmMutation = { powerOffVm: { id: string, powerState: PowerState | null } | null };


export const BillingTenantChargesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BillingTenantCharges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"charges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"billingPeriods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}}]}}]}}]} as unknown as DocumentNode<BillingTenantChargesQuery, BillingTenantChargesQueryVariables>;
export const BillingOwnChargesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BillingOwnCharges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"charges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}}]}},{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vdcId"}},{"kind":"Field","name":{"kind":"Name","value":"vdc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"vms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vmId"}},{"kind":"Field","name":{"kind":"Name","value":"vmName"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"rateCardName"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BillingOwnChargesQuery, BillingOwnChargesQueryVariables>;
export const BillingInvoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BillingInvoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"invoices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"vdcId"}},{"kind":"Field","name":{"kind":"Name","value":"vmId"}},{"kind":"Field","name":{"kind":"Name","value":"vmName"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"hours"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"cost"}}]}}]}}]}}]} as unknown as DocumentNode<BillingInvoicesQuery, BillingInvoicesQueryVariables>;
export const CatalogsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalogs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"catalogs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"checksum"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"deleted"}},{"kind":"Field","name":{"kind":"Name","value":"availableIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targetCatalog"}},{"kind":"Field","name":{"kind":"Name","value":"syncedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"lastSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextSyncAt"}},{"kind":"Field","name":{"kind":"Name","value":"syncing"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]}}]} as unknown as DocumentNode<CatalogsQuery, CatalogsQueryVariables>;
export const SyncCatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SyncCatalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"syncCatalog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<SyncCatalogMutation, SyncCatalogMutationVariables>;
export const InventoryPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InventoryPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VmFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VmOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withTenant"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vms"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withTenant"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastKnown"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}}]}}]}}]}}]}}]} as unknown as DocumentNode<InventoryPageQuery, InventoryPageQueryVariables>;
export const InventoryFreshnessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InventoryFreshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inventoryFreshness"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"syncedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stale"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"vmCount"}}]}}]}}]} as unknown as DocumentNode<InventoryFreshnessQuery, InventoryFreshnessQueryVariables>;
export const InventoryChoicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"InventoryChoices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withTenants"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenants"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withTenants"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<InventoryChoicesQuery, InventoryChoicesQueryVariables>;
export const NodeRegistryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeRegistry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cloudReachable"}},{"kind":"Field","name":{"kind":"Name","value":"cloudLatencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"config"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"appliedVersion"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logLevel"}},{"kind":"Field","name":{"kind":"Name","value":"metricsSamplingIntervalMs"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NodeRegistryQuery, NodeRegistryQueryVariables>;
export const OverviewNodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverviewNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cloudReachable"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeen"}}]}}]}}]} as unknown as DocumentNode<OverviewNodesQuery, OverviewNodesQueryVariables>;
export const OverviewCloudsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverviewClouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orgCount"}},{"kind":"Field","name":{"kind":"Name","value":"vdcCount"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCapacityMhz"}},{"kind":"Field","name":{"kind":"Name","value":"cpuAllocatedMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryCapacityMb"}},{"kind":"Field","name":{"kind":"Name","value":"memoryAllocatedMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageCapacityMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageAllocatedMb"}}]}}]}}]}}]} as unknown as DocumentNode<OverviewCloudsQuery, OverviewCloudsQueryVariables>;
export const OverviewTenantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverviewTenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeVdc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vdcCount"}},{"kind":"Field","name":{"kind":"Name","value":"vmCount"}},{"kind":"Field","name":{"kind":"Name","value":"poweredOnVmCount"}},{"kind":"Field","name":{"kind":"Name","value":"vcpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuLimitMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuUsedMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryUsedMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageUsedMb"}}]}}]}}]}}]} as unknown as DocumentNode<OverviewTenantsQuery, OverviewTenantsQueryVariables>;
export const BusiestUsageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BusiestUsage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PeriodInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"usageRecords"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"records"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vmId"}},{"kind":"Field","name":{"kind":"Name","value":"vmName"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"hour"}},{"kind":"Field","name":{"kind":"Name","value":"vcpuMax"}},{"kind":"Field","name":{"kind":"Name","value":"cpuUsedMhz"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}}]}}]}}]} as unknown as DocumentNode<BusiestUsageQuery, BusiestUsageQueryVariables>;
export const TenantHomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TenantHome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"orgs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"virtualVdc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cpuUnlimited"}},{"kind":"Field","name":{"kind":"Name","value":"memoryUnlimited"}},{"kind":"Field","name":{"kind":"Name","value":"storageUnlimited"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dedicatedClouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeVdc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vdcCount"}},{"kind":"Field","name":{"kind":"Name","value":"vmCount"}},{"kind":"Field","name":{"kind":"Name","value":"poweredOnVmCount"}},{"kind":"Field","name":{"kind":"Name","value":"vcpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuLimitMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuUsedMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryUsedMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageUsedMb"}},{"kind":"Field","name":{"kind":"Name","value":"parts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"vdcCount"}},{"kind":"Field","name":{"kind":"Name","value":"vmCount"}},{"kind":"Field","name":{"kind":"Name","value":"poweredOnVmCount"}},{"kind":"Field","name":{"kind":"Name","value":"vcpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuLimitMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageLimitMb"}},{"kind":"Field","name":{"kind":"Name","value":"cpuUsedMhz"}},{"kind":"Field","name":{"kind":"Name","value":"memoryUsedMb"}},{"kind":"Field","name":{"kind":"Name","value":"storageUsedMb"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TenantHomeQuery, TenantHomeQueryVariables>;
export const TenantVmEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TenantVmEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vmEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"tenantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"tenantId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<TenantVmEventsSubscription, TenantVmEventsSubscriptionVariables>;
export const TransfersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Transfers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"sourceCloudId"}},{"kind":"Field","name":{"kind":"Name","value":"targetCloudId"}},{"kind":"Field","name":{"kind":"Name","value":"targetVdcId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rateBytesPerSec"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sourceChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"targetChecksum"}},{"kind":"Field","name":{"kind":"Name","value":"resultId"}},{"kind":"Field","name":{"kind":"Name","value":"resumes"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<TransfersQuery, TransfersQueryVariables>;
export const TransferProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TransferProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"taskId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"taskId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rateBytesPerSec"}}]}}]}}]}}]} as unknown as DocumentNode<TransferProgressSubscription, TransferProgressSubscriptionVariables>;
export const CancelTransferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTransfer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTransfer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesDone"}},{"kind":"Field","name":{"kind":"Name","value":"bytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rateBytesPerSec"}}]}}]}}]}}]} as unknown as DocumentNode<CancelTransferMutation, CancelTransferMutationVariables>;
export const TransferPlacesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TransferPlaces"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<TransferPlacesQuery, TransferPlacesQueryVariables>;
export const OverviewNodeStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OverviewNodeStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeStatus"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<OverviewNodeStatusSubscription, OverviewNodeStatusSubscriptionVariables>;
export const OverviewVmEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OverviewVmEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vmEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"cloudId"}}]}}]}}]} as unknown as DocumentNode<OverviewVmEventsSubscription, OverviewVmEventsSubscriptionVariables>;
export const CopyTargetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CopyTargets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clouds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"vdcs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CopyTargetsQuery, CopyTargetsQueryVariables>;
export const CopyVmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CopyVm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CopyVmInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"copyVm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"targetCloudId"}},{"kind":"Field","name":{"kind":"Name","value":"targetVdcId"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rateBytesPerSec"}}]}}]}}]}}]} as unknown as DocumentNode<CopyVmMutation, CopyVmMutationVariables>;
export const VmDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VmDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}},{"kind":"Field","name":{"kind":"Name","value":"cpuCount"}},{"kind":"Field","name":{"kind":"Name","value":"memoryMb"}},{"kind":"Field","name":{"kind":"Name","value":"cloud"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vdc"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"org"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<VmDetailQuery, VmDetailQueryVariables>;
export const VmPowerEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"VmPowerEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"cloudId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vmEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"cloudId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"cloudId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"types"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"POWER_STATE_CHANGED"}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}},{"kind":"Field","name":{"kind":"Name","value":"vm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<VmPowerEventsSubscription, VmPowerEventsSubscriptionVariables>;
export const VmTaskProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"VmTaskProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"vmId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"vmId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"vmId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"vmId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"vm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"rateBytesPerSec"}}]}}]}}]}}]} as unknown as DocumentNode<VmTaskProgressSubscription, VmTaskProgressSubscriptionVariables>;
export const VmTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VmTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"vmId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"vm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}}]}}]}}]}}]} as unknown as DocumentNode<VmTaskQuery, VmTaskQueryVariables>;
export const PowerOnVmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PowerOnVm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"powerOnVm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}}]}}]}}]} as unknown as DocumentNode<PowerOnVmMutation, PowerOnVmMutationVariables>;
export const PowerOffVmDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PowerOffVm"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"powerOffVm"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"powerState"}}]}}]}}]} as unknown as DocumentNode<PowerOffVmMutation, PowerOffVmMutationVariables>;