/** What the sp-node's resolvers pass between each other (codegen mappers). All ids native. */
import type { OrgRecord } from './clients/types';

export interface CloudModel {
  id: string;
}

export interface OrgModel {
  nativeId: string;
  /** Filled when the record is already at hand. */
  record?: OrgRecord;
}

export interface VdcModel {
  nativeId: string;
}

/** A VM as the gateway hands it over: its id and, through @requires, its VDC. */
export interface VmModel {
  nativeId: string;
  vdcNativeId?: string;
}

export interface VirtualVdcModel {
  cloudId: string;
  vdcCount: number;
  vmCount: number;
  poweredOnVmCount: number;
  vcpuCount: number;
  memoryMb: number;
  cpuLimitMhz: number;
  memoryLimitMb: number;
  storageLimitMb: number;
  cpuUsedMhz: number;
  memoryUsedMb: number;
  storageUsedMb: number;
}
