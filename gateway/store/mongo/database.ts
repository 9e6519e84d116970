/**
 * The MongoDB backend: collections of one database through the official driver.
 */
import { MongoClient, type Db } from 'mongodb';
import type { Collection, Database, Stored } from '../collection';
import { MongoCollection } from './collection';

/** Database name when the caller names none. */
export const DEFAULT_DB_NAME = 'overcast';

export class MongoDatabase implements Database {
  constructor(
    readonly db: Db,
    /** Closed by `close()` when this database owns the connection. */
    private readonly client?: MongoClient,
  ) {}

  collection<T extends Stored>(name: string): Collection<T> {
    // ignoreUndefined here too (not only on the client): the Db may come from elsewhere,
    // and an `undefined` field must be left out, as the embedded backend does, never stored as null.
    return new MongoCollection<T>(this.db.collection(name, { ignoreUndefined: true }));
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}

/**
 * Connect to `uri` and use `dbName` (or the URI's database, or "overcast").
 * `ignoreUndefined`: an `undefined` field is left out instead of stored as null,
 * which is what the embedded backend does too.
 */
export async function connectMongo(uri: string, dbName?: string): Promise<MongoDatabase> {
  const client = new MongoClient(uri, { ignoreUndefined: true });
  await client.connect();
  // client.db(undefined) is the URI's database; the driver would fall back to "test".
  return new MongoDatabase(client.db(dbName ?? (namesDatabase(uri) ? undefined : DEFAULT_DB_NAME)), client);
}

/** Whether the connection string names a database (`mongodb://host/<db>`). */
function namesDatabase(uri: string): boolean {
  return /^mongodb(\+srv)?:\/\/[^/]+\/[^?]+/.test(uri);
}
