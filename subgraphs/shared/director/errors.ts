/**
 * Cloud Director error answers → CloudApiError. Both API halves put the HTTP
 * status first and a `minorErrorCode` in the body; we decide on the status and,
 * for power actions, treat 400 as a state conflict, because that is how a cell
 * refuses "power on a VM that is already on". Upstream messages are not copied.
 */
import { answerChecks } from '../answers';
import { CloudApiError, ErrorCode } from '../cloudApiError';

/** What a failed request was about: the words go into the error message. */
export interface ErrorContext {
  /** E.g. `VM urn:vcloud:vm:…` or `VDC list`. */
  subject: string;
  /** A state-changing action, where a 400 means "not in a state that allows it". */
  action?: boolean;
}

/** Map a Cloud Director answer with status >= 400 (5xx is already handled by http.ts). */
export function directorError(status: number, context: ErrorContext): CloudApiError {
  if (status === 404) return new CloudApiError(ErrorCode.NOT_FOUND, `${context.subject} not found`, status);
  if (status === 409 || (status === 400 && context.action)) {
    return new CloudApiError(ErrorCode.CONFLICT, `${context.subject}: operation not allowed in its current state`, status);
  }
  if (status === 401) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'Cloud Director refused the credentials', status);
  if (status === 403) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director denied access to ${context.subject}`, status);
  if (status === 406) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'Cloud Director does not support API version 38.0', status);
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director answered ${status} for ${context.subject}`, status);
}

/** Validation of Cloud Director answers: `parse` what the API documents, else `unexpected` (UPSTREAM_ERROR). */
export const directorAnswers = answerChecks('Cloud Director');
