/**
 * Where each node's events stand on this replica: per node, the epoch and the last seq
 * seen. An event id is `<nodeId>@<epoch>#<seq>` (schema/events.ts); seq counts up by
 * one per event within an epoch, so a jump means events in between have not arrived,
 * and a new epoch (the node restarted) starts counting again. The first event of a
 * node is a start, not a gap: this replica cannot know what came before it.
 *
 * A jump is not yet a loss: on a replica that collects, the bus can bring another
 * replica's copy of seq k+2 before this replica's own collector brings k+1. So an
 * event behind the last seq is `late` (delivered: ids already drop duplicates), and a
 * gap names the ids it is missing, for the hub to check again after a grace.
 */
import { LRUCache } from 'lru-cache';
import type { NodeEvent } from '../../schema/events';

/** At most this many missing ids are named; a longer gap is a loss whatever comes later. */
const MAX_NAMED = 1000;

export type Position = { kind: 'next' | 'late' } | { kind: 'gap'; missing: string[]; certain: boolean };

export class GapTracker {
  private readonly nodes = new LRUCache<string, { epoch: string; seq: number }>({ max: 10_000 });

  note(event: NodeEvent): Position {
    const cut = event.id.lastIndexOf('#');
    const log = event.id.slice(0, cut);
    const at = log.lastIndexOf('@');
    if (cut < 0 || at < 0) return { kind: 'next' };
    const node = log.slice(0, at);
    const epoch = log.slice(at + 1);
    const last = this.nodes.get(node);
    if (last && last.epoch === epoch && event.seq <= last.seq) return { kind: 'late' };
    this.nodes.set(node, { epoch, seq: event.seq });
    if (!last || last.epoch !== epoch || event.seq === last.seq + 1) return { kind: 'next' };
    const count = event.seq - last.seq - 1;
    const missing = Array.from({ length: Math.min(count, MAX_NAMED) }, (_, i) => `${log}#${last.seq + 1 + i}`);
    return { kind: 'gap', missing, certain: count > MAX_NAMED };
  }
}
