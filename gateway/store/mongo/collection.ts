/**
 * The MongoDB backend's collection: a thin pass-through to the official driver.
 * Filters and updates are already MongoDB's language, so the only work here is
 * keeping `_id` out of results and mapping results to the interface's shapes.
 * Atomicity is the server's: each single-document write (updateOne,
 * findOneAndUpdate, each replaceOne of upsertMany) is atomic on its document.
 */
import type { AnyBulkWriteOperation, Collection as DriverCollection, Document, Filter as DriverFilter, UpdateFilter } from 'mongodb';
import type {
  Collection,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexOptions,
  SortSpec,
  Stored,
  Update,
  UpdateOptions,
  UpdateResult,
} from '../collection';
import { keysetFilter } from '../keyset';

/** Results never carry the storage `_id`: repositories work on natural keys only. */
const WITHOUT_ID = { _id: 0 } as const;

export class MongoCollection<T extends Stored> implements Collection<T> {
  constructor(private readonly collection: DriverCollection<Document>) {}

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const { sort, after } = options;
    if (after && !sort) throw new Error('find: a keyset position (after) needs a sort');
    // The keyset position as a range on the sort keys: with a (keys…) index the server seeks to it.
    const query = sort && after ? { $and: [filter, keysetFilter(sort, after)] } : filter;
    let cursor = this.collection.find(query as DriverFilter<Document>, { projection: WITHOUT_ID });
    if (sort) cursor = cursor.sort(sort);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as T[];
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.collection.findOne(filter as DriverFilter<Document>, { projection: WITHOUT_ID })) as T | null;
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.collection.countDocuments(filter as DriverFilter<Document>);
  }

  async values<K extends keyof T & string>(field: K, filter: Filter): Promise<Array<T[K]>> {
    const docs = await this.collection.find(filter as DriverFilter<Document>, { projection: { _id: 0, [field]: 1 } }).toArray();
    return docs.map((doc) => doc[field] as T[K]);
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    // With upsert and an equality on a uniquely indexed field, the server (4.2+)
    // retries an insert that lost a race with a concurrent one, so concurrent
    // idempotent upserts on a natural key cannot fail with a duplicate key.
    const result = await this.collection.updateOne(filter as DriverFilter<Document>, update as UpdateFilter<Document>, {
      upsert: options.upsert ?? false,
    });
    return { matchedCount: result.matchedCount, upserted: result.upsertedCount > 0 };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions): Promise<T | null> {
    const result = await this.collection.findOneAndUpdate(filter as DriverFilter<Document>, update as UpdateFilter<Document>, {
      upsert: options.upsert ?? false,
      returnDocument: options.returnDocument,
      projection: WITHOUT_ID,
      includeResultMetadata: false,
    });
    return result as T | null;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.collection.deleteMany(filter as DriverFilter<Document>)).deletedCount;
  }

  async upsertMany(key: keyof T & string, docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return; // the driver refuses an empty bulk write
    const operations: AnyBulkWriteOperation<Document>[] = docs.map((doc) => {
      // A copy: the driver may add `_id` to what it is given.
      const replacement = { ...(doc as Document) };
      return { replaceOne: { filter: { [key]: replacement[key] }, replacement, upsert: true } };
    });
    // Ordered, as the embedded backend applies them: stops at the first error.
    await this.collection.bulkWrite(operations, { ordered: true });
  }

  async createIndex(keys: SortSpec, options: IndexOptions = {}): Promise<void> {
    await this.collection.createIndex(keys, { unique: options.unique ?? false });
  }
}
