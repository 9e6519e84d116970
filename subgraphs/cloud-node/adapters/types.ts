/**
 * The one interface every cloud API adapter implements. Adapters speak HTTP to a
 * cloud's management API and return these plain records; they know nothing of
 * GraphQL or global ids (power states are the contract's, generated from the SDL).
 * All ids here are the cloud's native ids.
 */

export type CloudKind = 'vsphere' | 'director' | 'nova';
import type { PowerState } from '../../../schema/generated/enums';
import type { ApiOptions } from '../../shared/apiOptions';

export type { PowerState };

/** What every adapter is created with: the management API's base URL, the account, the timeout. */
export type AdapterOptions = ApiOptions;

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
  /** Release connections and end the session. */
  close(): Promise<void>;
}
