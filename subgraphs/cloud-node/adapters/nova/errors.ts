/**
 * Turns OpenStack error answers into CloudApiError. Nova wraps faults as
 * `{"<faultName>": {"code", "message"}}` and keystone as `{"error": {...}}`; we use
 * the fault name (a fixed camelCase identifier) and the status, never the
 * free-text message, so no upstream text reaches a client.
 */
import { answerChecks } from '../../../shared/answers';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { HttpResponse } from '../../../shared/http';
import { isRecord } from '../../../../schema/values';

/** The fault name of an error body (`itemNotFound`, `conflictingRequest`, ...). */
export function faultName(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const name = Object.keys(body)[0];
  // Only echo something that looks like an identifier, never arbitrary upstream text.
  return name !== undefined && /^[A-Za-z]{1,40}$/.test(name) ? name : undefined;
}

/** What a failed request was about. */
export interface NovaErrorContext {
  /** The thing asked for (`Server 1b2c...`, `server list`): the words go into the message. */
  subject: string;
  /** A state-changing action (a power action POST): an API-shaped 500 means it failed. */
  action?: boolean;
}

/** The error for a non-2xx answer. */
export function novaError(res: HttpResponse, { subject: what, action = false }: NovaErrorContext): CloudApiError {
  const fault = faultName(res.body);
  if (res.status === 404 || fault === 'itemNotFound') {
    return new CloudApiError(ErrorCode.NOT_FOUND, `${what} not found in OpenStack`, res.status);
  }
  // Nova reports "not allowed in vm_state/task_state X" as 409 conflictingRequest.
  if (res.status === 409 || fault === 'conflictingRequest') {
    return new CloudApiError(ErrorCode.CONFLICT, `${what}: operation not allowed in its current state`, res.status);
  }
  // Nova's answer when carrying an action out failed inside it (an RPC timeout, a database
  // error): the cloud is up, the operation failed. On a read nothing was operated on, so
  // it falls through to UPSTREAM_ERROR. Outages (502/503/504, non-JSON) never get here.
  if (action && res.status >= 500 && fault === 'computeFault') {
    return new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack failed to carry out the request for ${what}`, res.status);
  }
  if (res.status === 401) {
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'OpenStack refused the credentials', res.status);
  }
  if (res.status === 403) {
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack denied access to ${what}`, res.status);
  }
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack answered ${res.status}${fault ? ` ${fault}` : ''} for ${what}`, res.status);
}

/** Validation of 2xx answers: a body that does not fit its schema is an UPSTREAM_ERROR. */
export const novaAnswers = answerChecks('OpenStack');
