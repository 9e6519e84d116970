/**
 * Cloud Director error answers → CloudApiError, by status and body. Both API halves
 * put the HTTP status first and a `minorErrorCode` in the body (cloudapi
 * `{minorErrorCode, message, stackTrace}`, legacy `Error` adds `majorErrorCode`).
 * Upstream messages are not copied.
 */
import { z } from 'zod';
import { answerChecks } from '../answers';
import { CloudApiError, ErrorCode } from '../cloudApiError';

/** What a failed request was about: the words go into the error message. */
export interface ErrorContext {
  /** E.g. `VM urn:vcloud:vm:…` or `VDC list`. */
  subject: string;
  /**
   * The request names one entity (a VM's power action, a task). A cell answers 403
   * ACCESS_TO_RESOURCE_IS_FORBIDDEN ("… entity … does not exist") for a missing or
   * deleted entity rather than 404, so for these that 403 means NOT_FOUND.
   */
  entity?: boolean;
  /** A state-changing action: a 400 means "not in a state that allows it", an API-shaped 500 that it failed. */
  action?: boolean;
}

/** A failed answer: its status, its parsed JSON body (`undefined` when it had none or not JSON). */
interface DirectorAnswer {
  status: number;
  body: unknown;
}

const errorBodySchema = z.object({ minorErrorCode: z.string() });

/** The body's `minorErrorCode`, when it is one of the API's error bodies. */
export function minorErrorCode(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.minorErrorCode : undefined;
}

/**
 * Map a Cloud Director answer with status >= 400 (a 5xx that is not JSON, and any
 * 502/503/504, never get here: http.ts made them CLOUD_UNAVAILABLE). `apiVersion`
 * is the version the request named, for a 406.
 */
export function directorError(answer: DirectorAnswer, context: ErrorContext, apiVersion: string): CloudApiError {
  const { status } = answer;
  const minor = minorErrorCode(answer.body);
  if (status === 404) return new CloudApiError(ErrorCode.NOT_FOUND, `${context.subject} not found`, status);
  if (status === 403 && context.entity && minor === 'ACCESS_TO_RESOURCE_IS_FORBIDDEN') {
    return new CloudApiError(ErrorCode.NOT_FOUND, `${context.subject} not found`, status);
  }
  if (status === 409 || (status === 400 && context.action)) {
    return new CloudApiError(ErrorCode.CONFLICT, `${context.subject}: operation not allowed in its current state`, status);
  }
  if (status === 401) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'Cloud Director refused the credentials', status);
  if (status === 403) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director denied access to ${context.subject}`, status);
  if (status === 406) {
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director does not support API version ${apiVersion}`, status);
  }
  // The cell speaking (a JSON error body): for an action, the operation failed there.
  if (status >= 500 && context.action && minor !== undefined) {
    return new CloudApiError(
      ErrorCode.CLOUD_OPERATION_FAILED,
      `${context.subject}: Cloud Director could not carry out the operation`,
      status,
    );
  }
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director answered ${status} for ${context.subject}`, status);
}

/** Validation of Cloud Director answers: `parse` what the API documents, else `unexpected` (UPSTREAM_ERROR). */
export const directorAnswers = answerChecks('Cloud Director');
