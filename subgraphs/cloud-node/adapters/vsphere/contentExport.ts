/**
 * An export of one library item: a download session whose files are all prepared
 * before the manifest is answered (the descriptor read whole, it is small), then
 * read in ranges from their download endpoints. vCenter ends an idle download
 * session after a few minutes, so reads keep it alive. Closing deletes the session
 * and, for a VM export, the item its capture made.
 */
import { createHash } from 'node:crypto';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { ExportManifest, OpenExport } from '../content';
import type { ContentApi, ContentHttp, PreparedFile } from './contentApi';
import { vsphereError } from './errors';
import { readOvf } from '../ovf';

/** Bound on preparing the files (vCenter reads each once). */
export const PREPARE_TIMEOUT_MS = 10 * 60_000;
/** A descriptor is a few KiB: anything past this is not one. */
const DESCRIPTOR_LIMIT = 1024 * 1024;
/** Under vCenter's download session timeout (5 minutes). */
const KEEP_ALIVE_MS = 60_000;

/** The files of an item in manifest order: the descriptor, then the disks by name. */
function order(files: readonly { name: string }[]): { name: string }[] | undefined {
  const descriptor = files.find((f) => f.name.endsWith('.ovf'));
  const disks = files.filter((f) => f.name.endsWith('.vmdk')).sort((a, b) => a.name.localeCompare(b.name));
  return descriptor && disks.length > 0 ? [descriptor, ...disks] : undefined;
}

/** A transfer endpoint's error body (vAPI JSON), or undefined. */
export function jsonOf(body: Buffer): unknown {
  try {
    return body.length > 0 && body.length < 65536 ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return undefined;
  }
}

/** Bytes [start, end) of a prepared file: a ranged GET, answered 206 with exactly those bytes. */
export async function readRange(http: ContentHttp, file: PreparedFile, start: number, end: number): Promise<Buffer> {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end > file.size || end < start) {
    throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `bytes ${start}-${end} are outside ${file.name} (${file.size} bytes)`);
  }
  if (end === start) return Buffer.alloc(0);
  const res = await http.bytes(() => ({ method: 'GET', url: file.uri, headers: { range: `bytes=${start}-${end - 1}` } }));
  if (res.status === 416) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `vCenter refused bytes ${start}-${end} of ${file.name}`, 416);
  if (res.status !== 206 && !(res.status === 200 && start === 0 && end === file.size)) {
    throw vsphereError({ status: res.status, headers: res.headers, body: jsonOf(res.body) }, `download of ${file.name}`);
  }
  if (res.body.length !== end - start) {
    throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `vCenter sent ${res.body.length} of ${end - start} bytes of ${file.name}`);
  }
  return res.body;
}

/**
 * Open an export of item `itemId`; `onClose` runs after the session is deleted (the
 * capture's clean-up). Whatever fails before the manifest is answered is undone.
 */
export async function openItemExport(
  api: ContentApi,
  http: ContentHttp,
  itemId: string,
  onClose: () => Promise<void> = async () => {},
): Promise<OpenExport> {
  const session = await api.openDownload(itemId);
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= api.closeDownload(session).finally(onClose);
    return closed;
  };
  try {
    const listed = order(await api.downloadFiles(session));
    if (!listed) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `library item ${itemId} is no OVF package (a descriptor and a disk)`);
    const files = await Promise.all(listed.map((f) => api.prepare(session, f.name, PREPARE_TIMEOUT_MS)));
    const descriptorFile = files[0]!;
    if (descriptorFile.size > DESCRIPTOR_LIMIT)
      throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `the OVF descriptor of ${itemId} is too large`);
    const xml = await readRange(http, descriptorFile, 0, descriptorFile.size);
    const descriptor = readOvf(xml.toString('utf8'));
    if (!descriptor) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `the OVF descriptor of ${itemId} names no VM with vCPUs and memory`);
    const manifest: ExportManifest = {
      descriptor,
      files: files.map((f, index) => {
        // The descriptor's checksum is of the bytes just read; a disk's, vCenter's.
        const sha256 = index === 0 ? createHash('sha256').update(xml).digest('hex') : f.sha256;
        if (!sha256) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `vCenter reports no SHA-256 of ${f.name}`);
        return { name: index === 0 ? 'descriptor.ovf' : `disk-${index - 1}.vmdk`, size: f.size, sha256 };
      }),
    };
    let aliveAt = Date.now();
    return {
      manifest,
      async read(index, start, end) {
        const file = files[index];
        if (!file) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `the export has no file ${index}`);
        if (Date.now() - aliveAt > KEEP_ALIVE_MS) {
          aliveAt = Date.now();
          await api.keepAliveDownload(session);
        }
        return readRange(http, file, start, end);
      },
      close,
    };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
