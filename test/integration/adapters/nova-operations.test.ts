/**
 * Nova power operations that take their time or fail: the adapter follows a server
 * within the operation's budget (not a fixed number of reads); an operation nova
 * reverted (`@reverts_task_state`: no task left, status unchanged) or that left the
 * server in ERROR is CLOUD_OPERATION_FAILED at once, not after the budget; a JSON
 * computeFault 500 is CLOUD_OPERATION_FAILED on the action and UPSTREAM_ERROR on a
 * read; a proxy's plain-text 502 is CLOUD_UNAVAILABLE.
 */
import { startGateway, type Gateway, type GatewayRequest } from '../../../mocks/nova/gateway';
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { AdapterOptions, CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { liveVm } from '../../support/vmEvents';
import { waitFor } from '../../support/waitFor';
import { keystoneLogin } from '../../support/keystone';

const COMPUTE = '/compute/v2.1';
const seed: SeedCloud = buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
const runningVm = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;

describe('nova adapter: long and failing power operations', () => {
  let mock: NovaMock;
  let token: string;
  const adapters: CloudAdapter[] = [];
  const adapterWith = (overrides: Partial<AdapterOptions> = {}): CloudAdapter => {
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova', overrides));
    adapters.push(adapter);
    return adapter;
  };
  const headers = () => ({ 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.79', 'content-type': 'application/json' });
  /** The server as nova shows it (at the adapter's microversion). */
  async function server(id: string): Promise<{ status: string; 'OS-EXT-STS:task_state': string | null; fault?: { code: number } }> {
    const res = await fetch(`${mock.url}${COMPUTE}/servers/${id}`, { headers: headers() });
    return ((await res.json()) as { server: { status: string; 'OS-EXT-STS:task_state': string | null } }).server;
  }
  /** The server's newest instance action. */
  async function lastAction(id: string): Promise<{ action: string; message: string | null }> {
    const res = await fetch(`${mock.url}${COMPUTE}/servers/${id}/os-instance-actions`, { headers: headers() });
    return ((await res.json()) as { instanceActions: { action: string; message: string | null }[] }).instanceActions[0]!;
  }
  const failIntoError = (enabled: boolean) =>
    fetch(`${mock.url}/__mock/fail-into-error`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enabled }),
    });
  /** A budget far over jest's timeout: a failure reported only when it is spent fails the test. */
  const LONG = { budgets: { powerOnMs: 60_000, powerOffMs: 60_000 } };

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    ({ token } = await keystoneLogin(mock));
  });
  afterEach(async () => {
    mock.setFaults({ operationMs: 0, failOperations: false, proxyStatus: 0 });
    await failIntoError(false);
    // Let an operation left running settle, then put the server back as the seed has it.
    await waitFor('the server to settle', async () => !(await server(runningVm.nativeId))['OS-EXT-STS:task_state']);
    if ((await server(runningVm.nativeId)).status === 'ERROR') await adapterWith().powerOff(runningVm.nativeId);
    liveVm(mock.cloud, runningVm.nativeId).powerState = runningVm.powerState;
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock.close();
  });

  it('reports an operation longer than its budget as CLOUD_UNAVAILABLE, saying the budget', async () => {
    mock.setFaults({ operationMs: 1500 });
    const adapter = adapterWith({ budgets: { powerOnMs: 300, powerOffMs: 300 } });
    const err = await adapter.powerOff(runningVm.nativeId).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CLOUD_UNAVAILABLE' });
    expect((err as Error).message).toContain('did not finish within 0.3 s');
    // Not a failure in the cloud: it was still going on.
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': 'powering-off' });
  });

  it('follows an operation longer than the old fixed schedule (~7.5 s) to its end within a larger budget', async () => {
    mock.setFaults({ operationMs: 8000 });
    await adapterWith({ budgets: { powerOnMs: 30_000, powerOffMs: 30_000 } }).powerOff(runningVm.nativeId);
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'SHUTOFF', 'OS-EXT-STS:task_state': null });
  }, 45_000);

  it.each([200, 0])(
    'reports an operation nova reverted (no task, status unchanged) as CLOUD_OPERATION_FAILED at once (operationMs %d)',
    async (operationMs) => {
      mock.setFaults({ failOperations: true, operationMs });
      const err = await adapterWith(LONG)
        .powerOff(runningVm.nativeId)
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CLOUD_OPERATION_FAILED' });
      expect(await server(runningVm.nativeId)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': null });
      expect((await server(runningVm.nativeId)).fault).toBeUndefined();
      expect(await lastAction(runningVm.nativeId)).toMatchObject({ action: 'stop', message: 'Error' });
      expect(liveVm(mock.cloud, runningVm.nativeId).powerState).toBe('POWERED_ON');
    },
  );

  it('mock nova: settles an operation when its time is up, unread, even if the wall clock stepped back meanwhile', async () => {
    mock.setFaults({ operationMs: 300 });
    const res = await fetch(`${mock.url}${COMPUTE}/servers/${runningVm.nativeId}/action`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ 'os-stop': null }),
    });
    expect(res.status).toBe(202);
    // `Date.now()` 100 ms behind from here on: the operation's timer fires before the clock says its time is up.
    const realNow = Date.now;
    const lagging = jest.spyOn(Date, 'now').mockImplementation(() => realNow.call(Date) - 100);
    try {
      // Nobody reads the server (a read settles it too): the timer alone must change it.
      await waitFor('the server to stop', () => liveVm(mock.cloud, runningVm.nativeId).powerState === 'POWERED_OFF');
    } finally {
      lagging.mockRestore();
    }
  });

  it('mock nova: the task_state is there on the first read after the 202, and cleared by a revert', async () => {
    mock.setFaults({ failOperations: true, operationMs: 300 });
    const res = await fetch(`${mock.url}${COMPUTE}/servers/${runningVm.nativeId}/action`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ 'os-stop': null }),
    });
    expect(res.status).toBe(202);
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': 'powering-off' });
    expect(await lastAction(runningVm.nativeId)).toMatchObject({ action: 'stop', message: null });
    await waitFor('the reverted task to clear', async () => !(await server(runningVm.nativeId))['OS-EXT-STS:task_state']);
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'ACTIVE' });
    expect(await lastAction(runningVm.nativeId)).toMatchObject({ message: 'Error' });
  });

  it('reports an operation that left the server in ERROR with a fault as CLOUD_OPERATION_FAILED at once', async () => {
    expect((await failIntoError(true)).status).toBe(200);
    mock.setFaults({ failOperations: true, operationMs: 200 });
    const err = await adapterWith(LONG)
      .powerOff(runningVm.nativeId)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CLOUD_OPERATION_FAILED' });
    const shown = await server(runningVm.nativeId);
    expect(shown).toMatchObject({ status: 'ERROR', 'OS-EXT-STS:task_state': null, fault: { code: 500 } });
    expect(liveVm(mock.cloud, runningVm.nativeId).powerState).toBe('POWERED_ON');
  });

  it('stops a server in ERROR (nova allows os-stop from ERROR) but does not start it', async () => {
    await failIntoError(true);
    mock.setFaults({ failOperations: true });
    const adapter = adapterWith();
    await expect(adapter.powerOff(runningVm.nativeId)).rejects.toMatchObject({ code: 'CLOUD_OPERATION_FAILED' });
    mock.setFaults({ failOperations: false, operationMs: 300 });
    await expect(adapter.powerOn(runningVm.nativeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await adapter.powerOff(runningVm.nativeId);
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'SHUTOFF' });
    expect((await server(runningVm.nativeId)).fault).toBeUndefined();
  });

  it("reports a proxy's plain-text 502 as CLOUD_UNAVAILABLE", async () => {
    const adapter = adapterWith();
    await adapter.listVdcs(); // logged in, so the 502 meets the power call itself
    mock.setFaults({ proxyStatus: 502 });
    await expect(adapter.powerOff(runningVm.nativeId)).rejects.toMatchObject({ code: 'CLOUD_UNAVAILABLE', status: 502 });
  });
});

describe('nova adapter: a JSON computeFault 500', () => {
  let mock: NovaMock;
  let gateway: Gateway;
  const message =
    "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'oslo_messaging.exceptions.MessagingTimeout'>";
  const computeFault = { status: 500, body: { computeFault: { code: 500, message } } };

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    gateway = await startGateway([{ prefix: '/compute', target: `${mock.url}/compute` }]);
    mock.deployment.publicComputeUrl = `${gateway.url}${COMPUTE}`;
  });
  afterEach(() => {
    gateway.intercept = undefined;
    gateway.requests.splice(0);
  });
  afterAll(async () => {
    await gateway.close();
    await mock.close();
  });

  it('on the power action is CLOUD_OPERATION_FAILED, not an outage, and no upstream text reaches the message', async () => {
    // Nova's answer when the action failed inside it (here: the RPC to the compute host timed out).
    gateway.intercept = (r) => (r.method === 'POST' && r.url.endsWith('/action') ? computeFault : undefined);
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova'));
    try {
      const err = await adapter.powerOff(runningVm.nativeId).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CLOUD_OPERATION_FAILED', status: 500 });
      expect((err as Error).message).not.toContain('Unexpected');
      expect(gateway.count(`${COMPUTE}/servers/${runningVm.nativeId}/action`)).toBe(1);
    } finally {
      await adapter.close();
    }
  });

  // Nothing was operated on: a read that nova failed to answer is not a failed operation.
  it.each<[string, string, (adapter: CloudAdapter) => Promise<unknown>]>([
    ['the server list', `${COMPUTE}/servers/detail`, (a) => a.listVms()],
    ['the server read after the action', `${COMPUTE}/servers/${runningVm.nativeId}`, (a) => a.powerOn(runningVm.nativeId)],
    ['the zone list', `${COMPUTE}/os-availability-zone`, (a) => a.listVdcs()],
    ['the version document', `${COMPUTE}/`, (a) => a.listVdcs()],
  ])('on %s is UPSTREAM_ERROR, without its text', async (_what, path, call) => {
    const reads = (r: GatewayRequest) => r.method === 'GET' && r.url.split('?')[0] === path;
    gateway.intercept = (r) => (reads(r) ? computeFault : undefined);
    const adapter = createNovaAdapter(adapterOptionsFor(mock, 'nova'));
    // The read after a power-on: the server must be off for nova to accept the start.
    const vm = liveVm(mock.cloud, runningVm.nativeId);
    vm.powerState = 'POWERED_OFF';
    try {
      const err = await call(adapter).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', status: 500 });
      expect((err as Error).message).not.toContain('Unexpected');
      expect(gateway.requests.filter(reads)).toHaveLength(1);
    } finally {
      vm.powerState = runningVm.powerState;
      await adapter.close();
    }
  });
});
