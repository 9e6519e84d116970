/**
 * The nonces a verifier has accepted, so that a captured signed request cannot be
 * replayed within its signature's window (schema/signing.ts). Each nonce is kept
 * until the signature carrying it has expired: after that the signature's age
 * refuses the replay, so the nonce need not be known any longer.
 *
 * Bounded: a verifier that already holds `maxEntries` live nonces refuses new
 * requests (`full`) until some expire, rather than forgetting a live nonce, which
 * would let that request be replayed. Only requests with a good signature and time
 * are recorded (verifyRequest checks those first), so only a holder of the secret
 * can fill it.
 *
 * Expired nonces are swept in buckets of one second of expiry: at most once a
 * second a claim drops the buckets that are wholly past, so the work is
 * proportional to what expired, not to what is held.
 */

/** Live nonces a registry holds by default: about 3000 requests a second over a 65 s window. */
export const DEFAULT_MAX_NONCES = 200_000;

const BUCKET_MS = 1000;

/** `fresh`: first seen, now remembered; `seen`: a replay; `full`: refused, the registry holds `maxEntries` live nonces. */
export type NonceClaim = 'fresh' | 'seen' | 'full';

export interface NonceRegistryOptions {
  /** Most live nonces held at once. @default DEFAULT_MAX_NONCES */
  maxEntries?: number;
}

export class NonceRegistry {
  readonly maxEntries: number;
  /** nonce → the last instant (unix ms) its signature is still valid. */
  private readonly expiries = new Map<string, number>();
  /** Expiry second → the nonces expiring in it. */
  private readonly buckets = new Map<number, string[]>();
  /** The second of the last sweep: buckets are looked at once a second, not on every claim. */
  private swept = -Infinity;

  constructor(options: NonceRegistryOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_NONCES;
    if (!Number.isSafeInteger(maxEntries) || maxEntries <= 0) throw new Error('maxEntries must be a positive integer');
    this.maxEntries = maxEntries;
  }

  /** Live nonces held. */
  get size(): number {
    return this.expiries.size;
  }

  /**
   * Record `nonce` as used until `expiresAt` (unix ms, inclusive), unless it is
   * already recorded and not yet expired at `now`.
   */
  claim(nonce: string, expiresAt: number, now: number): NonceClaim {
    this.sweep(now);
    const known = this.expiries.get(nonce);
    if (known !== undefined && known >= now) return 'seen';
    if (known === undefined && this.expiries.size >= this.maxEntries) return 'full';
    this.expiries.set(nonce, expiresAt);
    const bucket = Math.floor(expiresAt / BUCKET_MS);
    const list = this.buckets.get(bucket);
    if (list) list.push(nonce);
    else this.buckets.set(bucket, [nonce]);
    return 'fresh';
  }

  /** Drop the buckets whose every expiry is before `now`. */
  private sweep(now: number): void {
    const current = Math.floor(now / BUCKET_MS);
    if (current <= this.swept) return;
    this.swept = current;
    for (const [bucket, nonces] of this.buckets) {
      if (bucket >= current) continue;
      for (const nonce of nonces) {
        // A nonce re-claimed after it expired has a later expiry, in a later bucket: keep that one.
        if ((this.expiries.get(nonce) ?? Infinity) < now) this.expiries.delete(nonce);
      }
      this.buckets.delete(bucket);
    }
  }
}
