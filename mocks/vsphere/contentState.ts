/**
 * What the mock vCenter's content library holds: libraries, their items and each
 * item's files, and the disk of every VM (seeded VMs' disks are generated from the
 * seed; captured and deployed ones share the stored bytes of the item they came
 * from). Files are StoredFiles (../content/storedFiles.ts): nothing is held in
 * memory but descriptors of a few hundred bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { defaultDiskBytes } from '../content/seededBytes';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../content/seededContent';
import { FileStore, seededFile, type StoredFile } from '../content/storedFiles';
import type { SeedCloud } from '../seed';
import { ovfDescriptor } from '../content/ovf';

export const DESCRIPTOR_FILE = 'descriptor.ovf';
export const DISK_FILE = 'disk-0.vmdk';

export interface Library {
  id: string;
  name: string;
  description: string;
  datastoreId: string;
  created: string;
  modified: string;
  version: number;
}

export interface ItemFile {
  name: string;
  file: StoredFile;
  version: number;
}

export interface Item {
  id: string;
  libraryId: string;
  name: string;
  description: string;
  type: string;
  created: string;
  modified: string;
  /** Bumped by every change of the files (an update session completed). */
  contentVersion: number;
  /** Bumped by every change of the metadata (a rename). */
  metadataVersion: number;
  files: ItemFile[];
}

export interface ContentState {
  readonly libraries: Map<string, Library>;
  readonly items: Map<string, Item>;
  readonly store: FileStore;
  /** Bytes of every seeded disk. */
  readonly diskBytes: number;
  /** The disk of a VM of the cloud (generated for a seeded VM not yet given another). */
  vmDisk(vmId: string): StoredFile;
  setVmDisk(vmId: string, file: StoredFile): void;
  dropVmDisk(vmId: string): void;
  /** Delete an upload's bytes unless an item or a VM still uses them. */
  release(file: StoredFile): Promise<void>;
}

/** A small file held in memory (a descriptor). */
export function bufferFile(bytes: Buffer): StoredFile {
  const digest = createHash('sha256').update(bytes).digest('hex');
  return {
    size: bytes.length,
    received: () => bytes.length,
    open: (start = 0, end = bytes.length) => Readable.from([bytes.subarray(start, Math.max(start, end))]),
    sha256: () => Promise.resolve(digest),
  };
}

export const now = (): string => new Date().toISOString();

/** The content state of `cloud`, seeded with its template library. */
export function createContentState(cloud: SeedCloud, diskBytes = defaultDiskBytes()): ContentState {
  const libraries = new Map<string, Library>();
  const items = new Map<string, Item>();
  const vmDisks = new Map<string, StoredFile>();
  const store = new FileStore();
  const stamp = now();
  const library: Library = {
    id: randomUUID(),
    name: seedCatalogName(cloud),
    description: 'Seeded templates',
    datastoreId: 'datastore-1',
    created: stamp,
    modified: stamp,
    version: 1,
  };
  libraries.set(library.id, library);
  for (const template of seedTemplates(cloud)) {
    const item: Item = {
      id: randomUUID(),
      libraryId: library.id,
      name: template.name,
      description: '',
      type: 'ovf',
      created: stamp,
      modified: stamp,
      contentVersion: 1,
      metadataVersion: 1,
      files: [
        { name: DESCRIPTOR_FILE, file: bufferFile(ovfDescriptor(template, [{ name: DISK_FILE, size: diskBytes }])), version: 1 },
        { name: DISK_FILE, file: seededFile(template.diskKey, diskBytes), version: 1 },
      ],
    };
    items.set(item.id, item);
  }
  const inUse = (file: StoredFile): boolean =>
    [...vmDisks.values()].includes(file) || [...items.values()].some((item) => item.files.some((f) => f.file === file));
  return {
    libraries,
    items,
    store,
    diskBytes,
    vmDisk(vmId) {
      let disk = vmDisks.get(vmId);
      if (!disk) {
        disk = seededFile(vmDiskKey(cloud.id, vmId), diskBytes);
        vmDisks.set(vmId, disk);
      }
      return disk;
    },
    setVmDisk: (vmId, file) => void vmDisks.set(vmId, file),
    dropVmDisk: (vmId) => void vmDisks.delete(vmId),
    async release(file) {
      if (!inUse(file) && 'discard' in file) await (file as { discard(): Promise<void> }).discard();
    },
  };
}
