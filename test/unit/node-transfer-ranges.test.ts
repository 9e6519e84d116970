import { MAX_CHUNK_BYTES, chunkRanges, requestedRange } from '../../subgraphs/cloud-node/transfers/ranges';

describe('chunk ranges of a transfer', () => {
  test('a file is cut into chunks of chunkBytes, the last one short', () => {
    expect(chunkRanges(10, 0, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
  });

  test('a resumed file continues where the destination holds bytes, counted from there (not from a boundary of 0)', () => {
    expect(chunkRanges(10, 5, 4)).toEqual([
      { start: 5, end: 9 },
      { start: 9, end: 10 },
    ]);
  });

  test('a file held whole, or empty, needs no chunk', () => {
    expect(chunkRanges(10, 10, 4)).toEqual([]);
    expect(chunkRanges(0, 0, 4)).toEqual([]);
  });

  test('a start past the file or a chunk size that is not positive is refused', () => {
    expect(() => chunkRanges(10, 11, 4)).toThrow(RangeError);
    expect(() => chunkRanges(10, 0, 0)).toThrow(RangeError);
  });

  test('a chunk request’s range is whole numbers inside the file, at most one chunk long', () => {
    expect(requestedRange('0', '10', 10)).toEqual({ start: 0, end: 10 });
    for (const [start, end] of [
      ['0', '11'],
      ['5', '5'],
      ['-1', '4'],
      ['1e3', '2000'],
      [undefined, '4'],
      ['0', ' 4'],
    ])
      expect(typeof requestedRange(start, end, 10)).toBe('string');
    expect(typeof requestedRange('0', String(MAX_CHUNK_BYTES + 1), 2 * MAX_CHUNK_BYTES)).toBe('string');
    expect(requestedRange('0', String(MAX_CHUNK_BYTES), 2 * MAX_CHUNK_BYTES)).toEqual({ start: 0, end: MAX_CHUNK_BYTES });
  });
});
