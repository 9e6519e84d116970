/**
 * The Director ContentAdapter: catalogs and vApp templates through the query
 * service (`adminCatalog`, `adminVAppTemplate`) and the legacy API, exports and
 * imports through transfer URLs (exports.ts, imports.ts).
 *
 * Catalogs here are the provider's: those of the System org (the session's org),
 * where `ensureCatalog` creates them; VM imports pass through a catalog
 * `overcast-transfers` of the target VDC's org. Ids: a catalog's uuid, a
 * template's `vappTemplate-<uuid>`, VMs and VDCs by URN. A VM is exported through
 * its vApp (`POST /api/vApp/vapp-<uuid>/action/enableDownload`), which the cell
 * allows only powered off; deleting a VM deletes its vApp (one VM each, as the
 * adapter instantiates them).
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import { VDC_URN, VM_URN } from '../../../shared/director/ids';
import { queryRecords } from '../../../shared/director/query';
import { vmRecordSchema } from '../../../shared/director/records';
import type { CatalogRecord, ContentAdapter, TemplateRecord, VdcCapacity } from '../content';
import { getEntity, runTask, type ContentContext } from './contentContext';
import {
  apiPath,
  catalogRecordSchema,
  catalogSchema,
  entitySchema,
  linkOf,
  sessionSchema,
  TEMPLATE_ID,
  templateIdOf,
  templatePath,
  templateRecordSchema,
  uuidIn,
  vdcCapacityRecordSchema,
  vdcOrgSchema,
  vmContainerRecordSchema,
  type TemplateQueryRecord,
} from './contentRecords';
import { openExport } from './exports';
import { beginImport, TRANSFER_CATALOG } from './imports';

const DESCRIPTOR = 'descriptor.ovf';
const MIB = 1024 * 1024;
const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Free = limit − used; null where the VDC sets no limit (null, or 0 for pay-as-you-go). */
function free(limit: number | null | undefined, used: number | null | undefined, usedIsPercent: boolean): number | null {
  if (limit === null || limit === undefined || limit <= 0) return null;
  const usedMb = usedIsPercent ? Math.round((limit * (used ?? 0)) / 100) : (used ?? 0);
  return Math.max(0, limit - usedMb);
}

export function createDirectorContent(ctx: ContentContext): ContentAdapter {
  const { director } = ctx;
  let systemOrg: Promise<string> | undefined;
  /** The uuid of the System org (the provider's session's org), asked once. */
  const systemOrgUuid = (): Promise<string> => {
    systemOrg ??= director
      .call({ method: 'GET', path: '/cloudapi/1.0.0/sessions/current' }, { subject: 'session' })
      .then((res) => uuidIn(directorAnswers.parse(sessionSchema, res.body, 'session').org.id, 'session'));
    systemOrg.catch(() => (systemOrg = undefined));
    return systemOrg;
  };

  const catalogsOf = async (orgUuid: string): Promise<CatalogRecord[]> => {
    const records = await queryRecords(director, {
      type: 'adminCatalog',
      filter: `org==${orgUuid}`,
      record: catalogRecordSchema,
      subject: 'catalog query',
    });
    return records.map((r) => ({ id: uuidIn(r.href, 'catalog query'), name: r.name }));
  };

  /** The catalog `name` of the org, created when missing (once more read when a concurrent create won). */
  async function ensureIn(orgUuid: string, name: string): Promise<CatalogRecord> {
    const found = (await catalogsOf(orgUuid)).find((c) => sameName(c.name, name));
    if (found) return found;
    try {
      const res = await director.call(
        {
          method: 'POST',
          path: `/api/admin/org/${orgUuid}/catalogs`,
          headers: { 'content-type': 'application/vnd.vmware.admin.catalog+json' },
          json: { name, description: 'Managed by Overcast' },
        },
        { subject: `catalog ${name}`, action: true, entity: true },
      );
      const created = directorAnswers.parse(catalogSchema, res.body, `catalog ${name}`);
      return { id: uuidIn(created.href, `catalog ${name}`), name: created.name };
    } catch (err) {
      const again = (await catalogsOf(orgUuid)).find((c) => sameName(c.name, name));
      if (again) return again;
      throw err;
    }
  }

  const queryTemplates = (filter: string) =>
    queryRecords(director, { type: 'adminVAppTemplate', filter, record: templateRecordSchema, subject: 'template query' });

  /** A record with the sizes and checksums of its files (the template itself). */
  async function toTemplate(record: TemplateQueryRecord): Promise<TemplateRecord> {
    const uuid = uuidIn(record.href, 'template query');
    const entity = await getEntity(ctx, templatePath(uuid), entitySchema, `template ${record.name}`);
    const disks = (entity.files?.file ?? []).filter((f) => f.name !== DESCRIPTOR);
    return {
      id: templateIdOf(uuid),
      name: record.name,
      catalogId: uuidIn(record.catalog, 'template query'),
      catalogName: record.catalogName ?? '',
      sizeBytes: disks.reduce((sum, f) => sum + Math.max(0, f.size), 0),
      sha256: disks[0]?.checksum?.toLowerCase() ?? null,
      cpuCount: record.numberOfCpus ?? 0,
      memoryMb: record.memoryAllocationMB ?? 0,
    };
  }

  /** The adminVM record (with its vApp) of a VM URN; NOT_FOUND when there is none. */
  async function vmWithVapp(vmId: string) {
    const uuid = VM_URN.exec(vmId)?.[1];
    if (uuid === undefined) throw new CloudApiError(ErrorCode.NOT_FOUND, `VM ${vmId} not found`);
    const urn = `urn:vcloud:vm:${uuid.toLowerCase()}`;
    const [record] = await queryRecords(director, {
      type: 'adminVM',
      filter: `id==${urn}`,
      record: vmContainerRecordSchema,
      subject: `VM ${vmId}`,
    });
    if (!record) throw new CloudApiError(ErrorCode.NOT_FOUND, `VM ${vmId} not found`);
    return record;
  }

  const templateUuid = (id: string): string => {
    const uuid = TEMPLATE_ID.exec(id)?.[1];
    if (uuid === undefined) throw new CloudApiError(ErrorCode.NOT_FOUND, `template ${id} not found`);
    return uuid.toLowerCase();
  };

  const content: ContentAdapter = {
    exportNeedsPoweredOff: true,

    listCatalogs: async () => catalogsOf(await systemOrgUuid()),

    ensureCatalog: async (name) => ensureIn(await systemOrgUuid(), name),

    async listTemplates(catalogId) {
      const catalogs = await content.listCatalogs();
      const wanted = new Set(catalogs.map((c) => c.id).filter((id) => catalogId === undefined || id === catalogId.toLowerCase()));
      if (wanted.size === 0) return [];
      const records = await queryTemplates(catalogId === undefined ? 'status==RESOLVED' : `(status==RESOLVED;catalog==${[...wanted][0]})`);
      return Promise.all(records.filter((r) => wanted.has(uuidIn(r.catalog, 'template query'))).map(toTemplate));
    },

    async getTemplate(id) {
      const uuid = TEMPLATE_ID.exec(id)?.[1];
      if (uuid === undefined) return undefined;
      const [record] = await queryTemplates(`id==urn:vcloud:vapptemplate:${uuid.toLowerCase()}`);
      return record && record.status === 'RESOLVED' ? toTemplate(record) : undefined;
    },

    async exportVm(vmId) {
      const record = await vmWithVapp(vmId);
      if (record.status !== 'POWERED_OFF') throw new CloudApiError(ErrorCode.CONFLICT, `VM ${vmId} must be powered off to be exported`);
      return openExport(ctx, apiPath(record.container, `VM ${vmId}`), `VM ${vmId}`);
    },

    exportTemplate: async (templateId) => openExport(ctx, templatePath(templateUuid(templateId)), `template ${templateId}`),

    beginImport: (target, manifest, resume) =>
      beginImport(
        ctx,
        {
          templateCatalog: async (name) => (await content.ensureCatalog(name)).id,
          async transferCatalog(vdcId) {
            if (!VDC_URN.test(vdcId)) throw new CloudApiError(ErrorCode.NOT_FOUND, `VDC ${vdcId} not found`);
            const vdc = await getEntity(ctx, `/cloudapi/1.0.0/vdcs/${vdcId}`, vdcOrgSchema, `VDC ${vdcId}`);
            return (await ensureIn(uuidIn(vdc.org.id, `VDC ${vdcId}`), TRANSFER_CATALOG)).id;
          },
        },
        target,
        manifest,
        resume,
      ),

    async capacity(vdcId): Promise<VdcCapacity> {
      if (!VDC_URN.test(vdcId)) throw new CloudApiError(ErrorCode.NOT_FOUND, `VDC ${vdcId} not found`);
      const [vdc] = await queryRecords(director, {
        type: 'adminOrgVdc',
        filter: `id==${vdcId}`,
        record: vdcCapacityRecordSchema,
        subject: `VDC ${vdcId}`,
      });
      if (!vdc) throw new CloudApiError(ErrorCode.NOT_FOUND, `VDC ${vdcId} not found`);
      // A reservation pool reports compute "used" as a percentage of its reservation; storage is always MB.
      const memoryMb = free(vdc.memoryLimitMB, vdc.memoryUsedMB, vdc.allocationModel === 'ReservationPool');
      const storageMb = free(vdc.storageLimitMB, vdc.storageUsedMB, false);
      // Director limits compute in MHz, not in vCPUs.
      return { cpuCount: null, memoryMb, storageBytes: storageMb === null ? null : storageMb * MIB };
    },

    async nameTaken(target) {
      if (target.kind === 'vm') {
        if (!VDC_URN.test(target.vdcId)) return false;
        const vms = await queryRecords(director, {
          type: 'adminVM',
          filter: `(isVAppTemplate==false;vdc==${target.vdcId})`,
          record: vmRecordSchema,
          subject: `VMs of ${target.vdcId}`,
        });
        return vms.some((vm) => sameName(vm.name, target.name));
      }
      const catalog = (await content.listCatalogs()).find((c) => sameName(c.name, target.catalog));
      if (!catalog) return false;
      return (await queryTemplates(`catalog==${catalog.id}`)).some((t) => sameName(t.name, target.name));
    },

    async deleteVm(vmId) {
      const record = await vmWithVapp(vmId);
      await runTask(ctx, { method: 'DELETE', path: apiPath(record.container, `VM ${vmId}`) }, { subject: `VM ${vmId}` });
    },

    deleteTemplate: (templateId) =>
      runTask(ctx, { method: 'DELETE', path: templatePath(templateUuid(templateId)) }, { subject: `template ${templateId}` }),

    async renameTemplate(templateId, name) {
      const subject = `template ${templateId}`;
      const entity = await getEntity(ctx, templatePath(templateUuid(templateId)), entitySchema, subject);
      const item = linkOf(entity.link, 'catalogItem');
      if (item === undefined) throw directorAnswers.unexpected(subject);
      await director.call(
        {
          method: 'PUT',
          path: apiPath(item, subject),
          headers: { 'content-type': 'application/vnd.vmware.vcloud.catalogItem+json' },
          json: { name, entity: { href: entity.href } },
        },
        { subject, action: true, entity: true },
      );
    },
  };
  return content;
}
