/**
 * Cloud Director API version: a cell offers a window of versions and answers 406
 * to any other, so the adapter negotiates from `GET /api/versions` (once per
 * session) unless `apiVersion` pins one. The mock here offers at most 37.0, as a
 * VCD 10.4 cell does; expected values come from buildSeed().
 */
import { startDirectorMock } from '../../../mocks/director';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { createTenancyClient } from '../../../subgraphs/sp-node/clients/director';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { byId, expectedVmRecord } from '../../support/expected';
import { cloudError } from '../../support/cloudErrors';

const directorSeed = (): SeedCloud => buildSeed().clouds.find((c) => c.kind === 'director')!;

describe('Cloud Director API version negotiation', () => {
  const seed = directorSeed();
  let mock: MockCloud;
  const adapters: CloudAdapter[] = [];
  const adapter = (overrides: Parameters<typeof adapterOptionsFor>[2] = {}): CloudAdapter => {
    const created = createDirectorAdapter(adapterOptionsFor(mock, 'director', overrides));
    adapters.push(created);
    return created;
  };

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed), { directorMaxApiVersion: '37.0' });
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('lists the versions the cell offers without a session, and refuses a higher one with 406', async () => {
    const res = await fetch(`${mock.url}/api/versions`, { headers: { accept: 'application/*+json' } });
    expect(res.status).toBe(200);
    const offered = ((await res.json()) as { versionInfo: Array<{ version: string }> }).versionInfo.map((v) => v.version);
    expect(offered).toContain('37.0');
    expect(offered).not.toContain('38.0');
    const tooNew = await fetch(`${mock.url}/api/query?type=adminVM`, { headers: { accept: 'application/*+json;version=38.0' } });
    expect(tooNew.status).toBe(406);
  });

  it('answers in the version the request named, on both halves and in errors', async () => {
    for (const version of ['36.0', '37.0']) {
      const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
        method: 'POST',
        headers: {
          accept: `application/json;version=${version}`,
          authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64')}`,
        },
      });
      // `version=37.0`, which fastify writes quoted (`version="37.0"`), the same parameter.
      const named = `;\\s*version="?${version.replace('.', '\\.')}"?(;|$)`;
      expect(login.headers.get('content-type')).toMatch(new RegExp(`^application/json${named}`));
      const auth = { authorization: `Bearer ${login.headers.get('x-vmware-vcloud-access-token')}` };
      const legacy = { ...auth, accept: `application/*+json;version=${version}` };
      const cloudapi = { ...auth, accept: `application/json;version=${version}` };
      const answers = {
        'application/vnd.vmware.vcloud.query.records+json': await fetch(`${mock.url}/api/query?type=adminVM`, { headers: legacy }),
        'application/json': await fetch(`${mock.url}/cloudapi/1.0.0/vdcs`, { headers: cloudapi }),
        'application/vnd.vmware.vcloud.error+json': await fetch(`${mock.url}/api/vApp/vm-00000000-0000-4000-a000-000000000000`, {
          headers: legacy,
        }),
      };
      for (const [type, res] of Object.entries(answers)) {
        expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type.replace(/[.*+]/g, '\\$&')}${named}`));
      }
      expect(answers['application/vnd.vmware.vcloud.error+json'].status).toBe(403);
    }
  });

  it('speaks the highest version a 37.0 cell offers, asking for the list once per session', async () => {
    const director = adapter();
    const [vdcs, vms] = await Promise.all([director.listVdcs(), director.listVms()]);
    const on = seed.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
    const live = mock.cloud.vms.find((vm) => vm.nativeId === on.nativeId)!;
    try {
      await director.powerOff(on.nativeId);
      expect(live.powerState).toBe('POWERED_OFF');
    } finally {
      live.powerState = on.powerState;
    }
    expect(vdcs.map((v) => v.id)).toEqual(seed.vdcs.map((v) => v.nativeId));
    expect([...vms].sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests('/api/versions')).toBe(1);
    // Every request after the list names 37.0, the highest the cell offers.
    const spoken = mock.requests.filter((r) => !r.url.startsWith('/api/versions')).map((r) => /version=([\d.]+)/.exec(r.accept ?? '')?.[1]);
    expect(spoken.length).toBeGreaterThan(3);
    expect(new Set(spoken)).toEqual(new Set(['37.0']));
  });

  it('negotiates for the sp-node tenancy client too, asking for the list once, and lists the orgs', async () => {
    const tenancy = createTenancyClient(adapterOptionsFor(mock, 'director'));
    try {
      expect((await tenancy.listOrgs()).map((o) => o.id).sort()).toEqual(seed.orgs.map((o) => o.nativeId).sort());
      expect(mock.countRequests('/api/versions')).toBe(1);
      const spoken = mock.requests
        .filter((r) => !r.url.startsWith('/api/versions'))
        .map((r) => /version=([\d.]+)/.exec(r.accept ?? '')?.[1]);
      expect(new Set(spoken)).toEqual(new Set(['37.0']));
    } finally {
      await tenancy.close();
    }
  });

  it('uses a pinned version as configured, without asking, and names it when the cell refuses it', async () => {
    const err = await cloudError(adapter({ apiVersion: '38.0' }).listVdcs());
    expect(err.code).toBe(ErrorCode.UPSTREAM_ERROR);
    expect(err.message).toContain('38.0');
    expect(mock.countRequests('/api/versions')).toBe(0);

    expect(await adapter({ apiVersion: '37.0' }).listVdcs()).toHaveLength(seed.vdcs.length);
    expect(mock.countRequests('/api/versions')).toBe(0);
  });
});

describe('Cloud Director API version negotiation with a cell too old', () => {
  let mock: MockCloud;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(directorSeed()), { directorMaxApiVersion: '36.0' });
  });
  afterAll(() => mock.close());

  it('refuses a cell offering nothing from 37.0 up, naming the range, before logging in', async () => {
    const director = createDirectorAdapter(adapterOptionsFor(mock, 'director'));
    try {
      const err = await cloudError(director.listVdcs());
      expect(err.code).toBe(ErrorCode.UPSTREAM_ERROR);
      expect(err.message).toMatch(/37\.0/);
      expect(mock.countRequests('/cloudapi/')).toBe(0);
    } finally {
      await director.close();
    }
  });
});
