/**
 * TLS trust for OpenStack, where the token goes to two hosts: Keystone at the
 * configured auth URL and compute at the endpoint the catalog names. A pinned
 * thumbprint names Keystone's one certificate, so it is checked there only; a CA
 * bundle is trusted for both. Keystone over https with a catalog naming compute
 * over http is refused before the token is sent in clear. TLS-terminating gateways
 * with their own throw-away certificates (test/support/tls.ts) stand for the two hosts.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startGateway, type Gateway } from '../../../mocks/nova/gateway';
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { AdapterOptions } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { expectCode } from '../../support/cloudErrors';
import { selfSignedCertificate, type TestCertificate } from '../../support/tls';

const COMPUTE = '/compute/v2.1';
const seed: SeedCloud = buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
const zones = seed.vdcs.map((v) => ({ id: v.nativeId, name: v.nativeId }));

const pem = (cert: TestCertificate) => ({ key: readFileSync(cert.keyFile, 'utf8'), cert: cert.cert });
const thumbprint = (cert: TestCertificate): string => new X509Certificate(cert.cert).fingerprint256;

describe('nova adapter: Keystone and compute on hosts with their own certificates', () => {
  let keystoneCert: TestCertificate;
  let computeCert: TestCertificate;
  let mock: NovaMock;
  let keystone: Gateway;
  let compute: Gateway;

  /** Lists the zones with `tls`, logging in at the https Keystone gateway. */
  async function zonesWith(tls: AdapterOptions['tls']): Promise<unknown> {
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova', { baseUrl: `${keystone.url}/v3`, tls }));
    try {
      return await adapter.listVdcs();
    } finally {
      await adapter.close();
    }
  }

  beforeAll(async () => {
    keystoneCert = selfSignedCertificate();
    computeCert = selfSignedCertificate();
    mock = await startNovaMock(structuredClone(seed));
    keystone = await startGateway([{ prefix: '/v3', target: `${mock.url}/identity/v3` }], { tls: pem(keystoneCert) });
    compute = await startGateway([{ prefix: '/compute', target: `${mock.url}/compute` }], { tls: pem(computeCert) });
    mock.deployment.publicComputeUrl = `${compute.url}${COMPUTE}`;
  });
  beforeEach(() => {
    keystone.requests.splice(0);
    compute.requests.splice(0);
  });
  afterAll(async () => {
    await Promise.all([keystone.close(), compute.close()]);
    await mock.close();
    keystoneCert.remove();
    computeCert.remove();
  });

  it('checks the pinned thumbprint at Keystone only: compute is trusted by the CA bundle for its own certificate', async () => {
    expect(await zonesWith({ thumbprint: thumbprint(keystoneCert), ca: computeCert.cert })).toEqual(zones);
    expect(compute.count(`${COMPUTE}/os-availability-zone`)).toBe(1);
  });

  it('refuses Keystone when the pin names another certificate, sending it nothing', async () => {
    await expectCode(zonesWith({ thumbprint: thumbprint(computeCert), ca: computeCert.cert }), 'CLOUD_UNAVAILABLE');
    expect(keystone.requests).toHaveLength(0);
    expect(compute.requests).toHaveLength(0);
  });

  it('trusts a CA bundle for both hosts', async () => {
    expect(await zonesWith({ ca: keystoneCert.cert + computeCert.cert })).toEqual(zones);
    expect(keystone.count('/v3/auth/tokens')).toBeGreaterThan(0);
    expect(compute.count(`${COMPUTE}/os-availability-zone`)).toBe(1);
  });
});

describe('nova adapter: Keystone over https, a catalog naming compute over http', () => {
  let cert: TestCertificate;
  let mock: NovaMock;
  let plain: Gateway;

  beforeAll(async () => {
    cert = selfSignedCertificate();
    mock = await startNovaMock(structuredClone(seed), { tls: pem(cert) });
    // Where the token would go in clear; it records whatever reaches it.
    plain = await startGateway([{ prefix: '/compute', target: `${mock.url}/compute` }]);
    mock.deployment.publicComputeUrl = `${plain.url}${COMPUTE}`;
  });
  afterAll(async () => {
    await plain.close();
    await mock.close();
    cert.remove();
  });

  it('is refused as UPSTREAM_ERROR before any compute request, naming the scheme only', async () => {
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova', { tls: { ca: cert.cert } }));
    try {
      const err = await expectCode(adapter.listVdcs(), 'UPSTREAM_ERROR');
      expect(err.message).toContain('http');
      expect(err.message).not.toContain(new URL(plain.url).host);
      expect(err.message).not.toContain(COMPUTE);
      expect(err.message).not.toContain('gAAAA'); // the mock's tokens start so
    } finally {
      await adapter.close();
    }
    expect(plain.requests).toHaveLength(0);
    expect(mock.countRequests('/identity/v3/auth/tokens')).toBeGreaterThan(0);
  });
});
