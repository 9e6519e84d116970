/** What the cloud-node's resolvers pass between each other (codegen mappers). */
import type { VmRecord } from './adapters/types';

/** A Cloud is known by its cloudId; name and kind come from the node's configuration. */
export interface CloudModel {
  id: string;
}

/** A VDC by native id; `name` is filled when the record is already at hand. */
export interface VdcModel {
  nativeId: string;
  name?: string;
}

export type VmModel = VmRecord;
