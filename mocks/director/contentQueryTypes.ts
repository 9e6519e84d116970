/**
 * The query types of catalogs: `adminCatalog`, `adminCatalogItem` and
 * `adminVAppTemplate` (records with the fields of AdminCatalogRecord,
 * AdminCatalogItemRecord and AdminVAppTemplateRecord that the cell fills), read
 * from the live content state. Record statuses are the query service's words
 * (`RESOLVED`, `UNRESOLVED`, `FAILED_CREATION`), not the entity's numbers.
 *
 * Filter attributes: `id`, `name` (with `*`) on all three; `org` (URN or href) and
 * `orgName` on catalogs; `catalog` (URN or href), `catalogName` and `status` on
 * items and templates.
 */
import { trailingUuid } from './fiql';
import { adminCatalogPath, orgPath } from './catalogs';
import { TEMPLATE_STATUS, type Catalog, type ContentState, type VAppTemplate } from './contentState';
import type { QueryType } from './queryTypes';
import { catalogItemPath, templatePath } from './vappTemplates';

function statusWord(status: number): string {
  if (status === TEMPLATE_STATUS.RESOLVED) return 'RESOLVED';
  if (status === TEMPLATE_STATUS.FAILED_CREATION) return 'FAILED_CREATION';
  return 'UNRESOLVED';
}

const storageKb = (t: VAppTemplate): number => Math.ceil(t.disks.reduce((sum, d) => sum + d.store.size, 0) / 1024);

export function contentQueryTypes(state: ContentState): {
  adminCatalog: QueryType<Catalog>;
  adminCatalogItem: QueryType<VAppTemplate>;
  adminVAppTemplate: QueryType<VAppTemplate>;
} {
  const templateFields = {
    name: { get: (t: VAppTemplate) => t.name },
    catalog: { get: (t: VAppTemplate) => t.catalog.uuid, normalize: trailingUuid },
    catalogName: { get: (t: VAppTemplate) => t.catalog.name },
    status: { get: (t: VAppTemplate) => statusWord(t.status) },
  };
  const common = (t: VAppTemplate, base: string) => ({
    otherAttributes: {},
    link: [],
    metadata: null,
    // A real cell's JSON records carry `"id": null` (clients take the uuid from href) and no type.
    id: null,
    type: null,
    catalog: base + adminCatalogPath(t.catalog),
    catalogName: t.catalog.name,
    org: base + orgPath(t.catalog.orgUuid),
    orgName: state.orgName(t.catalog.orgUuid) ?? '',
    vdc: null,
    vdcName: null,
    status: statusWord(t.status),
    isPublished: false,
    creationDate: t.created,
  });

  return {
    adminCatalog: {
      rows: () => state.catalogs,
      fields: {
        id: { get: (c) => `urn:vcloud:catalog:${c.uuid}` },
        name: { get: (c) => c.name },
        org: { get: (c) => c.orgUuid, normalize: trailingUuid },
        orgName: { get: (c) => state.orgName(c.orgUuid) ?? '' },
      },
      render: (c, base) => ({
        otherAttributes: {},
        link: [],
        metadata: null,
        href: base + adminCatalogPath(c),
        id: null,
        type: null,
        _type: 'QueryResultAdminCatalogRecordType',
        name: c.name,
        description: c.description,
        org: base + orgPath(c.orgUuid),
        orgName: state.orgName(c.orgUuid) ?? '',
        ownerName: 'administrator',
        isPublished: false,
        isShared: false,
        numberOfVAppTemplates: state.templatesOf(c).length,
        numberOfMedia: 0,
        creationDate: c.created,
        version: c.version,
      }),
    },
    adminCatalogItem: {
      rows: () => state.templates,
      fields: { id: { get: (t) => `urn:vcloud:catalogitem:${t.itemUuid}` }, ...templateFields },
      render: (t, base) => ({
        ...common(t, base),
        href: base + catalogItemPath(t),
        _type: 'QueryResultAdminCatalogItemRecordType',
        name: t.name,
        entity: base + templatePath(t),
        entityName: t.name,
        entityType: 'vapptemplate',
        isVdcEnabled: true,
      }),
    },
    adminVAppTemplate: {
      rows: () => state.templates,
      fields: { id: { get: (t) => `urn:vcloud:vapptemplate:${t.uuid}` }, ...templateFields },
      render: (t, base) => ({
        ...common(t, base),
        href: base + templatePath(t),
        _type: 'QueryResultAdminVAppTemplateRecordType',
        name: t.name,
        catalogItem: base + catalogItemPath(t),
        isGoldMaster: false,
        isEnabled: true,
        isDeployed: false,
        numberOfVMs: t.shape ? 1 : 0,
        numberOfCpus: t.shape?.cpuCount ?? 0,
        memoryAllocationMB: t.shape?.memoryMb ?? 0,
        storageKB: storageKb(t),
        isExpired: false,
      }),
    },
  };
}
