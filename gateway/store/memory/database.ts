/**
 * The embedded backend: named collections kept in this process, optionally with a
 * ChangeSink that makes every change durable first (durable/database.ts). Without
 * one the data lives as long as the MemoryDatabase object, so handing the same
 * object (or the store built on it) to a new gateway instance simulates a restart.
 */
import type { Collection, Database, Stored } from '../collection';
import { MemoryCollection, type ChangeSink } from './collection';

export class MemoryDatabase implements Database {
  private readonly collections = new Map<string, MemoryCollection<Stored>>();

  constructor(private readonly sink?: ChangeSink) {}

  collection<T extends Stored>(name: string): Collection<T> {
    return this.named(name) as unknown as Collection<T>;
  }

  /** The collection itself (for loading it from a journal). One per name whatever T the caller names, as with MongoDB. */
  named(name: string): MemoryCollection<Stored> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection<Stored>(name, this.sink);
      this.collections.set(name, collection);
    }
    return collection;
  }

  /** Nothing to release, and the data must survive for the next user of this database. */
  async close(): Promise<void> {}
}
