/**
 * vSphere power operations as a real vCenter carries them out: the call is
 * synchronous (it answers when vCenter's power task ends), so it is bounded by the
 * operation's budget and not by the per-request timeout; a task that fails in
 * vCenter is answered 500 `ERROR` and is CLOUD_OPERATION_FAILED, while the API's own
 * 503 and its reverse proxy's plain-text 503 are outages (CLOUD_UNAVAILABLE). The mock
 * blocks a power call for `operationMs` and fails it with `failOperations`.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSeed, type SeedCloud, type SeedVm } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import { startVsphereMock } from '../../../mocks/vsphere';
import { createVsphereAdapter } from '../../../subgraphs/cloud-node/adapters/vsphere';
import type { AdapterOptions, CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { waitFor } from '../../support/waitFor';

/** Small, so that each test takes a few seconds at most. */
const REQUEST_TIMEOUT_MS = 1000;
/** Longer than REQUEST_TIMEOUT_MS. */
const OPERATION_MS = 2500;
/** Connections of one adapter's pool (subgraphs/shared/http.ts). */
const POOL_CONNECTIONS = 16;

const seed: SeedCloud = buildSeed({ clouds: [{ id: 'vc-ops', kind: 'vsphere' }], vmsPerVdc: 16 }).clouds[0]!;

describe('vSphere power operations', () => {
  let mock: MockCloud;
  const adapters: CloudAdapter[] = [];
  const used = new Set<string>();

  const adapter = (overrides: Partial<AdapterOptions> = {}): CloudAdapter => {
    const created = createVsphereAdapter(adapterOptionsFor(mock, 'vsphere', { timeoutMs: REQUEST_TIMEOUT_MS, ...overrides }));
    adapters.push(created);
    return created;
  };
  /** A VM of the seed in `state` that no other test has touched. */
  const freshVm = (state: SeedVm['powerState']): SeedVm => {
    const vm = seed.vms.find((v) => v.powerState === state && !used.has(v.nativeId));
    if (!vm) throw new Error(`the seed has no ${state} VM left`);
    used.add(vm.nativeId);
    return vm;
  };
  const stateInCloud = (vm: SeedVm) => mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)?.powerState;

  beforeAll(async () => {
    mock = await startVsphereMock(structuredClone(seed));
  });
  afterEach(() => mock.setFaults({ operationMs: 0, failOperations: false, proxyStatus: 0, failRequests: false }));
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock.close();
  });

  it('answers reads while more power calls than its pool has connections are held by vCenter', async () => {
    const vsphere = adapter();
    await vsphere.listVdcs(); // logged in
    mock.setFaults({ operationMs: OPERATION_MS });
    const held = Array.from({ length: POOL_CONNECTIONS + 1 }, () => freshVm('POWERED_ON')).map((vm) => vsphere.powerOff(vm.nativeId));
    try {
      // The pool is full: one call more waits in it for a connection.
      await waitFor(
        'the pool to be full of power calls held by vCenter',
        () => mock.requests.filter((r) => r.url.includes('/power?action=stop')).length === POOL_CONNECTIONS,
      );
      // Each read has REQUEST_TIMEOUT_MS, shorter than the calls are held: it is answered only if it did not queue behind them.
      expect(await vsphere.listVdcs()).toHaveLength(seed.vdcs.length);
    } finally {
      await Promise.allSettled(held);
    }
  });

  it('waits for a power-off that outlasts the request timeout, within the power-off budget', async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter({ budgets: { powerOnMs: 100, powerOffMs: OPERATION_MS + 2000 } });
    await vsphere.listVdcs(); // logged in: only the power call below is slow
    mock.setFaults({ operationMs: OPERATION_MS });
    await vsphere.powerOff(vm.nativeId);
    expect(stateInCloud(vm)).toBe('POWERED_OFF');
  });

  it('waits for a power-on that outlasts the request timeout, within the power-on budget', async () => {
    const vm = freshVm('POWERED_OFF');
    const vsphere = adapter({ budgets: { powerOnMs: OPERATION_MS + 2000, powerOffMs: 100 } });
    await vsphere.listVdcs();
    mock.setFaults({ operationMs: OPERATION_MS });
    await vsphere.powerOn(vm.nativeId);
    expect(stateInCloud(vm)).toBe('POWERED_ON');
  });

  it('waits within the default budgets when none are configured', async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter();
    await vsphere.listVdcs();
    mock.setFaults({ operationMs: OPERATION_MS });
    await vsphere.powerOff(vm.nativeId);
    expect(stateInCloud(vm)).toBe('POWERED_OFF');
  });

  it('reports CLOUD_UNAVAILABLE when the power call outlasts its budget, though the request timeout is longer', async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter({ timeoutMs: OPERATION_MS + 2000, budgets: { powerOnMs: OPERATION_MS + 2000, powerOffMs: 200 } });
    await vsphere.listVdcs();
    mock.setFaults({ operationMs: OPERATION_MS });
    await expect(vsphere.powerOff(vm.nativeId)).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE });
    // vCenter's task went on without us: the VM does power off.
    await waitFor('the power-off to finish in vCenter', () => stateInCloud(vm) === 'POWERED_OFF', { timeoutMs: OPERATION_MS + 2000 });
  });

  it('reports a power-off that failed in vCenter (500 ERROR) as CLOUD_OPERATION_FAILED, the VM as it was', async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter();
    mock.setFaults({ failOperations: true });
    const err = await vsphere.powerOff(vm.nativeId).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: ErrorCode.CLOUD_OPERATION_FAILED, status: 500 });
    // Our words, not vCenter's default_message.
    expect((err as Error).message).not.toMatch(/failed on virtual machine/);
    expect(stateInCloud(vm)).toBe('POWERED_ON');
  });

  it('reports a power-on that failed in vCenter as CLOUD_OPERATION_FAILED, also after a long task', async () => {
    const vm = freshVm('POWERED_OFF');
    const vsphere = adapter({ budgets: { powerOnMs: OPERATION_MS + 2000, powerOffMs: 100 } });
    await vsphere.listVdcs();
    mock.setFaults({ failOperations: true, operationMs: OPERATION_MS });
    await expect(vsphere.powerOn(vm.nativeId)).rejects.toMatchObject({ code: ErrorCode.CLOUD_OPERATION_FAILED });
    expect(stateInCloud(vm)).toBe('POWERED_OFF');
  });

  it("reports the API's own 503 SERVICE_UNAVAILABLE on a power call as CLOUD_UNAVAILABLE", async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter();
    await vsphere.listVdcs();
    mock.setFaults({ failRequests: true });
    await expect(vsphere.powerOff(vm.nativeId)).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 503 });
    expect(stateInCloud(vm)).toBe('POWERED_ON');
  });

  it("reports the reverse proxy's plain-text 503 as CLOUD_UNAVAILABLE, for a power call and a read", async () => {
    const vm = freshVm('POWERED_ON');
    const vsphere = adapter();
    await vsphere.listVdcs();
    mock.setFaults({ proxyStatus: 503 });
    await expect(vsphere.powerOff(vm.nativeId)).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 503 });
    await expect(vsphere.listVms()).rejects.toMatchObject({ code: ErrorCode.CLOUD_UNAVAILABLE, status: 503 });
    expect(stateInCloud(vm)).toBe('POWERED_ON');
  });
});

describe('vSphere error types of a 500', () => {
  // vCenter's own answers the mock does not model: one server answering the login, and 500s with a vAPI body.
  let server: Server;
  let vsphere: CloudAdapter;
  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/api/session') return answer(res, 201, 'session-1');
      if (req.method === 'POST' && req.url?.startsWith('/api/vcenter/vm/vm-1/power')) {
        return answer(res, 500, vapiError('RESOURCE_INACCESSIBLE', 'com.vmware.api.vcenter.vm.inaccessible'));
      }
      if (req.method === 'POST' && req.url?.startsWith('/api/vcenter/vm/vm-2/power')) {
        return answer(res, 500, vapiError('INTERNAL_SERVER_ERROR', 'vapi.server.error'));
      }
      return answer(res, 500, vapiError('ERROR', 'vapi.server.error'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    vsphere = createVsphereAdapter({ baseUrl: `http://127.0.0.1:${port}`, username: 'u', password: 'p', timeoutMs: 2000 });
  });
  afterAll(async () => {
    await vsphere.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('makes a power call answered 500 RESOURCE_INACCESSIBLE CLOUD_OPERATION_FAILED', async () => {
    await expect(vsphere.powerOn('vm-1')).rejects.toMatchObject({ code: ErrorCode.CLOUD_OPERATION_FAILED, status: 500 });
  });

  it('makes a power call answered 500 with a type that is no operation failure UPSTREAM_ERROR', async () => {
    await expect(vsphere.powerOn('vm-2')).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 500 });
  });

  it('makes a read answered 500 ERROR UPSTREAM_ERROR: no operation failed', async () => {
    await expect(vsphere.listVdcs()).rejects.toMatchObject({ code: ErrorCode.UPSTREAM_ERROR, status: 500 });
  });
});

/** A vAPI error body as vCenter sends it (`messages` with `params` and `localized` left out: the adapter reads neither). */
function vapiError(type: string, id: string): unknown {
  return { error_type: type, messages: [{ args: [], default_message: 'upstream words', id }] };
}
