/**
 * Signed node requests: the contract between the gateway and its nodes.
 *
 * Nodes answer only requests the gateway signed, so a node reached directly (or a
 * hand-made `_entities` call) gets nothing. The gateway and each node share a
 * per-node secret; every request carries two headers:
 *
 * - `x-overcast-principal: <base64url(JSON of the Principal)>`: who the gateway acts for;
 * - `x-overcast-signature: t=<unix ms>,n=<nonce>,v1=<64 lowercase hex>`: the signing
 *   time, a nonce (16 random bytes, base64url: 22 characters), and HMAC-SHA256 with
 *   the node's secret over the canonical string below.
 *
 * Canonical string (lines joined by `\n`, none of which can contain one):
 *
 * ```
 * overcast-v2
 * <METHOD, upper case>
 * <path and query string as on the request line, e.g. /graphql>
 * <hex SHA-256 of the raw body bytes>
 * <t, the same decimal as in the signature header>
 * <n, the nonce as in the signature header>
 * <the x-overcast-principal header value, exactly as sent>
 * ```
 *
 * The principal is signed in its encoded form so both ends agree byte for byte
 * without canonicalising JSON. A signature is good from `maxFutureSkewMs` (default
 * 5 s) before the verifier's clock to `maxSkewMs` (default 60 s) after it: the past
 * window absorbs queueing and slow links, the future one only clock drift, so it is
 * small. Within the window a verifier given a NonceRegistry (schema/nonces.ts)
 * accepts each nonce once: the same request sent again, byte for byte, is refused
 * as `replayed`. A different body, path or principal breaks the signature. A
 * v1 signature (no nonce) is malformed: gateway and nodes are upgraded together.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NonceRegistry } from './nonces';
import { isRecord } from './values';
import { ROLES, isTenantRole, type OperatorRole, type Principal, type Role, type TenantRole } from './principal';

/** Header carrying the forwarded principal. */
export const PRINCIPAL_HEADER = 'x-overcast-principal';
/** Header carrying the timestamp, the nonce and the HMAC. */
export const SIGNATURE_HEADER = 'x-overcast-signature';
/** Shortest secret accepted on either end. */
export const MIN_SECRET_LENGTH = 32;
/** How far in the past a signature's timestamp may be from the verifier's clock, by default. */
export const DEFAULT_MAX_SKEW_MS = 60_000;
/** How far in the future a signature's timestamp may be from the verifier's clock, by default: clock drift only. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5_000;

const VERSION = 'overcast-v2';
/** 16 bytes in base64url without padding: 21 free characters and a last one carrying 2 bits. */
const NONCE = '[A-Za-z0-9_-]{21}[AQgw]';
const NONCE_PATTERN = new RegExp(`^${NONCE}$`);
const SIGNATURE_PATTERN = new RegExp(`^t=(\\d{1,16}),n=(${NONCE}),v1=([0-9a-f]{64})$`);
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

/** The two headers a signed request carries. */
export interface SignedHeaders {
  [PRINCIPAL_HEADER]: string;
  [SIGNATURE_HEADER]: string;
}

/** What a request is signed over (plus the secret). */
export interface RequestToSign {
  /** The node's secret (at least {@link MIN_SECRET_LENGTH} characters). */
  secret: string;
  method: string;
  /** Path and query string exactly as on the request line, e.g. `/graphql`. */
  path: string;
  /** The raw body, exactly the bytes sent (a string counts as its UTF-8 bytes). */
  body: string | Uint8Array;
  principal: Principal;
  /** Signing time in unix milliseconds. @default Date.now() */
  now?: number;
  /** The request's nonce (tests only: a request is signed once, with a fresh one). @default 16 random bytes, base64url */
  nonce?: string;
}

/** A received request to check. */
export interface RequestToVerify {
  secret: string;
  method: string;
  /** Path and query string as received on the request line. */
  path: string;
  /** The raw body as received, before any parsing. */
  body: string | Uint8Array;
  /** The request's headers (names in lower case, as node:http gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** @default Date.now() */
  now?: number;
  /** Oldest accepted signature, in ms before `now`. @default DEFAULT_MAX_SKEW_MS */
  maxSkewMs?: number;
  /** Newest accepted signature, in ms after `now`. @default DEFAULT_MAX_FUTURE_SKEW_MS */
  maxFutureSkewMs?: number;
  /**
   * The nonces this verifier has accepted: a request whose nonce it holds is
   * `replayed`. Without one, a request can be replayed within the window: every
   * verifier facing the network passes one (a node has one for all its routes).
   */
  nonces?: NonceRegistry;
}

/**
 * Why a request was refused; a short, fixed set so it can label a metric.
 * `nonces-full`: the verifier's NonceRegistry holds its maximum of live nonces and
 * refuses rather than forget one (see schema/nonces.ts).
 */
export type RejectReason =
  | 'missing-signature'
  | 'malformed-signature'
  | 'missing-principal'
  | 'malformed-principal'
  | 'bad-signature'
  | 'expired'
  | 'future'
  | 'replayed'
  | 'nonces-full';

export type VerifyResult = { ok: true; principal: Principal } | { ok: false; reason: RejectReason };

/**
 * Throws unless `secret` is usable: a configuration error, found at start rather
 * than as every request refused.
 */
export function assertSecret(secret: unknown, name = 'secret'): asserts secret is string {
  if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${name} must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
}

/** The headers that make a request acceptable to the node holding `secret`. */
export function signRequest(request: RequestToSign): SignedHeaders {
  assertSecret(request.secret);
  const principal = encodePrincipal(request.principal);
  // Refuse here what every node would refuse: a bug in the gateway shows up at its source.
  if (!decodePrincipal(principal)) throw new TypeError('signRequest: not a valid Principal');
  const t = String(Math.trunc(request.now ?? Date.now()));
  const nonce = request.nonce ?? randomBytes(16).toString('base64url');
  if (!NONCE_PATTERN.test(nonce)) throw new TypeError('signRequest: a nonce is 16 bytes in base64url (22 characters)');
  const mac = hmac(request.secret, canonical(request.method, request.path, request.body, t, nonce, principal));
  return { [PRINCIPAL_HEADER]: principal, [SIGNATURE_HEADER]: `t=${t},n=${nonce},v1=${mac}` };
}

/**
 * Checks a received request: the signature first (nothing of an unsigned request
 * is parsed), then its age, then the principal, and last its nonce, so that only a
 * request that is otherwise accepted is remembered: without the secret nobody can
 * fill the registry. Throws only for a bad
 * secret or skew setting, which are configuration errors.
 */
export function verifyRequest(request: RequestToVerify): VerifyResult {
  assertSecret(request.secret);
  const maxSkewMs = request.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (!Number.isFinite(maxSkewMs) || maxSkewMs <= 0) throw new Error('maxSkewMs must be a positive number');
  const maxFutureSkewMs = request.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  if (!Number.isFinite(maxFutureSkewMs) || maxFutureSkewMs < 0) throw new Error('maxFutureSkewMs must be a non-negative number');

  const signature = request.headers[SIGNATURE_HEADER];
  if (signature === undefined) return refuse('missing-signature');
  const match = typeof signature === 'string' ? SIGNATURE_PATTERN.exec(signature) : null;
  if (!match) return refuse('malformed-signature');
  const t = match[1]!;
  const nonce = match[2]!;
  const given = match[3]!;
  const principalHeader = request.headers[PRINCIPAL_HEADER];
  if (principalHeader === undefined) return refuse('missing-principal');
  if (typeof principalHeader !== 'string' || !BASE64URL_PATTERN.test(principalHeader)) return refuse('malformed-principal');

  const expected = hmac(request.secret, canonical(request.method, request.path, request.body, t, nonce, principalHeader));
  // Both are 64 hex digits (the pattern checked `given`), so the buffers have equal length.
  if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'))) return refuse('bad-signature');

  const now = request.now ?? Date.now();
  const age = now - Number(t);
  if (age > maxSkewMs) return refuse('expired');
  if (-age > maxFutureSkewMs) return refuse('future');

  const principal = decodePrincipal(principalHeader);
  if (!principal) return refuse('malformed-principal');
  // Held until the signature expires: from then on its age refuses a replay.
  const claim = request.nonces?.claim(nonce, Number(t) + maxSkewMs, now) ?? 'fresh';
  if (claim === 'seen') return refuse('replayed');
  if (claim === 'full') return refuse('nonces-full');
  return { ok: true, principal };
}

function refuse(reason: RejectReason): VerifyResult {
  return { ok: false, reason };
}

function canonical(method: string, path: string, body: string | Uint8Array, t: string, nonce: string, principal: string): string {
  const digest = createHash('sha256').update(body).digest('hex');
  return [VERSION, method.toUpperCase(), path, digest, t, nonce, principal].join('\n');
}

function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
}

function decodePrincipal(header: string): Principal | undefined {
  try {
    return parsePrincipal(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
  } catch {
    return undefined;
  }
}

/** Keys a forwarded principal may have; see parsePrincipal. */
const PRINCIPAL_KEYS = new Set(['subject', 'role', 'tenantId', 'scope']);

/**
 * A Principal from decoded JSON, or undefined. Unknown keys are refused rather than
 * dropped: a key this node does not know may be a restriction (as `scope` is), and
 * dropping a restriction would widen what the caller sees. A new Principal field
 * must be added here before the gateway sends it.
 */
export function parsePrincipal(value: unknown): Principal | undefined {
  if (!isRecord(value) || Object.keys(value).some((key) => !PRINCIPAL_KEYS.has(key))) return undefined;
  const { subject, role, tenantId, scope } = value;
  if (typeof subject !== 'string' || subject === '') return undefined;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return undefined;
  if (tenantId !== undefined && (typeof tenantId !== 'string' || tenantId === '')) return undefined;
  if (scope !== undefined && !isScope(scope)) return undefined;
  if (!isTenantRole(role as Role)) {
    // Operators see every tenant: a tenant or scope beside such a role is not a principal this gateway sends.
    if (tenantId !== undefined || scope !== undefined) return undefined;
    return Object.freeze({ subject, role: role as OperatorRole });
  }
  // A tenant role without its tenant would read as "no tenant limit".
  if (tenantId === undefined) return undefined;
  return Object.freeze({
    subject,
    role: role as TenantRole,
    tenantId,
    ...(scope !== undefined ? { scope: Object.freeze({ orgs: [...scope.orgs], vdcs: [...scope.vdcs] }) } : {}),
  });
}

function isScope(value: unknown): value is { orgs: string[]; vdcs: string[] } {
  return (
    isRecord(value) &&
    Object.keys(value).every((key) => key === 'orgs' || key === 'vdcs') &&
    isStringArray(value.orgs) &&
    isStringArray(value.vdcs)
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
