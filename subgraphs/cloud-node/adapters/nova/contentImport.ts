/**
 * Imports into OpenStack. Glance takes an image's data in one single-shot PUT, which
 * cannot resume, so acknowledged chunks go to the node's staging area (../staging.ts)
 * and the whole staged disk is streamed to Glance once every byte is in. Then a
 * template import is done (an image with `overcast_catalog`); a VM import boots a
 * server from the transfer image in the target zone, with the smallest flavor that
 * fits, and deletes the transfer image.
 *
 * The state is `{ key }`: it names the staging files, and is set on what the import
 * creates (the image's `overcast_import` property, the server's metadata), so a
 * resumed or repeated `complete` finds what an earlier attempt made instead of
 * making it twice, and `abort` finds everything to remove.
 */
import { randomUUID } from 'node:crypto';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { ExportManifest, ImportState, ImportTarget, OpenImport } from '../content';
import { stagingFile, type StagingFile } from '../staging';
import { CATALOG_PROPERTY, VCPUS_PROPERTY } from './contentExport';
import { bootServer, deleteServer, serversNamed, smallestFlavor, waitServerActive } from './contentServers';
import { sha256Of, type Glance, type GlanceImage } from './glanceImages';
import type { NovaSession } from './session';

/** Marks what one import created. */
const IMPORT_PROPERTY = 'overcast_import';
/** Files of a manifest that are not disks (an OVF descriptor, its manifest and certificate). */
const NOT_A_DISK = /\.(ovf|mf|cert)$/i;
/** Glance's disk_format by file extension; anything else is sent as raw. */
const FORMATS: Record<string, string> = {
  vmdk: 'vmdk',
  qcow2: 'qcow2',
  vhd: 'vhd',
  vhdx: 'vhdx',
  vdi: 'vdi',
  iso: 'iso',
  raw: 'raw',
  img: 'raw',
};

export interface ImportContext {
  session: NovaSession;
  glance: Glance;
  /** Budget of each wait (image active, server built) and of the upload. */
  waitMs: number;
  /** The staging directory; absent: STAGING_DIR or the default. */
  stagingDir?: string;
}

const diskFormatOf = (name: string): string => FORMATS[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'raw';

export async function beginImport(
  ctx: ImportContext,
  target: ImportTarget,
  manifest: ExportManifest,
  resume?: ImportState,
): Promise<OpenImport> {
  const { glance, session, waitMs } = ctx;
  if (resume !== undefined && (typeof resume.key !== 'string' || !/^[0-9a-f-]{36}$/.test(resume.key))) {
    throw new CloudApiError(ErrorCode.BAD_USER_INPUT, 'The import state is not an OpenStack one');
  }
  const key = (resume?.key as string | undefined) ?? randomUUID();
  const disks = manifest.files.map((f, i) => [f, i] as const).filter(([f]) => !NOT_A_DISK.test(f.name));
  if (disks.length !== 1) throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `A Glance image holds one disk, not ${disks.length}`);
  const [disk, diskIndex] = disks[0]!;

  const staged = new Map<number, Promise<StagingFile>>();
  const stage = (index: number): Promise<StagingFile> => {
    if (!Number.isSafeInteger(index) || index < 0 || index >= manifest.files.length) {
      return Promise.reject(new CloudApiError(ErrorCode.BAD_USER_INPUT, `The manifest has no file ${index}`));
    }
    let file = staged.get(index);
    if (!file) staged.set(index, (file = stagingFile(`nova-${key}`, index, ctx.stagingDir)));
    return file;
  };
  const removeStaging = async (): Promise<void> => {
    await Promise.all(manifest.files.map(async (_f, i) => (await stage(i)).remove()));
  };
  /** The image this import made, if any (found by its property, so a resumed complete finds it). */
  const ownImages = (): Promise<GlanceImage[]> => glance.list({ [IMPORT_PROPERTY]: key });
  const serverName = target.kind === 'vm' ? target.name : '';
  const ownServers = async () =>
    target.kind === 'vm'
      ? (await serversNamed(session, serverName, target.vdcId)).filter((s) => s.metadata?.[IMPORT_PROPERTY] === key)
      : [];

  /** The image holding the disk, created once, uploaded once, active. */
  async function activeImage(): Promise<GlanceImage> {
    const file = await stage(diskIndex);
    const existing = (await ownImages())[0];
    const image =
      existing ??
      (await glance.create({
        name: target.kind === 'template' ? target.name : `overcast-transfer-${key}`,
        disk_format: diskFormatOf(disk.name),
        container_format: 'bare',
        visibility: 'private',
        min_ram: manifest.descriptor.memoryMb,
        [VCPUS_PROPERTY]: String(manifest.descriptor.cpuCount),
        [IMPORT_PROPERTY]: key,
        ...(target.kind === 'template' ? { [CATALOG_PROPERTY]: target.catalog } : {}),
      }));
    if (image.status === 'queued') await glance.upload(image.id, disk.size, () => file.open(), waitMs);
    return glance.waitActive(image.id, waitMs);
  }

  return {
    state: { key },

    async received(index) {
      const held = await (await stage(index)).size();
      return Math.min(held, manifest.files[index]!.size);
    },

    async write(index, offset, bytes) {
      const file = await stage(index);
      if (offset < 0 || offset + bytes.length > manifest.files[index]!.size) {
        throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `Bytes ${offset}-${offset + bytes.length} are past file ${index}`);
      }
      await file.writeAt(offset, bytes);
    },

    async complete() {
      for (const [i, f] of manifest.files.entries()) {
        if ((await (await stage(i)).size()) !== f.size) {
          throw new CloudApiError(ErrorCode.CONFLICT, `File ${f.name} is not complete: not every byte was written`);
        }
      }
      const image = await activeImage();
      const sha256 = sha256Of(image);
      if (target.kind === 'template') {
        await removeStaging();
        return { id: image.id, sha256 };
      }
      let serverId = (await ownServers())[0]?.id;
      if (serverId === undefined) {
        const flavorId = await smallestFlavor(session, manifest.descriptor.cpuCount, manifest.descriptor.memoryMb, disk.size);
        serverId = await bootServer(session, {
          name: target.name,
          imageId: image.id,
          flavorId,
          zone: target.vdcId,
          metadata: { [IMPORT_PROPERTY]: key },
        });
      }
      await waitServerActive(session, serverId, waitMs);
      // The server has its disk: the transfer image is no longer needed.
      await glance.remove(image.id);
      await removeStaging();
      return { id: serverId, sha256 };
    },

    async abort() {
      await removeStaging();
      for (const server of await ownServers()) await deleteServer(session, server.id, waitMs, true);
      for (const image of await ownImages()) await glance.remove(image.id);
    },
  };
}
