import { createHash, createHmac } from 'node:crypto';
import type { Principal } from '../../schema/principal';
import {
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

function signed(principal: Principal = ADMIN, now = NOW): SignedHeaders {
  return signRequest({ secret: SECRET, method: 'POST', path: '/graphql', body: BODY, principal, now });
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
function handSigned(principalHeader: string, t = NOW): string {
  const digest = createHash('sha256').update(BODY).digest('hex');
  const mac = createHmac('sha256', SECRET)
    .update(['overcast-v1', 'POST', '/graphql', digest, String(t), principalHeader].join('\n'))
    .digest('hex');
  return `t=${t},v1=${mac}`;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('signed node requests', () => {
  it('produces the documented header formats', () => {
    const headers = signed();
    expect(headers[SIGNATURE_HEADER]).toMatch(/^t=1700000000000,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(Buffer.from(headers[PRINCIPAL_HEADER], 'base64url').toString())).toEqual(ADMIN);
    expect(headers[SIGNATURE_HEADER]).toBe(handSigned(headers[PRINCIPAL_HEADER]));
  });

  it('verifies a good signature and yields the principal', () => {
    expect(verifyRequest(received({ ...signed(VIEWER) }))).toEqual({ ok: true, principal: VIEWER });
    // Any time within the skew, either side.
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - DEFAULT_MAX_SKEW_MS) }))).toEqual({ ok: true, principal: ADMIN });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + DEFAULT_MAX_SKEW_MS) }))).toEqual({ ok: true, principal: ADMIN });
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
    ['a wrong secret', () => received({ ...signed() }, { secret: 'x'.repeat(32) })],
  ])('refuses %s as a bad signature', (_name, request) => {
    expect(verifyRequest(request())).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses an expired signature and one from the future', () => {
    expect(verifyRequest(received({ ...signed(ADMIN, NOW - DEFAULT_MAX_SKEW_MS - 1) }))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyRequest(received({ ...signed(ADMIN, NOW + DEFAULT_MAX_SKEW_MS + 1) }))).toEqual({ ok: false, reason: 'future' });
  });

  it('takes the allowed skew from the verifier', () => {
    const old = received({ ...signed(ADMIN, NOW - 5_000) });
    expect(verifyRequest({ ...old, maxSkewMs: 10_000 }).ok).toBe(true);
    expect(verifyRequest({ ...old, maxSkewMs: 1_000 })).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses missing and malformed headers', () => {
    const good = signed();
    expect(verifyRequest(received({}))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyRequest(received({ [PRINCIPAL_HEADER]: good[PRINCIPAL_HEADER] }))).toEqual({ ok: false, reason: 'missing-signature' });
    expect(verifyRequest(received({ [SIGNATURE_HEADER]: good[SIGNATURE_HEADER] }))).toEqual({ ok: false, reason: 'missing-principal' });
    for (const bad of [
      'v1=abc',
      `t=${NOW}`,
      `t=${NOW},v1=${'A'.repeat(64)}`,
      `t=${NOW},v1=${'0'.repeat(63)}`,
      `t=-1,v1=${'0'.repeat(64)}`,
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
  });
});
