/**
 * Answers that parsed but are not what a cloud API documents, made UPSTREAM_ERROR
 * in one place. The message names the API and what was asked for, never the body:
 * upstream text does not reach a client.
 */
import type { z } from 'zod';
import { CloudApiError, ErrorCode } from './cloudApiError';

/** Checks of one API's answers; the API's name goes into every message. */
export interface AnswerChecks {
  /** `body` as `schema` (what the API documents) reads it; anything else is UPSTREAM_ERROR about `subject`. */
  parse<T>(schema: z.ZodType<T>, body: unknown, subject: string, status?: number): T;
  /** The UPSTREAM_ERROR for an answer about `subject` that is not what the API documents. */
  unexpected(subject: string, status?: number): CloudApiError;
}

/** The answer checks of the API named `api` (`Cloud Director`, `OpenStack`, …). */
export function answerChecks(api: string): AnswerChecks {
  const unexpected = (subject: string, status?: number): CloudApiError =>
    new CloudApiError(ErrorCode.UPSTREAM_ERROR, `${api} sent an unexpected answer for ${subject}`, status);
  return {
    unexpected,
    parse(schema, body, subject, status) {
      const result = schema.safeParse(body);
      if (!result.success) throw unexpected(subject, status);
      return result.data;
    },
  };
}
