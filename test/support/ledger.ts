/**
 * The ledger the durability tests write (storeWriter.ts, in a child) and check (in
 * the test): batches of BATCH entries whose every field follows from their seq, so
 * a half-written or altered entry cannot pass for a whole one.
 */
import { createHash } from 'node:crypto';

export const BATCH = 10;
export const LEDGER = 'ledger';

export interface LedgerEntry {
  seq: number;
  op: number;
  batch: number;
  digest: string;
  /** Bulk, so that a batch spans several pages of the log and a kill can land inside it. */
  payload: string;
}

export function entry(op: number, j: number): LedgerEntry {
  const seq = op * BATCH + j;
  return { seq, op, batch: BATCH, digest: digestOf(seq), payload: `${seq}:`.padEnd(600, String(seq % 10)) };
}

function digestOf(seq: number): string {
  return createHash('sha256').update(String(seq)).digest('hex');
}
