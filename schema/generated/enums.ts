/** How allocated figures are rolled up over a period: the highest value (ManageIQ's default) or the mean. */
export const AllocatedRollup = {
  AVG: 'AVG',
  MAX: 'MAX'
} as const;

export type AllocatedRollup = typeof AllocatedRollup[keyof typeof AllocatedRollup];
export const BillingPeriodState = {
  CLOSED: 'CLOSED',
  OPEN: 'OPEN'
} as const;

export type BillingPeriodState = typeof BillingPeriodState[keyof typeof BillingPeriodState];
export const CatalogItemState = {
  /** Removed here because it was deleted at the publisher (subscriptions that propagate deletes). */
  DELETED: 'DELETED',
  /** The last copy failed (the error is on its transfer); retried at the next sync. */
  FAILED: 'FAILED',
  /** Holds an older version, or none; the next sync copies it. */
  STALE: 'STALE',
  /** Holds the catalog's current version of the item. */
  SYNCED: 'SYNCED',
  /** A copy of a newer version is in progress (the older one stays usable until the swap). */
  SYNCING: 'SYNCING'
} as const;

export type CatalogItemState = typeof CatalogItemState[keyof typeof CatalogItemState];
/** What a rate detail charges for (ManageIQ's chargeable fields). */
export const ChargeableField = {
  /** Allocated vCPUs. */
  CPU_ALLOCATED: 'CPU_ALLOCATED',
  /** Used CPU (MHz). */
  CPU_USED: 'CPU_USED',
  /** A fixed charge per VM and hour it exists. */
  FIXED: 'FIXED',
  /** Allocated memory. */
  MEMORY_ALLOCATED: 'MEMORY_ALLOCATED',
  /** Used (consumed) memory. */
  MEMORY_USED: 'MEMORY_USED',
  /** Network throughput. */
  NETWORK_USED: 'NETWORK_USED',
  /** Allocated (provisioned) storage. */
  STORAGE_ALLOCATED: 'STORAGE_ALLOCATED',
  /** Used storage. */
  STORAGE_USED: 'STORAGE_USED'
} as const;

export type ChargeableField = typeof ChargeableField[keyof typeof ChargeableField];
/** The management API a cloud speaks. */
export const CloudKind = {
  /** Cloud-Director-style multi-tenant cloud */
  DIRECTOR: 'DIRECTOR',
  /** Public-cloud account (OpenStack Nova-style compute API) */
  NOVA: 'NOVA',
  /** vCenter-style private data centre (vSphere Automation API) */
  VSPHERE: 'VSPHERE'
} as const;

export type CloudKind = typeof CloudKind[keyof typeof CloudKind];
export const CumulativeVdcPartSource = {
  /** A whole single-tenant cloud. */
  DEDICATED_CLOUD: 'DEDICATED_CLOUD',
  /** An organization's virtual VDC in a multi-tenant cloud. */
  ORG: 'ORG'
} as const;

export type CumulativeVdcPartSource = typeof CumulativeVdcPartSource[keyof typeof CumulativeVdcPartSource];
export const InvoiceLineKind = {
  /** Usage of an earlier, already invoiced month that arrived after it was closed (or a change to it). */
  CORRECTION: 'CORRECTION',
  /** Usage of the invoice's month. */
  USAGE: 'USAGE'
} as const;

export type InvoiceLineKind = typeof InvoiceLineKind[keyof typeof InvoiceLineKind];
/** A node's log level. */
export const LogLevel = {
  DEBUG: 'DEBUG',
  ERROR: 'ERROR',
  INFO: 'INFO',
  WARN: 'WARN'
} as const;

export type LogLevel = typeof LogLevel[keyof typeof LogLevel];
/** The kinds of node that run next to clouds. */
export const NodeKind = {
  CLOUD_NODE: 'CLOUD_NODE',
  SP_NODE: 'SP_NODE'
} as const;

export type NodeKind = typeof NodeKind[keyof typeof NodeKind];
export const NodeOrigin = {
  CONFIGURED: 'CONFIGURED',
  REGISTERED: 'REGISTERED'
} as const;

export type NodeOrigin = typeof NodeOrigin[keyof typeof NodeOrigin];
export const NodeStatus = {
  /** The node answers, but its cloud's API does not (queries for the cloud answer CLOUD_UNAVAILABLE at once) or answers slower than `degradedLatencyMs`. */
  DEGRADED: 'DEGRADED',
  DOWN: 'DOWN',
  /** Not health-checked yet. */
  UNKNOWN: 'UNKNOWN',
  UP: 'UP'
} as const;

export type NodeStatus = typeof NodeStatus[keyof typeof NodeStatus];
export const OrderDirection = {
  ASC: 'ASC',
  DESC: 'DESC'
} as const;

export type OrderDirection = typeof OrderDirection[keyof typeof OrderDirection];
export const OrgMappingSource = {
  /** Listed in the gateway's configuration. */
  CONFIG: 'CONFIG',
  /** Mapped by an administrator's mutation. */
  MANUAL: 'MANUAL',
  /** Matched by organization name. */
  NAME_MATCH: 'NAME_MATCH'
} as const;

export type OrgMappingSource = typeof OrgMappingSource[keyof typeof OrgMappingSource];
export const PowerState = {
  POWERED_OFF: 'POWERED_OFF',
  POWERED_ON: 'POWERED_ON',
  SUSPENDED: 'SUSPENDED'
} as const;

export type PowerState = typeof PowerState[keyof typeof PowerState];
/** The time a rate is quoted per; converted to hourly (monthly by the exact length of the month). */
export const RatePerTime = {
  DAILY: 'DAILY',
  HOURLY: 'HOURLY',
  MONTHLY: 'MONTHLY',
  WEEKLY: 'WEEKLY',
  YEARLY: 'YEARLY'
} as const;

export type RatePerTime = typeof RatePerTime[keyof typeof RatePerTime];
/** The unit a rate is quoted per. */
export const RateUnit = {
  GB: 'GB',
  GHZ: 'GHZ',
  KBPS: 'KBPS',
  MB: 'MB',
  MBPS: 'MBPS',
  MHZ: 'MHZ',
  TB: 'TB',
  VCPU: 'VCPU',
  /** The FIXED field: per VM. */
  VM: 'VM'
} as const;

export type RateUnit = typeof RateUnit[keyof typeof RateUnit];
export const TaskOperation = {
  /** copyTemplate, and each item a catalog sync copies. */
  COPY_TEMPLATE: 'COPY_TEMPLATE',
  /** copyVm: a VM copied into a VDC of another cloud. */
  COPY_VM: 'COPY_VM',
  /** moveVm: copied, verified, then removed at the source. */
  MOVE_VM: 'MOVE_VM',
  POWER_OFF: 'POWER_OFF',
  POWER_ON: 'POWER_ON'
} as const;

export type TaskOperation = typeof TaskOperation[keyof typeof TaskOperation];
export const TaskState = {
  FAILED: 'FAILED',
  RUNNING: 'RUNNING',
  SUCCEEDED: 'SUCCEEDED'
} as const;

export type TaskState = typeof TaskState[keyof typeof TaskState];
export const TransferPhase = {
  CANCELLED: 'CANCELLED',
  /** Chunks moving from the source node to the destination node and into the destination cloud. */
  COPYING: 'COPYING',
  DONE: 'DONE',
  FAILED: 'FAILED',
  /** Every byte in: the destination cloud is finishing the import (deploy, instantiate, boot). */
  IMPORTING: 'IMPORTING',
  /** Validated; the source cloud is preparing the export (capture, enable download, snapshot). */
  PREPARING: 'PREPARING',
  /** moveVm: the copy's checksum equals the source's; removing the source VM. */
  REMOVING_SOURCE: 'REMOVING_SOURCE',
  /** Interrupted (a node or cloud out of reach): resumes from the last acknowledged chunk when it is back. */
  WAITING: 'WAITING'
} as const;

export type TransferPhase = typeof TransferPhase[keyof typeof TransferPhase];
export const VmEventType = {
  POWER_STATE_CHANGED: 'POWER_STATE_CHANGED',
  VM_CREATED: 'VM_CREATED',
  VM_DELETED: 'VM_DELETED',
  VM_MOVED: 'VM_MOVED'
} as const;

export type VmEventType = typeof VmEventType[keyof typeof VmEventType];
export const VmOrderField = {
  CPU_COUNT: 'CPU_COUNT',
  ID: 'ID',
  MEMORY_MB: 'MEMORY_MB',
  NAME: 'NAME'
} as const;

export type VmOrderField = typeof VmOrderField[keyof typeof VmOrderField];