/**
 * One run of an import at the destination node: pull the export's files from the
 * source node chunk by chunk and write them into the cloud, reporting each chunk the
 * cloud acknowledged (the gateway keeps the last report's checkpoint and hands it
 * back to resume a later run).
 *
 * - Where to start is the cloud's truth: each file continues at `received(index)`,
 *   which may be past the checkpoint (a write acknowledged by the cloud whose report
 *   was lost when the node stopped).
 * - The next chunk is fetched while the current one is written: at most two chunks
 *   in memory per transfer, however large the disk.
 * - A chunk whose bytes do not match the source's SHA-256 is fetched again, at most
 *   MAX_REFETCHES times; a source out of reach is waited out (WAITING) with capped
 *   backoff for `retry.forMs`, then the import fails.
 * - Stopped (cancel, a restarted run, the node closing) it reports nothing more; the
 *   caller decides what a stop means (CANCELLED and abort(), or nothing).
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Checkpoint, ImportRequest, TransferPhase, TransferReport } from '../../../schema/transfers';
import type { ContentAdapter, OpenImport } from '../adapters/content';
import { SourceUnreachable, type ChunkClient } from './chunkClient';
import { TransferFailure, clientSafeMessage } from './httpErrors';
import { RateWindow } from './progress';
import { chunkRanges, type ByteRange } from './ranges';
import { backoffDelay, type RetryPolicy } from './retry';

/** Fetches of one chunk after the first whose bytes did not match their checksum, before the import fails. */
export const MAX_REFETCHES = 3;

export interface ImportRunOptions {
  cloudId: string;
  request: ImportRequest;
  content: ContentAdapter;
  client: ChunkClient;
  retry: RetryPolicy;
  /** Appends the report as a `transfer` event. */
  report(report: TransferReport): void;
  log: Logger;
}

/** Thrown inside a stopped run: it ends without a report. */
class Stopped extends Error {}

export class ImportRun {
  /** Settles when the run has ended, whichever way (never rejects). */
  readonly ended: Promise<void>;
  /** The cloud's import once begun: what a cancel aborts. */
  openImport: OpenImport | undefined;
  private readonly controller = new AbortController();
  private readonly rate = new RateWindow();
  private readonly sizes: number[];
  private readonly total: number;
  private phase: TransferPhase | undefined;

  /** Whether the run ended FAILED (its import, if one was opened, is still at the cloud). */
  get failed(): boolean {
    return this.phase === 'FAILED';
  }
  private checkpoint: Checkpoint;
  private bytesDone = 0;
  private bytesSent = 0;
  /** When the current outage began (undefined while the source answers). */
  private outageSince: number | undefined;
  private outageAttempts = 0;

  constructor(private readonly o: ImportRunOptions) {
    const { manifest, resume } = o.request;
    this.sizes = manifest.files.map((file) => file.size);
    this.total = this.sizes.reduce((a, b) => a + b, 0);
    this.checkpoint = resume ?? { fileIndex: 0, offset: 0, state: {} };
    this.ended = this.run().catch(() => undefined);
  }

  get transferId(): string {
    return this.o.request.transferId;
  }

  /** Where this run stands: what a restart without a checkpoint of its own continues from. */
  get lastCheckpoint(): Checkpoint {
    return this.checkpoint;
  }

  /** Stop at the next step (an in-flight fetch is cut off, an in-flight write finishes first); await `ended`. */
  stop(): void {
    this.controller.abort();
  }

  /** A report of the run's current figures in `phase` (also what a cancel reports). */
  reportOf(phase: TransferPhase, extra: Pick<TransferReport, 'result' | 'error'> = {}): TransferReport {
    return {
      transferId: this.transferId,
      phase,
      checkpoint: this.checkpoint,
      bytesDone: this.bytesDone,
      bytesTotal: this.total,
      bytesSent: this.bytesSent,
      rateBytesPerSec: this.rate.rate(),
      ...extra,
    };
  }

  private emit(phase: TransferPhase, extra: Pick<TransferReport, 'result' | 'error'> = {}): void {
    if (phase !== this.phase) {
      const line = {
        transferId: this.transferId,
        phase,
        bytesDone: this.bytesDone,
        bytesTotal: this.total,
        ...(extra.error ? { error: extra.error } : {}),
      };
      this.o.log[phase === 'FAILED' || phase === 'WAITING' ? 'warn' : 'info'](line, `transfer ${phase.toLowerCase()}`);
    }
    this.phase = phase;
    this.o.report(this.reportOf(phase, extra));
  }

  private throwIfStopped(): void {
    if (this.controller.signal.aborted) throw new Stopped();
  }

  private async run(): Promise<void> {
    const { request, content } = this.o;
    try {
      const imp = await content.beginImport(request.target, request.manifest, request.resume?.state);
      this.openImport = imp;
      this.throwIfStopped();
      const first = request.resume?.fileIndex ?? 0;
      if (first >= this.sizes.length) throw new TransferFailure(`The checkpoint names file ${first} of ${this.sizes.length}`);
      for (let index = first; index < this.sizes.length; index++) {
        const from = await imp.received(index);
        this.throwIfStopped();
        this.checkpoint = { fileIndex: index, offset: from, state: imp.state };
        this.bytesDone = this.sizes.slice(0, index).reduce((a, b) => a + b, 0) + from;
        // The first report names the cloud's import state before any chunk: a stop from here on can resume or abort it.
        if (index === first) this.emit('COPYING');
        await this.copyFile(imp, index, from);
      }
      this.emit('IMPORTING');
      const result = await imp.complete();
      // Reported even if stopped meanwhile: the item exists now, and a later run must not make it again.
      this.emit('DONE', { result });
    } catch (err) {
      if (err instanceof Stopped || this.controller.signal.aborted) return;
      if (!(err instanceof TransferFailure)) this.o.log.error({ err, transferId: this.transferId }, 'import failed');
      this.emit('FAILED', { error: clientSafeMessage(err, this.o.cloudId) });
    } finally {
      // A prefetch still in flight (the run failed while writing) is cut off.
      this.controller.abort();
    }
  }

  /** Fetch chunk k+1 while chunk k is written. */
  private async copyFile(imp: OpenImport, index: number, from: number): Promise<void> {
    const ranges = chunkRanges(this.sizes[index]!, from, this.o.request.chunkBytes);
    let next = ranges.length ? this.prefetch(index, ranges[0]!) : undefined;
    for (let k = 0; k < ranges.length; k++) {
      const range = ranges[k]!;
      const bytes = await next!;
      this.throwIfStopped();
      next = k + 1 < ranges.length ? this.prefetch(index, ranges[k + 1]!) : undefined;
      await imp.write(index, range.start, bytes);
      this.throwIfStopped();
      this.bytesDone += bytes.length;
      this.rate.add(bytes.length);
      this.checkpoint = { fileIndex: index, offset: range.end, state: imp.state };
      this.emit('COPYING');
    }
  }

  /** A verified fetch whose rejection is handled even if the run never awaits it (it stopped first). */
  private prefetch(index: number, range: ByteRange): Promise<Buffer> {
    const fetching = this.fetchVerified(index, range);
    fetching.catch(() => undefined);
    return fetching;
  }

  private async fetchVerified(index: number, range: ByteRange): Promise<Buffer> {
    const { request, client } = this.o;
    const name = request.manifest.files[index]!.name;
    for (let mismatches = 0; ;) {
      this.throwIfStopped();
      let chunk;
      try {
        chunk = await client.fetch({
          sourceUrl: request.sourceUrl,
          grantKey: request.grantKey,
          transferId: request.transferId,
          fileIndex: index,
          range,
          signal: this.controller.signal,
        });
      } catch (err) {
        if (!(err instanceof SourceUnreachable) || this.controller.signal.aborted) throw err;
        await this.waitOut(err);
        continue;
      }
      this.bytesSent += chunk.bytes.length;
      // The outage is over (the next acknowledged chunk reports COPYING again).
      this.outageSince = undefined;
      this.outageAttempts = 0;
      const digest = createHash('sha256').update(chunk.bytes).digest('hex');
      if (chunk.bytes.length === range.end - range.start && digest === chunk.sha256) return chunk.bytes;
      if (++mismatches > MAX_REFETCHES)
        throw new TransferFailure(`${name}: bytes ${range.start}-${range.end} did not match their checksum in ${mismatches} fetches`);
      this.o.log.warn(
        { transferId: this.transferId, file: name, start: range.start, end: range.end },
        'chunk checksum mismatch: fetching it again',
      );
    }
  }

  /** WAITING (once per outage), then the next backoff delay; past the retry window the import fails. */
  private async waitOut(err: SourceUnreachable): Promise<void> {
    const now = Date.now();
    this.outageSince ??= now;
    if (now - this.outageSince >= this.o.retry.forMs)
      throw new TransferFailure(`The source was out of reach for ${Math.round((now - this.outageSince) / 1000)} s: ${err.message}`);
    if (this.phase !== 'WAITING') this.emit('WAITING', { error: `Waiting for the source: ${err.message}` });
    try {
      await sleep(backoffDelay(this.outageAttempts++, this.o.retry), undefined, { signal: this.controller.signal });
    } catch {
      throw new Stopped();
    }
  }
}
