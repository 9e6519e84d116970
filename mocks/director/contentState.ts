/**
 * The content a mock cell holds: catalogs (of the provider's System org and of
 * tenant orgs), their vApp templates with their files, the disks of the VMs, and
 * the open transfer URLs (`/transfer/<uuid>/<file>`) for uploads and downloads.
 *
 * Seeded: one catalog, seedCatalogName(cloud), in the System org with
 * seedTemplates(cloud) as resolved templates (status 8), each with `descriptor.ovf`
 * (ovf.ts) and `disk-0.vmdk` = seededFile(diskKey, diskBytes). Every VM's disk 0 is
 * seededFile(vmDiskKey(cloud.id, vm.nativeId), diskBytes) unless it was made from a
 * template, when it is the template's disk. Uploaded files live in the FileStore
 * (removed when the mock closes); an uploaded file is discarded once neither a
 * template nor a VM holds it.
 *
 * The seed has no vApps: each VM lives in a vApp of its own, named after it, whose
 * uuid is derived from the VM's (vappUuidOf).
 */
import { createHash, randomUUID } from 'node:crypto';
import { derivedUuid } from './tenancy';
import { Readable } from 'node:stream';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../content/seededContent';
import { FileStore, seededFile, type StoredFile, type UploadFile } from '../content/storedFiles';
import type { SeedCloud, SeedVm } from '../seed';
import type { ContentTask, ContentTasks } from './contentTasks';
import { uuidOf } from './hrefs';
import { ovfDescriptor, type OvfShape } from '../content/ovf';

/** The provider's own org, as the session body names it (sessions.ts). */
export const SYSTEM_ORG = { uuid: '00000000-0000-4000-a000-000000000003', name: 'System' } as const;

/** Legacy entity status codes of a vApp template. */
export const TEMPLATE_STATUS = { FAILED_CREATION: -1, UNRESOLVED: 0, RESOLVED: 8 } as const;

export interface Catalog {
  uuid: string;
  name: string;
  description: string;
  orgUuid: string;
  created: string;
  /** Bumped when an item is added, removed or changed, or the catalog renamed. */
  version: number;
}

export interface ContentFile {
  name: string;
  store: StoredFile;
}

export interface VAppTemplate {
  uuid: string;
  /** The catalog item holding it. */
  itemUuid: string;
  name: string;
  description: string;
  catalog: Catalog;
  status: number;
  created: string;
  version: number;
  /** Known once the descriptor is in. */
  shape?: OvfShape;
  descriptor?: StoredFile;
  /** Disk files, in the descriptor's order. */
  disks: Array<ContentFile & { store: StoredFile | UploadFile }>;
  /** The upload's transfer uuid while the template is being uploaded. */
  upload?: string;
  uploadTask?: ContentTask;
  /** The download's transfer uuid while downloads are enabled. */
  download?: string;
  /** Recent tasks on it, shown in its Tasks element while running. */
  tasks: ContentTask[];
}

export type Transfer = { kind: 'upload'; template: VAppTemplate } | { kind: 'download'; files: () => ContentFile[] };

/** A small file held in memory: a descriptor. */
export function bufferFile(bytes: Buffer): StoredFile {
  const digest = createHash('sha256').update(bytes).digest('hex');
  return {
    size: bytes.length,
    received: () => bytes.length,
    open: (start = 0, end = bytes.length) => Readable.from([bytes.subarray(start, end)]),
    sha256: () => Promise.resolve(digest),
  };
}

export class ContentState {
  readonly catalogs: Catalog[] = [];
  readonly templates: VAppTemplate[] = [];
  readonly store = new FileStore();
  /** Open transfer URLs by their uuid. */
  readonly transfers = new Map<string, Transfer>();
  /** VMs made from a template: their disk. */
  private readonly vmDisks = new WeakMap<SeedVm, StoredFile>();
  /** A VM's vApp's download transfer uuid while its download is enabled. */
  readonly vappDownloads = new WeakMap<SeedVm, string>();
  /** Uploaded files, to tell when one is held by nothing any more. */
  private readonly uploads = new Set<UploadFile>();

  constructor(
    readonly cloud: SeedCloud,
    readonly diskBytes: number,
    readonly tasks: ContentTasks,
  ) {
    const now = new Date(0).toISOString();
    const catalog = this.addCatalog(SYSTEM_ORG.uuid, seedCatalogName(cloud), 'Templates seeded with the cloud', now);
    for (const t of seedTemplates(cloud)) {
      const shape = { name: t.name, cpuCount: t.cpuCount, memoryMb: t.memoryMb };
      const disk: ContentFile = { name: 'disk-0.vmdk', store: seededFile(t.diskKey, diskBytes) };
      this.templates.push({
        uuid: derivedUuid(`vapptemplate:${cloud.id}:${t.name}`),
        itemUuid: derivedUuid(`catalogitem:${cloud.id}:${t.name}`),
        name: t.name,
        description: '',
        catalog,
        status: TEMPLATE_STATUS.RESOLVED,
        created: now,
        version: 1,
        shape,
        descriptor: bufferFile(ovfDescriptor(shape, [{ name: disk.name, size: diskBytes }])),
        disks: [disk],
        tasks: [],
      });
    }
  }

  addCatalog(orgUuid: string, name: string, description: string, created = new Date().toISOString()): Catalog {
    const catalog: Catalog = {
      uuid: derivedUuid(`catalog:${this.cloud.id}:${orgUuid}:${name}`),
      name,
      description,
      orgUuid,
      created,
      version: 1,
    };
    // A name used before and deleted would derive the same uuid: a fresh one then.
    if (this.catalogs.some((c) => c.uuid === catalog.uuid)) catalog.uuid = randomUUID();
    this.catalogs.push(catalog);
    return catalog;
  }

  /** The org (System or a tenant's) with this uuid. */
  orgName(orgUuid: string): string | undefined {
    if (orgUuid === SYSTEM_ORG.uuid) return SYSTEM_ORG.name;
    return this.cloud.orgs.find((o) => uuidOf(o.nativeId) === orgUuid)?.name;
  }

  findCatalog(uuid: string): Catalog | undefined {
    return this.catalogs.find((c) => c.uuid === uuid.toLowerCase());
  }

  /** A template by `vappTemplate-<uuid>` (or the bare uuid). */
  findTemplate(segment: string): VAppTemplate | undefined {
    const uuid = segment.toLowerCase().replace(/^vapptemplate-/, '');
    return this.templates.find((t) => t.uuid === uuid);
  }

  templatesOf(catalog: Catalog): VAppTemplate[] {
    return this.templates.filter((t) => t.catalog === catalog);
  }

  /** A new empty upload of `size` bytes, tracked until nothing holds it. */
  newUpload(size: number): UploadFile {
    const file = this.store.create(size);
    this.uploads.add(file);
    return file;
  }

  /** Remove a template: its transfer URLs go (404 from then on), its uploads unless a VM holds them. */
  async removeTemplate(template: VAppTemplate): Promise<void> {
    const at = this.templates.indexOf(template);
    if (at >= 0) this.templates.splice(at, 1);
    template.catalog.version++;
    if (template.upload) this.transfers.delete(template.upload);
    if (template.download) this.transfers.delete(template.download);
    if (template.uploadTask) this.tasks.end(template.uploadTask, 'aborted');
    await this.discardUnheld(template.disks.map((d) => d.store));
  }

  diskOf(vm: SeedVm): StoredFile {
    return this.vmDisks.get(vm) ?? seededFile(vmDiskKey(this.cloud.id, vm.nativeId), this.diskBytes);
  }

  setDisk(vm: SeedVm, disk: StoredFile): void {
    this.vmDisks.set(vm, disk);
  }

  vappUuidOf(vm: SeedVm): string {
    return derivedUuid(`vapp:${vm.nativeId}`);
  }

  /** The VM of the vApp a `vapp-<uuid>` segment names. */
  vmOfVapp(segment: string): SeedVm | undefined {
    const uuid = segment.toLowerCase().replace(/^vapp-/, '');
    return this.cloud.vms.find((vm) => this.vappUuidOf(vm) === uuid);
  }

  /** Remove a VM (its vApp was deleted), and its disk unless a template holds it. */
  async removeVm(vm: SeedVm): Promise<void> {
    const at = this.cloud.vms.indexOf(vm);
    if (at >= 0) this.cloud.vms.splice(at, 1);
    const download = this.vappDownloads.get(vm);
    if (download) this.transfers.delete(download);
    const disk = this.vmDisks.get(vm);
    this.vmDisks.delete(vm);
    if (disk) await this.discardUnheld([disk]);
  }

  async close(): Promise<void> {
    this.transfers.clear();
    await this.store.close();
  }

  private async discardUnheld(files: readonly StoredFile[]): Promise<void> {
    for (const file of files) {
      const upload = [...this.uploads].find((u) => u === file);
      if (!upload) continue;
      const held =
        this.templates.some((t) => t.disks.some((d) => d.store === file)) || this.cloud.vms.some((vm) => this.vmDisks.get(vm) === file);
      if (held) continue;
      this.uploads.delete(upload);
      await upload.discard();
    }
  }
}
