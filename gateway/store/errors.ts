/**
 * Errors the store throws that callers are meant to tell apart. The GraphQL layer
 * maps InvalidPageRequestError (and so InvalidCursorError) to BAD_USER_INPUT: they
 * are caused by the client's arguments, never by the store's state.
 */

/** A page request the store cannot answer as asked (e.g. a negative `first`). */
export class InvalidPageRequestError extends Error {
  override name = 'InvalidPageRequestError';
}

/** An `after` cursor that is not one this store issued for the same ordering. */
export class InvalidCursorError extends InvalidPageRequestError {
  override name = 'InvalidCursorError';
}

/** MongoDB's server error code for a unique index violation (E11000). */
export const DUPLICATE_KEY_CODE = 11000;

/**
 * The embedded backend's unique index violation, shaped like the driver's
 * MongoServerError (same `code`) so callers check both the same way.
 */
export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
  readonly code = DUPLICATE_KEY_CODE;
  constructor(
    message: string,
    /** The conflicting key values, like the driver's `keyValue`. */
    readonly keyValue: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** True for a duplicate key error from either backend. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DUPLICATE_KEY_CODE;
}
