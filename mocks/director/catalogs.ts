/**
 * Catalogs and catalog items on the legacy API:
 * - `GET /api/catalog/<uuid>` (and the admin view `GET /api/admin/catalog/<uuid>`):
 *   the catalog with its items;
 * - `POST /api/admin/org/<uuid>/catalogs` (AdminCatalog `{name, description}`):
 *   a new catalog of that org (the System org's uuid is the provider's own);
 *   a name the org already uses is a 400 DUPLICATE_NAME;
 * - `POST /api/catalog/<uuid>/action/upload` (UploadVAppTemplateParams `{name,
 *   description}`): 201 with the new CatalogItem, whose `entity` is a vApp template
 *   in status 0 waiting for its descriptor at its `upload:default` link (transfer.ts);
 * - `GET /api/catalogItem/<uuid>`; `PUT` (CatalogItem `{name, description}`)
 *   renames the item and its template.
 *
 * Versions rise as a cell's do: an item's on a change of name or content, a
 * catalog's when an item is added, removed or changes.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { link } from './contentFiles';
import { TEMPLATE_STATUS, type Catalog, type ContentState, type VAppTemplate } from './contentState';
import { sendLegacyError } from './errors';
import { baseUrl } from './hrefs';
import { catalogItemPath, legacyType, sendMissing, templateRef, track } from './vappTemplates';

const CATALOG_TYPE = 'application/vnd.vmware.vcloud.catalog+json';
const ADMIN_CATALOG_TYPE = 'application/vnd.vmware.admin.catalog+json';
const ITEM_TYPE = 'application/vnd.vmware.vcloud.catalogItem+json';
const UPLOAD_PARAMS_TYPE = 'application/vnd.vmware.vcloud.uploadVAppTemplateParams+json';

export const catalogPath = (c: Catalog): string => `/api/catalog/${c.uuid}`;
export const adminCatalogPath = (c: Catalog): string => `/api/admin/catalog/${c.uuid}`;
export const orgPath = (orgUuid: string): string => `/api/org/${orgUuid}`;

/** A `{name, description}` body: the name, or undefined when it is missing or not a usable name. */
function nameOf(body: unknown): { name: string; description: string } | undefined {
  const { name, description } = (body ?? {}) as { name?: unknown; description?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || name.length > 128) return undefined;
  return { name, description: typeof description === 'string' ? description : '' };
}

function renderCatalog(base: string, c: Catalog, state: ContentState, admin: boolean): Record<string, unknown> {
  return {
    otherAttributes: {},
    link: [
      link('up', base + orgPath(c.orgUuid), 'application/vnd.vmware.vcloud.org+json'),
      link('add', `${base}${catalogPath(c)}/action/upload`, UPLOAD_PARAMS_TYPE),
    ],
    href: base + (admin ? adminCatalogPath(c) : catalogPath(c)),
    type: admin ? ADMIN_CATALOG_TYPE : CATALOG_TYPE,
    id: `urn:vcloud:catalog:${c.uuid}`,
    name: c.name,
    description: c.description,
    owner: null,
    catalogItems: {
      otherAttributes: {},
      catalogItem: state
        .templatesOf(c)
        .map((t) => ({ href: base + catalogItemPath(t), id: `urn:vcloud:catalogitem:${t.itemUuid}`, type: ITEM_TYPE, name: t.name })),
    },
    isPublished: false,
    dateCreated: c.created,
    versionNumber: c.version,
  };
}

export function renderCatalogItem(base: string, t: VAppTemplate): Record<string, unknown> {
  const entity = templateRef(t);
  return {
    otherAttributes: {},
    link: [link('up', base + catalogPath(t.catalog), CATALOG_TYPE), link('remove', base + catalogItemPath(t))],
    href: base + catalogItemPath(t),
    type: ITEM_TYPE,
    id: `urn:vcloud:catalogitem:${t.itemUuid}`,
    name: t.name,
    description: t.description,
    entity: { ...entity, href: base + entity.href },
    dateCreated: t.created,
    versionNumber: t.version,
    size: t.disks.reduce((sum, d) => sum + d.store.size, 0),
  };
}

/** Register the catalog and catalog item routes over `state`. */
export function registerCatalogs(app: FastifyInstance, state: ContentState): void {
  type Params = { Params: { id: string } };
  const sendCatalog = (admin: boolean) => async (request: FastifyRequest<Params>, reply: FastifyReply) => {
    const c = state.findCatalog(request.params.id);
    if (!c) return sendMissing(reply, `urn:vcloud:catalog:${request.params.id}`);
    return reply
      .type(legacyType(request, admin ? ADMIN_CATALOG_TYPE : CATALOG_TYPE))
      .send(renderCatalog(baseUrl(request), c, state, admin));
  };
  app.get<Params>('/api/catalog/:id', sendCatalog(false));
  app.get<Params>('/api/admin/catalog/:id', sendCatalog(true));

  app.post<Params>('/api/admin/org/:id/catalogs', async (request, reply) => {
    const orgUuid = request.params.id.toLowerCase();
    if (state.orgName(orgUuid) === undefined) return sendMissing(reply, `urn:vcloud:org:${request.params.id}`);
    const params = nameOf(request.body);
    if (!params) return sendLegacyError(reply, 400, 'BAD_REQUEST', 'The catalog needs a name of 1 to 128 characters.');
    if (state.catalogs.some((c) => c.orgUuid === orgUuid && c.name.toLowerCase() === params.name.toLowerCase())) {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', `DUPLICATE_NAME: the organization already has a catalog named "${params.name}".`);
    }
    const c = state.addCatalog(orgUuid, params.name, params.description);
    return reply
      .code(201)
      .type(legacyType(request, ADMIN_CATALOG_TYPE))
      .send(renderCatalog(baseUrl(request), c, state, true));
  });

  app.post<Params>('/api/catalog/:id/action/upload', async (request, reply) => {
    const c = state.findCatalog(request.params.id);
    if (!c) return sendMissing(reply, `urn:vcloud:catalog:${request.params.id}`);
    const params = nameOf(request.body);
    if (!params) return sendLegacyError(reply, 400, 'BAD_REQUEST', 'UploadVAppTemplateParams needs a name of 1 to 128 characters.');
    if (state.templatesOf(c).some((t) => t.name.toLowerCase() === params.name.toLowerCase())) {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', `DUPLICATE_NAME: the catalog already has an item named "${params.name}".`);
    }
    const t: VAppTemplate = {
      uuid: randomUUID(),
      itemUuid: randomUUID(),
      ...params,
      catalog: c,
      status: TEMPLATE_STATUS.UNRESOLVED,
      created: new Date().toISOString(),
      version: 1,
      disks: [],
      upload: randomUUID(),
      tasks: [],
    };
    const total = (): number => t.disks.reduce((sum, d) => sum + d.store.size, 0);
    const held = (): number => t.disks.reduce((sum, d) => sum + d.store.received(), 0);
    t.uploadTask = state.tasks.open(
      'vdcUploadOvfContents',
      `Uploading Virtual Application Template ${t.name}(${t.uuid})`,
      templateRef(t),
      () => (total() > 0 ? Math.min(99, Math.floor((100 * held()) / total())) : 0),
    );
    track(t, t.uploadTask);
    state.templates.push(t);
    state.transfers.set(t.upload!, { kind: 'upload', template: t });
    c.version++;
    return reply
      .code(201)
      .type(legacyType(request, ITEM_TYPE))
      .send(renderCatalogItem(baseUrl(request), t));
  });

  const findItem = (id: string): VAppTemplate | undefined => state.templates.find((t) => t.itemUuid === id.toLowerCase());

  app.get<Params>('/api/catalogItem/:id', async (request, reply) => {
    const t = findItem(request.params.id);
    if (!t) return sendMissing(reply, `urn:vcloud:catalogitem:${request.params.id}`);
    return reply.type(legacyType(request, ITEM_TYPE)).send(renderCatalogItem(baseUrl(request), t));
  });

  app.put<Params>('/api/catalogItem/:id', async (request, reply) => {
    const t = findItem(request.params.id);
    if (!t) return sendMissing(reply, `urn:vcloud:catalogitem:${request.params.id}`);
    const params = nameOf(request.body);
    if (!params) return sendLegacyError(reply, 400, 'BAD_REQUEST', 'The catalog item needs a name of 1 to 128 characters.');
    if (state.templatesOf(t.catalog).some((o) => o !== t && o.name.toLowerCase() === params.name.toLowerCase())) {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', `DUPLICATE_NAME: the catalog already has an item named "${params.name}".`);
    }
    if (params.name !== t.name || params.description !== t.description) {
      Object.assign(t, params);
      t.version++;
      t.catalog.version++;
    }
    return reply.type(legacyType(request, ITEM_TYPE)).send(renderCatalogItem(baseUrl(request), t));
  });
}
