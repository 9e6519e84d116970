/**
 * Content for an OpenStack account (../content.ts), over the adapter's session: Glance
 * images are the templates, and catalogs are the distinct values of the images'
 * `overcast_catalog` property (Glance has no catalogs: a catalog's id is its name,
 * and one exists once an image names it). VMs leave through a Nova snapshot and
 * arrive as a server booted from a transfer image (contentExport.ts,
 * contentImport.ts). Nova snapshots a running server, so no power-off is needed.
 * Capacity is the project's quota (`GET /limits`), which nova applies to every zone alike.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { ContentAdapter, TemplateRecord } from '../content';
import { CATALOG_PROPERTY, exportTemplate, exportVm, templateShape } from './contentExport';
import { beginImport } from './contentImport';
import { deleteServer, freeQuota, serversNamed } from './contentServers';
import { novaAnswers, novaError } from './errors';
import { createGlance, propertyOf, sha256Of, type GlanceImage } from './glanceImages';
import { zoneList } from './schemas';
import type { NovaSession } from './session';

export interface NovaContentOptions {
  /** How long each wait (a snapshot or image becoming active, a server building or going) may take. @default 30 min */
  waitMs?: number;
  /** The staging directory for imports; absent: STAGING_DIR or the default. */
  stagingDir?: string;
}

const DEFAULT_WAIT_MS = 30 * 60 * 1000;

/** A template image as a record; undefined for an image of no catalog. */
function templateRecord(image: GlanceImage): TemplateRecord | undefined {
  const catalog = propertyOf(image, CATALOG_PROPERTY);
  if (catalog === undefined) return undefined;
  return {
    id: image.id,
    name: image.name ?? image.id,
    catalogId: catalog,
    catalogName: catalog,
    sizeBytes: image.size ?? 0,
    sha256: sha256Of(image),
    ...templateShape(image),
  };
}

export function createNovaContent(session: NovaSession, options: NovaContentOptions = {}): ContentAdapter {
  const glance = createGlance(session);
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;

  async function templates(filters: Record<string, string>): Promise<TemplateRecord[]> {
    // Only usable templates: an image still queued or saving (an import under way) is not one yet.
    const images = await glance.list({ status: 'active', ...filters });
    return images.map(templateRecord).filter((t): t is TemplateRecord => t !== undefined);
  }

  async function template(id: string): Promise<GlanceImage> {
    const image = await glance.get(id);
    if (image === undefined || propertyOf(image, CATALOG_PROPERTY) === undefined) {
      throw new CloudApiError(ErrorCode.NOT_FOUND, `Template ${id} not found in OpenStack`);
    }
    return image;
  }

  return {
    exportNeedsPoweredOff: false,

    async listCatalogs() {
      const names = new Set((await templates({})).map((t) => t.catalogId));
      return [...names].sort().map((name) => ({ id: name, name }));
    },
    // A catalog is a property value: nothing to create until an image carries it.
    ensureCatalog: (name) => Promise.resolve({ id: name, name }),
    listTemplates: (catalogId) => templates(catalogId === undefined ? {} : { [CATALOG_PROPERTY]: catalogId }),
    async getTemplate(id) {
      const image = await glance.get(id);
      return image === undefined ? undefined : templateRecord(image);
    },

    exportVm: (vmId) => exportVm(session, glance, vmId, waitMs),
    exportTemplate: (templateId) => exportTemplate(glance, templateId),
    beginImport: (target, manifest, resume) =>
      beginImport({ session, glance, waitMs, ...(options.stagingDir ? { stagingDir: options.stagingDir } : {}) }, target, manifest, resume),

    async capacity(vdcId) {
      const res = await session.compute({ method: 'GET', path: '/os-availability-zone' });
      if (res.status !== 200) throw novaError(res, { subject: 'availability zones' });
      const zones = novaAnswers.parse(zoneList, res.body, 'availability zones', res.status).availabilityZoneInfo;
      if (!zones.some((z) => z.zoneName === vdcId))
        throw new CloudApiError(ErrorCode.NOT_FOUND, `Availability zone ${vdcId} not found in OpenStack`);
      // Nova has no disk quota (volumes are Cinder's): storage is not limited here.
      return { ...(await freeQuota(session)), storageBytes: null };
    },

    async nameTaken(target) {
      if (target.kind === 'vm') return (await serversNamed(session, target.name, target.vdcId)).length > 0;
      // Any status: an import under way holds its name too.
      return (await glance.list({ name: target.name, [CATALOG_PROPERTY]: target.catalog })).length > 0;
    },

    deleteVm: (vmId) => deleteServer(session, vmId, waitMs),
    async deleteTemplate(templateId) {
      await glance.remove((await template(templateId)).id);
    },
    async renameTemplate(templateId, name) {
      await glance.patch((await template(templateId)).id, [{ op: 'replace', path: '/name', value: name }]);
    },
  };
}
