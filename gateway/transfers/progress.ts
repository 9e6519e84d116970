/**
 * A destination node's `transfer` events (schema/transfers.ts TransferReport, arriving
 * on its event stream) turned into the transfer's checkpoint in the store and its task
 * event on the `taskProgress` feed. Every replica hears every node, and each may hear
 * an event twice (its own stream and the bus): the store's update is idempotent (the
 * checkpoint and bytes only move forward, a run's bytes sent keep their largest) and
 * the task event's id is the node event's, so subscribers get it once.
 *
 * Only the destination speaks for an import: a report from any other cloud is ignored.
 */
import { LRUCache } from 'lru-cache';
import type { NodeEvent } from '../../schema/events';
import type { TransferReport } from '../../schema/transfers';
import type { StoredTransfer } from '../store/types';
import { fail, finish } from './ending';
import { IMPORT_PHASES } from './record';
import type { TransferRuntime } from './runtime';

export type TransferEvent = Extract<NodeEvent, { kind: 'transfer' }>;

export class TransferProgress {
  /** Node events handled here already (heard on the stream and again on the bus). */
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });
  /** Transfers whose leftover import at a node was told to stop (once per process). */
  private readonly stopped = new LRUCache<string, true>({ max: 10_000 });
  /** One report at a time per transfer, in arrival order (a node's order). */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly rt: TransferRuntime) {}

  /** Take one event; resolves once it is in the store (tests await it, the collector does not). */
  accept(event: TransferEvent): Promise<void> {
    if (this.seen.has(event.id)) return Promise.resolve();
    this.seen.set(event.id, true);
    const id = event.transfer.transferId;
    const next = (this.chains.get(id) ?? Promise.resolve())
      .then(() => this.handle(event))
      .catch((err: unknown) => this.rt.onError(err, `transfer report ${event.id} not applied`));
    this.chains.set(id, next);
    void next.finally(() => {
      if (this.chains.get(id) === next) this.chains.delete(id);
    });
    return next;
  }

  private async handle(event: TransferEvent): Promise<void> {
    const report = event.transfer;
    const stored = await this.rt.store.get(report.transferId);
    if (!stored || stored.targetCloudId !== event.cloudId) return;
    if (stored.state !== 'RUNNING') {
      this.rt.settle(stored);
      // An import still going after its transfer ended (cancelled while its node was out of reach): stop it.
      if (!['DONE', 'FAILED', 'CANCELLED'].includes(report.phase) && !this.stopped.has(stored.id)) {
        this.stopped.set(stored.id, true);
        await this.rt.routes
          .cancelImport(this.rt.node(stored.targetCloudId), stored.id)
          .catch((err: unknown) => this.rt.onError(err, `leftover import of ${stored.id} not stopped`));
      }
      return;
    }
    switch (report.phase) {
      case 'DONE':
        if (!report.result) return void (await fail(this.rt, stored, 'the destination finished without naming the copy'));
        return finish(this.rt, (await this.record(stored, report)) ?? stored, report.result);
      case 'FAILED':
        return void (await fail(this.rt, stored, report.error ?? 'the import failed at the destination'));
      case 'CANCELLED':
        return void (await fail(this.rt, stored, 'cancelled', 'CANCELLED'));
      default: {
        const updated = await this.record(stored, report);
        if (updated) this.rt.publishAs(updated, event.id);
      }
    }
  }

  /**
   * The report's checkpoint and bytes, for the run it belongs to: the one running when it
   * arrived (`current`, just read: reports of one transfer are handled one at a time).
   */
  private record(current: StoredTransfer, report: TransferReport) {
    return this.rt.store.progress(current.id, IMPORT_PHASES, {
      // The destination's phases while importing; PREPARING is the gateway's own.
      phase: report.phase === 'DONE' || report.phase === 'PREPARING' ? current.phase : report.phase,
      checkpoint: report.checkpoint,
      bytesDone: report.bytesDone,
      bytesTotal: report.bytesTotal,
      rateBytesPerSec: report.rateBytesPerSec,
      run: current.resumes,
      bytesSent: report.bytesSent,
      error: report.phase === 'WAITING' ? (report.error ?? null) : null,
      // When the gateway heard it: a stall is a silence as the gateway sees it.
      at: this.rt.now(),
    });
  }
}
