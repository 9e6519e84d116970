/**
 * Where a mock cloud keeps disk content: seeded disks are generated on read
 * (./seededBytes.ts); uploaded ones are written to a file under the mock's own
 * temporary directory, never held in memory, and removed when the mock closes. A
 * cloud reports what it has received of an upload (`received`: the contiguous bytes
 * from 0), which is what a chunked upload resumes from.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync } from 'node:fs';
import { open as openFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { seededDisk, sha256Of } from './seededBytes';

export interface StoredFile {
  /** The size declared (uploads) or generated (seeded). */
  readonly size: number;
  /** Bytes held contiguously from offset 0 (the size, for a seeded or completed file). */
  received(): number;
  /** Bytes [start, end) of what is held. */
  open(start?: number, end?: number): Readable;
  /** Hex SHA-256 of the whole content (only once every byte is held). */
  sha256(): Promise<string>;
}

export interface UploadFile extends StoredFile {
  /**
   * Write `bytes` at `offset`: at or before `received()` (a resend of bytes already
   * held overwrites them with the same content), never past it, never past the size.
   * Returns `received()` after the write.
   */
  writeAt(offset: number, bytes: Buffer): Promise<number>;
  /** Stream the whole body from offset 0 (a single-shot PUT); rejects if it is not exactly `size` bytes. */
  writeAll(body: AsyncIterable<Buffer | Uint8Array>): Promise<void>;
  /** Delete the bytes (the item or image was deleted, the upload cancelled). */
  discard(): Promise<void>;
}

export class RangeNotContiguous extends Error {}

/** Seeded content under `key` (see seededBytes.ts). */
export function seededFile(key: string, size: number): StoredFile {
  const disk = seededDisk(key, size);
  return { size, received: () => size, open: (start, end) => disk.open(start, end), sha256: () => disk.sha256() };
}

/** The uploaded files of one mock, each a file in a temporary directory of its own. */
export class FileStore {
  private readonly dir = mkdtempSync(join(tmpdir(), 'overcast-mock-'));
  private next = 0;

  /** A new, empty upload of `size` bytes. */
  create(size: number): UploadFile {
    const path = join(this.dir, `file-${++this.next}`);
    let held = 0;
    let digest: Promise<string> | undefined;
    // An empty range is an empty stream (createReadStream has no way to say it: `end` is inclusive).
    const open = (start = 0, end = held): Readable => (end <= start ? Readable.from([]) : createReadStream(path, { start, end: end - 1 }));
    return {
      size,
      received: () => held,
      open,
      sha256() {
        if (held < size) return Promise.reject(new Error(`upload incomplete: ${held} of ${size} bytes`));
        digest ??= size === 0 ? Promise.resolve(createHash('sha256').digest('hex')) : sha256Of(open(0, size));
        return digest;
      },
      async writeAt(offset, bytes) {
        if (offset > held || offset + bytes.length > size)
          throw new RangeNotContiguous(`bytes ${offset}-${offset + bytes.length} do not follow ${held} of ${size}`);
        const handle = await openFile(path, held === 0 && offset === 0 ? 'w' : 'r+');
        try {
          await handle.write(bytes, 0, bytes.length, offset);
        } finally {
          await handle.close();
        }
        held = Math.max(held, offset + bytes.length);
        digest = undefined;
        return held;
      },
      async writeAll(body) {
        const handle = await openFile(path, 'w');
        let written = 0;
        try {
          for await (const part of body) {
            const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
            if (written + bytes.length > size) throw new RangeNotContiguous(`body longer than ${size} bytes`);
            await handle.write(bytes, 0, bytes.length, written);
            written += bytes.length;
          }
        } finally {
          await handle.close();
        }
        if (written !== size) {
          held = 0;
          throw new RangeNotContiguous(`body was ${written} bytes, not ${size}`);
        }
        held = written;
        digest = undefined;
      },
      async discard() {
        held = 0;
        digest = undefined;
        await rm(path, { force: true });
      },
    };
  }

  /** Remove every file (when the mock closes). */
  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
