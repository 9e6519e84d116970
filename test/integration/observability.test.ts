/**
 * Operable and predictable: liveness and readiness as nodes come and go, /metrics as
 * a scraper reads it (strictly parsed), a request id from the client's header to the
 * gateway's and the node's log lines, and a node's log level pushed by the gateway.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { MAX_REQUEST_ID_LENGTH, REQUEST_ID_HEADER } from '../../schema/requestId';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';
import { connect, feed, settled } from '../support/feeds';
import { parsePrometheusText, sampleValue, type Family } from '../support/prometheus';
import { startTopology, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const get = async (url: string | URL) => {
  const res = await request(url);
  return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
};

const scrape = async (url: string | URL): Promise<Map<string, Family>> => {
  const res = await request(url);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.body.text());
};

describe('health, readiness and metrics of a gateway over two clouds', () => {
  let topology: Topology;
  const clouds = [
    { id: 'dc-east', kind: 'vsphere' as const, name: 'Private DC East' },
    { id: 'nova-eu', kind: 'nova' as const, name: 'Nova EU' },
  ];
  const at = (path: string) => new URL(path, topology.gateway.url);
  const gatewayMetrics = () => scrape(at('/metrics'));
  const nodeMetrics = (cloudId: string) => scrape(topology.cloud(cloudId).node.url.replace(/\/graphql$/, '/metrics'));

  beforeAll(async () => {
    topology = await startTopology({ seed: { clouds }, watchIntervalMs: 0 });
  });
  afterAll(() => topology.close());

  // The tests below run in order: nodes start UNKNOWN, are seen UP, then are closed one by one.

  it('is not ready while no health check has seen a node up', async () => {
    const res = await get(at('/readyz'));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      ready: false,
      reasons: [`no node is up (0 of ${clouds.length})`],
      supergraph: 'loaded',
      store: 'open',
      nodes: { up: 0, total: clouds.length },
    });
  });

  it('is ready once a health check saw the nodes up, and lists them', async () => {
    await topology.gateway.checkHealth();
    const res = await get(at('/readyz'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ready: true, reasons: [], nodes: { up: clouds.length, total: clouds.length } });
    expect((res.body.nodes as { list: unknown[] }).list).toEqual(
      expect.arrayContaining(clouds.map((c) => ({ id: `${c.id}/cloud-node`, cloudId: c.id, kind: 'cloud-node', status: 'UP' }))),
    );
  });

  it('counts a query and its requests to each cloud, as each node counted them', async () => {
    const before = await gatewayMetrics();
    const nodesBefore = await Promise.all(clouds.map((c) => topology.nodeRequests(c.id)));
    const res = await topology.query<{ clouds: Array<{ id: string }> }>('{ clouds { id } }');
    expect(res.status).toBe(200);
    const after = await gatewayMetrics();
    const nodesAfter = await Promise.all(clouds.map((c) => topology.nodeRequests(c.id)));

    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('overcast_gateway_requests_total', { operation: 'query', outcome: 'success' })).toBe(1);
    expect(delta('overcast_gateway_request_duration_seconds_count', { operation: 'query', outcome: 'success' })).toBe(1);
    clouds.forEach((cloud, i) => {
      const received = nodesAfter[i]! - nodesBefore[i]!;
      expect(received).toBeGreaterThan(0);
      const labels = { cloud_id: cloud.id, node_kind: 'cloud-node', route: 'graphql' };
      expect(delta('overcast_gateway_upstream_requests_total', { ...labels, outcome: 'ok' })).toBe(received);
      expect(delta('overcast_gateway_upstream_request_duration_seconds_count', labels)).toBe(received);
    });
  });

  it('shows each node status as a gauge, one series per status', async () => {
    const metrics = await gatewayMetrics();
    for (const cloud of clouds) {
      const labels = { cloud_id: cloud.id, node_kind: 'cloud-node' };
      expect(sampleValue(metrics, 'overcast_gateway_node_status', { ...labels, status: 'UP' })).toBe(1);
      expect(sampleValue(metrics, 'overcast_gateway_node_status', { ...labels, status: 'DOWN' })).toBe(0);
      expect(sampleValue(metrics, 'overcast_gateway_node_status', { ...labels, status: 'UNKNOWN' })).toBe(0);
    }
    expect(sampleValue(metrics, 'overcast_gateway_ready')).toBe(1);
  });

  it('times store calls by repository and operation', async () => {
    const labels = { repository: 'inventory', operation: 'freshness', outcome: 'ok' };
    const before = sampleValue(await gatewayMetrics(), 'overcast_gateway_store_operation_duration_seconds_count', labels);
    expect((await topology.query('{ inventoryFreshness { stale } }')).status).toBe(200);
    const after = sampleValue(await gatewayMetrics(), 'overcast_gateway_store_operation_duration_seconds_count', labels);
    expect(after - before).toBe(1);
  });

  it('shows the subscription hub: open subscriptions, and its counts as counters', async () => {
    const stats = topology.gateway.subscriptionStats();
    const client = connect(topology.gateway.url, await topology.tokenFor({ subject: 'ops', role: 'provider-admin' }));
    const status = feed(client, 'subscription { nodeStatus { nodeId status } }');
    try {
      await settled(topology.gateway, stats.subscribed, 1);
      const metrics = await gatewayMetrics();
      const now = topology.gateway.subscriptionStats();
      expect(now.subscribers).toBe(stats.subscribers + 1);
      expect(sampleValue(metrics, 'overcast_gateway_subscriptions')).toBe(now.subscribers);
      expect(sampleValue(metrics, 'overcast_gateway_subscriptions_started_total')).toBe(now.subscribed);
      // The health checks above published node status events (UNKNOWN → UP).
      expect(now.events).toBeGreaterThan(0);
      expect(sampleValue(metrics, 'overcast_gateway_events_total')).toBe(now.events);
      expect(sampleValue(metrics, 'overcast_gateway_event_deliveries_total')).toBe(now.delivered);
    } finally {
      status.dispose();
      await client.dispose();
    }
  });

  it("serves each node's latency histogram beside its counters, and the process metrics", async () => {
    for (const cloud of clouds) {
      const metrics = await nodeMetrics(cloud.id);
      const received = sampleValue(metrics, 'overcast_node_graphql_requests_total', { kind: 'root', cloud_id: cloud.id });
      expect(received).toBeGreaterThan(0);
      // Every signed request the node counted was timed; all of them were answered without errors.
      expect(sampleValue(metrics, 'overcast_node_graphql_request_duration_seconds_count', { kind: 'root', outcome: 'success' })).toBe(
        received,
      );
      expect(metrics.get('process_cpu_user_seconds_total')?.type).toBe('counter');
      expect(metrics.get('nodejs_eventloop_lag_seconds')?.type).toBe('gauge');
    }
    const gateway = await gatewayMetrics();
    expect(gateway.get('process_resident_memory_bytes')?.type).toBe('gauge');
  });

  it('counts a node that does not answer as an error of its cloud, and the answer as partial', async () => {
    const [up, gone] = clouds;
    await topology.cloud(gone!.id).node.close();
    const before = await gatewayMetrics();
    const res = await topology.query<{ clouds: Array<{ id: string }> }>('{ clouds { id } }');
    expect(res.data?.clouds).toEqual([{ id: up!.id }]);
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.cloudId])).toEqual([['CLOUD_UNAVAILABLE', gone!.id]]);
    const after = await gatewayMetrics();
    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    const labels = { cloud_id: gone!.id, node_kind: 'cloud-node', route: 'graphql' };
    expect(delta('overcast_gateway_upstream_errors_total', { ...labels, reason: 'unreachable' })).toBe(1);
    expect(delta('overcast_gateway_upstream_requests_total', { ...labels, outcome: 'error' })).toBe(1);
    expect(delta('overcast_gateway_requests_total', { operation: 'query', outcome: 'partial' })).toBe(1);
    expect(delta('overcast_gateway_graphql_errors_total', { code: 'CLOUD_UNAVAILABLE' })).toBe(1);
  });

  it('stays ready while one node is up, and is not ready once none is', async () => {
    const [up, gone] = clouds;
    await topology.gateway.checkHealth();
    const one = await get(at('/readyz'));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ ready: true, nodes: { up: 1, total: clouds.length } });
    expect((one.body.nodes as { list: Array<{ cloudId: string; status: string }> }).list).toEqual(
      expect.arrayContaining([expect.objectContaining({ cloudId: gone!.id, status: 'DOWN' })]),
    );

    await topology.cloud(up!.id).node.close();
    await topology.gateway.checkHealth();
    const none = await get(at('/readyz'));
    expect(none.status).toBe(503);
    expect(none.body).toMatchObject({ ready: false, reasons: [`no node is up (0 of ${clouds.length})`], nodes: { up: 0 } });
    expect(sampleValue(await gatewayMetrics(), 'overcast_gateway_ready')).toBe(0);
  });

  it('is alive (/healthz, and its old name /health) with every node down', async () => {
    expect(await get(at('/healthz'))).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get(at('/health'))).toEqual({ status: 200, body: { status: 'ok' } });
  });
});

/** A pino destination that keeps every line, parsed. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  return {
    lines,
    stream: {
      write(chunk: string) {
        for (const line of chunk.split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
    of: (requestId: string) => lines.filter((line) => line.requestId === requestId),
  };
}

describe('request ids and log levels', () => {
  const cloud = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] }).clouds[0]!;
  const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
  const secret = randomBytes(32).toString('hex');
  const gatewayLog = logCapture();
  const nodeLog = logCapture();
  let mock: MockCloud;
  let node: RunningCloudNode;
  let gateway: RunningGateway;
  let admin: string;

  /** POST a query as the provider admin, with these extra headers; the response's status, request id and body. */
  const post = async (query: string, headers: Record<string, string> = {}) => {
    const res = await request(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await res.body.json()) as { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> };
    return { status: res.statusCode, requestId: res.headers[REQUEST_ID_HEADER], body };
  };
  const configure = async (settings: string, headers: Record<string, string> = {}) =>
    (await post(`mutation { configureNode(id: "${cloud.id}/cloud-node", settings: ${settings}) { version appliedVersion } }`, headers)).body
      .data?.configureNode as { version: number; appliedVersion: number };

  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    node = await startCloudNode({
      cloud: { id: cloud.id, name: cloud.name, kind: 'vsphere' },
      adapter: createAdapter('vsphere', { baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 }),
      secret,
      log: { destination: nodeLog.stream },
    });
    gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'info',
        auth,
        nodes: [{ cloudId: cloud.id, kind: 'cloud-node', url: node.url, secret }],
        healthCheckIntervalMs: 0,
        inventorySyncIntervalMs: 0,
        orgDiscoveryIntervalMs: 0,
        nodeTimeoutMs: 1000,
      },
      logDestination: gatewayLog.stream,
    });
    admin = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await gateway.close();
    await node.close();
    await mock.close();
  });

  it("returns the client's x-request-id, and writes it in the gateway's and the node's lines of that request", async () => {
    const id = `client-${randomUUID()}`;
    const res = await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: id });
    expect(res).toMatchObject({ status: 200, requestId: id, body: { data: { clouds: [{ id: cloud.id }] } } });
    expect(gatewayLog.of(id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ msg: 'request completed', path: '/graphql', statusCode: 200, operation: 'query', outcome: 'success' }),
      ]),
    );
    expect(nodeLog.of(id)).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        path: '/graphql',
        method: 'POST',
        statusCode: 200,
        kind: 'root',
        cloudId: cloud.id,
      }),
    ]);
  });

  it('replaces an unsafe or overlong x-request-id by a new one, used the same way', async () => {
    const longest = 'a'.repeat(MAX_REQUEST_ID_LENGTH);
    expect((await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: longest })).requestId).toBe(longest);
    for (const bad of ['two words', 'quote"d', `${longest}a`, 'a,b']) {
      const res = await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: bad });
      expect(res.status).toBe(200);
      expect(res.requestId).toMatch(UUID);
      expect(gatewayLog.lines.some((line) => line.requestId === bad)).toBe(false);
      expect(nodeLog.of(res.requestId as string)).toEqual([expect.objectContaining({ msg: 'request completed' })]);
    }
  });

  it('makes a request id when the client sends none', async () => {
    const res = await post('{ clouds { id } }');
    expect(res.requestId).toMatch(UUID);
    expect(gatewayLog.of(res.requestId as string)).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'request completed', outcome: 'success' })]),
    );
  });

  it('applies a pushed logLevel: at WARN the node writes no info line, but still its warnings', async () => {
    // The capture sees info lines at the starting level.
    const seen = await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: `info-${randomUUID()}` });
    expect(nodeLog.of(seen.requestId as string).map((line) => line.level)).toEqual([30]);

    const warn = await configure('{ logLevel: WARN }');
    expect(warn.appliedVersion).toBe(warn.version);
    const quiet = await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: `quiet-${randomUUID()}` });
    expect(quiet.status).toBe(200);
    // A cloud that fails makes the node warn: that line shows the capture still receives at WARN.
    mock.setFaults({ down: true });
    try {
      const failing = await post('{ clouds { id vdcs { id } } }', { [REQUEST_ID_HEADER]: `failing-${randomUUID()}` });
      expect(failing.body.errors?.map((e) => e.extensions?.code)).toContain('CLOUD_UNAVAILABLE');
      const warned = await waitFor('the node to log the failing request', () => nodeLog.of(failing.requestId as string).length > 0);
      expect(warned).toBe(true);
      expect(nodeLog.of(failing.requestId as string)).toEqual([
        expect.objectContaining({ level: 40, msg: 'request had errors', errors: [expect.objectContaining({ code: 'CLOUD_UNAVAILABLE' })] }),
      ]);
    } finally {
      mock.setFaults({ down: false });
    }
    expect(nodeLog.of(quiet.requestId as string)).toEqual([]);

    // Back to INFO: the lines return.
    const info = await configure('{ logLevel: INFO }');
    expect(info.appliedVersion).toBe(info.version);
    const loud = await post('{ clouds { id } }', { [REQUEST_ID_HEADER]: `loud-${randomUUID()}` });
    expect(nodeLog.of(loud.requestId as string).map((line) => line.msg)).toEqual(['request completed']);
  });

  it('does not acknowledge a setting the node does not apply, and logs why under the request id', async () => {
    const id = `configure-${randomUUID()}`;
    const res = await configure('{ metricsSamplingIntervalMs: 60000 }', { [REQUEST_ID_HEADER]: id });
    expect(res.appliedVersion).toBe(res.version - 1);
    const health = await get(node.url.replace(/\/graphql$/, '/health'));
    expect(health.body).toMatchObject({ configVersion: res.version - 1, logLevel: 'info' });
    // The delivery went out for that request: the node's refusal and the gateway's warning both carry its id.
    expect(nodeLog.of(id)).toEqual([expect.objectContaining({ path: '/config', statusCode: 400 })]);
    expect(gatewayLog.of(id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ level: 40, msg: 'configuration not delivered; will retry when the node is up' })]),
    );
  });
});
