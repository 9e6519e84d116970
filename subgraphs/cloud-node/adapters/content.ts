/**
 * What a cloud offers for moving content: catalogs of templates, and VMs and
 * templates exported and imported as an OVF-style descriptor plus disk files, read
 * and written in ranges so that a transfer streams (never a whole disk in memory)
 * and resumes. Each adapter implements it against its API's real transfer paths
 * (vSphere content library sessions and OVF, Director catalogs and transfer URLs,
 * Glance image data). All ids here are the cloud's native ids.
 */
import type { ExportManifest, ImportState, ImportTarget, TemplateRecord } from '../../../schema/transfers';

export type { ExportManifest, ImportState, ImportTarget, TemplateRecord, TransferFile, VmDescriptor } from '../../../schema/transfers';

export interface CatalogRecord {
  /** Native id (vSphere library id, Director catalog uuid; Glance has no catalogs: the name). */
  id: string;
  name: string;
}

/** An export opened at the source cloud (a download session, an enabled download, a snapshot image). */
export interface OpenExport {
  readonly manifest: ExportManifest;
  /** Bytes [start, end) of file `index` of the manifest, read from the cloud's download URL with a Range. */
  read(index: number, start: number, end: number): Promise<Buffer>;
  /** End the export at the cloud (delete the session, disable the download, delete a snapshot made for it). */
  close(): Promise<void>;
}

/** An import opened at the destination cloud; `state` resumes it in a later process. */
export interface OpenImport {
  /** JSON the gateway keeps with the checkpoint and hands back to `beginImport` to resume. */
  readonly state: ImportState;
  /** Bytes the destination holds of file `index`, contiguous from 0 (what a resumed import continues from). */
  received(index: number): Promise<number>;
  /** Write one chunk of file `index` at `offset` (at most `received(index)`). */
  write(index: number, offset: number, bytes: Buffer): Promise<void>;
  /**
   * Every byte written: finish at the cloud (complete the session, wait for the
   * template to resolve, deploy or instantiate the VM, boot the server) and answer the
   * new item's native id and the disk checksum the cloud reports.
   */
  complete(): Promise<{ id: string; sha256: string | null }>;
  /** Cancel: remove everything this import created at the cloud (and any staging). */
  abort(): Promise<void>;
}

/** Free capacity of a VDC; null where the cloud sets no limit. */
export interface VdcCapacity {
  cpuCount: number | null;
  memoryMb: number | null;
  storageBytes: number | null;
}

export interface ContentAdapter {
  /** Whether the cloud exports only a powered-off VM (validation refuses a running one before any byte moves). */
  readonly exportNeedsPoweredOff: boolean;
  listCatalogs(): Promise<CatalogRecord[]>;
  /** The catalog with this name, created when missing. */
  ensureCatalog(name: string): Promise<CatalogRecord>;
  /** Templates of one catalog, or of every catalog. */
  listTemplates(catalogId?: string): Promise<TemplateRecord[]>;
  /** Undefined when the cloud has no such template. */
  getTemplate(id: string): Promise<TemplateRecord | undefined>;
  /** NOT_FOUND (CloudApiError) when the VM does not exist; CONFLICT when it must be powered off and is not. */
  exportVm(vmId: string): Promise<OpenExport>;
  exportTemplate(templateId: string): Promise<OpenExport>;
  /** Begin an import of `manifest` into `target`, or resume the one `resume` describes. */
  beginImport(target: ImportTarget, manifest: ExportManifest, resume?: ImportState): Promise<OpenImport>;
  /** NOT_FOUND when the VDC does not exist. */
  capacity(vdcId: string): Promise<VdcCapacity>;
  /** Whether `name` is taken at the target (a VM of the VDC, a template of the catalog). */
  nameTaken(target: ImportTarget): Promise<boolean>;
  deleteVm(vmId: string): Promise<void>;
  deleteTemplate(templateId: string): Promise<void>;
  renameTemplate(templateId: string, name: string): Promise<void>;
}
