/**
 * Turns Glance error answers into CloudApiError. Glance's errors are webob pages
 * (JSON or text, no fault name), so only the status is read, never the text.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';

/** The error for a non-2xx Glance answer about `subject` (`Image 1b2c…`, `image list`). */
export function glanceError(res: { status: number }, subject: string): CloudApiError {
  switch (res.status) {
    case 404:
      return new CloudApiError(ErrorCode.NOT_FOUND, `${subject} not found in OpenStack`, res.status);
    case 409:
      return new CloudApiError(ErrorCode.CONFLICT, `${subject}: operation not allowed in its current state`, res.status);
    case 403:
      return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack denied access to ${subject}`, res.status);
    case 413:
      return new CloudApiError(ErrorCode.CONFLICT, `${subject}: over the image storage quota`, res.status);
    default:
      return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack image service answered ${res.status} for ${subject}`, res.status);
  }
}
