/**
 * Setting a transfer going, the first time and at every resume: the source node opens
 * (or, idempotent per transfer, reopens) its export, and the destination node is told
 * to import it from the source node: with the transfer's grant key (the only key it
 * gets: schema/transfers.ts grantKeyFor) and, on a resume, the stored checkpoint, so
 * it continues from the last acknowledged chunk. A node out of reach leaves the
 * transfer WAITING for resume (./resume.ts); any other refusal fails it.
 */
import { ErrorCode } from '../../schema/errorCodes';
import { grantKeyFor, type ExportManifest } from '../../schema/transfers';
import { nodeBaseUrl } from '../nodes/endpoints';
import type { StoredTransfer } from '../store/types';
import { fail } from './ending';
import { NodeRouteError } from './nodeRoutes';
import { IMPORT_PHASES } from './record';
import type { TransferRuntime } from './runtime';

const sameFiles = (a: ExportManifest, b: ExportManifest) =>
  a.files.length === b.files.length &&
  a.files.every((f, i) => f.name === b.files[i]!.name && f.size === b.files[i]!.size && f.sha256 === b.files[i]!.sha256);

/** Export, then import; `cause` names the task event it publishes. */
export async function launch(rt: TransferRuntime, stored: StoredTransfer, cause: string): Promise<void> {
  try {
    const sourceNode = rt.node(stored.sourceCloudId);
    const manifest = await rt.routes.openExport(sourceNode, { transferId: stored.id, source: stored.source });
    let current: StoredTransfer | null = stored;
    if (stored.manifest) {
      // A checkpoint is only good against the same bytes.
      if (!sameFiles(stored.manifest, manifest)) {
        await fail(rt, stored, 'the source changed during the transfer');
        return;
      }
      // Its import was asked for before: this is a resume from the checkpoint, a new run.
      current = await rt.store.resumed(stored.id, IMPORT_PHASES, stored.resumes, rt.now());
    } else {
      const disk = manifest.files[manifest.files.length - 1]!;
      current = await rt.store.transition(stored.id, IMPORT_PHASES, {
        manifest,
        bytesTotal: manifest.files.reduce((sum, f) => sum + f.size, 0),
        sourceChecksum: disk.sha256,
        updatedAt: rt.now(),
      });
    }
    // Cancelled (or ended elsewhere) meanwhile.
    if (!current) {
      await rt.routes.closeExport(sourceNode, stored.id).catch((err: unknown) => rt.onError(err, `export of ${stored.id} not closed`));
      return;
    }
    await rt.routes.startImport(rt.node(stored.targetCloudId), {
      transferId: stored.id,
      sourceUrl: nodeBaseUrl(sourceNode.url).toString(),
      grantKey: grantKeyFor(sourceNode.secret, stored.id),
      target: stored.target,
      manifest,
      chunkBytes: rt.chunkBytes,
      ...(current.checkpoint ? { resume: current.checkpoint } : {}),
    });
    const now = rt.now();
    const copying = await rt.store.transition(stored.id, ['PREPARING', 'WAITING'], {
      phase: 'COPYING',
      error: null,
      lastProgressAt: now,
      updatedAt: now,
    });
    if (copying) rt.publish(copying, cause);
  } catch (err) {
    if (err instanceof NodeRouteError && err.code === ErrorCode.CLOUD_UNAVAILABLE) {
      const now = rt.now();
      const waiting = await rt.store.transition(stored.id, IMPORT_PHASES, {
        phase: 'WAITING',
        error: err.message,
        rateBytesPerSec: 0,
        // Retried when its node is back, or a stall later.
        lastProgressAt: now,
        updatedAt: now,
      });
      if (waiting) rt.publish(waiting, `${cause}-waiting`);
      return;
    }
    if (!(err instanceof NodeRouteError)) rt.onError(err, `transfer ${stored.id} could not be started`);
    await fail(rt, stored, err instanceof NodeRouteError ? err.message : 'the transfer could not be started');
  }
}
