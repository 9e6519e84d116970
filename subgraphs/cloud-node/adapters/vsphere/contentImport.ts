/**
 * An import into vCenter. The upload endpoint of an update session takes a whole
 * file in one PUT and cannot continue a torn one, so chunks are staged on the
 * node's disk (../staging.ts) under a key kept in the ImportState, and a resumed
 * import (another process, the same state) continues from what the staging holds.
 * Completing creates the item (tagged with the key in its description, so that a
 * retry or an abort in another process finds it), uploads each staged file as a
 * stream, waits for vCenter to validate it (sizes and SHA-256), and for a VM
 * deploys the item into the datacenter and deletes it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { stagingFile, type StagingFile } from '../staging';
import type { ExportManifest, ImportState, ImportTarget, OpenImport } from '../content';
import type { ContentApi, ContentHttp, LibraryInfo } from './contentApi';
import { jsonOf } from './contentExport';
import { vsphereError } from './errors';
import { writeOvf } from '../ovf';

/** Where VM exports are captured and VM imports uploaded before deploy. */
export const TRANSFER_LIBRARY = 'overcast-transfers';
/** Bound on vCenter validating and applying a completed update session. */
export const UPDATE_TIMEOUT_MS = 10 * 60_000;
/** Slowest upload rate we wait for before calling vCenter unreachable: 1 MB/s. */
const MIN_UPLOAD_BYTES_PER_MS = 1000;
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ImportDeps {
  api: ContentApi;
  http: ContentHttp;
  /** Names this cloud's staging files (`<cloud>-<key>`). */
  stagingPrefix: string;
  stagingDir?: string;
  /** Per request, the client's bound (uploads add time for their size). */
  timeoutMs: number;
  findLibrary(name: string): Promise<LibraryInfo | undefined>;
  ensureLibrary(name: string): Promise<LibraryInfo>;
  /** Deploy an OVF item as a powered-off VM named `name` in datacenter `vdcId`: the VM's id. */
  deploy(itemId: string, vdcId: string, name: string): Promise<string>;
  deleteVm(vmId: string): Promise<void>;
}

/** The state's key, or a new one; anything but a key we made is refused (it names a staging file). */
function keyOf(resume: ImportState | undefined): string {
  if (resume === undefined) return randomUUID();
  const key = resume.key;
  if (typeof key !== 'string' || !KEY.test(key))
    throw new CloudApiError(ErrorCode.BAD_USER_INPUT, 'the import state is not one this adapter made');
  return key;
}

/** The names an item's files get: one descriptor, then the disks in the manifest's order. */
const DESCRIPTOR_NAME = 'descriptor.ovf';
const diskName = (n: number): string => `disk-${n}.vmdk`;
/** An OVF package's other parts (manifest, certificate): not disks. */
const PACKAGE_PARTS = /\.(ovf|mf|cert)$/i;

export async function beginVsphereImport(
  deps: ImportDeps,
  target: ImportTarget,
  manifest: ExportManifest,
  resume?: ImportState,
): Promise<OpenImport> {
  const { api, http } = deps;
  const key = keyOf(resume);
  const tag = `overcast-import:${key}`;
  const libraryName = target.kind === 'vm' ? TRANSFER_LIBRARY : target.catalog;
  const staging: StagingFile[] = await Promise.all(
    manifest.files.map((_, i) => stagingFile(`${deps.stagingPrefix}-${key}`, i, deps.stagingDir)),
  );
  // Sources differ (an OVF package, a bare Glance image): the disks are the files that are not package parts.
  const disks = manifest.files.flatMap((file, index) => (PACKAGE_PARTS.test(file.name) ? [] : [index]));
  if (disks.length === 0) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, 'the manifest has no disk');
  const made: { itemId?: string; sessionId?: string; vmId?: string } = {};
  let completing: Promise<{ id: string; sha256: string | null }> | undefined;

  const fileOf = (index: number): StagingFile => {
    const file = staging[index];
    if (!file) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `the import has no file ${index}`);
    return file;
  };

  /** Items an earlier attempt of this import left in `libraryId` (a complete cut short). */
  const removeLeftovers = async (libraryId: string): Promise<void> => {
    const items = await api.items(libraryId);
    await Promise.all(items.filter((i) => i.description === tag).map((i) => api.deleteItem(i.id, true)));
  };

  /**
   * The descriptor to upload, made from the manifest: the source's names its own disk
   * files (and another cloud's need not be one vCenter reads), ours names the item's.
   */
  const descriptorBytes = (): Buffer =>
    writeOvf({ ...manifest.descriptor, name: target.name }, [{ name: diskName(0), size: manifest.files[disks[0]!]!.size }]);

  const upload = async (uri: string, name: string, index: number, replacement?: Buffer): Promise<void> => {
    const size = replacement?.length ?? manifest.files[index]!.size;
    const res = await http.bytes(() => ({
      method: 'PUT',
      url: uri,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: replacement ?? fileOf(index).open(),
      timeoutMs: deps.timeoutMs + Math.ceil(size / MIN_UPLOAD_BYTES_PER_MS),
    }));
    if (res.status < 200 || res.status > 204)
      throw vsphereError({ status: res.status, headers: res.headers, body: jsonOf(res.body) }, `upload of ${name}`);
  };

  const complete = async (): Promise<{ id: string; sha256: string | null }> => {
    for (const [index, file] of manifest.files.entries()) {
      const held = await fileOf(index).size();
      if (held !== file.size) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `file ${index} holds ${held} of ${file.size} bytes`);
    }
    const library = await deps.ensureLibrary(libraryName);
    await removeLeftovers(library.id);
    const itemName = target.kind === 'vm' ? `overcast-import-${key}` : target.name;
    made.itemId = await api.createItem(library.id, itemName, tag);
    made.sessionId = await api.openUpdate(made.itemId);
    const descriptor = descriptorBytes();
    await upload(
      await api.addFile(made.sessionId, DESCRIPTOR_NAME, descriptor.length, createSha256(descriptor)),
      DESCRIPTOR_NAME,
      -1,
      descriptor,
    );
    for (const [n, index] of disks.entries()) {
      const file = manifest.files[index]!;
      await upload(await api.addFile(made.sessionId, diskName(n), file.size, file.sha256), diskName(n), index);
    }
    await api.updateAction(made.sessionId, 'complete');
    await api.waitUpdate(made.sessionId, UPDATE_TIMEOUT_MS);
    await api.closeUpdate(made.sessionId);
    made.sessionId = undefined;
    const disk = (await api.itemFiles(made.itemId)).find((f) => f.name === diskName(0));
    const sha256 = disk?.sha256 ?? null;
    let id = made.itemId;
    if (target.kind === 'vm') {
      made.vmId = await deps.deploy(made.itemId, target.vdcId, target.name);
      id = made.vmId;
      await api.deleteItem(made.itemId, true);
      made.itemId = undefined;
    }
    await Promise.all(staging.map((s) => s.remove()));
    return { id, sha256 };
  };

  return {
    state: { key },
    received: (index) => fileOf(index).size(),
    async write(index, offset, bytes) {
      const size = manifest.files[index]?.size ?? 0;
      if (offset + bytes.length > size)
        throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `bytes past the end of file ${index} (${size} bytes)`);
      const held = await fileOf(index).size();
      if (offset > held)
        throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `a write at ${offset} would leave a gap after ${held} bytes of file ${index}`);
      await fileOf(index).writeAt(offset, bytes);
    },
    complete() {
      completing ??= complete().finally(() => (completing = undefined));
      return completing;
    },
    async abort() {
      const quietly = (p: Promise<unknown>) => p.catch(() => undefined);
      if (made.sessionId) await quietly(api.updateAction(made.sessionId, 'cancel'));
      if (made.vmId)
        await deps.deleteVm(made.vmId).catch((err) => {
          if (!(err instanceof CloudApiError && err.code === ErrorCode.NOT_FOUND)) throw err;
        });
      if (made.itemId) await api.deleteItem(made.itemId, true);
      // What an attempt in another process may have left: found by the key in its description.
      const library = await deps.findLibrary(libraryName);
      if (library) await removeLeftovers(library.id);
      await Promise.all(staging.map((s) => s.remove()));
      made.itemId = made.sessionId = made.vmId = undefined;
    },
  };
}

function createSha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
