/**
 * GET /events on a real cloud-node over a vSphere mock, over HTTP: signed like
 * /graphql, buffered events then live ones, resume after a seq, task events for
 * power mutations. An sp-node has no stream.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { request } from 'undici';
import { startMockCloud, type MockCloud } from '../../../mocks';
import { METRICS_CREDENTIALS } from '../../../mocks/director';
import { buildSeed } from '../../../mocks/seed';
import type { NodeEvent } from '../../../schema/events';
import type { Principal } from '../../../schema/principal';
import { signRequest } from '../../../schema/signing';
import { createAdapter } from '../../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../../subgraphs/cloud-node/server';
import { EventLog } from '../../../subgraphs/shared/events';
import { registerEventStream } from '../../../subgraphs/shared/eventStream';
import type { RunningNode } from '../../../subgraphs/shared/serve';
import { signedRequests } from '../../../subgraphs/shared/signedRequests';
import { createTenancyClient } from '../../../subgraphs/sp-node/clients/director';
import { createMetricsClient } from '../../../subgraphs/sp-node/clients/metrics';
import { createStatsHistoryClient } from '../../../subgraphs/sp-node/clients/statsHistory';
import { startSpNode } from '../../../subgraphs/sp-node/server';
import { globalId } from '../../support/expected';
import { openEventStream, type OpenStream } from '../../support/sse';
import { waitFor } from '../../support/waitFor';
import { liveVm, otherPowerState, snapshotOf } from '../../support/vmEvents';

const seed = buildSeed();
const cloud = seed.clouds.find((c) => c.kind === 'vsphere')!;
const director = seed.clouds.find((c) => c.kind === 'director')!;
const ADMIN: Principal = { subject: 'test-gateway', role: 'provider-admin' };
const REFUSED = { errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] };

describe('a cloud-node event stream', () => {
  const secret = randomBytes(32).toString('hex');
  let mock: MockCloud;
  let node: RunningCloudNode;
  const streams: OpenStream[] = [];
  const open = async (query: Record<string, string> = {}, as: string | null = secret): Promise<OpenStream> => {
    const stream = await openEventStream(node.url, as, query);
    streams.push(stream);
    return stream;
  };
  /** A signed GraphQL request to the node, as the gateway sends it. */
  const mutate = async (query: string, variables: Record<string, unknown>) => {
    const body = JSON.stringify({ query, variables });
    const headers = signRequest({ secret, method: 'POST', path: new URL(node.url).pathname, body, principal: ADMIN });
    const res = await request(node.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return (await res.body.json()) as {
      data?: Record<string, { id: string; powerState: string } | null>;
      errors?: Array<{ message: string }>;
    };
  };
  const ofVm = (events: NodeEvent[], vmId: string) =>
    events.filter((e) => (e.kind === 'vm' ? e.vm.id === vmId : e.kind === 'task' && e.task.vmId === vmId));
  /** Wait until the watcher has completed at least one whole poll that started after now (polls never overlap). */
  const aWholePoll = async () => {
    const listings = () => mock.countRequests('/api/vcenter/vm?datacenters=');
    const from = listings();
    await waitFor('a whole poll', () => listings() >= from + 2 * cloud.vdcs.length + 1);
  };

  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    node = await startCloudNode({
      cloud: { id: cloud.id, name: cloud.name, kind: 'vsphere' },
      adapter: createAdapter('vsphere', { baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 }),
      secret,
      watchIntervalMs: 10,
    });
    await node.watcher.baselined();
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await node.close();
    await mock.close();
  });

  it('refuses an unsigned or wrongly signed GET /events with 401, like /graphql', async () => {
    const unsigned = await open({}, null);
    expect({ status: unsigned.status, body: unsigned.body }).toEqual({ status: 401, body: REFUSED });
    const forged = await open({}, randomBytes(32).toString('hex'));
    expect({ status: forged.status, body: forged.body }).toEqual({ status: 401, body: REFUSED });
    expect(node.events.listenerCount).toBe(0);
  });

  it('streams the buffered events first, then live ones, as `id: <seq>` + JSON data', async () => {
    const [first, second] = cloud.vms;
    liveVm(mock.cloud, first!.nativeId).powerState = otherPowerState(first!.powerState);
    await waitFor('the first change', () => node.events.lastSeq >= 1);

    const stream = await open();
    expect(stream).toMatchObject({ status: 200, contentType: expect.stringMatching(/^text\/event-stream/), epoch: node.events.epoch });
    await waitFor('the buffered event', () => stream.events.length >= 1);
    liveVm(mock.cloud, second!.nativeId).powerState = otherPowerState(second!.powerState);
    await waitFor('the live event', () => stream.events.length >= 2);

    expect(stream.messages.map((m) => m.id)).toEqual(['1', '2']);
    expect(stream.events).toEqual([
      {
        id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#1$/),
        seq: 1,
        at: expect.any(String),
        cloudId: cloud.id,
        kind: 'vm',
        type: 'POWER_STATE_CHANGED',
        vm: snapshotOf(cloud, { ...first!, powerState: otherPowerState(first!.powerState) }),
        previous: { powerState: first!.powerState },
      },
      {
        id: expect.stringMatching(/^dc-east\/cloud-node@[0-9a-f]{16}#2$/),
        seq: 2,
        at: expect.any(String),
        cloudId: cloud.id,
        kind: 'vm',
        type: 'POWER_STATE_CHANGED',
        vm: snapshotOf(cloud, { ...second!, powerState: otherPowerState(second!.powerState) }),
        previous: { powerState: second!.powerState },
      },
    ]);
  });

  it('resumes after a seq: only the events after it', async () => {
    const resumed = await open({ after: '1', epoch: node.events.epoch });
    await waitFor('the buffered event', () => resumed.events.length >= 1);
    expect(resumed.events.map((e) => e.seq)).toEqual([2]);
  });

  it('gives the whole buffer to a reader of another epoch or one ahead of the log (it read an earlier log)', async () => {
    for (const query of [{ after: '2', epoch: 'another-epoch' }, { after: '999' }] as Array<Record<string, string>>) {
      const stream = await open(query);
      await waitFor('the buffer', () => stream.events.length >= 2);
      expect(stream.events.map((e) => e.seq)).toEqual([1, 2]);
    }
  });

  it('reports a power mutation as RUNNING then SUCCEEDED, and the state change once', async () => {
    const target = cloud.vms.find((vm) => vm.powerState === 'POWERED_ON' && vm !== cloud.vms[0] && vm !== cloud.vms[1])!;
    const vmId = globalId(cloud, target.nativeId);
    const stream = await open({ after: String(node.events.lastSeq) });
    const answer = await mutate('mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }', { id: vmId });
    expect(answer).toEqual({ data: { powerOffVm: { id: vmId, powerState: 'POWERED_OFF' } } });
    await waitFor('the task events', () => ofVm(stream.events, vmId).length >= 3);
    await aWholePoll();

    const [first] = ofVm(stream.events, vmId).flatMap((e) => (e.kind === 'task' ? [e.task.id] : []));
    // Random ids: a counter would tell one tenant how many operations others ran in between.
    expect(first).toMatch(/^dc-east:task-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const task = { id: first, operation: 'POWER_OFF', vmId };
    expect(ofVm(stream.events, vmId).map((e) => (e.kind === 'task' ? e.task : e.kind === 'vm' ? e.type : e.kind))).toEqual([
      { ...task, state: 'RUNNING', progress: 0 },
      'POWER_STATE_CHANGED',
      { ...task, state: 'SUCCEEDED', progress: 100 },
    ]);
    expect(ofVm(stream.events, vmId)[1]).toMatchObject({
      vm: snapshotOf(cloud, { ...target, powerState: 'POWERED_OFF' }),
      previous: { powerState: 'POWERED_ON' },
    });

    // The state it is already in: a task, and no change to report.
    await mutate('mutation($id: ID!) { powerOffVm(id: $id) { id } }', { id: vmId });
    await waitFor('the second task', () => ofVm(stream.events, vmId).length >= 5);
    await aWholePoll();
    const second = ofVm(stream.events, vmId).slice(3);
    const secondId = second[0]?.kind === 'task' ? second[0].task.id : undefined;
    expect(secondId).toMatch(/^dc-east:task-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(secondId).not.toBe(first);
    expect(second.map((e) => (e.kind === 'task' ? [e.task.id, e.task.state] : e.kind === 'vm' ? e.type : e.kind))).toEqual([
      [secondId, 'RUNNING'],
      [secondId, 'SUCCEEDED'],
    ]);
  });

  it('reports a failed power operation as FAILED with the error the client got', async () => {
    const target = cloud.vms.find((vm) => vm.powerState === 'POWERED_OFF')!;
    const vmId = globalId(cloud, target.nativeId);
    const stream = await open({ after: String(node.events.lastSeq) });
    mock.setFaults({ failRequests: true });
    try {
      const answer = await mutate('mutation($id: ID!) { powerOnVm(id: $id) { id } }', { id: vmId });
      await waitFor('the task events', () => ofVm(stream.events, vmId).length >= 2);
      const [running, failed] = ofVm(stream.events, vmId);
      expect(running).toMatchObject({ kind: 'task', task: { operation: 'POWER_ON', state: 'RUNNING' } });
      expect(failed).toMatchObject({ kind: 'task', task: { operation: 'POWER_ON', state: 'FAILED', error: answer.errors?.[0]?.message } });
      expect(answer.errors?.[0]?.message).toMatch(/^Cloud "dc-east" is unavailable/);
    } finally {
      mock.setFaults({ failRequests: false });
    }
  });

  it('lets go of a reader that hangs up', async () => {
    // Readers of earlier tests hung up too; the node may not have seen it yet.
    await waitFor('earlier readers to be let go', () => node.events.listenerCount === 0);
    const stream = await open();
    await waitFor('the reader to be subscribed', () => node.events.listenerCount === 1);
    stream.close();
    await waitFor('the reader to be let go', () => node.events.listenerCount === 0);
  });
});

describe('event stream details', () => {
  it('sends a heartbeat comment on a quiet stream', async () => {
    const secret = randomBytes(32).toString('hex');
    const app = Fastify({ logger: false });
    const signed = signedRequests(app, { secret: () => secret });
    registerEventStream(app, new EventLog({ cloudId: 'dc-east' }), { requireSignature: signed.requireSignature, heartbeatMs: 10 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const stream = await openEventStream(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`, secret);
    try {
      await waitFor('two heartbeats', () => stream.comments.length >= 2);
      expect(stream.events).toEqual([]);
      expect(stream.comments[0]?.trim()).toBe('heartbeat');
    } finally {
      stream.close();
      await app.close();
    }
  });

  it('answers 404 on an sp-node, which has no events yet', async () => {
    const secret = randomBytes(32).toString('hex');
    const mock = await startMockCloud(director);
    let spNode: RunningNode | undefined;
    try {
      spNode = await startSpNode({
        cloud: { id: director.id, name: director.name },
        tenancy: createTenancyClient({ baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 }),
        metrics: createMetricsClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: 1000 }),
        statsHistory: createStatsHistoryClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs: 1000 }),
        secret,
      });
      expect((await openEventStream(spNode.url, secret)).status).toBe(404);
    } finally {
      await spNode?.close();
      await mock.close();
    }
  });
});
