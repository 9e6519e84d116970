/**
 * Turns vSphere Automation API error answers into CloudApiError. vCenter says what
 * went wrong in `error_type` (a fixed enum); we use only that, never the free-text
 * `default_message`, `localized` or `params`, so no upstream text reaches a client.
 * Outages (502/503/504, a proxy's text page) never get here: subgraphs/shared/http.ts
 * makes them CLOUD_UNAVAILABLE.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { HttpResponse } from '../../../shared/http';
import { answerChecks } from '../../../shared/answers';
import { isRecord } from '../../../../schema/values';

/** vSphere error types that mean "the VM is not in a state that allows this". */
const STATE_ERRORS: ReadonlySet<string> = new Set([
  'ALREADY_IN_DESIRED_STATE',
  'NOT_ALLOWED_IN_CURRENT_STATE',
  'RESOURCE_BUSY',
  'RESOURCE_IN_USE',
  'CONCURRENT_CHANGE',
]);

/**
 * vSphere error types with which vCenter reports an operation it tried and could not
 * carry out, with a 500 (the SDKs' operation error maps): `ERROR`, a power task that
 * failed; `RESOURCE_INACCESSIBLE`, a VM whose configuration or files cannot be
 * reached. Only for operations: on a read, a 500 `ERROR` is the API failing.
 */
const OPERATION_ERRORS: ReadonlySet<string> = new Set(['ERROR', 'RESOURCE_INACCESSIBLE']);

/** `error_type` of a vSphere error body, when the body has one that looks like an enum name. */
export function vapiErrorType(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const type = body.error_type;
  // Only echo something that looks like an enum name, never arbitrary upstream text.
  return typeof type === 'string' && /^[A-Z_]{1,64}$/.test(type) ? type : undefined;
}

/**
 * The error for a non-2xx answer. `what` names the thing asked for
 * (`VM vm-1001`), so messages stay short and useful.
 */
export function vsphereError(res: HttpResponse, what: string): CloudApiError {
  const type = vapiErrorType(res.body);
  if (res.status === 404 || type === 'NOT_FOUND') {
    return new CloudApiError(ErrorCode.NOT_FOUND, `${what} not found in vCenter`, res.status);
  }
  if (type === 'ALREADY_IN_DESIRED_STATE') {
    return new CloudApiError(ErrorCode.CONFLICT, `${what} is already in the requested power state`, res.status);
  }
  if (res.status === 409 || (type !== undefined && STATE_ERRORS.has(type))) {
    return new CloudApiError(ErrorCode.CONFLICT, `${what}: operation not allowed in its current state`, res.status);
  }
  if (res.status === 401) {
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'vCenter refused the credentials', res.status);
  }
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `vCenter answered ${res.status}${type ? ` ${type}` : ''} for ${what}`, res.status);
}

/**
 * The error for a non-2xx answer to an operation (a power action): an operation
 * error type is CLOUD_OPERATION_FAILED (the VM is as vCenter left it); anything else
 * as vsphereError.
 */
export function vsphereOperationError(res: HttpResponse, what: string): CloudApiError {
  const type = vapiErrorType(res.body);
  if (type !== undefined && OPERATION_ERRORS.has(type)) {
    return new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${what}: the operation failed in vCenter (${type})`, res.status);
  }
  return vsphereError(res, what);
}

/** For a 2xx answer whose body is not what the API documents: `vsphereAnswers.unexpected(what, status)`. */
export const vsphereAnswers = answerChecks('vCenter');
