/**
 * The node's staging area, for clouds whose upload is one single-shot PUT (Glance's
 * `PUT /v2/images/{id}/file`, a vSphere update session's upload endpoint): such an
 * upload cannot continue where an interrupted one stopped, so the destination node
 * writes acknowledged chunks to a file of its own (on disk, never in memory) and
 * streams that file to the cloud once every byte is in. A resumed import reopens the
 * same file by path and continues from what it holds. (vCloud Connector's nodes kept
 * such a staging area, 40 GB by default; Director's chunked `Content-Range` uploads
 * need none.)
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** STAGING_DIR, else `<tmp>/overcast-staging`. */
export function stagingDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STAGING_DIR && env.STAGING_DIR !== '' ? env.STAGING_DIR : join(tmpdir(), 'overcast-staging');
}

export interface StagingFile {
  readonly path: string;
  /** Bytes held, contiguous from 0. */
  size(): Promise<number>;
  /** Write at `offset` (at most `size()`); bytes past it are dropped first (a resend after a torn write). */
  writeAt(offset: number, bytes: Buffer): Promise<void>;
  /** The whole file, for the one upload. */
  open(): Readable;
  remove(): Promise<void>;
}

/** The staging file of one transfer's file `index` (created on first write). */
export async function stagingFile(transferKey: string, index: number, dir = stagingDir()): Promise<StagingFile> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${transferKey.replace(/[^A-Za-z0-9_-]/g, '_')}.${index}`);
  const size = async (): Promise<number> => {
    try {
      return (await stat(path)).size;
    } catch {
      return 0;
    }
  };
  return {
    path,
    size,
    async writeAt(offset, bytes) {
      const held = await size();
      if (offset > held) throw new Error(`staging ${path}: a write at ${offset} would leave a gap after ${held} bytes`);
      if (offset < held) await truncate(path, offset);
      const handle = await open(path, 'a');
      try {
        await handle.write(bytes, 0, bytes.length, offset);
        // Acknowledged means on disk: the gateway's checkpoint counts this chunk as held.
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    open: () => createReadStream(path),
    remove: () => rm(path, { force: true }),
  };
}
