/**
 * Operations that take a real cloud's time, end to end: a power operation that runs
 * longer than one request to the cloud may take (and longer than the gateway waits)
 * is followed by the node within its budget until the cloud says it is done, and
 * an operation the cloud carries out and fails is reported as failed, not as an
 * outage. The mock clouds keep the operation running (a Director task, a blocking
 * vSphere call, a Nova task state) or fail it the way each API does.
 */
import type { SeedCloud, SeedVm } from '../../mocks/seed';
import { globalId } from '../support/expected';
import { startTopology, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

const POWER_OFF = 'mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }';
const READ_TASK = 'query($id: ID!) { task(id: $id) { state progress error } }';
/** Each request to a cloud is cut off after CLOUD_TIMEOUT_MS; the gateway waits NODE_TIMEOUT_MS for a node. */
const CLOUD_TIMEOUT_MS = 1000;
const NODE_TIMEOUT_MS = 1000;
/** Longer than both. */
const OPERATION_MS = 3000;
const KINDS = ['vsphere', 'director', 'nova'] as const;

describe('long and failing operations in each kind of cloud', () => {
  let topology: Topology;
  const used = new Set<string>();
  /** A running VM of a cloud of `kind` that no other test here has touched. */
  const runningVm = (kind: string): { cloud: SeedCloud; vm: SeedVm; id: string } => {
    for (const cloud of topology.seed.clouds.filter((c) => c.kind === kind)) {
      const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON' && !used.has(v.nativeId));
      if (vm) {
        used.add(vm.nativeId);
        return { cloud, vm, id: globalId(cloud, vm.nativeId) };
      }
    }
    throw new Error(`the seed has no running ${kind} VM left`);
  };
  const stateInCloud = (cloud: SeedCloud, nativeId: string) =>
    topology.cloud(cloud.id).mock.cloud.vms.find((vm) => vm.nativeId === nativeId)?.powerState;

  beforeAll(async () => {
    topology = await startTopology({ nodeTimeoutMs: NODE_TIMEOUT_MS, cloudTimeoutMs: CLOUD_TIMEOUT_MS });
    await Promise.all([...topology.clouds.values()].map(({ node }) => node.watcher.baselined()));
  }, 30_000);
  afterEach(() => {
    for (const { mock } of topology.clouds.values()) mock.setFaults({ operationMs: 0, failOperations: false });
  });
  afterAll(() => topology.close());

  it.each(KINDS)(
    'follows a %s power-off that outlasts the request timeout until the cloud reports it done',
    async (kind) => {
      const { cloud, vm, id } = runningVm(kind);
      topology.cloud(cloud.id).mock.setFaults({ operationMs: OPERATION_MS });
      const res = await topology.query(POWER_OFF, { id });
      // The gateway stopped waiting; the node did not.
      expect(res.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id, taskId: expect.any(String) }),
        }),
      ]);
      const taskId = res.errors![0]!.extensions!.taskId as string;
      await waitFor(
        `the ${kind} power-off task to succeed`,
        async () => (await topology.query<{ task: { state: string } }>(READ_TASK, { id: taskId })).data?.task?.state === 'SUCCEEDED',
        { timeoutMs: OPERATION_MS + 10_000 },
      );
      expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_OFF');
    },
    30_000,
  );

  it.each(KINDS)('reports a %s power-off the cloud carried out and failed as CLOUD_OPERATION_FAILED, the VM as it was', async (kind) => {
    const { cloud, vm, id } = runningVm(kind);
    topology.cloud(cloud.id).mock.setFaults({ failOperations: true });
    const res = await topology.query(POWER_OFF, { id });
    expect(res.data).toEqual({ powerOffVm: null });
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ['powerOffVm'],
        extensions: expect.objectContaining({ code: 'CLOUD_OPERATION_FAILED', cloudId: cloud.id }),
      }),
    ]);
    expect(res.errors![0]!.extensions).not.toHaveProperty('taskId');
    expect(stateInCloud(cloud, vm.nativeId)).toBe('POWERED_ON');
  });
});
