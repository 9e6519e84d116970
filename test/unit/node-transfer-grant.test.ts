import { randomBytes, randomUUID } from 'node:crypto';
import { signRequest } from '../../schema/signing';
import { grantKeyFor } from '../../schema/transfers';
import { GrantVerifier } from '../../subgraphs/cloud-node/transfers/grant';

const principal = { subject: 'cloud-node/dest', role: 'provider-admin' } as const;

describe('a grant-signed chunk request', () => {
  const secret = randomBytes(32).toString('hex');
  const transferId = `transfer-${randomUUID()}`;
  const url = `/edge/transfers/exports/${transferId}/files/1?start=0&end=4096`;
  const signed = (key: string, path = url) => signRequest({ secret: key, method: 'GET', path, body: '', principal });
  const verifier = () => new GrantVerifier({ secret: () => secret });

  test('is accepted when signed with the grant key of the transfer its path names', () => {
    expect(verifier().verify({ method: 'GET', url, headers: { ...signed(grantKeyFor(secret, transferId)) }, transferId })).toEqual({
      ok: true,
      principal,
    });
  });

  test('is refused signed with the node’s secret itself, another transfer’s key or another node’s', () => {
    const v = verifier();
    for (const key of [secret, grantKeyFor(secret, `transfer-${randomUUID()}`), grantKeyFor(randomBytes(32).toString('hex'), transferId)])
      expect(v.verify({ method: 'GET', url, headers: { ...signed(key) }, transferId })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  test('is refused when its path names another transfer than the one its key was made for', () => {
    const other = `transfer-${randomUUID()}`;
    const path = url.replace(transferId, other);
    expect(
      verifier().verify({ method: 'GET', url: path, headers: { ...signed(grantKeyFor(secret, transferId), path) }, transferId: other }),
    ).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  test('is refused when sent again (its nonce is spent), and before the node has a secret', () => {
    const v = verifier();
    const headers = { ...signed(grantKeyFor(secret, transferId)) };
    expect(v.verify({ method: 'GET', url, headers, transferId }).ok).toBe(true);
    expect(v.verify({ method: 'GET', url, headers, transferId })).toEqual({ ok: false, reason: 'replayed' });
    const unregistered = new GrantVerifier({ secret: () => undefined });
    expect(unregistered.verify({ method: 'GET', url, headers: { ...signed(grantKeyFor(secret, transferId)) }, transferId }).ok).toBe(false);
  });
});
