/**
 * The small collection interface the repositories are written against, once, for
 * both backends (gateway/store/mongo over the official driver, gateway/store/memory
 * over mingo). It is a subset of a MongoDB collection with MongoDB's semantics:
 * filters and update documents are MongoDB's own language, passed through unchanged
 * to the driver or to mingo, so a repository cannot depend on something only one
 * backend understands.
 *
 * The storage `_id` is a backend detail: documents go in without it and come out
 * without it. Repositories key everything on natural keys (node id, token hash, …)
 * with unique indexes, which is what makes their upserts idempotent.
 */

/** A stored document: a flat or nested record of BSON-compatible values (Dates stay Dates). */
export type Doc = Record<string, unknown>;

/**
 * The constraint on a collection's document type. `object` rather than `Doc`
 * because the record interfaces of types.ts have no index signature.
 */
export type Stored = object;

/** A MongoDB query filter (`{ field: value }`, `$and`, `$or`, `$gt`, `$regex`, `$exists`, …). */
export type Filter = Record<string, unknown>;

/**
 * A MongoDB update document made of update operators only (never a replacement;
 * whole-document replacement is upsertMany). The repositories use $set, $inc, $max
 * and $setOnInsert; $unset and $min are here because they come free on both backends.
 */
export interface Update {
  $set?: Doc;
  $unset?: Record<string, ''>;
  $inc?: Record<string, number>;
  $max?: Doc;
  $min?: Doc;
  /** Applied only when an upsert inserts. */
  $setOnInsert?: Doc;
}

/** `1` ascending, `-1` descending, in key order. */
export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  /** At most this many documents; must be positive (MongoDB reads 0 as "no limit"). */
  limit?: number;
  /**
   * Keyset position (needs `sort`): the values of the sort fields of one position, and
   * only documents strictly after it in `sort` order are returned. The embedded backend
   * seeks to it in an ordered index; MongoDB gets the equivalent range filter (keyset.ts).
   */
  after?: Doc;
}

export interface UpdateOptions {
  /** Insert when nothing matches: the filter's equality fields plus the update, `$setOnInsert` included. */
  upsert?: boolean;
}

export interface FindOneAndUpdateOptions extends UpdateOptions {
  /** Return the document as it was before the update (null after an upsert insert) or after it. */
  returnDocument: 'before' | 'after';
}

export interface UpdateResult {
  /** Documents the filter matched (0 when the upsert inserted). */
  matchedCount: number;
  /** Whether an upsert inserted a document. */
  upserted: boolean;
}

export interface IndexOptions {
  /** Refuse a second document with the same key values: a duplicate key error, code 11000. */
  unique?: boolean;
}

/**
 * One collection of documents of type `T`. Every single-document write is atomic on
 * both backends: the read of the matching document and its write cannot interleave
 * with another operation.
 */
export interface Collection<T extends Stored> {
  /** Matching documents, in `sort` order, at most `limit`. */
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter): Promise<T | null>;
  countDocuments(filter: Filter): Promise<number>;
  /** The value of the top-level `field` of every matching document, in no particular order (a projection of one field). */
  values<K extends keyof T & string>(field: K, filter: Filter): Promise<Array<T[K]>>;
  /** Update the first matching document, or insert one with `upsert`. */
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  /** Like `updateOne`, atomically returning the document before or after. Null when nothing matched (and none was inserted, or `before`). */
  findOneAndUpdate(filter: Filter, update: Update, options: FindOneAndUpdateOptions): Promise<T | null>;
  /** Delete every matching document; resolves with how many. */
  deleteMany(filter: Filter): Promise<number>;
  /**
   * Replace each document by its natural `key` (a uniquely indexed field), inserting
   * the ones not stored yet. Idempotent: writing the same documents twice leaves the
   * same state. Each document's replacement is atomic; the batch as a whole is not.
   */
  upsertMany(key: keyof T & string, docs: readonly T[]): Promise<void>;
  /** Create the index if missing (idempotent, safe at every start). */
  createIndex(keys: SortSpec, options?: IndexOptions): Promise<void>;
}

/** Where collections come from: one per backend (a MongoDB database, or the embedded one). */
export interface Database {
  /** The collection of that name; the same name is the same collection. */
  collection<T extends Stored>(name: string): Collection<T>;
  /** Release connections. The embedded database keeps its data (a later store over it sees it). */
  close(): Promise<void>;
}
