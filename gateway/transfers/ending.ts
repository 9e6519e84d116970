/**
 * How a transfer ends. Each ending is one conditional write (store/repositories/
 * transfers.ts `transition`): of two replicas hearing the same DONE, only one removes
 * a moved VM's source; the other finds the transfer no longer in its phase and stops.
 *
 * - DONE with the source's checksum: SUCCEEDED; a move first closes the export and
 *   removes the source (REMOVING_SOURCE, retried by resume while the source's node is
 *   out of reach), and only then succeeds.
 * - DONE with another checksum: FAILED "checksum mismatch", the copy removed.
 * - FAILED / CANCELLED: the import stopped and removed, the export closed.
 */
import { ErrorCode } from '../../schema/errorCodes';
import type { TransferPhase } from '../../schema/transfers';
import type { StoredTransfer } from '../store/types';
import { NodeRouteError } from './nodeRoutes';
import { IMPORT_PHASES } from './record';
import type { TransferRuntime } from './runtime';

/** Best effort: a cleanup that fails is logged, never the transfer's failure. */
async function quietly(rt: TransferRuntime, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    rt.onError(err, what);
  }
}

const closeExport = (rt: TransferRuntime, stored: StoredTransfer) =>
  quietly(rt, `export of ${stored.id} not closed`, () => rt.routes.closeExport(rt.node(stored.sourceCloudId), stored.id));

/** End it FAILED (`phase` FAILED or CANCELLED) unless it has already ended; stop and remove the import, close the export. */
export async function fail(
  rt: TransferRuntime,
  stored: StoredTransfer,
  error: string,
  phase: TransferPhase = 'FAILED',
  /** Only from these phases (any when omitted). */
  from?: readonly TransferPhase[],
): Promise<StoredTransfer | null> {
  const now = rt.now();
  const ended = await rt.store.transition(stored.id, from, { state: 'FAILED', phase, error, rateBytesPerSec: 0, updatedAt: now });
  if (!ended) {
    const current = await rt.store.get(stored.id);
    if (current) rt.settle(current);
    return null;
  }
  await Promise.all([
    quietly(rt, `import of ${stored.id} not cancelled`, () => rt.routes.cancelImport(rt.node(stored.targetCloudId), stored.id)),
    closeExport(rt, stored),
  ]);
  rt.publish(ended, phase);
  rt.settle(ended);
  return ended;
}

/** The destination's DONE: verify, then succeed (a move: remove the source first) or fail. */
export async function finish(rt: TransferRuntime, stored: StoredTransfer, result: { id: string; sha256: string | null }): Promise<void> {
  const resultId = `${stored.targetCloudId}:${result.id}`;
  const now = rt.now();
  const verified = stored.sourceChecksum !== null && result.sha256 !== null && stored.sourceChecksum === result.sha256;
  const mismatch = stored.sourceChecksum !== null && result.sha256 !== null && !verified;
  if (mismatch) {
    const failed = await rt.store.transition(stored.id, IMPORT_PHASES, {
      state: 'FAILED',
      phase: 'FAILED',
      targetChecksum: result.sha256,
      error: 'checksum mismatch',
      rateBytesPerSec: 0,
      updatedAt: now,
    });
    if (!failed) return;
    // The import is complete at the destination: its copy is removed as an item of its own.
    const target = rt.node(stored.targetCloudId);
    await Promise.all([
      quietly(rt, `copy of ${stored.id} not removed`, () =>
        stored.target.kind === 'vm' ? rt.routes.deleteVm(target, result.id) : rt.routes.deleteTemplate(target, result.id),
      ),
      closeExport(rt, stored),
    ]);
    rt.publish(failed, 'FAILED');
    rt.settle(failed);
    return;
  }
  if (stored.operation === 'MOVE_VM') {
    // A move removes its source only after seeing the copy equal to it.
    if (!verified) {
      await fail(rt, stored, 'the copy could not be verified (a cloud reported no checksum): the source is kept');
      return;
    }
    const removing = await rt.store.transition(stored.id, IMPORT_PHASES, {
      phase: 'REMOVING_SOURCE',
      targetChecksum: result.sha256,
      resultId,
      bytesDone: stored.bytesTotal,
      rateBytesPerSec: 0,
      error: null,
      updatedAt: now,
      lastProgressAt: now,
    });
    if (!removing) return;
    rt.publish(removing, 'REMOVING_SOURCE');
    await removeSource(rt, removing);
    return;
  }
  const done = await rt.store.transition(stored.id, IMPORT_PHASES, {
    state: 'SUCCEEDED',
    phase: 'DONE',
    targetChecksum: result.sha256,
    resultId,
    bytesDone: stored.bytesTotal,
    rateBytesPerSec: 0,
    error: null,
    updatedAt: now,
  });
  if (!done) return;
  await closeExport(rt, done);
  rt.publish(done, 'DONE');
  rt.settle(done);
}

/**
 * A move's last step (again after an interruption): close the export (it may hold the
 * source, a snapshot or a download lease), remove the source VM, succeed. While the
 * source's node is out of reach it stays REMOVING_SOURCE for resume to retry.
 */
export async function removeSource(rt: TransferRuntime, stored: StoredTransfer): Promise<void> {
  try {
    const node = rt.node(stored.sourceCloudId);
    await rt.routes.closeExport(node, stored.id);
    await rt.routes.deleteVm(node, stored.source.id);
  } catch (err) {
    if (err instanceof NodeRouteError && err.code === ErrorCode.CLOUD_UNAVAILABLE) {
      rt.onError(err, `source of ${stored.id} not removed yet; retried when its node is back`);
      return;
    }
    const message = err instanceof NodeRouteError ? err.message : 'the source could not be removed';
    const failed = await rt.store.transition(stored.id, ['REMOVING_SOURCE'], {
      state: 'FAILED',
      phase: 'FAILED',
      error: `the copy is done (${stored.resultId ?? ''}) but the source was not removed: ${message}`,
      updatedAt: rt.now(),
    });
    if (failed) {
      rt.publish(failed, 'FAILED');
      rt.settle(failed);
    }
    if (!(err instanceof NodeRouteError)) rt.onError(err, `source of ${stored.id} not removed`);
    return;
  }
  const done = await rt.store.transition(stored.id, ['REMOVING_SOURCE'], { state: 'SUCCEEDED', phase: 'DONE', updatedAt: rt.now() });
  if (!done) return;
  rt.publish(done, 'DONE');
  rt.settle(done);
}
