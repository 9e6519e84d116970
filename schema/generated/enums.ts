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
export const TaskOperation = {
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