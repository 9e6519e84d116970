/**
 * The gateway's event collector: one event stream (GET /events) per cloud-node in
 * the registry, opened when a node appears, reopened with backoff when it drops,
 * closed when the node leaves. Every event goes to `onEvent` (the bus); the
 * collector keeps no events itself, only each stream's position.
 *
 * ```ts
 * const collector = new EventCollector(registry, transport, { onEvent: (e) => bus.publish(e), onError });
 * collector.start();
 * // …
 * await collector.stop();
 * ```
 */
import type { NodeEvent } from '../../schema/events';
import { DEFAULT_HEARTBEAT_MS } from '../../schema/eventStream';
import type { EventStreams, NodeTransport } from '../nodes/transport';
import { nodeId, type NodeInstance, type NodeRegistry } from '../registry';
import { NodeStream, type NodeStreamStatus } from './nodeStream';

export type { NodeStreamStatus } from './nodeStream';

export interface EventCollectorOptions {
  /** Each event once, in seq order per node; a throw is reported to onError and the stream goes on. */
  onEvent(event: NodeEvent): void;
  /** A stream failed, ended, or delivered something unusable; it reconnects by itself. */
  onError?(node: NodeInstance, err: Error): void;
  /** A node's stream opened on a new log epoch (`previous` undefined for the first): a node that restarted lost what it held in memory. */
  onEpoch?(node: NodeInstance, epoch: string, previous: string | undefined): void;
  /** How often the registry is read for nodes that came or went; 0: only on `refresh()`. @default 1000 */
  refreshIntervalMs?: number;
  /** Reconnection waits: doubled on each failure in a row. @default { initialMs: 250, maxMs: 5000 } */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Silence after which a stream counts as dead and is reopened (nodes send a heartbeat every 15 s). @default 45000 */
  idleTimeoutMs?: number;
}

export class EventCollector {
  private readonly streams = new Map<string, NodeStream>();
  private readonly stopping = new Set<Promise<void>>();
  // From start() to stop(): the streams' own connections.
  private connections: EventStreams | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: NodeRegistry,
    // Shared with the gateway's other node requests: the collector closes only its streams.
    private readonly transport: Pick<NodeTransport, 'eventStreams'>,
    private readonly options: EventCollectorOptions,
  ) {}

  /** Open a stream to every cloud-node now, and follow the registry from then on. */
  start(): void {
    if (this.connections) return;
    // Streams are long-lived: their body timeout is the idle limit, not the node timeout.
    this.connections = this.transport.eventStreams({ idleTimeoutMs: this.options.idleTimeoutMs ?? 3 * DEFAULT_HEARTBEAT_MS });
    this.refresh();
    const every = this.options.refreshIntervalMs ?? 1000;
    if (every > 0) {
      this.timer = setInterval(() => this.refresh(), every);
      this.timer.unref();
    }
  }

  /** Bring the streams in line with the registry's cloud-nodes (also called on an interval). */
  refresh(): void {
    const connections = this.connections;
    if (!connections) return;
    const wanted = new Map(this.registry.list('cloud-node').map((node) => [nodeId(node), node]));
    for (const [id, stream] of this.streams) {
      if (wanted.has(id)) continue;
      this.streams.delete(id);
      this.track(stream.stop());
    }
    for (const [id, node] of wanted) {
      const stream = this.streams.get(id);
      if (stream) {
        if (stream.node !== node) stream.replace(node);
        continue;
      }
      const created = new NodeStream(node, {
        streams: connections,
        onEvent: (event) => this.options.onEvent(event),
        onError: (failed, err) => this.options.onError?.(failed, err),
        onEpoch: (opened, epoch, previous) => this.options.onEpoch?.(opened, epoch, previous),
        backoff: { initialMs: this.options.backoff?.initialMs ?? 250, maxMs: this.options.backoff?.maxMs ?? 5000 },
      });
      this.streams.set(id, created);
      created.start();
    }
  }

  /** Each open stream's position. */
  status(): NodeStreamStatus[] {
    return [...this.streams.values()].map((stream) => stream.status());
  }

  /** Close every stream; resolves once all connections are gone. Streams close at once, so not awaiting is safe. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    const connections = this.connections;
    this.connections = undefined;
    for (const stream of this.streams.values()) this.track(stream.stop());
    this.streams.clear();
    await Promise.all(this.stopping);
    await connections?.close();
  }

  private track(stopped: Promise<void>): void {
    this.stopping.add(stopped);
    void stopped.finally(() => this.stopping.delete(stopped));
  }
}
