/**
 * Trusting a cloud API's self-signed certificate, as vCenter appliances serve one:
 * the vSphere mock over HTTPS with a throw-away certificate (test/support/tls.ts).
 * Without trust the cloud is unreachable; a CA bundle (`tls.ca`, CLOUD_CA_FILE) or
 * the certificate's SHA-256 or SHA-1 thumbprint (`tls.thumbprint`,
 * CLOUD_TLS_THUMBPRINT) makes it work; the thumbprint of another certificate does
 * not. Thumbprints are read with the openssl CLI, as an operator would read them.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'undici';
import { buildSeed, type SeedCloud } from '../../mocks/seed';
import type { MockCloud } from '../../mocks/server';
import { startVsphereMock } from '../../mocks/vsphere';
import { METRICS_CREDENTIALS, startDirectorMock } from '../../mocks/director';
import { createTenancyClient } from '../../subgraphs/sp-node/clients/director';
import { createMetricsClient } from '../../subgraphs/sp-node/clients/metrics';
import { directorSeed, expectedOrgs } from '../support/seedTenancy';
import { createVsphereAdapter } from '../../subgraphs/cloud-node/adapters/vsphere';
import type { AdapterOptions, CloudAdapter } from '../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../subgraphs/shared/cloudApiError';
import { Thumbprint } from '../../subgraphs/shared/nodeEnv';
import { adapterOptionsFor, cloudNodeEnvFor } from '../support/cloudOptions';
import { killAll, startPart, type Part } from '../support/processes';
import { selfSignedCertificate, type TestCertificate } from '../support/tls';
import { waitFor } from '../support/waitFor';

const cloud: SeedCloud = buildSeed({ clouds: [{ id: 'vc-tls', kind: 'vsphere', name: 'TLS vCenter' }] }).clouds[0]!;
const expectedVdcs = cloud.vdcs.map((dc) => ({ id: dc.nativeId, name: dc.name }));

/** `openssl x509 -fingerprint` of a PEM file: `AB:CD:…`, as it prints it after `Fingerprint=`. */
function opensslFingerprint(certFile: string, digest: 'sha256' | 'sha1'): string {
  const line = execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', `-${digest}`], { encoding: 'utf8' });
  const value = line.trim().split('=')[1];
  if (!value) throw new Error(`openssl printed no fingerprint: ${line}`);
  return value;
}

/** What a client reads when the certificate is not trusted: the reason, never the certificate's details. */
const UNTRUSTED = 'Cloud API refused: its TLS certificate is not trusted';

describe('a cloud API with a self-signed certificate', () => {
  let cert: TestCertificate;
  let other: TestCertificate;
  let mock: MockCloud;
  const adapters: CloudAdapter[] = [];

  const adapter = (tls?: AdapterOptions['tls']): CloudAdapter => {
    const created = createVsphereAdapter(adapterOptionsFor(mock, 'vsphere', tls ? { tls } : {}));
    adapters.push(created);
    return created;
  };

  beforeAll(async () => {
    cert = selfSignedCertificate();
    other = selfSignedCertificate();
    mock = await startVsphereMock(structuredClone(cloud), { tls: { key: readFileSync(cert.keyFile, 'utf8'), cert: cert.cert } });
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock?.close();
    cert?.remove();
    other?.remove();
  });

  it('refuses trust settings for a plain-HTTP URL, where they would protect nothing', () => {
    expect(() =>
      createVsphereAdapter({ ...adapterOptionsFor(mock, 'vsphere'), baseUrl: 'http://127.0.0.1:1', tls: { ca: cert.cert } }),
    ).toThrow(/TLS trust settings need an https:\/\/ URL/);
  });

  it('is served over https', () => {
    expect(mock.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('is CLOUD_UNAVAILABLE without trust in its certificate, saying so', async () => {
    mock.resetRequests();
    await expect(adapter().listVdcs()).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, message: UNTRUSTED });
    expect(mock.countRequests()).toBe(0);
  });

  it('is reached with its certificate as the CA bundle', async () => {
    expect(await adapter({ ca: cert.cert }).listVdcs()).toEqual(expectedVdcs);
  });

  it('is reached with the SHA-256 thumbprint of its certificate, also over parallel connections', async () => {
    const pinned = adapter({ thumbprint: opensslFingerprint(cert.certFile, 'sha256') });
    expect(await pinned.listVdcs()).toEqual(expectedVdcs);
    // Parallel calls open more connections: each is checked (a resumed TLS session would show no certificate and be refused).
    const lists = await Promise.all(Array.from({ length: 4 }, () => pinned.listVms()));
    for (const vms of lists) expect(vms).toHaveLength(cloud.vms.length);
  });

  it('is reached with the SHA-1 thumbprint of its certificate (vSphere’s habit)', async () => {
    expect(await adapter({ thumbprint: opensslFingerprint(cert.certFile, 'sha1') }).listVdcs()).toEqual(expectedVdcs);
  });

  it('is refused with the thumbprint of another certificate, or another certificate as the CA', async () => {
    mock.resetRequests();
    await expect(adapter({ thumbprint: opensslFingerprint(other.certFile, 'sha256') }).listVdcs()).rejects.toMatchObject({
      code: ErrorCode.CLOUD_UNAVAILABLE,
      message: UNTRUSTED,
    });
    await expect(adapter({ thumbprint: opensslFingerprint(other.certFile, 'sha1') }).listVdcs()).rejects.toMatchObject({
      code: ErrorCode.CLOUD_UNAVAILABLE,
    });
    await expect(adapter({ ca: other.cert }).listVdcs()).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, message: UNTRUSTED });
    // Refused before any request was sent: no credentials went to a server we do not trust.
    expect(mock.countRequests()).toBe(0);
  });

  describe('cloud-node processes', () => {
    type CloudHealth = { reachable: boolean; failure?: string };
    const cloudHealth = async (node: Part): Promise<CloudHealth | undefined> => {
      const res = await request(node.url.replace(/\/graphql$/, '/health'));
      return ((await res.body.json()) as { cloud?: CloudHealth }).cloud;
    };
    const startNode = (trust: Record<string, string>): Promise<Part> =>
      startPart({
        script: 'subgraphs/cloud-node/main.ts',
        env: {
          ...cloudNodeEnvFor(mock, 'vsphere'),
          CLOUD_ID: cloud.id,
          NODE_SECRET: 'a'.repeat(32),
          WATCH_INTERVAL_MS: '0',
          CLOUD_PROBE_INTERVAL_MS: '50',
          ...trust,
        },
      });
    let untrusting: Part;
    let byCa: Part;
    let byThumbprint: Part;

    beforeAll(async () => {
      // The thumbprint as an operator may paste it: lower case, no colons (CLOUD_TLS_THUMBPRINT accepts both).
      const pasted = opensslFingerprint(cert.certFile, 'sha256').replace(/:/g, '').toLowerCase();
      expect(Thumbprint.parse(pasted)).toBe(opensslFingerprint(cert.certFile, 'sha256'));
      [untrusting, byCa, byThumbprint] = await Promise.all([
        startNode({}),
        startNode({ CLOUD_CA_FILE: cert.certFile }),
        startNode({ CLOUD_TLS_THUMBPRINT: pasted }),
      ]);
    }, 60_000);
    afterAll(() => killAll());

    it("reports the cloud unreachable in /health when the node does not trust the API's certificate", async () => {
      await waitFor('a probe to fail', async () => (await cloudHealth(untrusting))?.reachable === false);
      expect(await cloudHealth(untrusting)).toMatchObject({ reachable: false, failure: 'unreachable' });
    });

    it('reaches the cloud with CLOUD_CA_FILE', async () => {
      await waitFor('a probe through the CA bundle to succeed', async () => (await cloudHealth(byCa))?.reachable === true);
    });

    it('reaches the cloud with CLOUD_TLS_THUMBPRINT', async () => {
      await waitFor('a probe through the pinned thumbprint to succeed', async () => (await cloudHealth(byThumbprint))?.reachable === true);
    });
  });
});

describe("an sp-node's two APIs, a Director cell and its operations manager, with self-signed certificates", () => {
  const director = directorSeed();
  let cert: TestCertificate;
  let mock: MockCloud;
  const closing: Array<{ close(): Promise<void> }> = [];
  const tenancy = (tls?: AdapterOptions['tls']) => {
    const client = createTenancyClient({ baseUrl: mock.url, ...mock.credentials, timeoutMs: 5000, ...(tls ? { tls } : {}) });
    closing.push(client);
    return client;
  };
  const metrics = (tls?: AdapterOptions['tls']) => {
    const client = createMetricsClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: 5000, ...(tls ? { tls } : {}) });
    closing.push(client);
    return client;
  };
  const byId = <T extends { id: string }>(items: T[]) => [...items].sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    cert = selfSignedCertificate();
    mock = await startDirectorMock(structuredClone(director), { tls: { key: readFileSync(cert.keyFile, 'utf8'), cert: cert.cert } });
  });
  afterAll(async () => {
    await Promise.all(closing.map((c) => c.close()));
    await mock?.close();
    cert?.remove();
  });

  it('refuses both without trust in the certificate, before sending credentials', async () => {
    mock.resetRequests();
    await expect(tenancy().listOrgs()).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, message: UNTRUSTED });
    await expect(metrics().latestByVm()).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, message: UNTRUSTED });
    expect(mock.countRequests()).toBe(0);
  });

  it('reads the director through its CA bundle and the metrics application through its pinned thumbprint', async () => {
    expect(byId(await tenancy({ ca: cert.cert }).listOrgs())).toEqual(byId(expectedOrgs(director)));
    const figures = await metrics({ thumbprint: opensslFingerprint(cert.certFile, 'sha256') }).latestByVm();
    expect(figures.size).toBe(director.vms.filter((vm) => vm.vsphere !== undefined).length);
  });
});
