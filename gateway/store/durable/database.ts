/**
 * The durable embedded backend: the embedded (mingo) collections, with every change
 * written to SQLite (better-sqlite3) before it is acknowledged, and read back into
 * memory when the directory is opened again. Queries never touch SQLite: they run
 * on the in-memory collections and their ordered indexes, exactly as without a
 * directory. SQLite is the journal, and what it gives is why it is here:
 * - durability: WAL with synchronous=FULL, one fsync per operation (an upsert of a
 *   thousand VMs is one transaction), so an acknowledged write survives kill -9
 *   (tested) and, by SQLite's design, a power loss;
 * - torn writes: a commit is all or nothing; a torn or corrupted tail of the log is
 *   discarded on open (its checksums fail) and the open says so (reportRecovery);
 * - compaction: checkpoints fold the log into the database file, auto_vacuum gives
 *   freed pages back;
 * - one owner: locking_mode=EXCLUSIVE holds an OS lock on the file while the
 *   gateway runs, released by the kernel whatever way the process dies, so a second
 *   gateway on the directory is refused and a killed one leaves no stale lock.
 *
 * Documents are stored with Node's structured serialization (node:v8), which keeps
 * what the collections hold (Dates, nested records) without a codec of our own; Node
 * documents its format as backward-compatible, "safe to store to disk".
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import SQLite from 'better-sqlite3';
import type { Collection, Database, Stored } from '../collection';
import type { ChangeSink, PersistedChange } from '../memory/collection';
import { MemoryDatabase } from '../memory/database';

/** The SQLite file under the data directory. */
export const STORE_FILE = 'store.sqlite';
/** Who holds the directory, for the refusal's message (advisory: the lock is SQLite's). */
const OWNER_FILE = 'store.owner.json';

/** SQLite's answer when another connection holds the lock (its vocabulary, not one of our error codes). */
const SQLITE_BUSY = 'SQLITE_BUSY';

/** Another process holds the data directory. */
export class StoreInUseError extends Error {
  override name = 'StoreInUseError';
}

export interface DurableOptions {
  /** Told about recoveries (a discarded tail), once per open. */
  warn?: (message: string) => void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id INTEGER NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (collection, id)
  ) WITHOUT ROWID`;

export class DurableDatabase implements Database, ChangeSink {
  private readonly memory = new MemoryDatabase(this);
  private readonly put: SQLite.Statement;
  private readonly remove: SQLite.Statement;
  private readonly write: (collection: string, changes: readonly PersistedChange[]) => void;
  private closed = false;

  private constructor(
    private readonly db: SQLite.Database,
    readonly dir: string,
  ) {
    this.put = db.prepare('INSERT OR REPLACE INTO documents (collection, id, body) VALUES (?, ?, ?)');
    this.remove = db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
    this.write = db.transaction((collection: string, changes: readonly PersistedChange[]) => {
      for (const { id, doc } of changes) {
        if (doc) this.put.run(collection, id, serialize(doc));
        else this.remove.run(collection, id);
      }
    });
    for (const row of db.prepare('SELECT collection, id, body FROM documents').iterate() as Iterable<Row>) {
      this.memory.named(row.collection).load(row.id, deserialize(row.body) as Record<string, unknown>);
    }
  }

  /**
   * Open (creating) the store under `dir`. Refused with StoreInUseError while another
   * process has it open. Warns when the previous owner died with a write half done.
   */
  static open(dir: string, options: DurableOptions = {}): DurableDatabase {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, STORE_FILE);
    const logBytes = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
    // timeout 0: a held lock is an answer now, not after five seconds of retrying.
    const db = new SQLite(file, { timeout: 0 });
    let recoveredFrames = 0;
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      // The frames recovery found valid, asked before anything is written (even a pragma): the next write may overwrite a torn tail.
      const [recovered] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
      recoveredFrames = Math.max(recovered?.log ?? 0, 0);
      db.pragma('auto_vacuum = INCREMENTAL'); // takes effect only on a new file, before the first table
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('journal_size_limit = 0'); // the log is truncated, not kept at its high-water mark
      db.exec('BEGIN EXCLUSIVE; COMMIT'); // take the lock now, not at the first write
    } catch (err) {
      db.close();
      if ((err as { code?: string }).code === SQLITE_BUSY) throw new StoreInUseError(inUseMessage(dir));
      throw err;
    }
    try {
      db.exec(SCHEMA);
      reportRecovery(db, logBytes, recoveredFrames, options.warn);
      const database = new DurableDatabase(db, dir);
      writeFileSync(join(dir, OWNER_FILE), `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
      return database;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  collection<T extends Stored>(name: string): Collection<T> {
    return this.memory.collection<T>(name);
  }

  persist(collection: string, changes: readonly PersistedChange[]): void {
    if (this.closed) throw new Error(`the store in ${this.dir} is closed`);
    this.write(collection, changes);
  }

  /** Fold the log into the file, give back free pages, release the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.pragma('incremental_vacuum');
    this.db.close();
  }
}

interface Row {
  collection: string;
  id: number;
  body: Buffer;
}

/**
 * SQLite replays the log's complete transactions on open and ignores the rest;
 * `recoveredFrames` is how many frames it kept, as the first checkpoint said, before
 * any write could reuse the space after them. Bytes beyond them are a transaction
 * that never committed (the process died writing it) or a damaged tail: nothing of
 * it is applied, and the operator hears of it once.
 */
function reportRecovery(db: SQLite.Database, logBytes: number, recoveredFrames: number, warn: DurableOptions['warn']): void {
  if (logBytes === 0) return;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const kept = recoveredFrames > 0 ? WAL_HEADER + recoveredFrames * (FRAME_HEADER + pageSize) : 0;
  db.pragma('wal_checkpoint(TRUNCATE)');
  if (logBytes > kept && logBytes > WAL_HEADER) {
    warn?.(
      `store: discarded ${logBytes - kept} bytes at the end of the write-ahead log: a write that never completed (or a damaged tail); every acknowledged write is kept`,
    );
  }
}

/** SQLite's WAL layout: a 32-byte file header, then frames of a 24-byte header and one page. */
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

function inUseMessage(dir: string): string {
  let owner = '';
  try {
    const { pid, since } = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as { pid?: number; since?: string };
    if (pid) owner = ` (process ${pid}, since ${since ?? 'unknown'})`;
  } catch {
    // No owner file, or a torn one: the message does without it.
  }
  return `the store in ${dir} is in use by another gateway${owner}: one process owns a data directory; stop that one or give this one another directory`;
}
