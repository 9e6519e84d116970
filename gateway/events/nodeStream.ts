/**
 * One node's event stream as the gateway reads it: a signed GET /events kept open
 * (schema/eventStream.ts), parsed with eventsource-parser, reopened with backoff
 * when it fails or ends, resuming after the last seq seen so that nothing is lost
 * nor delivered twice while the node keeps its log.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { NodeEvent } from '../../schema/events';
import { EPOCH_HEADER } from '../../schema/eventStream';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { EventStreams } from '../nodes/transport';
import { nodeId, type NodeInstance } from '../registry';
import { parseNodeEvent } from './parseNodeEvent';

/** Largest event (or run of unterminated lines) we buffer: a runaway stream is cut, not kept. */
const MAX_EVENT_CHARS = 1024 * 1024;

export interface NodeStreamOptions {
  /** Opens the request (where, signed how, with which timeouts); the stream reads it. */
  streams: Pick<EventStreams, 'open'>;
  onEvent(event: NodeEvent): void;
  onError(node: NodeInstance, err: Error): void;
  /** The stream opened on a log epoch other than the last one (`previous` undefined the first time): the node restarted. */
  onEpoch?(node: NodeInstance, epoch: string, previous: string | undefined): void;
  /** First wait after a failure, doubled on each failure in a row up to maxMs. */
  backoff: { initialMs: number; maxMs: number };
}

/** Where a node's stream stands (for health pages and tests). */
export interface NodeStreamStatus {
  nodeId: string;
  connected: boolean;
  /** Last seq delivered in the current epoch; 0 before any. */
  lastSeq: number;
  /** The node log's epoch, once a stream was opened. */
  epoch: string | undefined;
}

export class NodeStream {
  private lastSeq = 0;
  private epoch: string | undefined;
  private connected = false;
  private stopped = false;
  // Aborts the open request or the wait before the next one.
  private abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private current: NodeInstance,
    private readonly options: NodeStreamOptions,
  ) {}

  get node(): NodeInstance {
    return this.current;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * The registry holds another instance for this node. With another URL or secret
   * the open stream is dropped and reopened at once (same position: the epoch tells
   * whether it is still the same log).
   */
  replace(node: NodeInstance): void {
    const reconnect = node.url !== this.current.url || node.secret !== this.current.secret;
    this.current = node;
    if (reconnect) this.abort.abort();
  }

  /** Close the stream for good; resolves once the connection is gone. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  status(): NodeStreamStatus {
    return { nodeId: nodeId(this.current), connected: this.connected, lastSeq: this.lastSeq, epoch: this.epoch };
  }

  private async run(): Promise<void> {
    const { initialMs, maxMs } = this.options.backoff;
    let delay = initialMs;
    while (!this.stopped) {
      const controller = (this.abort = new AbortController());
      let opened = false;
      try {
        opened = await this.connect(controller.signal);
        if (!controller.signal.aborted) this.options.onError(this.current, new Error('the node ended its event stream'));
      } catch (err) {
        if (!controller.signal.aborted) this.options.onError(this.current, err instanceof Error ? err : new Error(String(err)));
      }
      this.connected = false;
      if (this.stopped) break;
      // Replaced: reconnect now, to the new instance.
      if (controller.signal.aborted) continue;
      if (opened) delay = initialMs;
      await sleep(delay, undefined, { signal: controller.signal }).catch(() => undefined);
      delay = Math.min(delay * 2, maxMs);
    }
  }

  /** One request, read to its end; true when the node answered with a stream. */
  private async connect(signal: AbortSignal): Promise<boolean> {
    const query = { after: String(this.lastSeq), ...(this.epoch !== undefined ? { epoch: this.epoch } : {}) };
    // The stream is the whole cloud's, read by the gateway for itself: as the system principal.
    const res = await this.options.streams.open(this.current, query, SYSTEM_PRINCIPAL, signal);
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new Error(res.statusCode === 401 ? "the node refused the gateway's signature" : `the node answered HTTP ${res.statusCode}`);
    }
    const epoch = res.headers[EPOCH_HEADER];
    if (typeof epoch === 'string' && epoch !== this.epoch) {
      // Another log (the node restarted): it answered from its start, and its seqs start over.
      if (this.epoch !== undefined) this.lastSeq = 0;
      const previous = this.epoch;
      this.epoch = epoch;
      try {
        this.options.onEpoch?.(this.current, epoch, previous);
      } catch (err) {
        this.options.onError(this.current, err instanceof Error ? err : new Error(String(err)));
      }
    }
    this.connected = true;
    const parser = createParser({ onEvent: (message) => this.handle(message), maxBufferSize: MAX_EVENT_CHARS });
    // undici's body yields bytes whatever setEncoding says; a streaming decoder keeps split UTF-8 sequences whole.
    const decoder = new TextDecoder();
    for await (const chunk of res.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    return true;
  }

  private handle(message: EventSourceMessage): void {
    let value: unknown;
    try {
      value = JSON.parse(message.data);
    } catch {
      return this.drop('an event that is not JSON');
    }
    const event = parseNodeEvent(value);
    // A node speaks for its own cloud only.
    if (!event || event.cloudId !== this.current.cloudId) return this.drop('an event that does not fit the contract');
    if (event.seq <= this.lastSeq) return;
    if (this.lastSeq > 0 && event.seq > this.lastSeq + 1) {
      this.options.onError(this.current, new Error(`events ${this.lastSeq + 1}..${event.seq - 1} were lost (the node no longer had them)`));
    }
    this.lastSeq = event.seq;
    try {
      this.options.onEvent(event);
    } catch (err) {
      // The consumer's failure is not the stream's: keep reading.
      this.options.onError(this.current, err instanceof Error ? err : new Error(String(err)));
    }
  }

  private drop(what: string): void {
    this.options.onError(this.current, new Error(`dropped ${what}`));
  }
}
