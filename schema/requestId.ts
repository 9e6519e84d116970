/**
 * The request id: one client request's label in every log line it causes, on the
 * gateway and on each node it reaches. The gateway takes it from the client's
 * `x-request-id` or makes one, returns it in the response header, and forwards it to
 * the nodes in the same header; each node takes it from there (or makes its own when
 * called otherwise) and logs it too.
 *
 * It is a label, not an authority: nothing but logs depends on it, so it is not part
 * of the request signature (schema/signing.ts). Either end therefore treats a
 * received one as untrusted input: accepted only when short and made of characters
 * that are safe in a header and a log line (no spaces, quotes, commas or control
 * characters), replaced by a fresh one otherwise.
 */
import { randomUUID } from 'node:crypto';

/** Request and response header carrying the id. */
export const REQUEST_ID_HEADER = 'x-request-id';
/** Longest id accepted from a peer: a UUID is 36, a W3C trace id 32, an AWS trace header ~40. */
export const MAX_REQUEST_ID_LENGTH = 128;

const SAFE_REQUEST_ID = new RegExp(`^[A-Za-z0-9._~:/+=@-]{1,${MAX_REQUEST_ID_LENGTH}}$`);

/** The received header value when it is an acceptable id, else undefined (absent, repeated, too long, unsafe). */
export function acceptRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && SAFE_REQUEST_ID.test(value) ? value : undefined;
}

/** The id of a request: the received one if acceptable, a new UUID otherwise. */
export function requestIdOf(value: string | string[] | undefined): string {
  return acceptRequestId(value) ?? randomUUID();
}
