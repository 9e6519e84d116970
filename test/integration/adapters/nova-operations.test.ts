/**
 * Nova power operations that take their time or fail: the adapter follows a server
 * within the operation's budget (not a fixed number of reads), reports a server
 * that went to ERROR as CLOUD_OPERATION_FAILED, a JSON computeFault 500 likewise,
 * and a proxy's plain-text 502 as CLOUD_UNAVAILABLE.
 */
import { startGateway, type Gateway } from '../../../mocks/nova/gateway';
import { startNovaMock, type NovaMock } from '../../../mocks/nova';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import type { AdapterOptions, CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { liveVm } from '../../support/vmEvents';
import { waitFor } from '../../support/waitFor';

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
  /** The server as nova shows it (at the adapter's microversion). */
  async function server(id: string): Promise<{ status: string; 'OS-EXT-STS:task_state': string | null; fault?: { code: number } }> {
    const res = await fetch(`${mock.url}${COMPUTE}/servers/${id}`, {
      headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': 'compute 2.79' },
    });
    return ((await res.json()) as { server: { status: string; 'OS-EXT-STS:task_state': string | null } }).server;
  }

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    const res = await fetch(`${mock.url}/identity/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: 'admin', domain: { name: 'Default' }, password: 'overcast' } } },
          scope: { project: { name: 'overcast', domain: { name: 'Default' } } },
        },
      }),
    });
    token = res.headers.get('x-subject-token')!;
  });
  afterEach(async () => {
    mock.setFaults({ operationMs: 0, failOperations: false, proxyStatus: 0 });
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
    expect((err as Error).message).toContain('within 0.3 s');
    // Not a failure in the cloud: it was still going on.
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'ACTIVE', 'OS-EXT-STS:task_state': 'powering-off' });
  });

  it('follows an operation longer than the old fixed schedule (~7.5 s) to its end within a larger budget', async () => {
    mock.setFaults({ operationMs: 8000 });
    await adapterWith({ budgets: { powerOnMs: 9500, powerOffMs: 9500 } }).powerOff(runningVm.nativeId);
    expect(await server(runningVm.nativeId)).toMatchObject({ status: 'SHUTOFF', 'OS-EXT-STS:task_state': null });
  }, 15_000);

  it('reports an operation that failed in the cloud (server in ERROR with a fault) as CLOUD_OPERATION_FAILED', async () => {
    mock.setFaults({ failOperations: true, operationMs: 200 });
    const err = await adapterWith()
      .powerOff(runningVm.nativeId)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CLOUD_OPERATION_FAILED' });
    const shown = await server(runningVm.nativeId);
    expect(shown).toMatchObject({ status: 'ERROR', 'OS-EXT-STS:task_state': null, fault: { code: 500 } });
    expect(liveVm(mock.cloud, runningVm.nativeId).powerState).toBe('POWERED_ON');
  });

  it('stops a server in ERROR (nova allows os-stop from ERROR) but does not start it', async () => {
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

  beforeAll(async () => {
    mock = await startNovaMock(structuredClone(seed));
    gateway = await startGateway([{ prefix: '/compute', target: `${mock.url}/compute` }]);
    mock.deployment.publicComputeUrl = `${gateway.url}${COMPUTE}`;
  });
  afterAll(async () => {
    await gateway.close();
    await mock.close();
  });

  it('is CLOUD_OPERATION_FAILED, not an outage, and no upstream text reaches the message', async () => {
    const message =
      "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'oslo_messaging.exceptions.MessagingTimeout'>";
    // Nova's answer when the action failed inside it (here: the RPC to the compute host timed out).
    gateway.intercept = (r) =>
      r.method === 'POST' && r.url.endsWith('/action') ? { status: 500, body: { computeFault: { code: 500, message } } } : undefined;
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
});
