/**
 * The transfer coordinator, built once per gateway (server.ts wires it): the service
 * (`Transfers`) the control resolvers and the catalog service use, the content
 * operations of a cloud's node (`NodeContent`), the progress of destination nodes'
 * reports, and resume.
 *
 * ```ts
 * const transfers = createTransferCoordinator({ store: store.transfers, registry, guard, transport, chunkBytes, stallMs, publish, onError });
 * collector: (event) => { if (event.kind === 'transfer') void transfers.progress.accept(event); }
 * health: (node, previous) => transfers.resumer.nodeStatusChanged(node.cloudId, node.status, previous);
 * await transfers.resumer.start();
 * ```
 */
import type { NodeEvent } from '../../schema/events';
import type { AccessGuard } from '../isolation/guard';
import type { NodeTransport } from '../nodes/transport';
import type { NodeRegistry } from '../registry';
import type { TransferRepository } from '../store/types';
import { createNodeContent } from './nodeContent';
import { createNodeRoutes, type NodeRoutes } from './nodeRoutes';
import { TransferProgress } from './progress';
import { TransferResumer } from './resume';
import { TransferRuntime } from './runtime';
import { TransferService } from './service';
import type { NodeContent } from './types';

export type { NodeContent, NodeTemplate, TransferRecord, Transfers, TransferSpec } from './types';

export interface TransferCoordinatorOptions {
  store: TransferRepository;
  registry: Pick<NodeRegistry, 'find'>;
  guard: Pick<AccessGuard, 'allowsMany' | 'nodePrincipal'>;
  /** The gateway's node transport; or, in unit tests, routes of their own. */
  transport?: Pick<NodeTransport, 'request'>;
  routes?: NodeRoutes;
  /** gateway/config.ts `transfers.chunkBytes`. */
  chunkBytes: number;
  /** gateway/config.ts `transfers.stallMs`. */
  stallMs: number;
  /** Task events: to this replica's hub and to the others over the bus. */
  publish(event: NodeEvent): void;
  onError(err: Error, what: string): void;
  now?: () => Date;
}

export interface TransferCoordinator {
  service: TransferService;
  nodeContent: NodeContent;
  progress: TransferProgress;
  resumer: TransferResumer;
}

export function createTransferCoordinator(options: TransferCoordinatorOptions): TransferCoordinator {
  const routes = options.routes ?? (options.transport ? createNodeRoutes(options.transport) : undefined);
  if (!routes) throw new Error('createTransferCoordinator: give a transport or routes');
  const rt = new TransferRuntime({
    store: options.store,
    registry: options.registry,
    routes,
    chunkBytes: options.chunkBytes,
    publish: options.publish,
    onError: options.onError,
    ...(options.now ? { now: options.now } : {}),
  });
  const resumer = new TransferResumer(rt, options.stallMs);
  return {
    service: new TransferService(rt, resumer, { guard: options.guard, registry: options.registry }),
    nodeContent: createNodeContent(options.registry, routes),
    progress: new TransferProgress(rt),
    resumer,
  };
}
