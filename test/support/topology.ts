/**
 * One fixture for integration tests: starts, on loopback, a mock cloud and a real
 * cloud-node per seeded cloud and the real gateway in front of them, and tears it
 * all down. Everything talks HTTP; nothing is short-circuited in process.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import type { Principal } from '../../schema/principal';
import type { GatewayConfigInput } from '../../gateway/config';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed, type Seed, type SeedOptions } from '../../mocks/seed';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { adapterOptionsFor } from './cloudOptions';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';
import type { RunningNode } from '../../subgraphs/shared/serve';
import { METRICS_CREDENTIALS } from '../../mocks/director';
import { createTenancyClient } from '../../subgraphs/sp-node/clients/director';
import { createMetricsClient } from '../../subgraphs/sp-node/clients/metrics';
import { createStatsHistoryClient } from '../../subgraphs/sp-node/clients/statsHistory';
import { startSpNode } from '../../subgraphs/sp-node/server';
import type { SubgraphKind } from '../../schema/kinds';

export interface CloudUnderTest {
  mock: MockCloud;
  node: RunningCloudNode;
  /** Multi-tenant (director) clouds only. */
  spNode?: RunningNode;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface Topology {
  seed: Seed;
  gateway: RunningGateway;
  /** The store given to the gateway, when the topology gave one (options.store, or its own with `redis`). */
  store: Store | undefined;
  clouds: Map<string, CloudUnderTest>;
  cloud(id: string): CloudUnderTest;
  /** POST a query to the gateway, as the provider admin unless another token is given (null: none). */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** A valid token for this gateway, for `ttl` (a jose duration such as '2s'; default 12 h). */
  tokenFor(principal: Principal, ttl?: string): Promise<string>;
  auth: { hs256Secret: string; issuer: string; audience: string };
  /** The configuration the topology's gateway runs with (its nodes, tenants and token settings; loops off): for replicas. */
  gatewayConfig(): GatewayConfigInput;
  /** Stop the gateway, then start it again with the same configuration on the store `reopen` answers (reopened: a restart). */
  restartGateway(reopen: () => Promise<Store>): Promise<void>;
  /**
   * Stop a cloud's cloud-node and start a new one on the same port with the same
   * secret (a node that went away and came back: what it held in memory is gone).
   * `whileDown` runs between the two.
   */
  restartCloudNode(cloudId: string, whileDown?: () => Promise<void>): Promise<void>;
  /** GraphQL requests a node has received, read from its /metrics. */
  nodeRequests(cloudId: string, kind?: SubgraphKind): Promise<number>;
  close(): Promise<void>;
}

export interface TopologyOptions {
  seed?: SeedOptions;
  /** Gateway's wait for a node. */
  nodeTimeoutMs?: number;
  /** Node's wait for its cloud API. */
  cloudTimeoutMs?: number;
  /** The gateway's request limits (defaults otherwise). */
  limits?: GatewayConfigInput['limits'];
  /** The gateway's store (a fresh embedded one otherwise, given to the gateway by the topology with `redis`: replicas share it). */
  store?: Store;
  /** Share the gateway's event bus through this Redis channel. */
  redis?: { url: string; channel: string };
  /**
   * Cloud-nodes poll their cloud for changes (VM events) this often; 0 turns it off,
   * as suites that count the requests a cloud receives must (polls add to them). @default 50
   */
  watchIntervalMs?: number;
  /**
   * The gateway's billing settings. Metering is off unless a suite turns it on (it reads
   * weeks of history from every cloud), and the mocks' history starts where `meter.from` says.
   */
  billing?: GatewayConfigInput['billing'];
  /** Where the mock clouds' usage history begins. @default the first instant of the previous UTC month */
  historyStart?: Date;
  /** Bytes of every seeded disk in the mocks (MockServerOptions.diskBytes). */
  diskBytes?: number;
  /** How long the mocks keep long operations running (MockServerOptions.operationMs). */
  operationMs?: number;
  /** More of the gateway's configuration (e.g. `transfers`), over the topology's. */
  gatewayOverrides?: Partial<GatewayConfigInput>;
  /** Serve the web console from this built directory (off otherwise). */
  consoleDir?: string;
  /**
   * Turn the gateway's own loops on, as a running gateway has them (off otherwise: tests
   * run health checks and syncs when they mean to). The console suites watch them work.
   */
  loops?: { healthCheckIntervalMs?: number; inventorySyncIntervalMs?: number; cloudProbeIntervalMs?: number };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
): Promise<GraphQLResponse<T>> {
  const res = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.body.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.statusCode, ...body };
}

export async function startTopology(options: TopologyOptions = {}): Promise<Topology> {
  const seed = buildSeed(options.seed);
  const clouds = new Map<string, CloudUnderTest>();
  const started: Array<{ close(): Promise<void> }> = [];
  // Each node its own secret, as in production; tests read them back from gateway.registry.
  const secrets = new Map<string, string>();
  const secretFor = (kind: SubgraphKind, cloudId: string): string => {
    const key = `${kind}/${cloudId}`;
    if (!secrets.has(key)) secrets.set(key, randomBytes(32).toString('hex'));
    return secrets.get(key)!;
  };
  const startCloudNodeFor = (cloud: Seed['clouds'][number], mock: MockCloud, port?: number): Promise<RunningCloudNode> =>
    startCloudNode({
      cloud: { id: cloud.id, name: cloud.name, kind: cloud.kind },
      adapter: createAdapter(cloud.kind, adapterOptionsFor(mock, cloud.kind, { timeoutMs: options.cloudTimeoutMs ?? 2000 })),
      secret: secretFor('cloud-node', cloud.id),
      watchIntervalMs: options.watchIntervalMs ?? 50,
      cloudProbe: { intervalMs: options.loops?.cloudProbeIntervalMs ?? 0 },
      ...(port !== undefined ? { port } : {}),
    });
  try {
    for (const cloud of seed.clouds) {
      const mock = await startMockCloud(cloud, {
        ...(options.historyStart ? { historyStart: options.historyStart } : {}),
        ...(options.diskBytes !== undefined ? { diskBytes: options.diskBytes } : {}),
        ...(options.operationMs !== undefined ? { operationMs: options.operationMs } : {}),
      });
      started.push(mock);
      const node = await startCloudNodeFor(cloud, mock);
      // Closed through the map, whichever node runs by then.
      started.push({ close: () => clouds.get(cloud.id)?.node.close() ?? Promise.resolve() });
      let spNode: RunningNode | undefined;
      if (cloud.kind === 'director') {
        const timeoutMs = options.cloudTimeoutMs ?? 2000;
        spNode = await startSpNode({
          cloud: { id: cloud.id, name: cloud.name },
          tenancy: createTenancyClient({ baseUrl: mock.url, ...mock.credentials, timeoutMs }),
          metrics: createMetricsClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs }),
          statsHistory: createStatsHistoryClient({ baseUrl: mock.url, ...METRICS_CREDENTIALS, timeoutMs }),
          secret: secretFor('sp-node', cloud.id),
          cloudProbe: { intervalMs: options.loops?.cloudProbeIntervalMs ?? 0 },
        });
        started.push(spNode);
      }
      clouds.set(cloud.id, { mock, node, spNode });
    }
    const nodes = [...clouds].flatMap(([cloudId, { node, spNode }]) => [
      { cloudId, kind: 'cloud-node' as const, url: node.url, secret: secretFor('cloud-node', cloudId) },
      ...(spNode ? [{ cloudId, kind: 'sp-node' as const, url: spNode.url, secret: secretFor('sp-node', cloudId) }] : []),
    ]);
    const tenants = seed.tenants.map((t) => ({
      id: t.id,
      name: t.name,
      clouds: seed.clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id),
    }));
    const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
    // A replica (redis) needs a store it can share: one in this process, which the suite hands to the other replicas.
    let store = options.store ?? (options.redis ? await createMemoryStore() : undefined);
    // Loops off: tests run health checks and syncs when they mean to.
    const gatewayConfig = (): GatewayConfigInput => ({
      port: 0,
      // TOPOLOGY_LOG_LEVEL=error shows a failing suite's gateway errors (an internal error's cause is only logged).
      logLevel: (process.env.TOPOLOGY_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
      nodeTimeoutMs: options.nodeTimeoutMs ?? 2000,
      nodes,
      tenants,
      orgDiscoveryIntervalMs: 0,
      healthCheckIntervalMs: options.loops?.healthCheckIntervalMs ?? 0,
      inventorySyncIntervalMs: options.loops?.inventorySyncIntervalMs ?? 0,
      console: options.consoleDir ? { dir: options.consoleDir } : { enabled: false },
      auth,
      limits: options.limits,
      billing: { ...options.billing, meter: { enabled: false, ...options.billing?.meter } },
      ...(options.redis ? { events: { redisUrl: options.redis.url, redisChannel: options.redis.channel } } : {}),
      ...options.gatewayOverrides,
    });
    let gateway = await startGateway({ config: gatewayConfig(), ...(store ? { store } : {}) });
    // Closed through this entry, whichever gateway runs by then.
    started.push({ close: () => gateway.close() });

    const cloud = (id: string): CloudUnderTest => {
      const found = clouds.get(id);
      if (!found) throw new Error(`no cloud ${id} in this topology`);
      return found;
    };
    const tokenFor = (principal: Principal, ttl?: string) => issueToken(auth, principal, ttl);
    const adminToken = await tokenFor({ subject: 'test-admin', role: 'provider-admin' });
    return {
      seed,
      get gateway() {
        return gateway;
      },
      gatewayConfig,
      async restartGateway(reopen) {
        await gateway.close();
        store = await reopen();
        gateway = await startGateway({ config: gatewayConfig(), store });
      },
      get store() {
        return store;
      },
      clouds,
      cloud,
      auth,
      tokenFor,
      query: (query, variables, token) =>
        postGraphQL(gateway.url, query, variables, token === undefined ? adminToken : (token ?? undefined)),
      async restartCloudNode(cloudId, whileDown) {
        const under = cloud(cloudId);
        const port = Number(new URL(under.node.url).port);
        await under.node.close();
        await whileDown?.();
        const seeded = seed.clouds.find((c) => c.id === cloudId)!;
        under.node = await startCloudNodeFor(seeded, under.mock, port);
      },
      async nodeRequests(cloudId, kind = 'cloud-node') {
        const target = kind === 'sp-node' ? cloud(cloudId).spNode : cloud(cloudId).node;
        if (!target) return 0;
        const res = await request(target.url.replace(/\/graphql$/, '/metrics'));
        const text = await res.body.text();
        return [...text.matchAll(/^overcast_node_graphql_requests_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      },
      close: async () => {
        for (const s of started.reverse()) await s.close().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    throw err;
  }
}
