/**
 * The source node's chunk route, node to node: `GET /transfers/exports/<transferId>/files/<index>?start=&end=`,
 * grant-signed (./grant.ts). The grant is checked before anything else, so a caller
 * without it learns nothing, not even whether the export exists; then bytes
 * [start, end) are read from the open export and sent with their SHA-256.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CHUNK_SHA256_HEADER, TransferIdSchema } from '../../../schema/transfers';
import { ErrorCode } from '../../../schema/errorCodes';
import type { NodeRoutes } from '../../shared/serve';
import type { ExportRegistry } from './exports';
import type { GrantVerifier } from './grant';
import { sendError } from './httpErrors';
import { requestedRange } from './ranges';

export function registerChunkRoute(
  app: FastifyInstance,
  tools: Pick<NodeRoutes, 'refused'>,
  grants: GrantVerifier,
  exports: ExportRegistry,
): void {
  app.get<{ Params: { transferId: string; index: string }; Querystring: Record<string, unknown> }>(
    '/transfers/exports/:transferId/files/:index',
    async (request, reply) => {
      const { transferId, index } = request.params;
      // A chunk request has no body: one that came with a body is not what its signer signed.
      const verdict =
        request.body === undefined
          ? grants.verify({ method: request.method, url: request.url, headers: request.headers, transferId })
          : ({ ok: false, reason: 'bad-signature' } as const);
      if (!verdict.ok) {
        tools.refused(verdict.reason);
        reply.header('www-authenticate', 'Overcast-Grant');
        return sendError(reply, ErrorCode.UNAUTHENTICATED, 'Request not signed with this transfer\u2019s grant');
      }
      if (!TransferIdSchema.safeParse(transferId).success) return sendError(reply, ErrorCode.BAD_USER_INPUT, 'not a transfer id');
      const open = exports.get(transferId);
      if (!open) return sendError(reply, ErrorCode.NOT_FOUND, `no export of transfer ${transferId} is open`);
      const fileIndex = /^\d{1,6}$/.test(index) ? Number(index) : -1;
      const file = open.manifest.files[fileIndex];
      if (!file) return sendError(reply, ErrorCode.NOT_FOUND, `the export has no file ${index}`);
      const range = requestedRange(request.query.start, request.query.end, file.size);
      if (typeof range === 'string') return sendError(reply, ErrorCode.BAD_USER_INPUT, range);
      const bytes = await open.read(fileIndex, range.start, range.end);
      return reply
        .header(CHUNK_SHA256_HEADER, createHash('sha256').update(bytes).digest('hex'))
        .type('application/octet-stream')
        .send(bytes);
    },
  );
}
