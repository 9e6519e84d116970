/**
 * An export at a Director cell: enable the download of a vApp template or a
 * powered-off vApp (a Task), read its `Files` (size and the checksum the cell
 * reports) and its descriptor (for the VM's name, vCPUs and memory), then serve
 * ranges of each file with ranged GETs on its `download:default` link. Closing
 * disables the download.
 */
import { createHash } from 'node:crypto';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import type { ExportManifest, OpenExport, TransferFile } from '../content';
import { getEntity, runTask, type ContentContext } from './contentContext';
import { entitySchema, linkOf } from './contentRecords';
import { readOvf } from '../ovf';

const DESCRIPTOR = 'descriptor.ovf';
const SHA256 = /^[0-9a-f]{64}$/;

/** Bytes [start, end) of the file at `href`: a ranged GET answered 206 with exactly those bytes. */
export async function readRange(
  ctx: ContentContext,
  href: string,
  size: number,
  start: number,
  end: number,
  subject: string,
): Promise<Buffer> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > size || start >= end) {
    throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject}: bytes ${start}-${end} are not within its ${size} bytes`);
  }
  const res = await ctx.director.bytes({ method: 'GET', url: href, headers: { range: `bytes=${start}-${end - 1}` } });
  if (res.status === 416)
    throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject}: Cloud Director refused bytes ${start}-${end}`, 416);
  if (res.status === 404) throw new CloudApiError(ErrorCode.NOT_FOUND, `${subject}: the download is no longer open`, 404);
  if (res.status !== 206 || res.body.length !== end - start) throw directorAnswers.unexpected(`download of ${subject}`);
  return res.body;
}

/** Open the export of the template or vApp at `path` (`/api/vAppTemplate/vappTemplate-<uuid>`, `/api/vApp/vapp-<uuid>`). */
export async function openExport(ctx: ContentContext, path: string, subject: string): Promise<OpenExport> {
  const close = async (): Promise<void> => {
    try {
      await ctx.director.call({ method: 'POST', path: `${path}/action/disableDownload` }, { subject, entity: true });
    } catch (err) {
      // Gone already (deleted, or a second close): nothing left to disable.
      if (!(err instanceof CloudApiError && err.code === ErrorCode.NOT_FOUND)) throw err;
    }
  };
  try {
    await runTask(ctx, { method: 'POST', path: `${path}/action/enableDownload` }, { subject });
    const entity = await getEntity(ctx, path, entitySchema, subject);
    const listed = (entity.files?.file ?? []).map((f) => {
      const href = linkOf(f.link, 'download:default');
      if (href === undefined || f.size < 0) throw directorAnswers.unexpected(`files of ${subject}`);
      return { ...f, href };
    });
    const descriptorFile = listed.find((f) => f.name === DESCRIPTOR);
    if (!descriptorFile) throw directorAnswers.unexpected(`files of ${subject}`);
    // Descriptor first, as the manifest says; it is small, read whole for the VM's shape.
    const files = [descriptorFile, ...listed.filter((f) => f !== descriptorFile)];
    const xml =
      descriptorFile.size > 0
        ? await readRange(ctx, descriptorFile.href, descriptorFile.size, 0, descriptorFile.size, subject)
        : Buffer.alloc(0);
    const descriptor = readOvf(xml.toString('utf8'));
    if (!descriptor) throw directorAnswers.unexpected(`descriptor of ${subject}`);
    const manifestFiles: TransferFile[] = files.map((f) => {
      const sha256 = f === descriptorFile ? createHash('sha256').update(xml).digest('hex') : f.checksum?.toLowerCase();
      if (sha256 === undefined || !SHA256.test(sha256)) throw directorAnswers.unexpected(`checksum of ${f.name} of ${subject}`);
      return { name: f.name, size: f.size, sha256 };
    });
    const manifest: ExportManifest = { descriptor, files: manifestFiles };
    return {
      manifest,
      async read(index, start, end) {
        const file = files[index];
        if (!file) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `${subject} has no file ${index}`);
        return readRange(ctx, file.href, file.size, start, end, `${file.name} of ${subject}`);
      },
      close,
    };
  } catch (err) {
    // Refused, failed, or out of time (the cell may still enable it): best effort not to leave a download open.
    if (!(err instanceof CloudApiError && (err.code === ErrorCode.CONFLICT || err.code === ErrorCode.NOT_FOUND)))
      await close().catch(() => undefined);
    throw err;
  }
}
