/**
 * The one interface every cloud API adapter implements. Adapters speak HTTP to a
 * cloud's management API and return these plain records; they know nothing of
 * GraphQL or global ids (power states are the contract's, generated from the SDL).
 * All ids here are the cloud's native ids.
 */

export type CloudKind = 'vsphere' | 'director' | 'nova';
import type { PowerState } from '../../../schema/generated/enums';
import type { ApiOptions } from '../../shared/apiOptions';
import type { ContentAdapter } from './content';

export type { PowerState };

/** What every adapter is created with: the management API's base URL, the account, the timeout, and per kind what it needs. */
export interface AdapterOptions extends ApiOptions {
  /** How long each long operation is followed; absent: DEFAULT_BUDGETS. */
  budgets?: OperationBudgets;
  /** OpenStack only: the token's scope, the catalog endpoint, the compute microversion. Required for that kind. */
  openstack?: OpenStackOptions;
  /** Cloud Director only: the API version to speak (e.g. `37.2`); absent: negotiated from `GET /api/versions`. */
  apiVersion?: string;
}

/**
 * How long a power operation is followed before it is reported as not finished
 * (CLOUD_UNAVAILABLE). vSphere's power call is synchronous (this bounds the call),
 * Cloud Director's is a task and Nova's an asynchronous action (this bounds the
 * polling). Real clouds take their time: Nova's clean shutdown waits up to 60 s.
 */
export interface OperationBudgets {
  powerOnMs: number;
  powerOffMs: number;
}

export const DEFAULT_BUDGETS: Readonly<OperationBudgets> = Object.freeze({ powerOnMs: 120_000, powerOffMs: 120_000 });

/** A Keystone domain, by id or by name. */
export type DomainRef = { id: string } | { name: string };

/** How the OpenStack adapter logs in and which endpoint it uses (the OS_* settings of an openrc file). */
export interface OpenStackOptions {
  /**
   * Password login: the project the token is scoped to, by id or by name within a
   * domain. Absent with an application credential, which carries its own scope.
   */
  project?: { id: string } | { name: string; domain: DomainRef };
  /** The domain of the user (`username`): password login and an application credential named by name. */
  userDomain: DomainRef;
  /** Log in with an application credential (by id, or by name of the user's) instead of the password. */
  applicationCredential?: { id: string; secret: string } | { name: string; secret: string };
  /** The catalog's region to use (`region_id`); absent: the only region, or the first listed. */
  region?: string;
  /** The catalog endpoint interface. */
  interface: 'public' | 'internal' | 'admin';
  /** Compute microversion to send (e.g. `2.60`); absent: negotiated from the compute endpoint's version document. */
  microversion?: string;
}

export interface VdcRecord {
  id: string;
  name: string;
}

export interface VmRecord {
  id: string;
  name: string;
  /** Native id of the VDC (datacenter, org VDC, availability zone) holding the VM. */
  vdcId: string;
  powerState: PowerState;
  cpuCount: number;
  memoryMb: number;
}

/** Allocated figures of one VM over one hour. */
export interface UsageAllocation {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

/** One VM in one whole UTC hour, as the cloud's own accounting data reports it (native ids). */
export interface UsageHourRecord {
  vmId: string;
  vmName: string;
  /** Native id of the VDC holding the VM. */
  vdcId: string;
  /** The hour's start (a whole UTC hour). */
  hour: Date;
  /** Highest and mean allocation over the hour. */
  max: UsageAllocation;
  avg: UsageAllocation;
  /** Means of the hour's samples; null when the cloud has no sample of the hour (or measures none). */
  cpuUsedMhz: number | null;
  memoryUsedMb: number | null;
  storageUsedGb: number | null;
  /** Kilobits per second. */
  networkKbps: number | null;
}

/** Whole UTC hours, start inclusive, end exclusive. */
export interface UsageWindow {
  start: Date;
  end: Date;
}

export interface CloudAdapter {
  readonly kind: CloudKind;
  /** Every VDC of the cloud. */
  listVdcs(): Promise<VdcRecord[]>;
  /**
   * VMs in the given VDCs (every VM when `vdcIds` is omitted). Must cost a number of
   * upstream calls that does not grow with the number of VMs beyond the API's page size.
   */
  listVms(vdcIds?: readonly string[]): Promise<VmRecord[]>;
  /** The VMs with these ids, batched; ids that do not exist are absent from the map. */
  getVms(ids: readonly string[]): Promise<Map<string, VmRecord>>;
  /** Power on; resolves once the cloud reports the operation done. NOT_FOUND, CONFLICT on bad state. */
  powerOn(id: string): Promise<void>;
  powerOff(id: string): Promise<void>;
  /**
   * One cheap authenticated read (the session's own check, or a tiny list) for the
   * node's cloud probe: resolves when the API answered as expected, else throws like
   * any call. Logs in first when there is no session yet, as a query would.
   */
  probe(): Promise<void>;
  /**
   * Hourly usage of every VM in the window, from the cloud's accounting data: only hours
   * the VM existed, and none that has not begun. Absent for a cloud metered elsewhere
   * (Cloud Director: through its sp-node).
   */
  usage?(window: UsageWindow): Promise<UsageHourRecord[]>;
  /** Catalogs, templates, exports and imports (./content.ts), over the same session. */
  readonly content: ContentAdapter;
  /** Release connections and end the session. */
  close(): Promise<void>;
}
