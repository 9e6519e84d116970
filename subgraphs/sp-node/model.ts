/** What the sp-node's resolvers pass between each other (codegen mappers). All ids native. */
import type { OrgRecord } from './clients/types';
import type { VirtualVdc } from './generated/graphql';

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

/** A virtual VDC as the schema types it, with the cloud by id. */
export type VirtualVdcModel = Omit<VirtualVdc, '__typename' | 'cloud'> & { cloudId: string };
