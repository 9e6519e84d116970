/**
 * The gateway-signed transfer routes of a cloud-node (schema/transfers.ts):
 * inspect and check before any byte moves, exports opened and closed at the source,
 * imports started and cancelled at the destination. Bodies are validated with the
 * contract's zod schemas (BAD_USER_INPUT, 400); errors answer in the contract's shape
 * through the plugin's error handler (./index.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CheckRequestSchema,
  ExportRequestSchema,
  ImportRequestSchema,
  InspectRequestSchema,
  TransferIdSchema,
} from '../../../schema/transfers';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';
import type { NodeRoutes } from '../../shared/serve';
import type { CloudAdapter } from '../adapters/types';
import type { ExportRegistry } from './exports';
import type { ImportRegistry } from './imports';
import { parseInput } from './httpErrors';
import { check, inspect, vdcScopeOf, visibleVm } from './validation';

export interface TransferRouteDeps {
  adapter: CloudAdapter;
  exports: ExportRegistry;
  imports: ImportRegistry;
}

const TransferParams = z.object({ transferId: TransferIdSchema });

export function registerTransferRoutes(app: FastifyInstance, tools: NodeRoutes, deps: TransferRouteDeps): void {
  const { adapter, exports, imports } = deps;
  const signed = { preValidation: tools.requireSignature };
  const scopeOf = (request: Parameters<NodeRoutes['principalOf']>[0]) => vdcScopeOf(tools.principalOf(request));

  app.post('/transfers/inspect', signed, async (request) => {
    const { source } = parseInput(InspectRequestSchema, request.body, 'inspect request');
    return inspect(adapter, source, scopeOf(request));
  });

  app.post('/transfers/check', signed, async (request) =>
    check(adapter, parseInput(CheckRequestSchema, request.body, 'check request'), scopeOf(request)),
  );

  app.post('/transfers/exports', signed, async (request) => {
    const { transferId, source } = parseInput(ExportRequestSchema, request.body, 'export request');
    const scope = scopeOf(request);
    if (source.type === 'vm' && scope) await visibleVm(adapter, source.id, scope);
    return exports.open(transferId, source);
  });

  app.delete('/transfers/exports/:transferId', signed, async (request, reply) => {
    const { transferId } = parseInput(TransferParams, request.params, 'transfer id');
    await exports.close(transferId);
    return reply.code(204).send();
  });

  app.post('/transfers/imports', signed, async (request, reply) => {
    const body = parseInput(ImportRequestSchema, request.body, 'import request');
    const { manifest, resume, target } = body;
    if (resume && (resume.fileIndex >= manifest.files.length || resume.offset > manifest.files[resume.fileIndex]!.size))
      throw new CloudApiError(ErrorCode.BAD_USER_INPUT, 'invalid import request at resume: the checkpoint is outside the manifest');
    const scope = scopeOf(request);
    if (target.kind === 'vm' && scope && !scope.has(target.vdcId))
      throw new CloudApiError(ErrorCode.NOT_FOUND, `VirtualDataCenter "${target.vdcId}" not found`);
    // Accepted once it runs; progress, and how it ends, are `transfer` events.
    await imports.start(body);
    return reply.code(202).send();
  });

  app.delete('/transfers/imports/:transferId', signed, async (request, reply) => {
    const { transferId } = parseInput(TransferParams, request.params, 'transfer id');
    await imports.cancel(transferId);
    return reply.code(204).send();
  });
}
