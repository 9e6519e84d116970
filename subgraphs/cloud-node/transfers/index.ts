/**
 * A cloud-node's transfers: the gateway-signed transfer and content routes, the
 * grant-signed chunk route, the open exports (this node as a source) and the
 * running imports (this node as a destination), whose progress goes to the node's
 * event log as `transfer` events. `register` is serve.ts's `routes` option.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { EventLog } from '../../shared/events';
import type { NodeRoutes } from '../../shared/serve';
import type { CloudAdapter } from '../adapters/types';
import { ChunkClient } from './chunkClient';
import { registerChunkRoute } from './chunkRoute';
import { registerContentRoutes } from './contentRoutes';
import { ExportRegistry } from './exports';
import { GrantVerifier } from './grant';
import { sendFailure } from './httpErrors';
import { ImportRegistry } from './imports';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { registerTransferRoutes } from './routes';

export interface TransferOptions {
  /** How an unreachable source is waited out (see ./retry.ts); unset fields take DEFAULT_RETRY's. */
  retry?: Partial<RetryPolicy>;
  /** One chunk request to a source node. @default 120000 */
  chunkTimeoutMs?: number;
}

export class NodeTransfers {
  private readonly exports: ExportRegistry;
  private readonly client: ChunkClient;
  private readonly retry: RetryPolicy;
  private imports: ImportRegistry | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly cloudId: string,
    private readonly adapter: CloudAdapter,
    private readonly events: EventLog,
    options: TransferOptions = {},
  ) {
    this.exports = new ExportRegistry(adapter.content);
    // The source reads nothing of who asks (the grant authorises); a principal is part of every signed request.
    this.client = new ChunkClient({
      principal: { subject: `cloud-node/${cloudId}`, role: 'provider-admin' },
      timeoutMs: options.chunkTimeoutMs,
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** serve.ts's `routes`: every route of transfers and content, errors in the contract's shape. */
  readonly register = (app: FastifyInstance, tools: NodeRoutes): void => {
    const log = app.log as Logger;
    app.setErrorHandler((err, _request, reply) => sendFailure(reply, err, this.cloudId, log));
    const imports = new ImportRegistry({
      cloudId: this.cloudId,
      content: this.adapter.content,
      client: this.client,
      retry: this.retry,
      report: (transfer) => this.events.append({ kind: 'transfer', transfer }),
      log,
    });
    this.imports = imports;
    registerTransferRoutes(app, tools, { adapter: this.adapter, exports: this.exports, imports });
    registerContentRoutes(app, tools, this.adapter);
    registerChunkRoute(app, tools, new GrantVerifier({ secret: tools.secret }), this.exports);
  };

  /** Stop every import (each resumes later from its checkpoint), end every export at the cloud, release the client. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.imports?.close();
      await this.exports.closeAll();
      await this.client.close();
    })();
    return this.closing;
  }
}
