/**
 * An import into a Director cell. The cell's chunked upload is the resume
 * primitive: each chunk is PUT straight to the file's `upload:default` link with
 * `Content-Range: bytes a-b/total`, the cell reports the bytes it holds
 * (`bytesTransferred`), and a resumed import continues from there. Nothing is staged.
 *
 * 1. Upload a vApp template (`POST /api/catalog/<uuid>/action/upload`) into the
 *    target catalog (a template import) or into `overcast-transfers` of the target
 *    VDC's org (a VM import), and put a descriptor made from the manifest (ovf.ts).
 * 2. Write each disk file in chunks.
 * 3. Complete: wait for the template to resolve (status 8); for a VM, instantiate it
 *    into the VDC (a vApp with one powered-off VM) and delete the transfer template.
 *
 * `state` holds the template and its upload links, so a new adapter resumes it.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import { pollWithin } from '../../../shared/pollWithin';
import type { ExportManifest, ImportState, ImportTarget, OpenImport } from '../content';
import { getEntity, runTask, type ContentContext } from './contentContext';
import { catalogItemSchema, entitySchema, linkOf, templateIdOf, templatePath, uuidIn } from './contentRecords';
import { taskSchema } from './tasks';
import { writeOvf } from '../ovf';
import { followTask } from './tasks';

/** The catalog VM imports pass through, one per org (created when missing). */
export const TRANSFER_CATALOG = 'overcast-transfers';
const DESCRIPTOR = 'descriptor.ovf';
/** An OVF package's other parts (descriptor, manifest, certificate): the cell gets a descriptor of ours instead. */
const PACKAGE_PARTS = /\.(ovf|mf|cert)$/i;
const isPackagePart = (file: { name: string }): boolean => PACKAGE_PARTS.test(file.name);
/** The disks of a manifest: sources differ (an OVF package, a bare Glance image). */
const disksOf = (manifest: ExportManifest) => manifest.files.filter((file) => !isPackagePart(file));
const RESOLVED = 8;
const FAILED_CREATION = -1;

const stateSchema = z.object({
  director: z.literal(1),
  templateUuid: z.string(),
  /** Upload link of each disk file, by name. */
  uploads: z.record(z.string(), z.string()),
});
type DirectorImportState = z.infer<typeof stateSchema>;

const vappSchema = z.object({
  href: z.string(),
  tasks: z.object({ task: z.array(taskSchema).nullish() }).nullish(),
  children: z.object({ vm: z.array(z.object({ href: z.string() })).nullish() }).nullish(),
});

/** How beginImport finds catalogs: provided by content.ts. */
export interface ImportCatalogs {
  /** The uuid of the catalog a template import goes to. */
  templateCatalog(name: string): Promise<string>;
  /** The uuid of the transfer catalog of the VDC's org; NOT_FOUND for an unknown VDC. */
  transferCatalog(vdcId: string): Promise<string>;
}

export async function beginImport(
  ctx: ContentContext,
  catalogs: ImportCatalogs,
  target: ImportTarget,
  manifest: ExportManifest,
  resume?: ImportState,
): Promise<OpenImport> {
  const subject = `import of ${target.name}`;
  const disks = disksOf(manifest);
  let state: DirectorImportState;
  if (resume) {
    const parsed = stateSchema.safeParse(resume);
    if (!parsed.success) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject}: the state to resume is not a Director import's`);
    state = parsed.data;
    // The template must still be there (NOT_FOUND otherwise): the upload continues into it.
    await getEntity(ctx, templatePath(state.templateUuid), entitySchema, subject);
  } else {
    state = await startUpload(ctx, catalogs, target, manifest, subject);
  }
  const path = templatePath(state.templateUuid);
  const template = () => getEntity(ctx, path, entitySchema, subject);
  /** The VM made by complete(), until the transfer template is gone too. */
  let vappPath: string | undefined;

  const removeTemplate = async (): Promise<void> => {
    try {
      await runTask(ctx, { method: 'DELETE', path }, { subject });
    } catch (err) {
      if (!(err instanceof CloudApiError && err.code === ErrorCode.NOT_FOUND)) throw err;
    }
  };

  return {
    state,
    async received(index) {
      const file = manifest.files[index];
      if (!file) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject} has no file ${index}`);
      // The descriptor was put when the upload began (ours, made from the manifest).
      if (isPackagePart(file)) return file.size;
      const entity = await template();
      if (entity.status === RESOLVED) return file.size;
      const held = entity.files?.file?.find((f) => f.name === file.name);
      return held?.bytesTransferred ?? 0;
    },

    async write(index, offset, bytes) {
      const file = manifest.files[index];
      if (!file) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject} has no file ${index}`);
      if (offset < 0 || offset + bytes.length > file.size) {
        throw new CloudApiError(
          ErrorCode.BAD_USER_INPUT,
          `${subject}: bytes ${offset}-${offset + bytes.length} are not within ${file.name}`,
        );
      }
      if (isPackagePart(file) || bytes.length === 0) return;
      const url = state.uploads[file.name];
      if (url === undefined) throw directorAnswers.unexpected(`upload links of ${subject}`);
      const res = await ctx.director.bytes({
        method: 'PUT',
        url,
        headers: {
          'content-type': 'application/octet-stream',
          'content-range': `bytes ${offset}-${offset + bytes.length - 1}/${file.size}`,
        },
        body: bytes,
      });
      if (res.status === 416)
        throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject}: ${file.name} holds fewer bytes than ${offset}`, 416);
      if (res.status === 404) throw new CloudApiError(ErrorCode.NOT_FOUND, `${subject}: the upload is gone`, 404);
      if (res.status >= 300)
        throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director answered ${res.status} for a chunk of ${subject}`, res.status);
    },

    async complete() {
      const resolved = await pollWithin(`${subject}: the Cloud Director upload`, ctx.budgetMs, async () => {
        const entity = await template();
        if (entity.status === FAILED_CREATION)
          throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${subject}: Cloud Director could not import the OVF`);
        return entity.status === RESOLVED ? entity : undefined;
      });
      const disk = resolved.files?.file?.find((f) => f.name === disks[0]?.name);
      const sha256 = disk?.checksum?.toLowerCase() ?? null;
      if (target.kind === 'template') return { id: templateIdOf(state.templateUuid), sha256 };

      const vdcUuid = uuidIn(target.vdcId, subject);
      const res = await ctx.director.call(
        {
          method: 'POST',
          path: `/api/vdc/${vdcUuid}/action/instantiateVAppTemplate`,
          headers: { 'content-type': 'application/vnd.vmware.vcloud.instantiateVAppTemplateParams+json' },
          json: { name: target.name, source: { href: resolved.href } },
        },
        { subject, action: true, entity: true },
      );
      const vapp = directorAnswers.parse(vappSchema, res.body, subject);
      const vmHref = vapp.children?.vm?.[0]?.href;
      const task = vapp.tasks?.task?.[0];
      if (vmHref === undefined || task === undefined) throw directorAnswers.unexpected(subject);
      vappPath = `/api/vApp/vapp-${uuidIn(vapp.href, subject)}`;
      await followTask(ctx.director, task, { subject, budgetMs: ctx.budgetMs });
      await removeTemplate();
      vappPath = undefined;
      return { id: `urn:vcloud:vm:${uuidIn(vmHref, subject)}`, sha256 };
    },

    async abort() {
      if (vappPath !== undefined) {
        try {
          await runTask(ctx, { method: 'DELETE', path: vappPath }, { subject });
        } catch (err) {
          if (!(err instanceof CloudApiError && err.code === ErrorCode.NOT_FOUND)) throw err;
        }
      }
      await removeTemplate();
    },
  };
}

/** Create the template, put its descriptor, and read the disks' upload links. */
async function startUpload(
  ctx: ContentContext,
  catalogs: ImportCatalogs,
  target: ImportTarget,
  manifest: ExportManifest,
  subject: string,
): Promise<DirectorImportState> {
  const disks = disksOf(manifest);
  if (disks.length === 0) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject}: the manifest has no disk`);
  const catalogUuid = target.kind === 'vm' ? await catalogs.transferCatalog(target.vdcId) : await catalogs.templateCatalog(target.catalog);
  // A VM passes through under a name of its own: imports of the same name may run at once.
  const name = target.kind === 'vm' ? `${target.name}-${randomUUID()}` : target.name;
  const res = await ctx.director.call(
    {
      method: 'POST',
      path: `/api/catalog/${catalogUuid}/action/upload`,
      headers: { 'content-type': 'application/vnd.vmware.vcloud.uploadVAppTemplateParams+json' },
      json: { name, description: `Imported by Overcast as ${target.name}` },
    },
    { subject, action: true, entity: true },
  );
  const item = directorAnswers.parse(catalogItemSchema, res.body, subject);
  const templateUuid = uuidIn(item.entity.href, subject);
  const path = templatePath(templateUuid);
  try {
    const waiting = await getEntity(ctx, path, entitySchema, subject);
    const descriptorUrl = linkOf(waiting.files?.file?.find((f) => f.name === DESCRIPTOR)?.link, 'upload:default');
    if (descriptorUrl === undefined) throw directorAnswers.unexpected(`upload of ${subject}`);
    const put = await ctx.director.bytes({
      method: 'PUT',
      url: descriptorUrl,
      headers: { 'content-type': 'text/xml' },
      body: writeOvf(manifest.descriptor, disks),
    });
    if (put.status >= 300)
      throw new CloudApiError(
        ErrorCode.UPSTREAM_ERROR,
        `Cloud Director answered ${put.status} for the descriptor of ${subject}`,
        put.status,
      );
    const listed = await getEntity(ctx, path, entitySchema, subject);
    const uploads: Record<string, string> = {};
    for (const disk of disks) {
      const url = linkOf(listed.files?.file?.find((f) => f.name === disk.name)?.link, 'upload:default');
      // An empty file is whole at once: the cell hands out no link for it.
      if (url === undefined && disk.size > 0) throw directorAnswers.unexpected(`upload links of ${subject}`);
      if (url !== undefined) uploads[disk.name] = url;
    }
    return { director: 1, templateUuid, uploads };
  } catch (err) {
    await runTask(ctx, { method: 'DELETE', path }, { subject }).catch(() => undefined);
    throw err;
  }
}
