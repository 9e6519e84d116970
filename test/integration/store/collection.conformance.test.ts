/**
 * Collection conformance: the MongoDB semantics the repositories rely on, checked
 * on each backend's raw collections. With MONGODB_URI set this is where a
 * difference between mingo and a real server would show first.
 */
import type { Collection, Database } from '../../../gateway/store/collection';
import { isDuplicateKeyError } from '../../../gateway/store';
import { backends } from './backends';

interface Item {
  k: string;
  n?: number;
  tag?: string;
  at?: Date;
  nested?: { list: number[] };
  seen?: boolean;
}

describe.each(backends)('collection conformance on $name', (backend) => {
  let db: Database;
  let items: Collection<Item>;
  beforeEach(async () => {
    db = await backend.openDatabase();
    items = db.collection<Item>('items');
    await items.createIndex({ k: 1 }, { unique: true });
  });
  afterEach(() => backend.cleanup());

  it('an upsert starts from the filter’s equalities and applies $setOnInsert only when inserting', async () => {
    const first = await items.updateOne(
      { k: 'a', n: { $eq: 1 }, tag: { $exists: false } },
      { $set: { seen: true }, $setOnInsert: { at: new Date(5) } },
      { upsert: true },
    );
    expect(first).toEqual({ matchedCount: 0, upserted: true });
    expect(await items.findOne({ k: 'a' })).toEqual({ k: 'a', n: 1, seen: true, at: new Date(5) });

    const second = await items.updateOne({ k: 'a' }, { $set: { seen: false }, $setOnInsert: { at: new Date(9) } }, { upsert: true });
    expect(second).toEqual({ matchedCount: 1, upserted: false });
    expect(await items.findOne({ k: 'a' })).toEqual({ k: 'a', n: 1, seen: false, at: new Date(5) });
  });

  it('$inc, $max, $min and $unset', async () => {
    await items.updateOne({ k: 'a' }, { $inc: { n: 1 } }, { upsert: true });
    await items.updateOne({ k: 'a' }, { $inc: { n: 4 } });
    expect((await items.findOne({ k: 'a' }))?.n).toBe(5);
    await items.updateOne({ k: 'a' }, { $max: { n: 3 } });
    expect((await items.findOne({ k: 'a' }))?.n).toBe(5);
    await items.updateOne({ k: 'a' }, { $max: { n: 8 } });
    await items.updateOne({ k: 'a' }, { $min: { at: new Date(100) } });
    expect(await items.findOne({ k: 'a' })).toEqual({ k: 'a', n: 8, at: new Date(100) });
    await items.updateOne({ k: 'a' }, { $unset: { at: '' } });
    expect(await items.findOne({ k: 'a' })).toEqual({ k: 'a', n: 8 });
    // Without upsert nothing matching means nothing written.
    expect(await items.updateOne({ k: 'b' }, { $set: { n: 1 } })).toEqual({ matchedCount: 0, upserted: false });
    expect(await items.countDocuments({})).toBe(1);
  });

  it('findOneAndUpdate returns the document before or after, and null before an upsert insert', async () => {
    expect(await items.findOneAndUpdate({ k: 'a' }, { $set: { n: 1 } }, { upsert: true, returnDocument: 'before' })).toBeNull();
    expect(await items.findOneAndUpdate({ k: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'before' })).toEqual({ k: 'a', n: 1 });
    expect(await items.findOneAndUpdate({ k: 'a' }, { $inc: { n: 1 } }, { returnDocument: 'after' })).toEqual({ k: 'a', n: 3 });
    expect(await items.findOneAndUpdate({ k: 'zz' }, { $inc: { n: 1 } }, { returnDocument: 'after' })).toBeNull();
  });

  it('a unique index refuses a duplicate with code 11000 and changes nothing', async () => {
    await items.upsertMany('k', [
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ]);
    const err = await items.updateOne({ k: 'b' }, { $set: { k: 'a' } }).catch((e: unknown) => e);
    expect(isDuplicateKeyError(err)).toBe(true);
    expect((err as { code: number }).code).toBe(11000);
    expect(await items.find({}, { sort: { k: 1 } })).toEqual([
      { k: 'a', n: 1 },
      { k: 'b', n: 2 },
    ]);
    // createIndex is idempotent.
    await items.createIndex({ k: 1 }, { unique: true });
  });

  it('upsertMany replaces whole documents by key and is idempotent', async () => {
    await items.upsertMany('k', [
      { k: 'a', n: 1, tag: 'x' },
      { k: 'b', n: 2 },
    ]);
    await items.upsertMany('k', [
      { k: 'a', n: 5 },
      { k: 'c', nested: { list: [1, 2] } },
    ]);
    await items.upsertMany('k', [
      { k: 'a', n: 5 },
      { k: 'c', nested: { list: [1, 2] } },
    ]);
    await items.upsertMany('k', []);
    expect(await items.find({}, { sort: { k: 1 } })).toEqual([
      { k: 'a', n: 5 },
      { k: 'b', n: 2 },
      { k: 'c', nested: { list: [1, 2] } },
    ]);
  });

  it('find sorts on several keys, limits, and counts; deleteMany says how many', async () => {
    const docs: Item[] = [{ k: 'a', n: 2 }, { k: 'b', n: 1 }, { k: 'c', n: 2 }, { k: 'd', n: 1 }, { k: 'e' }];
    await items.upsertMany('k', docs);
    expect((await items.find({ n: { $gte: 1 } }, { sort: { n: -1, k: 1 }, limit: 3 })).map((d) => d.k)).toEqual(['a', 'c', 'b']);
    expect(await items.countDocuments({ n: 2 })).toBe(2);
    expect(await items.countDocuments({ k: { $regex: 'A|C', $options: 'i' } })).toBe(2);
    expect((await items.values('k', { n: 1 })).sort()).toEqual(['b', 'd']);
    expect(await items.values('n', { k: 'zz' })).toEqual([]);
    expect(await items.deleteMany({ n: { $exists: false } })).toBe(1);
    expect(await items.deleteMany({ k: { $nin: ['a', 'b'] } })).toBe(2);
    expect((await items.find({})).map((d) => d.k).sort()).toEqual(['a', 'b']);
  });

  it('undefined fields are left out, Dates stay Dates, and documents are copies', async () => {
    const doc: Item = { k: 'a', n: undefined, at: new Date(7), nested: { list: [1] } };
    await items.upsertMany('k', [doc]);
    doc.nested!.list.push(2);
    doc.at!.setTime(0);
    const read = await items.findOne({ k: 'a' });
    expect(read).toEqual({ k: 'a', at: new Date(7), nested: { list: [1] } });
    expect(read).not.toHaveProperty('n');
    expect(read?.at).toBeInstanceOf(Date);
    read!.nested!.list.push(3);
    const [again] = await items.find({ k: 'a' });
    expect(again?.nested).toEqual({ list: [1] });
  });

  describe('ordered reads: what an index serves equals what a full sort gives', () => {
    // 240 items over 3 tags and 7 values of n: many ties, so the tiebreak on k matters. Sort keys are
    // never missing: MongoDB's $gt and $lt do not compare across types (keyset.ts).
    const TAGS = ['red', 'green', 'blue'];
    const all: Item[] = Array.from({ length: 240 }, (_, i) => ({
      k: `item-${String((i * 37) % 240).padStart(3, '0')}`,
      tag: TAGS[i % TAGS.length]!,
      n: (i * 13) % 7,
      ...(i % 11 === 0 ? {} : { seen: i % 2 === 0 }),
    }));
    const byKeys = (sort: Record<string, 1 | -1>) => (a: Item, b: Item) => {
      for (const [field, direction] of Object.entries(sort)) {
        const x = (a as unknown as Record<string, unknown>)[field] ?? null;
        const y = (b as unknown as Record<string, unknown>)[field] ?? null;
        // MongoDB's order: null (missing) before numbers before strings.
        const rank = (v: unknown) => (v === null ? 0 : typeof v === 'number' ? 1 : 2);
        const order = rank(x) - rank(y) || (x === y ? 0 : (x as number) < (y as number) ? -1 : 1);
        if (order !== 0) return order * direction;
      }
      return 0;
    };

    beforeEach(async () => {
      await items.createIndex({ tag: 1, n: 1, k: 1 });
      await items.createIndex({ n: 1, k: 1 });
      await items.upsertMany('k', all);
    });

    it.each<[string, Record<string, 1 | -1>, { tag?: string; k?: { $regex: string } }]>([
      ['ascending', { n: 1, k: 1 } as const, {}],
      ['descending', { n: -1, k: -1 } as const, {}],
      ['with an equality the index leads with', { n: 1, k: 1 } as const, { tag: 'green' }],
      ['descending with an equality', { n: -1, k: -1 } as const, { tag: 'blue' }],
      ['with a condition no index serves', { n: 1, k: 1 } as const, { k: { $regex: '[02468]$' } }],
      ['on a sort no index serves', { k: -1 } as const, { tag: 'red' }],
    ])('keyset pages %s walk the whole set once, in order', async (_, sort, filter) => {
      const expected = all
        .filter((item) => (filter.tag === undefined || item.tag === filter.tag) && (filter.k === undefined || /[02468]$/.test(item.k)))
        .sort(byKeys(sort))
        .map((item) => item.k);
      const seen: string[] = [];
      let after: Record<string, unknown> | undefined;
      for (;;) {
        const page = await items.find(filter, { sort, limit: 17, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        seen.push(...page.map((item) => item.k));
        const last = page[page.length - 1]! as unknown as Record<string, unknown>;
        after = Object.fromEntries(Object.keys(sort).map((field) => [field, last[field]]));
      }
      expect(expected.length).toBeGreaterThan(20);
      expect(seen).toEqual(expected);
    });

    it('counts equalities, ranges and missing fields as the filter says', async () => {
      const count = (test: (item: Item) => boolean) => all.filter(test).length;
      expect(await items.countDocuments({ tag: 'red' })).toBe(count((item) => item.tag === 'red'));
      expect(await items.countDocuments({ tag: 'red', n: 3 })).toBe(count((item) => item.tag === 'red' && item.n === 3));
      expect(await items.countDocuments({ tag: 'red', n: { $gt: 3 } })).toBe(count((item) => item.tag === 'red' && item.n! > 3));
      expect(await items.countDocuments({ seen: null })).toBe(count((item) => item.seen === undefined));
      expect(await items.countDocuments({ $and: [{ tag: 'red' }, { tag: 'blue' }] })).toBe(0);
      expect(await items.countDocuments({})).toBe(all.length);
    });

    it('counts stay right as documents change their indexed values and go', async () => {
      // Every third red item turns blue with n + 1; every fifth item goes.
      const changed = all.filter((item, i) => item.tag === 'red' && i % 3 === 0).map((item) => ({ ...item, tag: 'blue', n: item.n! + 1 }));
      await items.upsertMany('k', changed);
      const gone = all.filter((_, i) => i % 5 === 0).map((item) => item.k);
      await items.deleteMany({ k: { $in: gone } });
      const now = all.map((item) => changed.find((c) => c.k === item.k) ?? item).filter((item) => !gone.includes(item.k));
      for (const tag of TAGS) {
        expect(await items.countDocuments({ tag })).toBe(now.filter((item) => item.tag === tag).length);
        for (let n = 0; n <= 7; n++)
          expect(await items.countDocuments({ tag, n })).toBe(now.filter((item) => item.tag === tag && item.n === n).length);
      }
      expect(await items.countDocuments({})).toBe(now.length);
    });

    it('$in on a unique key finds each listed document once, with the rest of the filter applied', async () => {
      const listed = ['item-003', 'item-007', 'item-003', 'item-999', 'item-120'];
      const expected = all.filter((item) => listed.includes(item.k) && item.tag !== 'red').map((item) => item.k);
      expect((await items.find({ k: { $in: listed }, tag: { $ne: 'red' } })).map((item) => item.k).sort()).toEqual(expected.sort());
      expect(await items.countDocuments({ k: { $in: listed } })).toBe(all.filter((item) => listed.includes(item.k)).length);
      expect(await items.deleteMany({ k: { $in: listed } })).toBe(new Set(listed.filter((k) => all.some((item) => item.k === k))).size);
    });

    it('a keyset position needs a sort', async () => {
      await expect(items.find({}, { after: { k: 'item-001' } })).rejects.toThrow('needs a sort');
    });
  });
});
