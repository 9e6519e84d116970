/**
 * Disks as real byte streams, generated from the seed: the same key and size always
 * give the same bytes, so a test computes a disk's checksum on its own and compares
 * it with what a copy produced. Nothing is held in memory beyond one block: a 1 GiB
 * disk is generated as it is read, at any offset (ranged downloads, resumed reads).
 *
 * Each 64 KiB block is SHA-256 in counter mode over (key, block index): cheap enough
 * (hundreds of MB/s), incompressible like a real disk, and different per disk.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export const BLOCK_BYTES = 64 * 1024;
const DIGEST_BYTES = 32;

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

/** The bytes of block `index` of the disk named `key`. */
function block(key: string, index: number): Buffer {
  const out = Buffer.allocUnsafe(BLOCK_BYTES);
  // One seed digest per block, then a counter: 2048 short hashes per 64 KiB block.
  const seed = createHash('sha256').update(`${key}\n${index}`).digest();
  for (let i = 0; i < BLOCK_BYTES / DIGEST_BYTES; i++) {
    createHash('sha256').update(seed).update(Uint32Array.of(i)).digest().copy(out, i * DIGEST_BYTES);
  }
  return out;
}

const digests = new Map<string, Promise<string>>();

export function seededDisk(key: string, size: number): SeededDisk {
  if (!Number.isSafeInteger(size) || size < 0) throw new Error(`disk size must be a whole number of bytes, not ${size}`);
  const clamp = (start: number, end: number): [number, number] => [Math.max(0, Math.min(start, size)), Math.max(0, Math.min(end, size))];
  const read = (start: number, end: number): Buffer => {
    const [from, to] = clamp(start, end);
    const parts: Buffer[] = [];
    for (let at = from; at < to; ) {
      const index = Math.floor(at / BLOCK_BYTES);
      const offset = at - index * BLOCK_BYTES;
      const take = Math.min(BLOCK_BYTES - offset, to - at);
      parts.push(block(key, index).subarray(offset, offset + take));
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
