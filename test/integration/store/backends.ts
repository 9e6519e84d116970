/**
 * The backends every store conformance test runs against: the embedded one always,
 * MongoDB too when MONGODB_URI is set. The list is built conditionally (rather than
 * skipping) so a run without MongoDB shows no skipped tests, only fewer.
 * Each MongoDB test gets a database of its own, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Database } from '../../../gateway/store/collection';
import { createMemoryStore, openDurableStore, openStore } from '../../../gateway/store';
import { DurableDatabase } from '../../../gateway/store/durable/database';
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

/** The durable embedded store, each store or database in a directory of its own, removed afterwards. */
function durableBackend(): Backend {
  const opened: Array<{ dir: string; close: () => Promise<void> }> = [];
  const freshDir = () => mkdtempSync(join(tmpdir(), 'overcast-store-'));
  return {
    name: 'embedded, durable (SQLite journal)',
    async openStore() {
      const dir = freshDir();
      const store = await openDurableStore(dir);
      opened.push({ dir, close: () => store.close() });
      return store;
    },
    async openDatabase() {
      const dir = freshDir();
      const db = DurableDatabase.open(dir);
      opened.push({ dir, close: () => db.close() });
      return db;
    },
    async cleanup() {
      for (const { dir, close } of opened.splice(0)) {
        await close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
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
export const backends: Backend[] = [memoryBackend(), durableBackend(), ...(uri ? [mongoBackend(uri)] : [])];
