/**
 * Disks as real byte streams, generated from the seed: the same key and size always
 * give the same bytes, so a test computes a disk's checksum on its own and compares
 * it with what a copy produced. Nothing is held in memory beyond one block: a 1 GiB
 * disk is generated as it is read, at any offset (ranged downloads, resumed reads).
 *
 * Each 64 KiB block is the AES-256-CTR keystream of a key derived from the disk's name,
 * starting at the block's own counter: any block is generated on its own, at memory
 * speed (a GiB in about a second), incompressible like a real disk, different per disk.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export const BLOCK_BYTES = 64 * 1024;
/** AES blocks per disk block: the counter of a block's first AES block. */
const AES_BLOCKS_PER_BLOCK = BLOCK_BYTES / 16;
const ZEROS = Buffer.alloc(BLOCK_BYTES);

/** A disk whose content is a pure function of `key` and `size`. */
export interface SeededDisk {
  readonly key: string;
  readonly size: number;
  /** Bytes [start, end) as a stream (end clamped to the size). */
  open(start?: number, end?: number): Readable;
  /** Bytes [start, end) at once: only for small ranges (one chunk). */
  read(start: number, end: number): Buffer;
  /** Hex SHA-256 of the whole disk, computed once by streaming it. */
  sha256(): Promise<string>;
}

/** The bytes of block `index` of the disk whose AES key is `aesKey`. */
function block(aesKey: Buffer, index: number): Buffer {
  const iv = Buffer.alloc(16);
  // The counter (big-endian, low 8 bytes) of the block's first AES block.
  iv.writeBigUInt64BE(BigInt(index) * BigInt(AES_BLOCKS_PER_BLOCK), 8);
  return createCipheriv('aes-256-ctr', aesKey, iv).update(ZEROS);
}

const digests = new Map<string, Promise<string>>();

export function seededDisk(key: string, size: number): SeededDisk {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`disk size must be a whole number of bytes, not ${size}`);
  const aesKey = createHash('sha256').update(`overcast-disk\n${key}`).digest();
  const clamp = (start: number, end: number): [number, number] => [Math.max(0, Math.min(start, size)), Math.max(0, Math.min(end, size))];
  const read = (start: number, end: number): Buffer => {
    const [from, to] = clamp(start, end);
    const parts: Buffer[] = [];
    for (let at = from; at < to;) {
      const index = Math.floor(at / BLOCK_BYTES);
      const offset = at - index * BLOCK_BYTES;
      const take = Math.min(BLOCK_BYTES - offset, to - at);
      parts.push(block(aesKey, index).subarray(offset, offset + take));
      at += take;
    }
    return Buffer.concat(parts);
  };
  const open = (start = 0, end = size): Readable => {
    const [from, to] = clamp(start, end);
    let at = from;
    return new Readable({
      highWaterMark: BLOCK_BYTES,
      read() {
        if (at >= to) return void this.push(null);
        const next = Math.min(to, (Math.floor(at / BLOCK_BYTES) + 1) * BLOCK_BYTES);
        this.push(read(at, next));
        at = next;
      },
    });
  };
  return {
    key,
    size,
    open,
    read,
    sha256() {
      const id = `${key}\n${size}`;
      let digest = digests.get(id);
      if (!digest) {
        digest = sha256Of(open());
        digests.set(id, digest);
      }
      return digest;
    },
  };
}

/** Hex SHA-256 of a stream's bytes. */
export async function sha256Of(stream: AsyncIterable<Buffer | Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of stream) hash.update(part);
  return hash.digest('hex');
}

/** The disk size the mocks give every seeded VM and template: MOCK_DISK_BYTES, else 4 MiB (tests copy many). */
export function defaultDiskBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MOCK_DISK_BYTES;
  if (raw === undefined || raw === '') return 4 * 1024 * 1024;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`MOCK_DISK_BYTES must be a positive whole number of bytes, not ${raw}`);
  return value;
}
