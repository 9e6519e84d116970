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

/**
 * An org VDC's figures in one meaning whatever its allocation model: limits are
 * the most the VDC may use (MHz, MB), `null` when it has no limit; used figures
 * are what it uses (MHz, MB), never a percentage. See allocation.ts `computeOf`.
 */
export interface OrgVdcRecord {
  /** `urn:vcloud:vdc:<uuid>` */
  id: string;
  name: string;
  orgId: string;
  /** `AllocationVApp` (pay-as-you-go), `AllocationPool`, `ReservationPool` or `Flex`, as the director names it. */
  allocationModel: string;
  cpuLimitMhz: number | null;
  cpuUsedMhz: number;
  memoryLimitMb: number | null;
  memoryUsedMb: number;
  storageLimitMb: number | null;
  storageUsedMb: number;
  vmCount: number;
  poweredOnVmCount: number;
}

/** Where vSphere runs a VM: the pair the metrics application names a VM resource by. */
export interface VmPlacement {
  /** The vCenter's instance uuid (the metrics application's `VMEntityVCID`). */
  vcenterUuid: string;
  /** The VM's managed object reference in that vCenter (`VMEntityObjectID`), unique per vCenter only. */
  moref: string;
}

/** One string for a placement, the key of `MetricsClient.latestByVm`. */
export function placementKey(p: VmPlacement): string {
  return `${p.vcenterUuid.toLowerCase()}/${p.moref}`;
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
  /** Absent when the record names no moref or a vCenter the director does not list: no metrics can be matched. */
  placement?: VmPlacement;
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
  /** The VM as the metrics application names it: `placementKey` of its vCenter and moref. */
  placementKey: string;
  cpuUsageMhz: number;
  memoryUsedMb: number;
  storageUsedGb: number;
  /** Kilobits per second (the application reports kilobytes per second). */
  networkKbps: number;
}

export interface MetricsClient {
  /**
   * Latest current figures of every VM the metrics application knows, keyed by `placementKey`
   * (the application knows vCenter VMs, not the director's URNs: OrgVmRecord.placement joins them).
   * Costs the resource listing (pages) plus one stats query per page: never one per VM.
   */
  latestByVm(): Promise<Map<string, VmMetrics>>;
  close(): Promise<void>;
}
