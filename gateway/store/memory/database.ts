/**
 * The embedded backend: named collections kept in this process. The data lives as
 * long as the MemoryDatabase object, so handing the same object (or the store built
 * on it) to a new gateway instance simulates a restart against a persistent store.
 */
import type { Collection, Database, Stored } from '../collection';
import { MemoryCollection } from './collection';

export class MemoryDatabase implements Database {
  private readonly collections = new Map<string, MemoryCollection<Stored>>();

  collection<T extends Stored>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MemoryCollection<Stored>(name);
      this.collections.set(name, collection);
    }
    // One collection per name whatever T the caller names, as with MongoDB.
    return collection as unknown as Collection<T>;
  }

  /** Nothing to release, and the data must survive for the next user of this database. */
  async close(): Promise<void> {}
}
