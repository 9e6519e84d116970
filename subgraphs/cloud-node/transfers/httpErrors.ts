/**
 * How the transfer and content routes answer an error: `{ error: { code, message } }`
 * with a code of schema/errorCodes.ts and that code's status (schema/transfers.ts),
 * and how an import's failure is put in words a client may read. A cloud's error
 * keeps its code; bad input is BAD_USER_INPUT, never a 500; anything unplanned is
 * INTERNAL_SERVER_ERROR, logged here and saying nothing of its cause.
 */
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { ErrorCode, cloudUnavailableMessage } from '../../../schema/errorCodes';
import { CloudApiError } from '../../shared/cloudApiError';
import { formatNodeError } from '../../shared/errors';

/** An error of ours about a transfer, already in a client's words (a source out of reach too long, a chunk that never matched). */
export class TransferFailure extends Error {
  override readonly name = 'TransferFailure';
}

/** Statuses of the codes these routes answer; a cloud's other failures are the cloud's, hence 502. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.CLOUD_UNAVAILABLE]: 503,
  [ErrorCode.CLOUD_OPERATION_FAILED]: 502,
  [ErrorCode.UPSTREAM_ERROR]: 502,
};

export function sendError(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply
    .code(STATUS[code] ?? 500)
    .type('application/json')
    .send({ error: { code, message } });
}

/** The answer for `err` thrown while serving `cloudId`. */
export function sendFailure(reply: FastifyReply, err: unknown, cloudId: string, log: Logger): FastifyReply {
  if (err instanceof CloudApiError) {
    const message = err.code === ErrorCode.CLOUD_UNAVAILABLE ? cloudUnavailableMessage(cloudId, err.message) : err.message;
    return sendError(reply, err.code, message);
  }
  // fastify's own 4xx (a body that is not JSON, of another media type): the caller's mistake.
  const status = (err as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500)
    return sendError(reply, ErrorCode.BAD_USER_INPUT, (err as Error).message);
  log.error({ err }, 'transfer route failed');
  return sendError(reply, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error');
}

/** `body` as `schema` reads it, else a BAD_USER_INPUT CloudApiError naming the first problem. */
export function parseInput<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
}

/** What a client is told of an import's failure (as a power task's FAILED event tells it, subgraphs/cloud-node/tasks.ts). */
export function clientSafeMessage(err: unknown, cloudId: string): string {
  if (err instanceof TransferFailure) return err.message;
  const message = err instanceof Error ? err.message : String(err);
  return formatNodeError({ message }, err, cloudId).message;
}
