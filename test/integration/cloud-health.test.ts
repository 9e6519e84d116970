/**
 * A cloud whose API is slow or down behind a live node (issue 15): the node's probe
 * reports it in /health, the gateway marks the node DEGRADED and says so in
 * `Node.status`, /readyz and the nodeStatus feed, and routes nothing to a cloud that
 * does not answer. Faults go into real mock clouds over HTTP; the topology's nodes
 * probe when the test asks (`cloudProbe.check()`), the node process on its interval.
 */
import { request } from 'undici';
import { parseGatewayConfig } from '../../gateway/config';
import { fromRecord } from '../../gateway/nodes/liveRegistry';
import { createMemoryStore } from '../../gateway/store';
import type { Client } from 'graphql-ws';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import type { RunningSpNode } from '../../subgraphs/sp-node/server';
import { globalId } from '../support/expected';
import { connect, feed, inProcessTopology, settled, type Feed } from '../support/feeds';
import { killAll, startPart, type Part } from '../support/processes';
import type { Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

/** The gateway's default degradedLatencyMs, as its configuration schema gives it. */
const DEGRADED_LATENCY_MS = parseGatewayConfig({ auth: { hs256Secret: 's'.repeat(32) } }).degradedLatencyMs;
/** The topology's nodes wait this long for their cloud; above DEGRADED_LATENCY_MS so that "slow" and "not answering" both fit. */
const CLOUD_TIMEOUT_MS = 3000;

interface NodeView {
  id: string;
  status: string;
  cloudReachable: boolean | null;
  cloudLatencyMs: number | null;
}

interface ReadyBody {
  ready: boolean;
  nodes: { up: number; degraded: number; total: number; list: Array<Record<string, unknown>> };
  warnings: string[];
}

const healthOf = async (graphqlUrl: string): Promise<Record<string, unknown>> => {
  const res = await request(graphqlUrl.replace(/\/graphql$/, '/health'));
  return (await res.body.json()) as Record<string, unknown>;
};

describe('a cloud whose API is slow or down, as clients see it', () => {
  let topology: Topology;
  let client: Client;
  let status: Feed<{ nodeStatus: { nodeId: string; status: string; previous: string | null } }>;
  const nodeIds = () => topology.seed.clouds.flatMap((c) => [`${c.id}/cloud-node`, ...(c.kind === 'director' ? [`${c.id}/sp-node`] : [])]);

  /** Every node probes its cloud once, then the gateway checks every node once. */
  const probeAndCheck = async () => {
    await Promise.all(
      [...topology.clouds.values()].flatMap(({ node, spNode }) => [
        node.cloudProbe.check(),
        ...(spNode ? [(spNode as RunningSpNode).cloudProbe.check()] : []),
      ]),
    );
    await topology.gateway.checkHealth();
  };
  const nodes = async (): Promise<Map<string, NodeView>> => {
    const views = await Promise.all(
      nodeIds().map(async (id) => {
        const res = await topology.query<{ node: NodeView }>(
          'query($id: ID!) { node(id: $id) { id status cloudReachable cloudLatencyMs } }',
          {
            id,
          },
        );
        expect(res.errors).toBeUndefined();
        return res.data!.node;
      }),
    );
    return new Map(views.map((view) => [view.id, view]));
  };
  const readyz = async (): Promise<{ status: number; body: ReadyBody }> => {
    const res = await request(new URL('/readyz', topology.gateway.url));
    return { status: res.statusCode, body: (await res.body.json()) as ReadyBody };
  };
  const expectOthersUp = (views: Map<string, NodeView>, except: readonly string[]) => {
    for (const [id, view] of views) {
      if (!except.includes(id)) expect(view).toMatchObject({ status: 'UP', cloudReachable: true });
    }
  };

  beforeAll(async () => {
    topology = await inProcessTopology({ watchIntervalMs: 0, cloudTimeoutMs: CLOUD_TIMEOUT_MS });
    const base = topology.gateway.subscriptionStats().subscribed;
    client = connect(topology.gateway.url, await topology.tokenFor({ subject: 'ops', role: 'provider-admin' }));
    status = feed(client, 'subscription { nodeStatus { nodeId status previous } }');
    await settled(topology.gateway, base, 1);
  });
  afterAll(async () => {
    status.dispose();
    await client.dispose();
    await topology.close();
  });

  // In order: all UP, one cloud not answering, back, one cloud slow, back, one cloud down.

  it('shows every node UP with its cloud reachable when every cloud answers', async () => {
    await probeAndCheck();
    const views = await nodes();
    expect([...views.keys()].sort()).toEqual(nodeIds().sort());
    expectOthersUp(views, []);
    for (const view of views.values()) expect(typeof view.cloudLatencyMs).toBe('number');
    await status.until(nodeIds().length);
    expect(status.events.map((e) => [e.nodeStatus.nodeId, e.nodeStatus.status]).sort()).toEqual(
      nodeIds()
        .map((id) => [id, 'UP'])
        .sort(),
    );
  });

  it('marks a node DEGRADED when its cloud answers slower than its timeout, and routes nothing to it', async () => {
    const dc = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
    const before = status.events.length;
    topology.cloud(dc.id).mock.setFaults({ latencyMs: CLOUD_TIMEOUT_MS + 1000 });
    await probeAndCheck();

    const views = await nodes();
    expect(views.get('dc-east/cloud-node')).toEqual({
      id: 'dc-east/cloud-node',
      status: 'DEGRADED',
      cloudReachable: false,
      cloudLatencyMs: null,
    });
    expectOthersUp(views, ['dc-east/cloud-node']);

    const ready = await readyz();
    // The node still answers: the gateway stays ready, and says which cloud is not answering.
    expect(ready.status).toBe(200);
    expect(ready.body.nodes).toMatchObject({ up: nodeIds().length - 1, degraded: 1, total: nodeIds().length });
    expect(ready.body.nodes.list).toEqual(
      expect.arrayContaining([
        { id: 'dc-east/cloud-node', cloudId: 'dc-east', kind: 'cloud-node', status: 'DEGRADED', cloudReachable: false },
      ]),
    );
    expect(ready.body.warnings).toEqual(expect.arrayContaining([expect.stringContaining('dc-east/cloud-node degraded')]));

    await status.until(before + 1);
    expect(status.events.slice(before)).toEqual([{ nodeStatus: { nodeId: 'dc-east/cloud-node', status: 'DEGRADED', previous: 'UP' } }]);

    // CLOUD_UNAVAILABLE at once: the node is not even asked (its request count does not move).
    const asked = await topology.nodeRequests(dc.id);
    const res = await topology.query('query($id: ID!) { vm(id: $id) { name } }', { id: globalId(dc, dc.vms[0]!.nativeId) });
    expect(res.data).toEqual({ vm: null });
    expect(res.errors).toEqual([
      expect.objectContaining({ path: ['vm'], extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'dc-east' }) }),
    ]);
    expect(await topology.nodeRequests(dc.id)).toBe(asked);
  });

  it('marks it UP again once its cloud answers in time', async () => {
    const before = status.events.length;
    topology.cloud('dc-east').mock.setFaults({ latencyMs: 0 });
    await probeAndCheck();
    expectOthersUp(await nodes(), []);
    await status.until(before + 1);
    expect(status.events.slice(before)).toEqual([{ nodeStatus: { nodeId: 'dc-east/cloud-node', status: 'UP', previous: 'DEGRADED' } }]);
    expect((await readyz()).body.nodes).toMatchObject({ up: nodeIds().length, degraded: 0 });
  });

  it('marks a node DEGRADED, its cloud reachable, when its cloud answers within the timeout but slower than degradedLatencyMs', async () => {
    const latencyMs = DEGRADED_LATENCY_MS + 300;
    topology.cloud('nova-eu').mock.setFaults({ latencyMs });
    await probeAndCheck();
    const views = await nodes();
    expect(views.get('nova-eu/cloud-node')).toMatchObject({ status: 'DEGRADED', cloudReachable: true });
    expect(views.get('nova-eu/cloud-node')!.cloudLatencyMs).toEqual(expect.any(Number));
    expectOthersUp(views, ['nova-eu/cloud-node']);
    expect((await readyz()).body.warnings).toEqual(expect.arrayContaining([expect.stringContaining('nova-eu/cloud-node degraded')]));

    topology.cloud('nova-eu').mock.setFaults({ latencyMs: 0 });
    await probeAndCheck();
    expect((await nodes()).get('nova-eu/cloud-node')).toMatchObject({ status: 'UP', cloudReachable: true });
  });

  it('marks both nodes of a multi-tenant cloud DEGRADED when its API is down, and its node /health says only that', async () => {
    const vcd = topology.cloud('vcd-nl');
    vcd.mock.setFaults({ down: true });
    await probeAndCheck();
    const views = await nodes();
    for (const id of ['vcd-nl/cloud-node', 'vcd-nl/sp-node']) {
      expect(views.get(id)).toEqual({ id, status: 'DEGRADED', cloudReachable: false, cloudLatencyMs: null });
    }
    expectOthersUp(views, ['vcd-nl/cloud-node', 'vcd-nl/sp-node']);
    for (const url of [vcd.node.url, vcd.spNode!.url]) {
      const health = await healthOf(url);
      expect(health).toMatchObject({ status: 'ok', cloudId: 'vcd-nl' });
      expect(health.cloud).toEqual({ reachable: false, latencyMs: null, checkedAt: expect.any(String), failure: 'unreachable' });
    }
    vcd.mock.setFaults({ down: false });
    await probeAndCheck();
    expectOthersUp(await nodes(), []);
  });
});

describe("a cloud-node process's /health", () => {
  const cloud = buildSeed().clouds.find((c) => c.kind === 'vsphere')!;
  let mock: MockCloud;
  let node: Part;
  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    node = await startPart({
      script: 'subgraphs/cloud-node/main.ts',
      env: {
        CLOUD_ID: cloud.id,
        CLOUD_KIND: cloud.kind,
        CLOUD_API_URL: mock.url,
        CLOUD_USERNAME: mock.credentials.username,
        CLOUD_PASSWORD: mock.credentials.password,
        NODE_SECRET: 'a'.repeat(32),
        WATCH_INTERVAL_MS: '0',
        CLOUD_PROBE_INTERVAL_MS: '50',
        CLOUD_TIMEOUT_MS: '500',
      },
    });
  });
  afterAll(async () => {
    await killAll();
    await mock.close();
  });

  const cloudPart = async () => (await healthOf(node.url)).cloud as { reachable: boolean; failure?: string } | undefined;

  it('reports its cloud unreachable, by timeout, while the cloud answers slower than CLOUD_TIMEOUT_MS, and reachable once it is back', async () => {
    await waitFor('the first probe to succeed', async () => (await cloudPart())?.reachable === true);
    mock.setFaults({ latencyMs: 1500 });
    const report = await waitFor('a probe to time out', async () => {
      const part = await cloudPart();
      return part?.reachable === false ? part : undefined;
    });
    expect(report).toEqual({
      reachable: false,
      latencyMs: null,
      checkedAt: expect.any(String),
      failure: 'timeout',
    });
    mock.setFaults({ latencyMs: 0 });
    await waitFor('a probe to succeed again', async () => (await cloudPart())?.reachable === true);
  });

  it('reports it unreachable while the cloud is down', async () => {
    mock.setFaults({ down: true });
    await waitFor('a probe to find the cloud down', async () => (await cloudPart())?.failure === 'unreachable');
    mock.setFaults({ down: false });
    await waitFor('a probe to succeed again', async () => (await cloudPart())?.reachable === true);
  });
});

describe("the store's record of a registered node's cloud", () => {
  it('keeps the last report while the node is DOWN, and clears what the node stopped reporting', async () => {
    const store = await createMemoryStore();
    try {
      const id = 'dc-east/cloud-node';
      const record = { id, cloudId: 'dc-east', kind: 'cloud-node' as const, url: 'http://127.0.0.1:1/graphql', secret: 's'.repeat(32) };
      await store.nodes.upsert({ ...record, version: '1', schemaHash: 'h', registeredAt: new Date(0), status: 'UNKNOWN' });
      await store.nodes.setHealth(id, {
        status: 'DEGRADED',
        lastSeen: new Date(1),
        latencyMs: 3,
        cloudReachable: true,
        cloudLatencyMs: 2500,
      });
      await store.nodes.setHealth(id, { status: 'DOWN' });
      expect(await store.nodes.get(id)).toMatchObject({ status: 'DOWN', cloudReachable: true, cloudLatencyMs: 2500 });
      await store.nodes.setHealth(id, {
        status: 'DEGRADED',
        lastSeen: new Date(2),
        latencyMs: 3,
        cloudReachable: false,
        cloudLatencyMs: null,
      });
      const unreachable = await store.nodes.get(id);
      expect(unreachable).toMatchObject({ status: 'DEGRADED', cloudReachable: false });
      expect(unreachable).not.toHaveProperty('cloudLatencyMs');
      // What a restarted gateway routes with: the registry entry is built from this record.
      expect(fromRecord(unreachable!)).toMatchObject({ status: 'DEGRADED', cloudReachable: false });
    } finally {
      await store.close();
    }
  });
});
