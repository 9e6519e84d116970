/**
 * A node's event log: the last events it emitted, in memory, for the gateway's
 * collector to read over GET /events (see eventStream.ts) and to resume from after
 * a dropped connection. Nothing is persisted: a restarted node starts a new log,
 * told apart from the old one by its `epoch`.
 */
import { randomBytes } from 'node:crypto';
import type { NodeEvent } from '../../schema/events';
import { nodeId } from '../../schema/kinds';

/** Omit over each member of a union (plain Omit would merge the members). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as its source describes it; the log adds id, seq, time and cloud. */
export type NodeEventInput = OmitEach<NodeEvent, 'id' | 'seq' | 'at' | 'cloudId'>;

export interface EventLogOptions {
  cloudId: string;
  /** Node kind, part of every event id. @default 'cloud-node' */
  nodeKind?: string;
  /** Events kept for readers that resume. @default 1000 */
  capacity?: number;
  /** @default () => new Date() */
  now?: () => Date;
}

/** Told of every event appended, in order. */
export type EventListener = (event: NodeEvent) => void;

/** Ring buffer of a node's last events, plus live listeners. */
export class EventLog {
  /** Tells this log apart from an earlier one of the same node (a restart restarts seq at 1). */
  readonly epoch = randomBytes(8).toString('hex');
  readonly cloudId: string;
  private readonly nodeId: string;
  private readonly capacity: number;
  private readonly now: () => Date;
  // Event with seq s sits at slots[(s - 1) % capacity]: seqs are contiguous, so no search is needed.
  private readonly slots: Array<NodeEvent | undefined>;
  private last = 0;
  private readonly listeners = new Set<EventListener>();

  constructor(options: EventLogOptions) {
    const capacity = options.capacity ?? 1000;
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('EventLog capacity must be a positive integer');
    this.cloudId = options.cloudId;
    // Same shape as the gateway registry's node id (`<cloudId>/<kind>`), so an event names its node.
    this.nodeId = nodeId({ cloudId: options.cloudId, kind: options.nodeKind ?? 'cloud-node' });
    this.capacity = capacity;
    this.now = options.now ?? (() => new Date());
    this.slots = new Array<NodeEvent | undefined>(capacity);
  }

  /** Seq of the newest event; 0 before the first. */
  get lastSeq(): number {
    return this.last;
  }

  /** Seq of the oldest event still buffered (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return Math.max(1, this.last - this.capacity + 1);
  }

  /** Live listeners, e.g. open /events streams. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Number, time-stamp, buffer and announce an event; returns it as appended. */
  append(input: NodeEventInput): NodeEvent {
    const seq = this.last + 1;
    // The epoch keeps ids unique across a node restart (seq starts again at 1); replicas dedupe by id.
    const event = {
      id: `${this.nodeId}@${this.epoch}#${seq}`,
      seq,
      at: this.now().toISOString(),
      cloudId: this.cloudId,
      ...input,
    } as NodeEvent;
    this.slots[(seq - 1) % this.capacity] = event;
    this.last = seq;
    for (const listener of [...this.listeners]) {
      // One failing reader must not keep the event from the others, nor fail the emitter.
      try {
        listener(event);
      } catch {
        // The listener owns its failures (a stream closes itself).
      }
    }
    return event;
  }

  /** Buffered events with seq > `after`, oldest first (events pushed out of the buffer are gone). */
  since(after: number): NodeEvent[] {
    const events: NodeEvent[] = [];
    for (let seq = Math.max(after + 1, this.firstSeq); seq <= this.last; seq++) {
      const event = this.slots[(seq - 1) % this.capacity];
      if (event) events.push(event);
    }
    return events;
  }

  /** Listen to events appended from now on; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
