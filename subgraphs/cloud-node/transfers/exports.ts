/**
 * The source node's open exports, one per transfer id: opened at the cloud once
 * (a second POST of the same transfer, a retry after a lost answer, gets the same
 * manifest), read by the chunk route while open, closed by the gateway's DELETE or
 * when the node stops. Nothing is persisted: a restarted node has no export open,
 * and the gateway opens it again.
 */
import type { ContentAdapter, OpenExport } from '../adapters/content';
import type { ExportManifest, SourceRef } from '../../../schema/transfers';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';

interface Entry {
  source: SourceRef;
  opening: Promise<OpenExport>;
  /** Set once the cloud opened it: what the chunk route reads. */
  open?: OpenExport;
}

export class ExportRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly content: ContentAdapter) {}

  /** The export of `source` for `transferId`, opened at the cloud unless it already is. */
  async open(transferId: string, source: SourceRef): Promise<ExportManifest> {
    let entry = this.entries.get(transferId);
    if (entry && (entry.source.type !== source.type || entry.source.id !== source.id))
      throw new CloudApiError(ErrorCode.CONFLICT, `transfer ${transferId} already exports another ${entry.source.type}`);
    if (!entry) {
      const opening = source.type === 'vm' ? this.content.exportVm(source.id) : this.content.exportTemplate(source.id);
      const created: Entry = { source, opening };
      entry = created;
      this.entries.set(transferId, created);
      opening.then(
        (open) => (created.open = open),
        // A failed open is forgotten, so that the gateway's retry tries the cloud again.
        () => this.entries.get(transferId) === created && this.entries.delete(transferId),
      );
    }
    return (await entry.opening).manifest;
  }

  /** The open export of `transferId`; undefined when none is (never opened, still opening, closed). */
  get(transferId: string): OpenExport | undefined {
    return this.entries.get(transferId)?.open;
  }

  /** End the export at the cloud; nothing to do for one that is not open. */
  async close(transferId: string): Promise<void> {
    const entry = this.entries.get(transferId);
    if (!entry) return;
    this.entries.delete(transferId);
    const open = await entry.opening.catch(() => undefined);
    await open?.close();
  }

  /** Every export ended (the node stops); one that fails to close does not keep the others open. */
  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.entries.keys()].map((id) => this.close(id)));
  }
}
