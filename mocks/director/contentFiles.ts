/**
 * The `Files` element a vApp template (and a vApp with its download enabled) shows:
 * one `File` per file of the OVF with its size, the bytes the cell holds, its
 * checksum and its transfer link (`upload:default` while the cell waits for it,
 * `download:default` while downloads are enabled), all under
 * `<base>/transfer/<uuid>/<name>`.
 */
import type { StoredFile } from '../content/storedFiles';
import type { ContentFile } from './contentState';

export const DESCRIPTOR_NAME = 'descriptor.ovf';

export function link(rel: string, href: string, type: string | null = null): Record<string, unknown> {
  return { otherAttributes: {}, href, id: null, type, name: null, model: null, rel, vCloudExtension: [] };
}

export const transferHref = (base: string, transfer: string, name: string): string => `${base}/transfer/${transfer}/${name}`;

/**
 * The checksum of a file the cell holds whole. SHA-256 hex here: it stands for the
 * per-file `checksum` a cell reports on each `File` (the API does not name its
 * algorithm), which is what a client compares a copy with.
 */
async function checksumOf(store: StoredFile): Promise<string | null> {
  return store.received() >= store.size ? store.sha256() : null;
}

/** One `File`; `rel` and `transfer` name its link, if it has one. */
export async function renderFile(
  base: string,
  file: ContentFile,
  transfer?: { uuid: string; rel: 'upload:default' | 'download:default' },
): Promise<Record<string, unknown>> {
  return {
    otherAttributes: {},
    href: null,
    id: null,
    type: null,
    name: file.name,
    size: file.store.size,
    bytesTransferred: file.store.received(),
    checksum: await checksumOf(file.store),
    link: transfer ? [link(transfer.rel, transferHref(base, transfer.uuid, file.name))] : [],
  };
}

/** `files` as a `Files` element, linked for download when `download` is the transfer's uuid. */
export async function renderDownloadFiles(base: string, files: readonly ContentFile[], download: string | undefined): Promise<unknown> {
  return {
    otherAttributes: {},
    link: [],
    file: await Promise.all(files.map((f) => renderFile(base, f, download ? { uuid: download, rel: 'download:default' } : undefined))),
  };
}
