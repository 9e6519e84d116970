/**
 * Cloud Director power operations as tasks: a task stays queued/running for the
 * time the operation takes, the adapter follows it within the operation's budget,
 * and each way an operation can fail maps to its code: a task ending in `error`
 * and an action answered with the API's JSON 500 to CLOUD_OPERATION_FAILED, a
 * proxy's plain-text 503 and a task outliving its budget to CLOUD_UNAVAILABLE.
 * Expected values come from buildSeed().
 */
import { startDirectorMock } from '../../../mocks/director';
import { buildSeed, type SeedVm } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { waitFor } from '../../support/waitFor';
import { expectCode } from '../../support/cloudErrors';

const seed = buildSeed().clouds.find((c) => c.kind === 'director')!;
const offVm = seed.vms.find((vm) => vm.powerState === 'POWERED_OFF')!;
const uuidOf = (urn: string): string => urn.slice(urn.lastIndexOf(':') + 1);

// Operations here take their (mock) time: room for them on a loaded machine.
jest.setTimeout(20_000);

describe('Cloud Director power tasks', () => {
  let mock: MockCloud;
  let adapter: CloudAdapter;
  const live = (vm: SeedVm) => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!;
  /** Headers of a provider session of our own, to read what the adapter does not show. */
  async function session(): Promise<Record<string, string>> {
    const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
      method: 'POST',
      headers: {
        accept: 'application/json;version=38.0',
        authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64')}`,
      },
    });
    return { accept: 'application/*+json;version=38.0', authorization: `Bearer ${login.headers.get('x-vmware-vcloud-access-token')}` };
  }
  const readTask = async (href: string, headers: Record<string, string>) =>
    (await (await fetch(href, { headers })).json()) as { status: string; progress: number };

  beforeAll(async () => {
    mock = await startDirectorMock(structuredClone(seed));
    adapter = createDirectorAdapter(adapterOptionsFor(mock, 'director', { budgets: { powerOnMs: 10_000, powerOffMs: 10_000 } }));
    await adapter.probe();
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });
  // A task a test left going ends here, so no VM is busy in the next test.
  afterEach(async () => {
    mock.setFaults({ operationMs: 0, failOperations: false, proxyStatus: 0 });
    expect((await fetch(`${mock.url}/__mock/end-tasks`, { method: 'POST' })).status).toBe(200);
    live(offVm).powerState = offVm.powerState;
    mock.resetRequests();
  });

  it('mock: keeps a task queued, then running with rising progress, for the operation time', async () => {
    mock.setFaults({ operationMs: 4000 });
    const headers = await session();
    const accepted = await fetch(`${mock.url}/api/vApp/vm-${uuidOf(offVm.nativeId)}/power/action/powerOn`, { method: 'POST', headers });
    expect(accepted.status).toBe(202);
    const { href } = (await accepted.json()) as { href: string };
    const read = () => readTask(href, headers);
    expect(['queued', 'running']).toContain((await read()).status);
    const busy = await fetch(`${mock.url}/api/vApp/vm-${uuidOf(offVm.nativeId)}/power/action/powerOn`, { method: 'POST', headers });
    expect(busy.status).toBe(400);
    expect(live(offVm).powerState).toBe('POWERED_OFF');
    const running = await waitFor('the task to run', async () => {
      const task = await read();
      return task.status === 'running' && task.progress > 0 ? task : undefined;
    });
    await waitFor(`the running task's progress to rise past ${running.progress}`, async () => {
      const task = await read();
      return task.status === 'running' && task.progress > running.progress;
    });
    await waitFor('the task to succeed', async () => (await read()).status === 'success', { timeoutMs: 15_000 });
    expect(live(offVm).powerState).toBe('POWERED_ON');
  });

  it('mock: ends a task when its time is up, unread, even if the wall clock stepped back meanwhile', async () => {
    mock.setFaults({ operationMs: 300 });
    const headers = await session();
    const vmUrl = `${mock.url}/api/vApp/vm-${uuidOf(offVm.nativeId)}`;
    expect((await fetch(`${vmUrl}/power/action/powerOn`, { method: 'POST', headers })).status).toBe(202);
    // `Date.now()` 100 ms behind from here on: the task's timer fires before the clock says its time is up.
    const realNow = Date.now;
    const lagging = jest.spyOn(Date, 'now').mockImplementation(() => realNow.call(Date) - 100);
    try {
      // The VM's own record (4: powered on), not the task, which would end it when read.
      await waitFor(
        'the VM to show powered on',
        async () => ((await (await fetch(vmUrl, { headers })).json()) as { status: number }).status === 4,
      );
    } finally {
      lagging.mockRestore();
    }
  });

  it('follows a running task until it succeeds', async () => {
    mock.setFaults({ operationMs: 1200 });
    await adapter.powerOn(offVm.nativeId);
    expect(live(offVm).powerState).toBe('POWERED_ON');
    expect(mock.countRequests('/api/task/')).toBeGreaterThan(1);
  });

  it('mock: leaves a powered-off VM deployed, as a cell does (undeploy is its own action)', async () => {
    const onVm = seed.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
    try {
      await adapter.powerOff(onVm.nativeId);
      const filter = encodeURIComponent(`id==${onVm.nativeId}`);
      const headers = await session();
      const page = (await (await fetch(`${mock.url}/api/query?type=adminVM&filter=${filter}`, { headers })).json()) as {
        record: unknown[];
      };
      expect(page.record).toEqual([expect.objectContaining({ status: 'POWERED_OFF', isDeployed: true })]);
      const detail = await (await fetch(`${mock.url}/api/vApp/vm-${uuidOf(onVm.nativeId)}`, { headers })).json();
      expect(detail).toMatchObject({ status: 8, deployed: true });
    } finally {
      live(onVm).powerState = onVm.powerState;
    }
  });

  it('gives up on a task still running after the budget, naming it, with CLOUD_UNAVAILABLE', async () => {
    mock.setFaults({ operationMs: 1000 });
    const hurried = createDirectorAdapter(adapterOptionsFor(mock, 'director', { budgets: { powerOnMs: 300, powerOffMs: 300 } }));
    try {
      const err = await expectCode(hurried.powerOn(offVm.nativeId), ErrorCode.CLOUD_UNAVAILABLE);
      expect(err.message).toBe(`VM ${offVm.nativeId}: the Cloud Director task did not finish within 0.3 s`);
    } finally {
      await hurried.close();
    }
    // The operation goes on in the cloud and succeeds there: its task, as the cell shows it, ends in success.
    const polled = mock.requests.find((r) => r.url.startsWith('/api/task/'));
    expect(polled).toBeDefined();
    const headers = await session();
    await waitFor(
      'the task to succeed after all',
      async () => (await readTask(`${mock.url}${polled!.url}`, headers)).status === 'success',
      {
        timeoutMs: 15_000,
      },
    );
    expect(live(offVm).powerState).toBe('POWERED_ON');
  });

  it('follows a task whose href names the cell’s public URL behind a proxy, asking the configured URL', async () => {
    // The cell writes hrefs with its public URL: another host, under a path prefix the configured URL does not have.
    const setPublicUrl = (url: string | null) =>
      fetch(`${mock.url}/__mock/public-url`, {
        method: 'POST',
        body: JSON.stringify({ url }),
        headers: { 'content-type': 'application/json' },
      });
    expect((await setPublicUrl('https://vcd.example.com/tenant-portal')).status).toBe(200);
    try {
      mock.setFaults({ operationMs: 600 });
      await adapter.powerOn(offVm.nativeId);
      expect(live(offVm).powerState).toBe('POWERED_ON');
      const polls = mock.requests.filter((r) => r.url.startsWith('/api/task/'));
      expect(polls.length).toBeGreaterThan(0);
      expect(polls.every((r) => /^\/api\/task\/[0-9a-f-]{36}$/.test(r.url))).toBe(true);
    } finally {
      await setPublicUrl(null);
    }
  });

  it('maps a task ending in error to CLOUD_OPERATION_FAILED and leaves the VM as it was', async () => {
    mock.setFaults({ failOperations: true, operationMs: 200 });
    await expectCode(adapter.powerOn(offVm.nativeId), ErrorCode.CLOUD_OPERATION_FAILED);
    expect(live(offVm).powerState).toBe('POWERED_OFF');
  });

  it('maps the API’s JSON 500 for an action to CLOUD_OPERATION_FAILED', async () => {
    await fetch(`${mock.url}/__mock/reject-actions`, {
      method: 'POST',
      body: '{"count":1}',
      headers: { 'content-type': 'application/json' },
    });
    const err = await expectCode(adapter.powerOn(offVm.nativeId), ErrorCode.CLOUD_OPERATION_FAILED);
    expect(err.message).not.toMatch(/Contact your cloud administrator/);
    expect(live(offVm).powerState).toBe('POWERED_OFF');
  });

  it('maps a proxy’s plain-text 503 for an action to CLOUD_UNAVAILABLE', async () => {
    mock.setFaults({ proxyStatus: 503 });
    await expectCode(adapter.powerOn(offVm.nativeId), ErrorCode.CLOUD_UNAVAILABLE);
    mock.setFaults({ proxyStatus: 0 });
    expect(live(offVm).powerState).toBe('POWERED_OFF');
  });
});
