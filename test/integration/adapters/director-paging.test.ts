/**
 * Cloud Director paging against a cell whose provider lowered the maximum page
 * size to 25: the cell serves 25 records a page without saying so except in the
 * answer's `pageSize` (and cloudapi's `pageCount`), so the adapter must count
 * pages from those, not from the 128 it asked for. Expected values from buildSeed().
 */
import { startDirectorMock } from '../../../mocks/director';
import { buildSeed } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { byId, expectedVmRecord } from '../../support/expected';

const MAX_PAGE_SIZE = 25;

describe('Cloud Director adapter against a cell with a lower maximum page size', () => {
  // 2 orgs of 20 VDCs (40: two cloudapi pages of 25) with 3 VMs each (120: five query pages of 25).
  const seed = buildSeed({ clouds: [{ id: 'vcd-small-pages', kind: 'director' }], vdcsPerOrg: 20, vmsPerVdc: 3 }).clouds[0]!;
  const pagesFor = (n: number) => Math.ceil(n / MAX_PAGE_SIZE);
  let mock: MockCloud;
  let adapter: CloudAdapter;

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed), { directorMaxPageSize: MAX_PAGE_SIZE });
    adapter = createDirectorAdapter(adapterOptionsFor(mock, 'director'));
    await adapter.probe(); // negotiate and log in before counting
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  beforeEach(() => mock.resetRequests());

  it('mock: the cell caps a larger page size silently and says which it used', async () => {
    const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
      method: 'POST',
      headers: {
        accept: 'application/json;version=38.0',
        authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64')}`,
      },
    });
    const auth = { authorization: `Bearer ${login.headers.get('x-vmware-vcloud-access-token')}` };
    const records = await fetch(`${mock.url}/api/query?type=adminVM&format=records&page=1&pageSize=128`, {
      headers: { ...auth, accept: 'application/*+json;version=38.0' },
    });
    expect(records.status).toBe(200);
    const page = (await records.json()) as { pageSize: number; total: number; record: unknown[] };
    expect(page).toMatchObject({ pageSize: MAX_PAGE_SIZE, total: seed.vms.length });
    expect(page.record).toHaveLength(MAX_PAGE_SIZE);

    const vdcs = await fetch(`${mock.url}/cloudapi/1.0.0/vdcs?page=1&pageSize=128`, {
      headers: { ...auth, accept: 'application/json;version=38.0' },
    });
    expect(await vdcs.json()).toMatchObject({
      pageSize: MAX_PAGE_SIZE,
      pageCount: pagesFor(seed.vdcs.length),
      resultTotal: seed.vdcs.length,
    });
  });

  it('lists every VM, one request per page the cell serves', async () => {
    expect(seed.vms.length).toBeGreaterThan(MAX_PAGE_SIZE);
    const vms = await adapter.listVms();
    expect([...vms].sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
    expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vms.length));
  });

  it('lists the VMs of chosen VDCs over several pages', async () => {
    const vdcIds = seed.vdcs.slice(0, 10).map((v) => v.nativeId);
    const expected = seed.vms.filter((vm) => vdcIds.includes(vm.vdcNativeId));
    expect(expected.length).toBeGreaterThan(MAX_PAGE_SIZE);
    const vms = await adapter.listVms(vdcIds);
    expect([...vms].sort(byId)).toEqual(expected.map(expectedVmRecord).sort(byId));
  });

  it('lists every VDC over several cloudapi pages', async () => {
    const vdcs = await adapter.listVdcs();
    expect(vdcs.map((v) => v.id)).toEqual(seed.vdcs.map((v) => v.nativeId));
    expect(mock.countRequests('/cloudapi/1.0.0/vdcs')).toBe(pagesFor(seed.vdcs.length));
  });

  describe('when the cell echoes the asked page size while serving fewer', () => {
    const echo = (on: boolean) =>
      fetch(`${mock.url}/__mock/paging`, {
        method: 'POST',
        body: JSON.stringify({ echoPageSize: on }),
        headers: { 'content-type': 'application/json' },
      });
    beforeAll(async () => expect((await echo(true)).status).toBe(200));
    afterAll(() => echo(false));

    it('mock: the cell answers pageSize as asked with fewer records than that', async () => {
      const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
        method: 'POST',
        headers: {
          accept: 'application/json;version=38.0',
          authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64')}`,
        },
      });
      const records = await fetch(`${mock.url}/api/query?type=adminVM&format=records&page=1&pageSize=128`, {
        headers: {
          authorization: `Bearer ${login.headers.get('x-vmware-vcloud-access-token')}`,
          accept: 'application/*+json;version=38.0',
        },
      });
      const page = (await records.json()) as { pageSize: number; total: number; record: unknown[] };
      expect(page).toMatchObject({ pageSize: 128, total: seed.vms.length });
      expect(page.record).toHaveLength(MAX_PAGE_SIZE);
    });

    it('counts pages by the records actually served, and loses none', async () => {
      const vms = await adapter.listVms();
      expect([...vms].sort(byId)).toEqual(seed.vms.map(expectedVmRecord).sort(byId));
      expect(mock.countRequests('/api/query')).toBe(pagesFor(seed.vms.length));
      // Pages after the first are asked for at the size served.
      const later = mock.requests.filter((r) => r.url.startsWith('/api/query') && !/[?&]page=1(&|$)/.test(r.url));
      expect(later.every((r) => new RegExp(`[?&]pageSize=${MAX_PAGE_SIZE}(&|$)`).test(r.url))).toBe(true);
    });

    it('does the same for cloudapi lists', async () => {
      const vdcs = await adapter.listVdcs();
      expect(vdcs.map((v) => v.id)).toEqual(seed.vdcs.map((v) => v.nativeId));
      expect(mock.countRequests('/cloudapi/1.0.0/vdcs')).toBe(pagesFor(seed.vdcs.length));
    });
  });
});
