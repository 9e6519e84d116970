/**
 * A child process for the durability tests: opens the durable embedded store in
 * STORE_DIR and writes in a loop until killed. Each operation is one upsertMany of
 * a batch of BATCH documents (`seq` = op × BATCH + j, each carrying its batch's
 * size and a digest of its seq), and after the store acknowledged it, the child
 * prints `ack <op>` on stdout. With STOP_AFTER=<n> it stops after n operations,
 * prints `idle` and waits (killed then, it was writing nothing). Started with `hold`
 * as argument it only opens the store, prints `ready <pid>` and waits (to hold the
 * directory's lock).
 */
import { DurableDatabase } from '../../gateway/store/durable/database';
import { BATCH, LEDGER, entry, type LedgerEntry } from './ledger';

async function main(): Promise<void> {
  const dir = process.env.STORE_DIR;
  if (!dir) throw new Error('STORE_DIR is not set');
  const db = DurableDatabase.open(dir, { warn: (message) => console.error(message) });
  if (process.argv[2] === 'hold') {
    console.log(`ready ${process.pid}`);
    setInterval(() => undefined, 1 << 30);
    return;
  }
  const ledger = db.collection<LedgerEntry>(LEDGER);
  await ledger.createIndex({ seq: 1 }, { unique: true });
  const start = Number(process.env.FIRST_OP ?? 0);
  const stopAfter = Number(process.env.STOP_AFTER ?? Infinity);
  console.log(`ready ${process.pid}`);
  for (let op = start; ; op++) {
    if (op - start >= stopAfter) {
      console.log('idle');
      setInterval(() => undefined, 1 << 30);
      return;
    }
    await ledger.upsertMany(
      'seq',
      Array.from({ length: BATCH }, (_, j) => entry(op, j)),
    );
    console.log(`ack ${op}`);
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
