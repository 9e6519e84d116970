/**
 * The director mock served over HTTPS writes its hrefs (the versions list's
 * `loginUrl`, the session's `location`, query records, tasks) with the scheme it
 * serves, as a cell writes its public URL; and the adapter follows a power task
 * there. Expected values come from buildSeed(); the certificate is made at test time.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { startDirectorMock } from '../../../mocks/director';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { directorSeed } from '../../support/seedTenancy';
import { selfSignedCertificate, type TestCertificate } from '../../support/tls';

describe('Cloud Director mock over HTTPS', () => {
  const seed = directorSeed();
  let cert: TestCertificate;
  let mock: MockCloud;

  /** One request trusting the test certificate: status, headers and JSON body. */
  const send = (method: string, path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }>((resolve, reject) => {
      const req = request(`${mock.url}${path}`, { method, headers, ca: cert.cert }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    cert = selfSignedCertificate();
    mock = await startDirectorMock(structuredClone(seed), { tls: { key: readFileSync(cert.keyFile, 'utf8'), cert: cert.cert } });
  });
  afterAll(async () => {
    await mock?.close();
    cert?.remove();
  });

  it('writes https hrefs in the versions list, the session and query records', async () => {
    expect(mock.url).toMatch(/^https:\/\//);
    const versions = await send('GET', '/api/versions', { accept: 'application/*+json' });
    const infos = (versions.body as { versionInfo: Array<{ loginUrl: string }> }).versionInfo;
    expect(infos.length).toBeGreaterThan(0);
    for (const info of infos) expect(info.loginUrl).toBe(`${mock.url}/api/sessions`);

    const basic = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64');
    const login = await send('POST', '/cloudapi/1.0.0/sessions/provider', {
      accept: 'application/json;version=38.0',
      authorization: `Basic ${basic}`,
    });
    expect(login.status).toBe(200);
    expect((login.body as { location: string }).location).toBe(`${mock.url}/cloudapi`);

    const token = login.headers['x-vmware-vcloud-access-token'] as string;
    const page = await send('GET', '/api/query?type=adminVM&format=records', {
      accept: 'application/*+json;version=38.0',
      authorization: `Bearer ${token}`,
    });
    const records = (page.body as { record: Array<{ href: string }> }).record;
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(r.href.startsWith(`${mock.url}/api/vApp/vm-`)).toBe(true);
  });

  it('follows a power task over HTTPS', async () => {
    const off = seed.vms.find((vm) => vm.powerState === 'POWERED_OFF')!;
    const adapter = createDirectorAdapter(adapterOptionsFor(mock, 'director', { tls: { ca: cert.cert } }));
    try {
      mock.setFaults({ operationMs: 300 });
      await adapter.powerOn(off.nativeId);
      expect(mock.cloud.vms.find((vm) => vm.nativeId === off.nativeId)!.powerState).toBe('POWERED_ON');
    } finally {
      mock.setFaults({ operationMs: 0 });
      await adapter.close();
    }
  });
});
