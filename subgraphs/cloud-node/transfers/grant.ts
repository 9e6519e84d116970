/**
 * The check of a grant-signed request (node to node, schema/transfers.ts): signed
 * like a gateway request, but with the transfer's grant key, which this (source)
 * node derives again from its own secret and the transfer id in the request's path.
 * A grant so opens only its own transfer: a request signed with another transfer's
 * key, or with the gateway's secret itself, fails the HMAC like any bad signature.
 * Grant requests have a nonce registry of their own (the gateway's routes keep theirs).
 */
import { NonceRegistry } from '../../../schema/nonces';
import { verifyRequest, type VerifyResult } from '../../../schema/signing';
import { grantKeyFor } from '../../../schema/transfers';

export interface GrantedRequest {
  method: string;
  /** Path and query string as received (the base path included). */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The transfer id the path names. */
  transferId: string;
  /** The raw body: a chunk request has none. */
  body?: Uint8Array;
}

export interface GrantVerifierOptions {
  /** This node's secret (undefined until registration: every grant is refused until then). */
  secret: () => string | undefined;
  maxSkewMs?: number;
  maxNonces?: number;
}

export class GrantVerifier {
  private readonly nonces: NonceRegistry;

  constructor(private readonly options: GrantVerifierOptions) {
    this.nonces = new NonceRegistry({ maxEntries: options.maxNonces });
  }

  verify(request: GrantedRequest, now?: number): VerifyResult {
    const secret = this.options.secret();
    if (secret === undefined) return { ok: false, reason: 'bad-signature' };
    return verifyRequest({
      secret: grantKeyFor(secret, request.transferId),
      method: request.method,
      path: request.url,
      body: request.body ?? new Uint8Array(0),
      headers: request.headers,
      now,
      maxSkewMs: this.options.maxSkewMs,
      nonces: this.nonces,
    });
  }
}
