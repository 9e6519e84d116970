import { createHash, createHmac } from 'node:crypto';
import { NonceRegistry } from '../../schema/nonces';
import type { Principal } from '../../schema/principal';
import {
  DEFAULT_MAX_FUTURE_SKEW_MS,
  DEFAULT_MAX_SKEW_MS,
  PRINCIPAL_HEADER,
  SIGNATURE_HEADER,
  signRequest,
  verifyRequest,
  type RequestToVerify,
  type SignedHeaders,
} from '../../schema/signing';

const SECRET = 's'.repeat(32);
const NOW = 1_700_000_000_000;
const BODY = JSON.stringify({ query: '{ clouds { id } }', variables: {} });
const ADMIN: Principal = { subject: 'alice', role: 'provider-admin' };
const VIEWER: Principal = { subject: 'bob', role: 'tenant-viewer', tenantId: 'acme' };
/** 16 bytes in base64url. */
const NONCE = Buffer.alloc(16, 7).toString('base64url');

function signed(principal: Principal = ADMIN, now = NOW, nonce?: string): SignedHeaders {
  return signRequest({ secret: SECRET, method: 'POST', path: '/graphql', body: BODY, principal, now, nonce });
}

/** The request as the node receives it, with `changes` applied. */
function received(headers: Record<string, string | string[] | undefined>, changes: Partial<RequestToVerify> = {}): RequestToVerify {
  return {
    secret: SECRET,
    method: 'POST',
    path: '/graphql',
    body: BODY,
    headers: { 'content-type': 'application/json', ...headers },
    now: NOW,
    ...changes,
  };
}

/** An HMAC made from the documented canonical string, independently of signRequest. */
function handSigned(principalHeader: string, t = NOW, nonce = NONCE): string {
  const digest = createHash('sha256').update(BODY).digest('hex');
  const mac = createHmac('sha256', SECRET)
    .update(['overcast-v2', 'POST', '/graphql', digest, String(t), nonce, principalHeader].join('\n'))
    .digest('hex');
  return `t=${t},n=${nonce},v1=${mac}`;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signed node requests', () => {
  it('produces the documented header formats', () => {
    const headers = signed(ADMIN, NOW, NONCE);
    expect(headers[SIGNATURE_HEADER]).toMatch(/^t=1700000000000,n=[A-Za-z0-9_-]{22},v1=[0-9a-f]{64}$/);
    expect(JSON.parse(Buffer.from(headers[PRINCIPAL_HEADER], 'base64url').toString())).toEqual(ADMIN);
    expect(headers[SIGNATURE_HEADER]).toBe(handSigned(headers[PRINCIPAL_HEADER]));
  });

  it('gives every signature a fresh 16-byte nonce', () => {
    const nonces = Array.from({ length: 50 }, () => /,n=([^,]+),/.exec(signed()[SIGNATURE_HEADER])![1]!);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64url')).toHaveLength(16);
  });

  it('verifies a good signature and yields the principal', () => {
    expect(verifyRequest(received({ ...signed(VIEWER) }))).toEqual({ ok: true, principal: VIEWER });
    // Any time within the window: up to the skew before the verifier's clock, the future skew after it.
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - DEFAULT_MAX_SKEW_MS) }))).toEqual({ ok: true, principal: ADMIN });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + DEFAULT_MAX_FUTURE_SKEW_MS) }))).toEqual({ ok: true, principal: ADMIN });
  });

  it('accepts a body given as bytes exactly like the same string', () => {
    expect(verifyRequest(received({ ...signed() }, { body: Buffer.from(BODY) })).ok).toBe(true);
  });

  it('forwards a node scope', () => {
    const scoped: Principal = { ...VIEWER, scope: { orgs: ['urn:vcloud:org:1'], vdcs: [] } };
    expect(verifyRequest(received({ ...signed(scoped) }))).toEqual({ ok: true, principal: scoped });
  });

  it.each<[string, () => RequestToVerify]>([
    ['a tampered body', () => received({ ...signed() }, { body: BODY.replace('clouds', 'vms') })],
    ['a tampered path', () => received({ ...signed() }, { path: '/graphql?x=1' })],
    ['a tampered method', () => received({ ...signed() }, { method: 'PUT' })],
    ['a swapped principal', () => received({ ...signed(VIEWER), [PRINCIPAL_HEADER]: signed(ADMIN)[PRINCIPAL_HEADER] })],
    [
      'a tampered timestamp',
      () => received({ ...signed(), [SIGNATURE_HEADER]: signed()[SIGNATURE_HEADER].replace(`t=${NOW}`, `t=${NOW + 1}`) }),
    ],
    [
      'a tampered nonce',
      () => {
        const headers = signed(ADMIN, NOW, NONCE);
        const other = Buffer.alloc(16, 8).toString('base64url');
        return received({ ...headers, [SIGNATURE_HEADER]: headers[SIGNATURE_HEADER].replace(`n=${NONCE}`, `n=${other}`) });
      },
    ],
    ['a wrong secret', () => received({ ...signed() }, { secret: 'x'.repeat(32) })],
  ])('refuses %s as a bad signature', (_name, request) => {
    expect(verifyRequest(request())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an expired signature and one from the future', () => {
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - DEFAULT_MAX_SKEW_MS - 1) }))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + DEFAULT_MAX_FUTURE_SKEW_MS + 1) }))).toEqual({ ok: false, reason: 'future' });
  });

  it('allows only clock drift into the future: 2 s ahead is accepted, 6 s ahead refused', () => {
    expect(DEFAULT_MAX_FUTURE_SKEW_MS).toBe(5_000);
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + 2_000) }))).toEqual({ ok: true, principal: ADMIN });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + 6_000) }))).toEqual({ ok: false, reason: 'future' });
    // The past window is unchanged: a signature 30 s old is still good.
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - 30_000) }))).toEqual({ ok: true, principal: ADMIN });
  });

  it('takes the allowed skews from the verifier', () => {
    const old = received({ ...signed(ADMIN, NOW - 5_000) });
    expect(verifyRequest({ ...old, maxSkewMs: 10_000 }).ok).toBe(true);
    expect(verifyRequest({ ...old, maxSkewMs: 1_000 })).toEqual({ ok: false, reason: 'expired' });
    const ahead = received({ ...signed(ADMIN, NOW + 3_000) });
    expect(verifyRequest({ ...ahead, maxFutureSkewMs: 4_000 }).ok).toBe(true);
    expect(verifyRequest({ ...ahead, maxFutureSkewMs: 1_000 })).toEqual({ ok: false, reason: 'future' });
  });

  it('refuses missing and malformed headers', () => {
    const good = signed();
    expect(verifyRequest(received({}))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyRequest(received({ [PRINCIPAL_HEADER]: good[PRINCIPAL_HEADER] }))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyRequest(received({ [SIGNATURE_HEADER]: good[SIGNATURE_HEADER] }))).toEqual({ ok: false, reason: 'missing-principal' });
    const mac = /v1=([0-9a-f]{64})$/.exec(good[SIGNATURE_HEADER])![1]!;
    for (const bad of [
      'v1=abc',
      `t=${NOW}`,
      // The v1 format, without a nonce.
      `t=${NOW},v1=${mac}`,
      `t=${NOW},n=${NONCE},v1=${'A'.repeat(64)}`,
      `t=${NOW},n=${NONCE},v1=${'0'.repeat(63)}`,
      `t=-1,n=${NONCE},v1=${'0'.repeat(64)}`,
      // Nonces that are not 16 bytes in base64url: short, long, padded, a last character carrying bits 16 bytes do not have.
      `t=${NOW},n=${NONCE.slice(1)},v1=${mac}`,
      `t=${NOW},n=${NONCE}A,v1=${mac}`,
      `t=${NOW},n=${NONCE}==,v1=${mac}`,
      `t=${NOW},n=${NONCE.slice(0, 21)}B,v1=${mac}`,
      `t=${NOW},n=${NONCE.slice(0, 21)}+,v1=${mac}`,
      `n=${NONCE},t=${NOW},v1=${mac}`,
      `${good[SIGNATURE_HEADER]},v2=00`,
    ]) {
      expect(verifyRequest(received({ ...good, [SIGNATURE_HEADER]: bad }))).toEqual({ ok: false, reason: 'malformed-signature' });
    }
    // Repeated headers are never merged into something acceptable.
    expect(verifyRequest(received({ ...good, [SIGNATURE_HEADER]: [good[SIGNATURE_HEADER], good[SIGNATURE_HEADER]] }))).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
    expect(verifyRequest(received({ ...good, [PRINCIPAL_HEADER]: 'not base64url!' }))).toEqual({
      ok: false,
      reason: 'malformed-principal',
    });
  });

  it('refuses a principal that is not a Principal, even when correctly signed', () => {
    const notPrincipals: unknown[] = [
      'alice',
      [],
      { subject: 'alice' },
      { subject: '', role: 'provider-admin' },
      { subject: 'alice', role: 'root' },
      { subject: 'bob', role: 'tenant-viewer' }, // a tenant role without its tenant
      { subject: 'alice', role: 'provider-admin', admin: true }, // unknown keys are refused, not dropped
      { subject: 'bob', role: 'tenant-viewer', tenantId: 'acme', scope: { orgs: 'all' } },
    ];
    for (const value of notPrincipals) {
      const header = encode(value);
      expect(verifyRequest(received({ [PRINCIPAL_HEADER]: header, [SIGNATURE_HEADER]: handSigned(header) }))).toEqual({
        ok: false,
        reason: 'malformed-principal',
      });
    }
    const notJson = Buffer.from('{subject').toString('base64url');
    expect(verifyRequest(received({ [PRINCIPAL_HEADER]: notJson, [SIGNATURE_HEADER]: handSigned(notJson) }))).toEqual({
      ok: false,
      reason: 'malformed-principal',
    });
  });

  it('refuses a request replayed within its window, on its nonce', () => {
    const nonces = new NonceRegistry();
    const captured = signed();
    expect(verifyRequest(received({ ...captured }, { nonces }))).toEqual({ ok: true, principal: ADMIN });
    expect(verifyRequest(received({ ...captured }, { nonces, now: NOW + 1 }))).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyRequest(received({ ...captured }, { nonces, now: NOW + DEFAULT_MAX_SKEW_MS }))).toEqual({ ok: false, reason: 'replayed' });
    // Past the window its age refuses it, and the registry no longer needs the nonce.
    expect(verifyRequest(received({ ...captured }, { nonces, now: NOW + DEFAULT_MAX_SKEW_MS + 1 }))).toEqual({
      ok: false,
      reason: 'expired',
    });
    // The same request signed again (a new nonce) is a new request.
    expect(verifyRequest(received({ ...signed() }, { nonces }))).toEqual({ ok: true, principal: ADMIN });
  });

  it('remembers a nonce only for a request otherwise accepted, so a forger cannot spend or fill it', () => {
    const nonces = new NonceRegistry();
    const genuine = signed(ADMIN, NOW, NONCE);
    const forged = { ...genuine, [SIGNATURE_HEADER]: genuine[SIGNATURE_HEADER].replace(/v1=.*$/, `v1=${'0'.repeat(64)}`) };
    expect(verifyRequest(received(forged, { nonces }))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - 2 * DEFAULT_MAX_SKEW_MS, NONCE) }, { nonces }))).toEqual({
      ok: false,
      reason: 'expired',
    });
    const badPrincipal = encode({ subject: 'alice', role: 'root' });
    expect(verifyRequest(received({ [PRINCIPAL_HEADER]: badPrincipal, [SIGNATURE_HEADER]: handSigned(badPrincipal) }, { nonces }))).toEqual(
      {
        ok: false,
        reason: 'malformed-principal',
      },
    );
    expect(nonces.size).toBe(0);
    expect(verifyRequest(received({ ...genuine }, { nonces }))).toEqual({ ok: true, principal: ADMIN });
    expect(nonces.size).toBe(1);
  });

  it('refuses new requests rather than forget a live nonce when the registry is full', () => {
    const nonces = new NonceRegistry({ maxEntries: 2 });
    const first = signed();
    expect(verifyRequest(received({ ...first }, { nonces })).ok).toBe(true);
    expect(verifyRequest(received({ ...signed() }, { nonces })).ok).toBe(true);
    expect(verifyRequest(received({ ...signed() }, { nonces, now: NOW + 1_000 }))).toEqual({ ok: false, reason: 'nonces-full' });
    // Full, it still knows the nonces it holds: a replay is a replay.
    expect(verifyRequest(received({ ...first }, { nonces, now: NOW + 1_000 }))).toEqual({ ok: false, reason: 'replayed' });
    expect(nonces.size).toBe(2);
    // Once those signatures expired their nonces go, and requests are accepted again.
    const later = NOW + DEFAULT_MAX_SKEW_MS + 2_000;
    expect(verifyRequest(received({ ...signed(ADMIN, later) }, { nonces, now: later }))).toEqual({ ok: true, principal: ADMIN });
    expect(nonces.size).toBe(1);
  });

  it('will not sign an invalid principal nor use a short secret', () => {
    expect(() =>
      signRequest({
        secret: SECRET,
        method: 'POST',
        path: '/graphql',
        body: BODY,
        principal: { subject: 'x', role: 'root' } as unknown as Principal,
      }),
    ).toThrow(/Principal/);
    expect(() => signRequest({ secret: 'short', method: 'POST', path: '/graphql', body: BODY, principal: ADMIN })).toThrow(/32 characters/);
    expect(() => verifyRequest(received({ ...signed() }, { secret: 'short' }))).toThrow(/32 characters/);
    expect(() => signed(ADMIN, NOW, 'not-a-nonce')).toThrow(/nonce/);
    expect(() => new NonceRegistry({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
