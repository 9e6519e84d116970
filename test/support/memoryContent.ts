/**
 * A small in-test cloud for the transfer tests: a CloudAdapter whose `content` keeps
 * imported files in memory, and whose VMs' and templates' disks are seeded
 * (mocks/content/seededBytes.ts), so a test computes every checksum from the seed.
 *
 * Only because the real adapters' `content` (vSphere, Director, Nova against their
 * mocks) was being written at the same time as the node's transfer routes: once
 * those land, the node's transfer tests should also run over the real adapters and
 * mocks. Keeping imported disks in memory is fine for the few MiB these tests move;
 * the node itself holds at most two chunks per transfer.
 *
 * Faults a test can set on the source side: `failReads` (the next reads throw
 * CLOUD_UNAVAILABLE, as an unreachable cloud does), `holdReadsAfter` (reads past a
 * count wait until `releaseReads()`: a copy stopped at a known chunk).
 */
import { createHash } from 'node:crypto';
import type {
  CatalogRecord,
  ContentAdapter,
  ExportManifest,
  ImportTarget,
  OpenExport,
  OpenImport,
  TemplateRecord,
  VdcCapacity,
} from '../../subgraphs/cloud-node/adapters/content';
import type { CloudAdapter, VdcRecord, VmRecord } from '../../subgraphs/cloud-node/adapters/types';
import { CloudApiError, ErrorCode } from '../../subgraphs/shared/cloudApiError';
import { seededDisk } from '../../mocks/content/seededBytes';
import { templateDiskKey, vmDiskKey } from '../../mocks/content/seededContent';

interface Disk {
  size: number;
  read(start: number, end: number): Buffer;
  sha256(): Promise<string>;
}

export interface MemoryVm extends VmRecord {
  diskBytes: number;
}

export interface MemoryTemplate {
  id: string;
  name: string;
  catalogName: string;
  cpuCount: number;
  memoryMb: number;
  diskBytes: number;
}

export interface MemoryCloudOptions {
  cloudId: string;
  vdcs: VdcRecord[];
  vms?: MemoryVm[];
  templates?: MemoryTemplate[];
  /** Free capacity per VDC id; absent: no limit. */
  capacity?: Record<string, VdcCapacity>;
  exportNeedsPoweredOff?: boolean;
}

interface Import {
  id: string;
  target: ImportTarget;
  manifest: ExportManifest;
  files: Buffer[];
  held: number[];
}

const memoryDisk = (bytes: Buffer): Disk => ({
  size: bytes.length,
  read: (start, end) => Buffer.from(bytes.subarray(start, end)),
  sha256: async () => createHash('sha256').update(bytes).digest('hex'),
});

/** The cloud: it outlives the nodes in front of it (a restarted node gets a new adapter over the same cloud). */
export class MemoryCloud {
  readonly vms = new Map<string, VmRecord>();
  readonly templates = new Map<string, TemplateRecord>();
  readonly catalogs = new Map<string, CatalogRecord>();
  readonly disks = new Map<string, Disk>();
  readonly imports = new Map<string, Import>();
  /** Every read of an export, in order. */
  readonly reads: Array<{ index: number; start: number; end: number }> = [];
  /** Import ids whose abort() was called. */
  readonly aborted: string[] = [];
  exportsOpened = 0;
  exportsClosed = 0;
  /** The next this many reads throw CLOUD_UNAVAILABLE. */
  failReads = 0;
  /** Reads after this many (counted from when it is set) wait for releaseReads(). */
  private holdAfter: number | undefined;
  private readsSinceHold = 0;
  private held: Array<() => void> = [];
  private next = 0;

  constructor(readonly options: MemoryCloudOptions) {
    for (const { diskBytes, ...vm } of options.vms ?? []) {
      this.vms.set(vm.id, vm);
      this.disks.set(vm.id, seededDisk(vmDiskKey(options.cloudId, vm.id), diskBytes));
    }
    for (const t of options.templates ?? []) {
      const catalog = this.ensureCatalog(t.catalogName);
      const disk = seededDisk(templateDiskKey(options.cloudId, t.name), t.diskBytes);
      this.disks.set(t.id, disk);
      this.templates.set(t.id, {
        id: t.id,
        name: t.name,
        catalogId: catalog.id,
        catalogName: catalog.name,
        sizeBytes: t.diskBytes,
        sha256: null,
        cpuCount: t.cpuCount,
        memoryMb: t.memoryMb,
      });
    }
  }

  holdReadsAfter(count: number): void {
    this.holdAfter = count;
    this.readsSinceHold = 0;
  }

  /** Reads waiting for releaseReads(). */
  get heldReads(): number {
    return this.held.length;
  }

  releaseReads(): void {
    this.holdAfter = undefined;
    for (const release of this.held.splice(0)) release();
  }

  ensureCatalog(name: string): CatalogRecord {
    const found = [...this.catalogs.values()].find((c) => c.name === name);
    if (found) return found;
    const catalog = { id: `catalog-${++this.next}`, name };
    this.catalogs.set(catalog.id, catalog);
    return catalog;
  }

  /** A node's adapter over this cloud. */
  adapter(): CloudAdapter {
    return memoryAdapter(this);
  }

  /** @internal For memoryAdapter: hold a read when holdReadsAfter says so. */
  async holdIfAsked(): Promise<void> {
    if (this.holdAfter !== undefined && ++this.readsSinceHold > this.holdAfter)
      await new Promise<void>((resolve) => this.held.push(resolve));
  }

  /** @internal For memoryAdapter: a new id. */
  nextId(): number {
    return ++this.next;
  }
}

function memoryAdapter(cloud: MemoryCloud): CloudAdapter {
  const vdcIds = new Set(cloud.options.vdcs.map((v) => v.id));
  const notFound = (what: string) => new CloudApiError(ErrorCode.NOT_FOUND, `${what} not found`);
  const openExport = async (manifest: ExportManifest, parts: Array<Buffer | Disk>): Promise<OpenExport> => {
    cloud.exportsOpened++;
    let closed = false;
    return {
      manifest,
      async read(index, start, end) {
        if (closed) throw new CloudApiError(ErrorCode.NOT_FOUND, 'export closed');
        cloud.reads.push({ index, start, end });
        if (cloud.failReads > 0) {
          cloud.failReads--;
          throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, 'Cloud API answered 503', 503);
        }
        await cloud.holdIfAsked();
        const part = parts[index]!;
        return Buffer.isBuffer(part) ? Buffer.from(part.subarray(start, end)) : part.read(start, end);
      },
      async close() {
        closed = true;
        cloud.exportsClosed++;
      },
    };
  };
  const exportOf = async (name: string, cpuCount: number, memoryMb: number, disk: Disk): Promise<OpenExport> => {
    const descriptor = Buffer.from(`<Envelope><VirtualSystem name="${name}" cpus="${cpuCount}" memoryMb="${memoryMb}"/></Envelope>\n`);
    const manifest: ExportManifest = {
      descriptor: { name, cpuCount, memoryMb },
      files: [
        { name: 'descriptor.ovf', size: descriptor.length, sha256: createHash('sha256').update(descriptor).digest('hex') },
        { name: 'disk-0.vmdk', size: disk.size, sha256: await disk.sha256() },
      ],
    };
    return openExport(manifest, [descriptor, disk]);
  };
  const nameTaken = (target: ImportTarget): boolean =>
    target.kind === 'vm'
      ? [...cloud.vms.values()].some((vm) => vm.vdcId === target.vdcId && vm.name === target.name)
      : [...cloud.templates.values()].some((t) => t.catalogName === target.catalog && t.name === target.name);

  const content: ContentAdapter = {
    exportNeedsPoweredOff: cloud.options.exportNeedsPoweredOff ?? false,
    listCatalogs: async () => [...cloud.catalogs.values()],
    ensureCatalog: async (name) => cloud.ensureCatalog(name),
    listTemplates: async (catalogId) => [...cloud.templates.values()].filter((t) => catalogId === undefined || t.catalogId === catalogId),
    getTemplate: async (id) => cloud.templates.get(id),
    async exportVm(vmId) {
      const vm = cloud.vms.get(vmId);
      if (!vm) throw notFound(`VM ${vmId}`);
      if (content.exportNeedsPoweredOff && vm.powerState === 'POWERED_ON') throw new CloudApiError(ErrorCode.CONFLICT, 'VM is powered on');
      return exportOf(vm.name, vm.cpuCount, vm.memoryMb, cloud.disks.get(vmId)!);
    },
    async exportTemplate(templateId) {
      const t = cloud.templates.get(templateId);
      if (!t) throw notFound(`template ${templateId}`);
      return exportOf(t.name, t.cpuCount, t.memoryMb, cloud.disks.get(templateId)!);
    },
    async beginImport(target, manifest, resume) {
      let imp: Import | undefined;
      if (resume) {
        imp = cloud.imports.get(String(resume.importId));
        if (!imp) throw notFound(`import ${String(resume.importId)}`);
      } else {
        imp = {
          id: `import-${cloud.nextId()}`,
          target,
          manifest,
          files: manifest.files.map((f) => Buffer.alloc(f.size)),
          held: manifest.files.map(() => 0),
        };
        cloud.imports.set(imp.id, imp);
      }
      const current = imp;
      const open: OpenImport = {
        state: { importId: current.id },
        received: async (index) => current.held[index]!,
        async write(index, offset, bytes) {
          if (!cloud.imports.has(current.id)) throw notFound(`import ${current.id}`);
          if (offset > current.held[index]!) throw new CloudApiError(ErrorCode.CONFLICT, `write at ${offset} past ${current.held[index]}`);
          bytes.copy(current.files[index]!, offset);
          current.held[index] = Math.max(current.held[index]!, offset + bytes.length);
        },
        async complete() {
          if (current.held.some((held, i) => held !== current.manifest.files[i]!.size))
            throw new CloudApiError(ErrorCode.CONFLICT, 'import incomplete');
          cloud.imports.delete(current.id);
          const disk = memoryDisk(current.files[1]!);
          const { descriptor } = current.manifest;
          const id = `${current.target.kind}-imported-${cloud.nextId()}`;
          cloud.disks.set(id, disk);
          if (current.target.kind === 'vm') {
            cloud.vms.set(id, {
              id,
              name: current.target.name,
              vdcId: current.target.vdcId,
              powerState: 'POWERED_OFF',
              cpuCount: descriptor.cpuCount,
              memoryMb: descriptor.memoryMb,
            });
          } else {
            const catalog = cloud.ensureCatalog(current.target.catalog);
            cloud.templates.set(id, {
              id,
              name: current.target.name,
              catalogId: catalog.id,
              catalogName: catalog.name,
              sizeBytes: disk.size,
              sha256: await disk.sha256(),
              cpuCount: descriptor.cpuCount,
              memoryMb: descriptor.memoryMb,
            });
          }
          return { id, sha256: await disk.sha256() };
        },
        async abort() {
          cloud.aborted.push(current.id);
          cloud.imports.delete(current.id);
        },
      };
      return open;
    },
    async capacity(vdcId) {
      if (!vdcIds.has(vdcId)) throw notFound(`VDC ${vdcId}`);
      return cloud.options.capacity?.[vdcId] ?? { cpuCount: null, memoryMb: null, storageBytes: null };
    },
    nameTaken: async (target) => nameTaken(target),
    async deleteVm(vmId) {
      if (!cloud.vms.delete(vmId)) throw notFound(`VM ${vmId}`);
    },
    async deleteTemplate(templateId) {
      if (!cloud.templates.delete(templateId)) throw notFound(`template ${templateId}`);
    },
    async renameTemplate(templateId, name) {
      const t = cloud.templates.get(templateId);
      if (!t) throw notFound(`template ${templateId}`);
      cloud.templates.set(templateId, { ...t, name });
    },
  };

  return {
    kind: 'vsphere',
    listVdcs: async () => cloud.options.vdcs,
    listVms: async (ids) => [...cloud.vms.values()].filter((vm) => !ids || ids.includes(vm.vdcId)),
    getVms: async (ids) => new Map(ids.flatMap((id) => (cloud.vms.has(id) ? [[id, cloud.vms.get(id)!] as const] : []))),
    powerOn: async () => undefined,
    powerOff: async () => undefined,
    probe: async () => undefined,
    content,
    close: async () => undefined,
  };
}
