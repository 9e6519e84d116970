/**
 * A mutation the gateway gave up on may still happen: the node has it and the cloud
 * carries it out after the timeout. The client gets CLOUD_UNAVAILABLE naming the task
 * (`extensions.taskId`), follows it on `taskProgress` or reads it with `task(id:)`,
 * and may retry safely. The fault is real: the mock cloud is slow to carry out
 * operations (its reads stay quick), the gateway's wait for a node is short.
 */
import type { LiveRegistry } from '../../gateway/nodes/liveRegistry';
import { connect, feed, settled } from '../support/feeds';
import { globalId } from '../support/expected';
import { vmsOfTenant } from '../support/tenancy';
import { startTopology, type GraphQLResponse, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';
import type { SeedCloud, SeedVm } from '../../mocks/seed';

const POWER_OFF = 'mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }';
const READ_VM = 'query($id: ID!) { vm(id: $id) { powerState } }';
const READ_TASK = 'query($id: ID!) { task(id: $id) { id operation vmId state progress vm { id } } }';
const TASK_ID = /^(?<cloudId>[a-z0-9-]+):task-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Longer than the gateway waits (NODE_TIMEOUT_MS, plus undici's coarse timers), shorter than the node waits for its cloud. */
const SLOW_WRITE_MS = 4000;
const NODE_TIMEOUT_MS = 1000;

type Errors = NonNullable<GraphQLResponse['errors']>;

describe('a mutation cut off by the timeout names its task', () => {
  let topology: Topology;
  let acme: string;
  let globex: string;
  const cloudOf = (id: string): SeedCloud => topology.seed.clouds.find((c) => c.id === id)!;
  /** The `nth` VM of `tenantId` in a cloud of `kind` running in the seed (tests that power one off take each their own). */
  const runningVm = (tenantId: string, kind: string, nth = 0): { cloud: SeedCloud; vm: SeedVm; id: string } => {
    const found = vmsOfTenant(topology.seed, tenantId).filter(({ cloud, vm }) => cloud.kind === kind && vm.powerState === 'POWERED_ON')[
      nth
    ]!;
    return { ...found, id: globalId(found.cloud, found.vm.nativeId) };
  };
  const stateInCloud = (cloud: SeedCloud, nativeId: string) =>
    topology.cloud(cloud.id).mock.cloud.vms.find((vm) => vm.nativeId === nativeId)?.powerState;
  /** The node's own record of the VM's power changes (watcher and tasks alike). */
  const powerChanges = (cloud: SeedCloud, id: string) =>
    topology
      .cloud(cloud.id)
      .node.events.since(0)
      .filter((e) => e.kind === 'vm' && e.type === 'POWER_STATE_CHANGED' && e.vm.id === id);
  /** POSTs the mock cloud received naming this VM (power actions). */
  const powerPosts = (cloud: SeedCloud, nativeId: string) =>
    topology.cloud(cloud.id).mock.requests.filter((r) => r.method === 'POST' && r.url.includes(nativeId)).length;
  const codes = (errors: Errors | undefined) => errors?.map((e) => e.extensions?.code);
  /** An error's extensions exactly (the gateway adds the subgraph's name): no `taskId` among them. */
  const exactly = (extensions: Record<string, unknown>) => ({ ...extensions, serviceName: 'cloud-node' });

  /** Power a VM off while its cloud is slow to carry out operations; the answer the client got. */
  const slowPowerOff = async (cloud: SeedCloud, id: string, token?: string) => {
    const { mock } = topology.cloud(cloud.id);
    mock.setFaults({ writeLatencyMs: SLOW_WRITE_MS });
    try {
      return await topology.query(POWER_OFF, { id }, token);
    } finally {
      // Requests already waiting keep their latency: the operation in flight still completes late.
      mock.setFaults({ writeLatencyMs: 0 });
    }
  };

  beforeAll(async () => {
    topology = await startTopology({ nodeTimeoutMs: NODE_TIMEOUT_MS, cloudTimeoutMs: 10_000 });
    // Logged in and baselined before any fault: logins are writes too.
    await Promise.all([...topology.clouds.values()].map(({ node }) => node.watcher.baselined()));
    acme = await topology.tokenFor({ subject: 'alice', role: 'tenant-admin', tenantId: 'acme' });
    globex = await topology.tokenFor({ subject: 'gina', role: 'tenant-admin', tenantId: 'globex' });
  }, 30_000);
  afterAll(() => topology.close());

  it('answers CLOUD_UNAVAILABLE with the task id; the task still succeeds, can be followed and read back, and a retry changes nothing more', async () => {
    const { cloud, vm, id } = runningVm('acme', 'vsphere');
    const res = await slowPowerOff(cloud, id);
    expect(res.data).toEqual({ powerOffVm: null });
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ['powerOffVm'],
        extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id, taskId: expect.stringMatching(TASK_ID) }),
      }),
    ]);
    const taskId = res.errors![0]!.extensions!.taskId as string;
    expect(TASK_ID.exec(taskId)?.groups?.cloudId).toBe(cloud.id);

    // A client following the task it was named: the cloud is still carrying it out.
    const before = topology.gateway.subscriptionStats().subscribed;
    const adminToken = await topology.tokenFor({ subject: 'test-admin', role: 'provider-admin' });
    const followed = connect(topology.gateway.url, adminToken);
    const progress = feed<{ taskProgress: { taskId: string; state: string } }>(
      followed,
      'subscription($t: ID) { taskProgress(taskId: $t) { taskId state } }',
      { t: taskId },
    );
    try {
      await settled(topology.gateway, before, 1);
      await waitFor(
        'the timed-out task to succeed on taskProgress',
        () => progress.events.some((e) => e.taskProgress.state === 'SUCCEEDED'),
        {
          timeoutMs: SLOW_WRITE_MS + 5000,
        },
      );
      expect(progress.events.every((e) => e.taskProgress.taskId === taskId)).toBe(true);
    } finally {
      progress.dispose();
      await followed.dispose();
    }
    expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_OFF');

    // A client that comes later, once the events have passed, reads the outcome.
    const task = await topology.query(READ_TASK, { id: taskId });
    expect(task.errors).toBeUndefined();
    expect(task.data).toEqual({ task: { id: taskId, operation: 'POWER_OFF', vmId: id, state: 'SUCCEEDED', progress: 100, vm: { id } } });
    expect((await topology.query(READ_VM, { id })).data).toEqual({ vm: { powerState: 'POWERED_OFF' } });

    // Retrying is safe: done, and the VM changed once.
    expect(powerChanges(cloud, id)).toHaveLength(1);
    const posted = powerPosts(cloud, vm.nativeId);
    const retry = await topology.query(POWER_OFF, { id });
    // It reached the cloud (which refused to stop a stopped VM), and the node took that as done.
    expect(powerPosts(cloud, vm.nativeId)).toBe(posted + 1);
    expect(retry.errors).toBeUndefined();
    expect(retry.data).toEqual({ powerOffVm: { id, powerState: 'POWERED_OFF' } });
    expect(powerChanges(cloud, id)).toHaveLength(1);
  }, 30_000);

  it("names the task to a tenant for its own mutation, and another tenant's read of it answers like a task that does not exist", async () => {
    // A multi-tenant cloud: both tenants see it, so the node's own scope check (by the task's VM) decides.
    const { cloud, id } = runningVm('acme', 'director');
    const res = await slowPowerOff(cloud, id, acme);
    expect(codes(res.errors)).toEqual(['CLOUD_UNAVAILABLE']);
    const taskId = res.errors![0]!.extensions!.taskId as string;
    expect(taskId).toMatch(TASK_ID);
    await waitFor(
      "the tenant's timed-out task to succeed",
      async () => (await topology.query<{ task: { state: string } }>(READ_TASK, { id: taskId }, acme)).data?.task?.state === 'SUCCEEDED',
      { timeoutMs: SLOW_WRITE_MS + 5000 },
    );

    const missing = `${cloud.id}:task-00000000-0000-4000-8000-000000000000`;
    const [foreign, absent] = await Promise.all([
      topology.query(READ_TASK, { id: taskId }, globex),
      topology.query(READ_TASK, { id: missing }, globex),
    ]);
    expect(foreign.data).toEqual({ task: null });
    expect(codes(foreign.errors)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(foreign).replaceAll(taskId, '<id>')).toBe(JSON.stringify(absent).replaceAll(missing, '<id>'));
  }, 30_000);

  it("answers a tenant's mutation on another tenant's VM NOT_FOUND, without a task id, and starts nothing", async () => {
    const { cloud, vm, id } = runningVm('acme', 'vsphere', 1);
    const posted = powerPosts(cloud, vm.nativeId);
    const res = await slowPowerOff(cloud, id, globex);
    expect(res.data).toEqual({ powerOffVm: null });
    expect(res.errors).toEqual([expect.objectContaining({ extensions: exactly({ code: 'NOT_FOUND' }) })]);
    expect(powerPosts(cloud, vm.nativeId)).toBe(posted);
    expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_ON');
  });

  it('names no task for a node never reached, nor for one known down: nothing was started', async () => {
    const { cloud, id } = runningVm('globex', 'nova');
    await topology.cloud(cloud.id).node.close();
    // Not yet known down: the connection is refused.
    const refused = await topology.query(POWER_OFF, { id });
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: exactly({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id }) })]);
    await topology.gateway.checkHealth();
    expect(topology.gateway.registry.find('cloud-node', cloud.id)?.status).toBe('DOWN');
    const down = await topology.query(POWER_OFF, { id });
    expect(down.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('health check'),
        extensions: exactly({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id }),
      }),
    ]);
  });

  it('answers a node whose cloud does not answer it (DEGRADED) at once, sending it nothing', async () => {
    const cloud = cloudOf('vcd-nl');
    const registry = topology.gateway.registry as LiveRegistry;
    const read = () => topology.query(READ_VM, { id: globalId(cloud, cloud.vms[0]!.nativeId) });
    // The counter sees a request reach the node first.
    const start = await topology.nodeRequests(cloud.id);
    expect((await read()).errors).toBeUndefined();
    const reached = await topology.nodeRequests(cloud.id);
    expect(reached).toBeGreaterThan(start);

    const healthy = registry.find('cloud-node', cloud.id)!;
    // What a health check reports (test/integration/cloud-health.test.ts drives the real one); `replace` is the registry's one way to change an entry.
    const degraded = { status: 'DEGRADED' as const, cloudReachable: false };
    const entry = registry.replace(healthy, degraded)!;
    try {
      const res = await read();
      expect(res.data).toEqual({ vm: null });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('its cloud is not answering its node (health check)'),
          extensions: exactly({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id }),
        }),
      ]);
      expect(await topology.nodeRequests(cloud.id)).toBe(reached);
    } finally {
      const restored = { status: healthy.status, cloudReachable: healthy.cloudReachable };
      registry.replace(entry, restored);
    }
  });
});
