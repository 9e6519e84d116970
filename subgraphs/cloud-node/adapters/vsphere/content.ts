/**
 * vSphere's content: content libraries are the catalogs, their `ovf` items the
 * templates. A VM is exported by capturing it into an item of the
 * `overcast-transfers` library (vCenter captures only a powered-off VM) and reading
 * that item through a download session (./contentExport.ts); an import is staged on
 * the node and uploaded through an update session, then deployed for a VM
 * (./contentImport.ts). The transfer library is the node's own: it is not listed
 * as a catalog. vSphere datacenters set no quota, so capacity is all nulls.
 *
 * A template's vCPUs and memory are in its OVF descriptor, which only a download
 * session can read: descriptors are cached per item and content_version.
 */
import { randomUUID } from 'node:crypto';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { CatalogRecord, ContentAdapter, OpenExport, TemplateRecord, VmDescriptor } from '../content';
import { contentApi, type ContentHttp, type ItemInfo, type LibraryInfo } from './contentApi';
import { openItemExport, PREPARE_TIMEOUT_MS, readRange } from './contentExport';
import { beginVsphereImport, TRANSFER_LIBRARY } from './contentImport';
import { vsphereAnswers, vsphereError, vsphereOperationError } from './errors';
import { isRecord } from '../../../../schema/values';
import { readOvf } from '../ovf';

export interface VsphereContentOptions {
  /** Names this cloud's staging files (the vCenter's host). */
  stagingPrefix: string;
  stagingDir?: string;
  timeoutMs: number;
}

const enc = encodeURIComponent;

export function createVsphereContent(http: ContentHttp, options: VsphereContentOptions): ContentAdapter {
  const api = contentApi(http);
  /** Descriptors read, by item id: valid while the item's content_version is the same. */
  const descriptors = new Map<string, { version: string; descriptor: Promise<VmDescriptor> }>();
  const ensuring = new Map<string, Promise<LibraryInfo>>();

  const findLibrary = async (name: string): Promise<LibraryInfo | undefined> => (await api.libraries()).find((l) => l.name === name);

  async function ensureLibrary(name: string): Promise<LibraryInfo> {
    const found = await findLibrary(name);
    if (found) return found;
    try {
      return { id: await api.createLibrary(name), name };
    } catch (err) {
      // Made meanwhile by another node call (vCenter refuses a second library of a name).
      const made = await findLibrary(name);
      if (made) return made;
      throw err;
    }
  }

  /** One ensure per name at a time, so concurrent imports do not race to create it. */
  function ensure(name: string): Promise<LibraryInfo> {
    let pending = ensuring.get(name);
    if (!pending) {
      pending = ensureLibrary(name).finally(() => ensuring.delete(name));
      ensuring.set(name, pending);
    }
    return pending;
  }

  /** The VM an item's descriptor declares: a download session for the descriptor alone. */
  async function readDescriptor(itemId: string): Promise<VmDescriptor> {
    const session = await api.openDownload(itemId);
    try {
      const descriptor = (await api.downloadFiles(session)).find((f) => f.name.endsWith('.ovf'));
      if (!descriptor) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `library item ${itemId} has no OVF descriptor`);
      const file = await api.prepare(session, descriptor.name, PREPARE_TIMEOUT_MS);
      const vm = readOvf((await readRange(http, file, 0, file.size)).toString('utf8'));
      if (!vm) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `the OVF descriptor of ${itemId} names no VM with vCPUs and memory`);
      return vm;
    } finally {
      await api.closeDownload(session).catch(() => undefined);
    }
  }

  function descriptorOf(item: ItemInfo): Promise<VmDescriptor> {
    const cached = descriptors.get(item.id);
    if (cached && cached.version === item.contentVersion) return cached.descriptor;
    const descriptor = readDescriptor(item.id);
    descriptors.set(item.id, { version: item.contentVersion, descriptor });
    descriptor.catch(() => {
      if (descriptors.get(item.id)?.descriptor === descriptor) descriptors.delete(item.id);
    });
    return descriptor;
  }

  async function templateOf(item: ItemInfo, library: LibraryInfo): Promise<TemplateRecord | undefined> {
    if (item.type !== 'ovf') return undefined;
    const files = await api.itemFiles(item.id);
    // An item whose content is not in yet (an upload under way, a copy a sync is making) is no template yet.
    if (!files.some((f) => f.name.endsWith('.ovf')) || !files.some((f) => f.name.endsWith('.vmdk'))) return undefined;
    const vm = await descriptorOf(item);
    const disk = files.filter((f) => f.name.endsWith('.vmdk')).sort((a, b) => a.name.localeCompare(b.name))[0];
    return {
      id: item.id,
      name: item.name,
      catalogId: library.id,
      catalogName: library.name,
      sizeBytes: disk?.size ?? 0,
      sha256: disk?.sha256 ?? null,
      cpuCount: vm.cpuCount,
      memoryMb: vm.memoryMb,
    };
  }

  const catalogs = async (): Promise<LibraryInfo[]> => (await api.libraries()).filter((l) => l.name !== TRANSFER_LIBRARY);

  async function deleteVm(vmId: string): Promise<void> {
    const res = await http.operate({ method: 'DELETE', path: `/api/vcenter/vm/${enc(vmId)}` });
    if (res.status !== 204 && res.status !== 200) throw vsphereOperationError(res, `VM ${vmId}`);
  }

  /** The datacenter's placement for a deploy: its root resource pool and VM folder. */
  async function placement(vdcId: string): Promise<{ resource_pool_id?: string; folder_id: string }> {
    const dc = await http.call({ method: 'GET', path: `/api/vcenter/datacenter/${enc(vdcId)}` });
    if (dc.status !== 200) throw vsphereError(dc, `datacenter ${vdcId}`);
    const folder = isRecord(dc.body) ? dc.body.vm_folder : undefined;
    if (typeof folder !== 'string') throw vsphereAnswers.unexpected(`datacenter ${vdcId}`, dc.status);
    const pools = await http.call({ method: 'GET', path: `/api/vcenter/resource-pool?datacenters=${enc(vdcId)}` });
    if (pools.status !== 200) throw vsphereError(pools, `resource pools of ${vdcId}`);
    const first: unknown = Array.isArray(pools.body) ? pools.body[0] : undefined;
    const pool = isRecord(first) && typeof first.resource_pool === 'string' ? first.resource_pool : undefined;
    return { ...(pool ? { resource_pool_id: pool } : {}), folder_id: folder };
  }

  async function deploy(itemId: string, vdcId: string, name: string): Promise<string> {
    const target = await placement(vdcId);
    const res = await http.operate({
      method: 'POST',
      path: `/api/vcenter/ovf/library-item/${enc(itemId)}?action=deploy`,
      json: { target, deployment_spec: { name, accept_all_EULA: true } },
    });
    if (res.status !== 200 && res.status !== 201) throw vsphereOperationError(res, `deploy of ${name}`);
    const body = res.body;
    const id = isRecord(body) && isRecord(body.resource_id) ? body.resource_id.id : undefined;
    if (!isRecord(body) || body.succeeded !== true || typeof id !== 'string') {
      throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `deploy of ${name}: vCenter did not deploy it`, res.status);
    }
    return id;
  }

  return {
    exportNeedsPoweredOff: true,

    listCatalogs: async (): Promise<CatalogRecord[]> => (await catalogs()).map(({ id, name }) => ({ id, name })),

    ensureCatalog: async (name) => {
      const { id } = await ensure(name);
      return { id, name };
    },

    async listTemplates(catalogId) {
      let libraries: LibraryInfo[];
      if (catalogId === undefined) libraries = await catalogs();
      else {
        const library = await api.library(catalogId);
        if (!library) throw new CloudApiError(ErrorCode.NOT_FOUND, `library ${catalogId} not found in vCenter`);
        libraries = [library];
      }
      const lists = await Promise.all(
        libraries.map(async (library) => {
          const items = await api.items(library.id);
          return Promise.all(items.map((item) => templateOf(item, library)));
        }),
      );
      return lists.flat().filter((t): t is TemplateRecord => t !== undefined);
    },

    async getTemplate(id) {
      const item = await api.item(id);
      if (!item) return undefined;
      const library = await api.library(item.libraryId);
      if (!library) return undefined;
      return templateOf(item, library);
    },

    async exportVm(vmId): Promise<OpenExport> {
      const library = await ensure(TRANSFER_LIBRARY);
      const res = await http.operate({
        method: 'POST',
        path: '/api/vcenter/ovf/library-item',
        json: {
          source: { type: 'VirtualMachine', id: vmId },
          target: { library_id: library.id },
          create_spec: { name: `overcast-export-${vmId}-${randomUUID()}`, description: 'Overcast transfer' },
        },
      });
      if (res.status !== 200 && res.status !== 201) throw vsphereOperationError(res, `VM ${vmId}`);
      const body = res.body;
      if (!isRecord(body) || body.succeeded !== true || typeof body.ovf_library_item_id !== 'string') {
        throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `VM ${vmId}: vCenter did not capture it`, res.status);
      }
      const itemId = body.ovf_library_item_id;
      try {
        return await openItemExport(api, http, itemId, () => api.deleteItem(itemId, true));
      } catch (err) {
        await api.deleteItem(itemId, true).catch(() => undefined);
        throw err;
      }
    },

    async exportTemplate(templateId) {
      const item = await api.item(templateId);
      if (!item || item.type !== 'ovf') throw new CloudApiError(ErrorCode.NOT_FOUND, `template ${templateId} not found in vCenter`);
      return openItemExport(api, http, templateId);
    },

    beginImport: (target, manifest, resume) =>
      beginVsphereImport(
        {
          api,
          http,
          stagingPrefix: options.stagingPrefix,
          stagingDir: options.stagingDir,
          timeoutMs: options.timeoutMs,
          findLibrary,
          ensureLibrary: ensure,
          deploy,
          deleteVm,
        },
        target,
        manifest,
        resume,
      ),

    async capacity(vdcId) {
      const res = await http.call({ method: 'GET', path: `/api/vcenter/datacenter/${enc(vdcId)}` });
      if (res.status !== 200) throw vsphereError(res, `datacenter ${vdcId}`);
      return { cpuCount: null, memoryMb: null, storageBytes: null };
    },

    async nameTaken(target) {
      if (target.kind === 'vm') {
        const query = new URLSearchParams([
          ['datacenters', target.vdcId],
          ['names', target.name],
        ]);
        const res = await http.call({ method: 'GET', path: `/api/vcenter/vm?${query.toString()}` });
        if (res.status !== 200) throw vsphereError(res, `VMs of ${target.vdcId}`);
        return Array.isArray(res.body) && res.body.length > 0;
      }
      const library = await findLibrary(target.catalog);
      return library ? (await api.items(library.id)).some((i) => i.name === target.name) : false;
    },

    deleteVm,

    async deleteTemplate(templateId) {
      await api.deleteItem(templateId);
      descriptors.delete(templateId);
    },

    renameTemplate: (templateId, name) => api.renameItem(templateId, name),
  };
}
