/**
 * A signed request captured on its way to a node cannot be sent again: the node
 * remembers every nonce for its signature's window, so a replayed powerOffVm is
 * refused (401) and the VM is powered off once. A signature dated well into the
 * future is refused too, and the gateway's own traffic, concurrent included, is
 * never taken for a replay.
 */
import { request } from 'undici';
import type { NodeEvent } from '../../schema/events';
import type { Principal } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import { globalId } from '../support/expected';
import { startTopology, type Topology } from '../support/topology';
import { liveVm } from '../support/vmEvents';

const POWER_OFF = 'mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }';
const ADMIN: Principal = { subject: 'test-gateway', role: 'provider-admin' };

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

describe('a node refuses replayed and future-dated signed requests', () => {
  let topology: Topology;
  beforeAll(async () => {
    // No change polling: the cloud's request log holds only what the tests cause.
    topology = await startTopology({ watchIntervalMs: 0 });
  });
  afterAll(() => topology.close());

  const cloud = () => topology.seed.clouds.find((c) => c.kind === 'vsphere')!;
  const node = () => topology.cloud(cloud().id).node;
  const secret = () => topology.gateway.registry.find('cloud-node', cloud().id)!.secret;

  async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
    const res = await request(url, { method: 'POST', headers, body });
    return { status: res.statusCode, body: (await res.body.json()) as Answer['body'] };
  }

  /** The exact headers of a signed GraphQL POST to the node, as the gateway makes them. */
  const signedHeaders = (body: string, now?: number): Record<string, string> => ({
    'content-type': 'application/json',
    ...signRequest({ secret: secret(), method: 'POST', path: new URL(node().url).pathname, body, principal: ADMIN, now }),
  });

  const refused = (answer: Answer) => {
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
  };

  /** Power-off tasks the node started for this VM: its own record of the operations it ran. */
  const powerOffTasks = (vmId: string) =>
    node()
      .events.since(0)
      .filter((e): e is Extract<NodeEvent, { kind: 'task' }> => e.kind === 'task')
      .filter((e) => e.task.vmId === vmId && e.task.operation === 'POWER_OFF' && e.task.state === 'RUNNING').length;
  /** Changing requests the mock cloud received for this VM (its own log). */
  const cloudWrites = (nativeId: string) =>
    topology.cloud(cloud().id).mock.requests.filter((r) => r.method !== 'GET' && r.url.includes(nativeId)).length;

  /** The node's refusals with this reason, from its /metrics. */
  async function refusals(reason: string): Promise<number> {
    const res = await request(node().url.replace(/\/graphql$/, '/metrics'));
    const text = await res.body.text();
    const line = new RegExp(`^overcast_node_refused_requests_total\\{reason="${reason}",[^}]*\\} (\\d+)$`, 'm').exec(text);
    // No line before the first refusal of a reason (prom-client adds it then): zero. The replay test's +1 shows the pattern matches.
    return line ? Number(line[1]) : 0;
  }

  it('powers a VM off once when the same signed powerOffVm arrives twice', async () => {
    const vm = cloud().vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud(), vm.nativeId);
    const body = JSON.stringify({ query: POWER_OFF, variables: { id } });
    const headers = signedHeaders(body);
    const replayedBefore = await refusals('replayed');
    try {
      const first = await post(node().url, body, headers);
      expect(first).toEqual({ status: 200, body: { data: { powerOffVm: { id, powerState: 'POWERED_OFF' } } } });
      // The counts below can see an operation: the first request made one.
      const tasks = powerOffTasks(id);
      const writes = cloudWrites(vm.nativeId);
      expect(tasks).toBe(1);
      expect(writes).toBeGreaterThan(0);

      refused(await post(node().url, body, headers));
      expect(powerOffTasks(id)).toBe(tasks);
      expect(cloudWrites(vm.nativeId)).toBe(writes);
      expect(await refusals('replayed')).toBe(replayedBefore + 1);
    } finally {
      liveVm(topology.cloud(cloud().id).mock.cloud, vm.nativeId).powerState = vm.powerState;
    }
  });

  it('refuses a replayed event stream request', async () => {
    const url = new URL('events', node().url);
    const headers = { ...signRequest({ secret: secret(), method: 'GET', path: url.pathname, body: '', principal: ADMIN }) };
    const abort = new AbortController();
    const first = await request(url, { method: 'GET', headers, signal: abort.signal });
    expect(first.statusCode).toBe(200);
    abort.abort();
    await first.body.dump().catch(() => undefined);

    const again = await request(url, { method: 'GET', headers });
    expect(again.statusCode).toBe(401);
    await again.body.dump();
  });

  it('refuses a request dated 30 s in the future before anything runs', async () => {
    const vm = cloud().vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud(), vm.nativeId);
    const body = JSON.stringify({ query: POWER_OFF, variables: { id } });
    const tasks = powerOffTasks(id);
    const writes = cloudWrites(vm.nativeId);
    const futureBefore = await refusals('future');

    refused(await post(node().url, body, signedHeaders(body, Date.now() + 30_000)));
    expect(powerOffTasks(id)).toBe(tasks);
    expect(cloudWrites(vm.nativeId)).toBe(writes);
    expect(liveVm(topology.cloud(cloud().id).mock.cloud, vm.nativeId).powerState).toBe('POWERED_ON');
    expect(await refusals('future')).toBe(futureBefore + 1);
  });

  it("never takes the gateway's own requests, concurrent ones included, for replays", async () => {
    const replayedBefore = await refusals('replayed');
    const vm = cloud().vms[0]!;
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => topology.query<{ clouds: Array<{ id: string }> }>('{ clouds { id } }')),
      ...Array.from({ length: 8 }, () =>
        topology.query<{ vm: { name: string } }>('query($id: ID!) { vm(id: $id) { name } }', { id: globalId(cloud(), vm.nativeId) }),
      ),
    ]);
    const expectedClouds = topology.seed.clouds.map((c) => c.id).sort();
    for (const answer of answers.slice(0, 8)) {
      expect(answer.errors).toBeUndefined();
      expect((answer.data as { clouds: Array<{ id: string }> }).clouds.map((c) => c.id).sort()).toEqual(expectedClouds);
    }
    for (const answer of answers.slice(8)) expect(answer).toEqual({ status: 200, data: { vm: { name: vm.name } } });
    expect(await refusals('replayed')).toBe(replayedBefore);
  });
});
