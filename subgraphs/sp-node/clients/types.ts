/**
 * What an sp-node reads from its multi-tenant cloud: the director's tenancy data
 * (organizations, org VDCs with allocation and usage, VMs with their org, provider
 * capacity) and the tenant-unaware metrics application's per-VM figures. Plain
 * records with the cloud's native ids (URNs); nothing here knows GraphQL.
 */
import type { PowerState } from '../../../schema/generated/enums';

/** How both clients reach their API (the config's `director` and `metrics`). */
export type { ApiOptions, DirectorApiOptions } from '../../shared/apiOptions';
import type { ApiOptions } from '../../shared/apiOptions';

/** The metrics application's options: `authSource` names where its user is defined (absent: local users). */
export interface MetricsApiOptions extends ApiOptions {
  authSource?: string;
}

export interface OrgRecord {
  /** `urn:vcloud:org:<uuid>` */
  id: string;
  /** Short name (`acme`). */
  name: string;
  fullName: string;
}

export interface OrgVdcRecord {
  /** `urn:vcloud:vdc:<uuid>` */
  id: string;
  name: string;
  orgId: string;
  cpuLimitMhz: number;
  cpuUsedMhz: number;
  memoryLimitMb: number;
  memoryUsedMb: number;
  storageLimitMb: number;
  storageUsedMb: number;
  vmCount: number;
  poweredOnVmCount: number;
}

export interface OrgVmRecord {
  /** `urn:vcloud:vm:<uuid>` */
  id: string;
  name: string;
  vdcId: string;
  orgId: string;
  powerState: PowerState;
  cpuCount: number;
  memoryMb: number;
}

/** The whole cloud's provider resources, summed over its provider VDCs. */
export interface ProviderRecord {
  cpuCapacityMhz: number;
  cpuAllocatedMhz: number;
  memoryCapacityMb: number;
  memoryAllocatedMb: number;
  storageCapacityMb: number;
  storageAllocatedMb: number;
}

export interface TenancyClient {
  listOrgs(): Promise<OrgRecord[]>;
  /** Every org VDC with allocation and usage: one query (plus pages). */
  listOrgVdcs(): Promise<OrgVdcRecord[]>;
  /** VMs of these orgs (every VM when omitted), each with its org and VDC. */
  listOrgVms(orgIds?: readonly string[]): Promise<OrgVmRecord[]>;
  provider(): Promise<ProviderRecord>;
  /** One cheap authenticated read of the director (its session check), for the node's cloud probe; throws like any call. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

export interface VmMetrics {
  /** The director's VM URN the metrics application's resource maps to. */
  vmId: string;
  cpuUsageMhz: number;
  memoryUsedMb: number;
  storageUsedGb: number;
  networkKbps: number;
}

export interface MetricsClient {
  /**
   * Latest figures of every VM the metrics application knows, keyed by VM URN.
   * Costs the resource listing (pages) plus one stats query per page: never one per VM.
   */
  latestByVm(): Promise<Map<string, VmMetrics>>;
  close(): Promise<void>;
}
