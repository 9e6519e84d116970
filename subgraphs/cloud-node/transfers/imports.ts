/**
 * The destination node's running imports, one run per transfer id. A POST for a
 * transfer that runs stops that run and starts again from the POST's `resume` (the
 * gateway resuming after it lost track), or, without one, from where the old run
 * stood. A POST for a transfer this node already finished (the gateway missed the
 * DONE while it was away) reports that DONE again rather than import a second copy.
 * A cancel stops the run, has the cloud remove what the import made, and
 * reports CANCELLED. Closing the node stops every run without aborting anything at
 * the cloud: each resumes in the next process from its checkpoint.
 */
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { ImportRequest, TransferReport } from '../../../schema/transfers';
import type { ContentAdapter } from '../adapters/content';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';
import type { ChunkClient } from './chunkClient';
import { ImportRun } from './importRun';
import type { RetryPolicy } from './retry';

export interface ImportRegistryOptions {
  cloudId: string;
  content: ContentAdapter;
  client: ChunkClient;
  retry: RetryPolicy;
  report(report: TransferReport): void;
  log: Logger;
}

export class ImportRegistry {
  private readonly runs = new Map<string, ImportRun>();
  /** Runs whose import the cloud still holds: stopped by a cancel whose abort() failed, or ended FAILED (the gateway's cancel removes it). */
  private readonly unaborted = new Map<string, ImportRun>();
  /** The DONE reports of recent imports, by transfer id (kept in memory: a node restart forgets them). */
  private readonly done = new LRUCache<string, TransferReport>({ max: 1000 });
  private closed = false;

  constructor(private readonly o: ImportRegistryOptions) {}

  /** Start (or restart) the import; resolves once it runs, not when it ends. */
  async start(request: ImportRequest): Promise<void> {
    if (this.closed) throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, 'the node is stopping');
    const finished = this.done.get(request.transferId);
    if (finished) return this.o.report(finished);
    let resume = request.resume;
    // Until none runs: another POST may have started one while this one waited (the latest request wins).
    for (let running = this.runs.get(request.transferId); running; running = this.runs.get(request.transferId)) {
      running.stop();
      await running.ended;
      if (this.runs.get(request.transferId) === running) this.runs.delete(request.transferId);
      resume ??= running.openImport ? running.lastCheckpoint : undefined;
    }
    const run = new ImportRun({
      ...this.o,
      request: { ...request, ...(resume ? { resume } : {}) },
      report: (report) => {
        if (report.phase === 'DONE') this.done.set(request.transferId, report);
        this.o.report(report);
      },
    });
    this.runs.set(request.transferId, run);
    void run.ended.then(() => {
      if (this.runs.get(request.transferId) !== run) return;
      this.runs.delete(request.transferId);
      // A failed import left what it made at the cloud: the cancel the gateway sends for it finds it here.
      if (run.failed && run.openImport) this.unaborted.set(request.transferId, run);
    });
  }

  /** Cancel: NOT_FOUND when no import of this transfer runs here. */
  async cancel(transferId: string): Promise<void> {
    const run = this.runs.get(transferId) ?? this.unaborted.get(transferId);
    if (!run) throw new CloudApiError(ErrorCode.NOT_FOUND, `no import of transfer ${transferId} runs at this node`);
    this.runs.delete(transferId);
    run.stop();
    await run.ended;
    try {
      await run.openImport?.abort();
    } catch (err) {
      this.unaborted.set(transferId, run);
      throw err;
    }
    this.unaborted.delete(transferId);
    // A run that finished as it was stopped made its item, which the abort removed: no DONE to report again.
    this.done.delete(transferId);
    this.o.log.info({ transferId }, 'transfer cancelled');
    this.o.report(run.reportOf('CANCELLED'));
  }

  /** Stop every run (the node closes); resolves once none runs. */
  async close(): Promise<void> {
    this.closed = true;
    const runs = [...this.runs.values()];
    for (const run of runs) run.stop();
    await Promise.all(runs.map((run) => run.ended));
  }
}
