/**
 * The durable embedded store as a process sees it: what it acknowledged is there
 * after kill -9, once; what it did not is not half there; a damaged tail of the log
 * is dropped with a warning; a second process on the directory is refused, and a
 * killed owner leaves no stale lock. Every kind of record survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openDurableStore, StoreInUseError } from '../../../gateway/store';
import { DurableDatabase, STORE_FILE } from '../../../gateway/store/durable/database';
import type { IndexedVm, NodeRecord } from '../../../gateway/store/types';
import { BATCH, LEDGER, entry, type LedgerEntry } from '../../support/ledger';
import { waitFor } from '../../support/waitFor';

const ROOT = join(__dirname, '..', '..', '..');

interface Writer {
  child: ChildProcess;
  pid: number;
  acks: number[];
  /** It printed `idle`: done writing (STOP_AFTER). */
  idle: boolean;
  stderr: string[];
  exit: Promise<void>;
}

/** Start the writer child on `dir`; resolves once it has the store open. */
function startWriter(dir: string, args: string[] = [], firstOp = 0, env: Record<string, string> = {}): Promise<Writer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/storeWriter.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, STORE_DIR: dir, FIRST_OP: String(firstOp), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acks: number[] = [];
  const stderr: string[] = [];
  const exit = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const writer: Writer = { child, pid: child.pid!, acks, idle: false, stderr, exit };
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const [word, value] = line.split(' ');
      if (word === 'ack') acks.push(Number(value));
      if (word === 'idle') writer.idle = true;
      if (word === 'ready') resolve(writer);
    });
    void exit.then(() => reject(new Error(`the store writer exited before it was ready:\n${stderr.join('\n')}`)));
  });
}

async function kill9(writer: Writer): Promise<void> {
  writer.child.kill('SIGKILL');
  await writer.exit;
}

/** The ledger as stored, read by opening the directory in this process (then closed again). */
async function readLedger(dir: string, warnings: string[] = []): Promise<LedgerEntry[]> {
  const db = DurableDatabase.open(dir, { warn: (message) => warnings.push(message) });
  try {
    return await db.collection<LedgerEntry>(LEDGER).find({}, { sort: { seq: 1 } });
  } finally {
    await db.close();
  }
}

/** Every batch whole or absent, each entry intact; answers the operations present. */
function checkBatches(entries: LedgerEntry[]): Set<number> {
  const byOp = new Map<number, LedgerEntry[]>();
  for (const e of entries) byOp.set(e.op, [...(byOp.get(e.op) ?? []), e]);
  for (const [op, batch] of byOp) {
    expect({ op, seqs: batch.map((e) => e.seq) }).toEqual({ op, seqs: Array.from({ length: BATCH }, (_, j) => op * BATCH + j) });
    for (const e of batch) expect(e).toEqual(entry(op, e.seq - op * BATCH));
  }
  return new Set(byOp.keys());
}

describe('the durable embedded store', () => {
  let dir: string;
  const started: Writer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'overcast-durable-'));
  });
  afterEach(async () => {
    for (const writer of started.splice(0)) if (writer.child.exitCode === null && writer.child.signalCode === null) await kill9(writer);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write exactly once across rounds of kill -9, and nothing half-written', async () => {
    let nextOp = 0;
    const acknowledged = new Set<number>();
    // Kill points spread over a round: after a few acknowledgements, or many.
    for (const killAfter of [3, 40, 11, 97, 1, 25]) {
      const roundStart = nextOp;
      const writer = await startWriter(dir, [], roundStart);
      started.push(writer);
      await waitFor(`${killAfter} acknowledged writes of the writer`, () => writer.acks.length >= killAfter, { timeoutMs: 20_000 });
      await kill9(writer);
      for (const op of writer.acks) acknowledged.add(op);
      const entries = await readLedger(dir);
      const present = checkBatches(entries);
      // Acknowledged: present. Not acknowledged: at most the one in flight when this round's kill came, whole.
      for (const op of acknowledged) expect(present.has(op)).toBe(true);
      const unacknowledged = [...present].filter((op) => op >= roundStart && !acknowledged.has(op));
      expect(unacknowledged.length).toBeLessThanOrEqual(1);
      // Exactly once: one entry per seq, none duplicated by a replayed log.
      expect(new Set(entries.map((e) => e.seq)).size).toBe(entries.length);
      nextOp = Math.max(...present) + 1;
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(3 + 40 + 11 + 97 + 1 + 25);
  }, 120_000);

  it('says nothing of a discarded tail when the killed owner had no write in flight', async () => {
    // Many writes, so that the log holds many transactions (and has been checkpointed and reused at SQLite's default threshold).
    const writer = await startWriter(dir, [], 0, { STOP_AFTER: '600' });
    started.push(writer);
    await waitFor('the writer idle after 600 acknowledged writes', () => writer.idle, { timeoutMs: 60_000 });
    await kill9(writer);
    const warnings: string[] = [];
    const present = checkBatches(await readLedger(dir, warnings));
    expect(present.size).toBe(600);
    expect(warnings).toEqual([]);
  }, 90_000);

  it('drops a damaged tail of the log with a warning and keeps every acknowledged write', async () => {
    const writer = await startWriter(dir);
    started.push(writer);
    await waitFor('20 acknowledged writes of the writer', () => writer.acks.length >= 20, { timeoutMs: 20_000 });
    await kill9(writer);
    const log = join(dir, `${STORE_FILE}-wal`);
    expect(existsSync(log)).toBe(true);
    // Half a frame of garbage after the last complete transaction, as a torn write leaves.
    appendFileSync(log, Buffer.alloc(2000, 0xa5));
    const warnings: string[] = [];
    const present = checkBatches(await readLedger(dir, warnings));
    for (const op of writer.acks) expect(present.has(op)).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^store: discarded \d+ bytes at the end of the write-ahead log/)]);
    // Recovered once: the next open has nothing to say.
    const again: string[] = [];
    await readLedger(dir, again);
    expect(again).toEqual([]);
  }, 60_000);

  it('refuses a second process on the directory, naming the owner, and a killed owner leaves no lock behind', async () => {
    const holder = await startWriter(dir, ['hold']);
    started.push(holder);
    const refusal = openDurableStore(dir);
    await expect(refusal).rejects.toBeInstanceOf(StoreInUseError);
    await expect(refusal).rejects.toThrow(`the store in ${dir} is in use by another gateway (process ${holder.pid}`);
    await kill9(holder);
    const store = await openDurableStore(dir);
    await store.close();
  }, 30_000);

  it('folds the log into the file on close and gives back the space of what was deleted', async () => {
    const file = join(dir, STORE_FILE);
    const db = DurableDatabase.open(dir);
    const ledger = db.collection<LedgerEntry>(LEDGER);
    await ledger.createIndex({ seq: 1 }, { unique: true });
    for (let op = 0; op < 200; op++)
      await ledger.upsertMany(
        'seq',
        Array.from({ length: BATCH }, (_, j) => entry(op, j)),
      );
    // While open, the writes are in the log.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const full = statSync(file).size;
    // 2,000 entries of 600-odd bytes each.
    expect(full).toBeGreaterThan(2000 * 600);

    const again = DurableDatabase.open(dir);
    expect(await again.collection<LedgerEntry>(LEDGER).deleteMany({})).toBe(2000);
    await again.close();
    expect(statSync(file).size).toBeLessThan(full / 10);
    expect(await readLedger(dir)).toEqual([]);
  });

  it('keeps every kind of record across a restart', async () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    const node: NodeRecord = {
      id: 'dc-east/cloud-node',
      cloudId: 'dc-east',
      kind: 'cloud-node',
      url: 'http://127.0.0.1:5001/graphql',
      secret: 'k'.repeat(43),
      version: '1.0.0',
      schemaHash: 'abc',
      registeredAt: at,
      status: 'UP',
    };
    const vms: IndexedVm[] = ['web-1', 'db-1'].map((name, i) => ({
      id: `dc-east:vm-${i}`,
      cloudId: 'dc-east',
      vdcId: 'dc-east:vdc-1',
      name,
      powerState: 'POWERED_ON',
      cpuCount: 2,
      memoryMb: 4096,
      tenantId: 'acme',
      orgId: null,
      syncedAt: at,
    }));
    const first = await openDurableStore(dir);
    await first.nodes.upsert(node);
    await first.registrationTokens.create({
      tokenHash: 'h1',
      cloudId: 'dc-west',
      kind: 'cloud-node',
      createdAt: at,
      expiresAt: new Date(at.getTime() + 60_000),
    });
    await first.registrationTokens.consume('h1', at);
    await first.nodeConfigs.post(node.id, { logLevel: 'DEBUG' }, at);
    await first.nodeConfigs.post(node.id, { logLevel: 'WARN' }, at);
    await first.nodeConfigs.acknowledge(node.id, 1);
    const generation = await first.inventory.beginSync('dc-east');
    await first.inventory.applySync('dc-east', generation, vms, at);
    await first.orgMappings.put({ orgId: 'dc-south:org-1', tenantId: null, updatedAt: at });
    await first.close();

    const second = await openDurableStore(dir);
    try {
      expect(await second.nodes.get(node.id)).toEqual(node);
      expect(await second.registrationTokens.consume('h1', at)).toEqual({ ok: false, reason: 'used' });
      expect(await second.nodeConfigs.get(node.id)).toMatchObject({ version: 2, appliedVersion: 1, settings: { logLevel: 'WARN' } });
      const page = await second.inventory.page({ filter: { tenantId: 'acme' }, orderBy: { field: 'NAME', direction: 'ASC' }, first: 10 });
      expect(page.items.map((vm) => vm.name)).toEqual(['db-1', 'web-1']);
      expect(await second.inventory.freshness()).toEqual([expect.objectContaining({ cloudId: 'dc-east', vmCount: 2, stale: false })]);
      expect(await second.orgMappings.list()).toEqual([{ orgId: 'dc-south:org-1', tenantId: null, updatedAt: at }]);
      // The next sync continues the generations, so a sync begun before the restart stays older.
      expect(await second.inventory.beginSync('dc-east')).toBe(generation + 1);
    } finally {
      await second.close();
    }
  });
});
