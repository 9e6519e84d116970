/**
 * What the parts of the transfer coordinator share (service, progress, endings,
 * resume): the store, the nodes, the feed task events go out on, and the waiters of
 * `settled`. One object per gateway, built in ./index.ts.
 */
import { randomUUID } from 'node:crypto';
import type { NodeEvent } from '../../schema/events';
import { ErrorCode } from '../../schema/errorCodes';
import type { NodeInstance, NodeRegistry } from '../registry';
import type { StoredTransfer, TransferRepository } from '../store/types';
import { NodeRouteError, type NodeRoutes } from './nodeRoutes';
import { taskEvent, toRecord } from './record';
import type { TransferRecord } from './types';

export interface TransferRuntimeOptions {
  store: TransferRepository;
  registry: Pick<NodeRegistry, 'find'>;
  routes: NodeRoutes;
  /** Bytes per chunk asked of destination nodes. */
  chunkBytes: number;
  /** Where task events go: this replica's hub and the bus to the others. */
  publish(event: NodeEvent): void;
  /** A failure nobody waits for (a cleanup, a resume that could not reach a node). */
  onError(err: Error, what: string): void;
  now?: () => Date;
}

export class TransferRuntime {
  readonly store: TransferRepository;
  readonly routes: NodeRoutes;
  readonly chunkBytes: number;
  readonly now: () => Date;
  private readonly registry: Pick<NodeRegistry, 'find'>;
  private readonly publishEvent: (event: NodeEvent) => void;
  private readonly reportError: (err: Error, what: string) => void;
  private readonly waiters = new Map<string, Array<(record: TransferRecord) => void>>();

  constructor(options: TransferRuntimeOptions) {
    this.store = options.store;
    this.routes = options.routes;
    this.chunkBytes = options.chunkBytes;
    this.registry = options.registry;
    this.publishEvent = options.publish;
    this.reportError = options.onError;
    this.now = options.now ?? (() => new Date());
  }

  /** The cloud-node of `cloudId`; one that left the registry is a cloud out of reach (its transfer waits). */
  node(cloudId: string): NodeInstance {
    const node = this.registry.find('cloud-node', cloudId);
    if (!node) throw new NodeRouteError(ErrorCode.CLOUD_UNAVAILABLE, `Cloud "${cloudId}" is unavailable: it has no node`);
    return node;
  }

  /**
   * The transfer's task event as it stands. Made by this replica alone (an ending is one
   * conditional write), so its id is new each time; `what` only labels it.
   */
  publish(stored: StoredTransfer, what: string): void {
    this.publishAs(stored, `${what}-${randomUUID()}`);
  }

  /**
   * The task event a node's event made: every replica that hears that node event makes it,
   * with the same id (`nodeEventId`), and subscribers get it once.
   */
  publishAs(stored: StoredTransfer, nodeEventId: string): void {
    try {
      this.publishEvent(taskEvent(stored, nodeEventId));
    } catch (err) {
      this.onError(err, 'transfer task event not published');
    }
  }

  onError(err: unknown, what: string): void {
    this.reportError(err instanceof Error ? err : new Error(String(err)), what);
  }

  /** Wait for the transfer to end (see `settle`). */
  waitFor(id: string): Promise<TransferRecord> {
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
    });
  }

  /** The transfers someone waits for. */
  awaited(): string[] {
    return [...this.waiters.keys()];
  }

  /** The transfer has ended (here or on another replica): its waiters are told. */
  settle(stored: StoredTransfer): void {
    if (stored.state === 'RUNNING') return;
    const list = this.waiters.get(stored.id);
    if (!list) return;
    this.waiters.delete(stored.id);
    const record = toRecord(stored);
    for (const resolve of list) resolve(record);
  }
}
