/**
 * The backends every store conformance test runs against: the embedded one always,
 * MongoDB too when MONGODB_URI is set. The list is built conditionally (rather than
 * skipping) so a run without MongoDB shows no skipped tests, only fewer.
 * Each MongoDB test gets a database of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import type { Database } from '../../../gateway/store/collection';
import { createMemoryStore, openStore } from '../../../gateway/store';
import { MemoryDatabase } from '../../../gateway/store/memory/database';
import { connectMongo } from '../../../gateway/store/mongo/database';
import type { Store } from '../../../gateway/store/types';

export interface Backend {
  name: string;
  /** A new, empty store. */
  openStore(): Promise<Store>;
  /** A new, empty raw database of the backend (for collection-level tests). */
  openDatabase(): Promise<Database>;
  /** Close and drop everything opened since the last cleanup. */
  cleanup(): Promise<void>;
}

function memoryBackend(): Backend {
  return {
    name: 'embedded (mingo)',
    openStore: () => createMemoryStore(),
    openDatabase: async () => new MemoryDatabase(),
    cleanup: async () => {},
  };
}

function mongoBackend(uri: string): Backend {
  const opened: Array<{ dbName: string; close: () => Promise<void> }> = [];
  const freshName = () => `overcast_conformance_${randomBytes(6).toString('hex')}`;
  return {
    name: 'MongoDB',
    async openStore() {
      const dbName = freshName();
      const store = await openStore({ mongodbUri: uri, dbName });
      opened.push({ dbName, close: () => store.close() });
      return store;
    },
    async openDatabase() {
      const dbName = freshName();
      const db = await connectMongo(uri, dbName);
      opened.push({ dbName, close: () => db.close() });
      return db;
    },
    async cleanup() {
      if (opened.length === 0) return;
      const client = await new MongoClient(uri).connect();
      try {
        for (const { dbName, close } of opened.splice(0)) {
          await close();
          await client.db(dbName).dropDatabase();
        }
      } finally {
        await client.close();
      }
    },
  };
}

const uri = process.env.MONGODB_URI;
export const backends: Backend[] = uri ? [memoryBackend(), mongoBackend(uri)] : [memoryBackend()];
