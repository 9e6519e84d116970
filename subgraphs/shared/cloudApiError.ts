/**
 * The error codes a node puts in `extensions.code` (a subset of the registry,
 * schema/errorCodes.ts, where each is explained), and the error adapters and
 * clients throw when a cloud API call fails. Plain TypeScript, no GraphQL: adapters
 * speak HTTP to their cloud; the GraphQL layer (./errors.ts) formats these, naming
 * the cloud. Upstream bodies and stack traces never reach a client.
 */
import { ErrorCode as Registry } from '../../schema/errorCodes';

export const ErrorCode = {
  NOT_FOUND: Registry.NOT_FOUND,
  BAD_USER_INPUT: Registry.BAD_USER_INPUT,
  /** The cloud's API is unreachable, too slow, or a proxy or the server itself answers 502/503/504 (or 5xx that is not the API speaking). */
  CLOUD_UNAVAILABLE: Registry.CLOUD_UNAVAILABLE,
  /** The operation does not fit the resource's state (e.g. already powered on). */
  CONFLICT: Registry.CONFLICT,
  /** The cloud is up, carried the operation out, and it failed there (an API-shaped 500, a task in error). */
  CLOUD_OPERATION_FAILED: Registry.CLOUD_OPERATION_FAILED,
  /** The cloud refused our credentials or answered something we cannot use. */
  UPSTREAM_ERROR: Registry.UPSTREAM_ERROR,
  /** A defect on our side; the message says nothing more. */
  INTERNAL_SERVER_ERROR: Registry.INTERNAL_SERVER_ERROR,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class CloudApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** HTTP status the cloud answered, when there was one. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CloudApiError';
  }
}
