/**
 * The byte ranges of a transfer: the chunks a destination node asks for, and the
 * checks a source node makes on a range it is asked for. Pure functions.
 */

/** The most bytes one chunk request may ask for (ImportRequest.chunkBytes's maximum): the source holds a chunk in memory. */
export const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The chunks of a file of `size` bytes from `from` on, each `chunkBytes` long but
 * the last. Chunk boundaries are counted from `from`, not from 0: a resumed file
 * continues at whatever the destination holds, which need not be a boundary of the
 * earlier run (another chunk size, a torn write the cloud kept part of).
 */
export function chunkRanges(size: number, from: number, chunkBytes: number): ByteRange[] {
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes <= 0)
    throw new RangeError(`chunkBytes must be a positive whole number, not ${chunkBytes}`);
  if (!Number.isSafeInteger(from) || from < 0 || from > size) throw new RangeError(`cannot continue at ${from} of ${size} bytes`);
  const ranges: ByteRange[] = [];
  for (let start = from; start < size; start += chunkBytes) ranges.push({ start, end: Math.min(size, start + chunkBytes) });
  return ranges;
}

/** A chunk request's range, checked against the file it names; a string says what is wrong (BAD_USER_INPUT). */
export function requestedRange(start: unknown, end: unknown, fileSize: number): ByteRange | string {
  const from = wholeNumber(start);
  const to = wholeNumber(end);
  if (from === undefined || to === undefined) return 'start and end must be whole numbers of bytes';
  if (from >= to) return `an empty range (start ${from}, end ${to})`;
  if (to > fileSize) return `end ${to} is past the file's ${fileSize} bytes`;
  // The source reads the range into memory at once: it is one chunk, never a whole disk.
  if (to - from > MAX_CHUNK_BYTES) return `a range of ${to - from} bytes is more than one chunk (${MAX_CHUNK_BYTES})`;
  return { start: from, end: to };
}

/** A query value as a whole number: decimal digits only (no `1e3`, no `-0`, no spaces). */
function wholeNumber(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,16}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}
