/**
 * Nodes join the gateway by one-time token, are health-checked, configured and
 * deregistered; registrations and configuration survive a gateway restart.
 */
import { waitFor } from '../support/waitFor';
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { kindSchemaHash } from '../../schema/nodeSettings';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { startCloudNode } from '../../subgraphs/cloud-node/server';
import { registerWithGateway } from '../../subgraphs/shared/join';
import type { RunningNode } from '../../subgraphs/shared/serve';
import { postGraphQL } from '../support/topology';

const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
const cloud = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] }).clouds[0]!;

describe('node registration, health and configuration', () => {
  let store: Store;
  let mock: MockCloud;
  let gateway: RunningGateway;
  let admin: string;
  let node: RunningNode | undefined;
  let nodeSecret = '';

  const gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(gateway.url, query, variables, admin);
  const startGw = () =>
    startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        auth,
        healthCheckIntervalMs: 0,
        inventorySyncIntervalMs: 0,
        orgDiscoveryIntervalMs: 0,
        nodeTimeoutMs: 1000,
      },
      store,
    });
  const newToken = async (kind = 'CLOUD_NODE') =>
    (
      await gql<{ createRegistrationToken: { token: string } }>(
        `mutation { createRegistrationToken(cloudId: "dc-east", kind: ${kind}) { token } }`,
      )
    ).data!.createRegistrationToken.token;
  const startNode = (secret?: string, port = 0) =>
    startCloudNode({
      cloud: { id: cloud.id, name: cloud.name, kind: 'vsphere' },
      adapter: createAdapter('vsphere', { baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 }),
      secret,
      port,
    });
  const register = (body: Record<string, unknown>) =>
    request(new URL('/nodes/register', gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (res) => ({
      status: res.statusCode,
      body: (await res.body.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> },
    }));

  beforeAll(async () => {
    store = await createMemoryStore();
    mock = await startMockCloud(cloud);
    gateway = await startGw();
    admin = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await node?.close();
    await gateway.close();
    await mock.close();
    await store.close();
  });

  it('registers a node with a valid token: it gets its secret and serves its cloud', async () => {
    node = await startNode();
    const registered = await registerWithGateway({
      gatewayUrl: gateway.url,
      token: await newToken(),
      kind: 'cloud-node',
      url: node.url,
      version: '1.2.3',
    });
    expect(registered).toMatchObject({ nodeId: 'dc-east/cloud-node', cloudId: 'dc-east' });
    nodeSecret = registered.secret;
    node.setSecret(registered.secret);
    const res = await gql<{ clouds: Array<{ id: string; vdcs: unknown[] }>; nodes: unknown[] }>(
      '{ clouds { id vdcs { id } } nodes { id kind url version origin status } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.clouds).toEqual([{ id: 'dc-east', vdcs: cloud.vdcs.map((v) => ({ id: `dc-east:${v.nativeId}` })) }]);
    expect(res.data!.nodes).toEqual([
      { id: 'dc-east/cloud-node', kind: 'CLOUD_NODE', url: node.url, version: '1.2.3', origin: 'REGISTERED', status: 'UNKNOWN' },
    ]);
  });

  it('refuses a reused, an unknown, an expired and a wrong-kind token, and a foreign schema, with the reason', async () => {
    const good = { kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql', version: '1', schemaHash: kindSchemaHash('cloud-node') };
    const used = await newToken();
    expect((await register({ ...good, token: used })).status).toBe(201);
    expect(await register({ ...good, token: used })).toEqual({
      status: 409,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'TOKEN_USED' } }] },
    });
    expect(await register({ ...good, token: 'made-up' })).toEqual({
      status: 401,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'INVALID_TOKEN' } }] },
    });
    const expired = randomBytes(32).toString('base64url');
    await store.registrationTokens.create({
      tokenHash: createHash('sha256').update(expired).digest('hex'),
      cloudId: 'dc-east',
      kind: 'cloud-node',
      createdAt: new Date(Date.now() - 7200_000),
      expiresAt: new Date(Date.now() - 3600_000),
    });
    expect(await register({ ...good, token: expired })).toEqual({
      status: 401,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'TOKEN_EXPIRED' } }] },
    });
    expect(await register({ ...good, token: await newToken('SP_NODE') })).toEqual({
      status: 409,
      body: { errors: [{ message: 'this token is for a sp-node, not a cloud-node', extensions: { code: 'WRONG_KIND' } }] },
    });
    expect(await register({ ...good, token: await newToken(), schemaHash: kindSchemaHash('sp-node') })).toEqual({
      status: 409,
      body: { errors: [{ message: expect.any(String), extensions: { code: 'SCHEMA_MISMATCH' } }] },
    });
    // The fake registration above replaced the real one: put the real node back.
    const again = await registerWithGateway({
      gatewayUrl: gateway.url,
      token: await newToken(),
      kind: 'cloud-node',
      url: node!.url,
      version: '1.2.3',
    });
    nodeSecret = again.secret;
    node!.setSecret(again.secret);
  });

  it('marks a killed node down, stops routing to it, and serves it again once it is back', async () => {
    await gateway.checkHealth();
    expect((await gql('{ nodes { status latencyMs } }')).data).toEqual({ nodes: [{ status: 'UP', latencyMs: expect.any(Number) }] });
    const port = Number(new URL(node!.url).port);
    await node!.close();
    await gateway.checkHealth();
    const down = await gql<{ nodes: Array<{ status: string }>; clouds: unknown[] }>('{ nodes { status } clouds { id } }');
    expect(down.data).toEqual({ nodes: [{ status: 'DOWN' }], clouds: [] });
    expect(down.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('down'),
        extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: 'dc-east' }),
      }),
    ]);
    node = await startNode(nodeSecret, port);
    await gateway.checkHealth();
    const up = await gql('{ nodes { status } clouds { id } }');
    expect(up).toEqual({ status: 200, data: { nodes: [{ status: 'UP' }], clouds: [{ id: 'dc-east' }] } });
  });

  it('delivers a configuration, which the node applies and acknowledges', async () => {
    const res = await gql(
      'mutation { configureNode(id: "dc-east/cloud-node", settings: { logLevel: DEBUG }) { version appliedVersion settings { logLevel } } }',
    );
    expect(res.data).toEqual({ configureNode: { version: 1, appliedVersion: 1, settings: { logLevel: 'DEBUG' } } });
    // Acknowledged means applied: the node's logger runs at the level pushed.
    const health = (await (await request(new URL('/health', node!.url))).body.json()) as { configVersion: number; logLevel: string };
    expect(health).toMatchObject({ configVersion: 1, logLevel: 'debug' });
  });

  it('refuses an invalid configuration, naming the setting', async () => {
    const res = await gql('mutation { configureNode(id: "dc-east/cloud-node", settings: { metricsSamplingIntervalMs: 5 }) { version } }');
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('settings.metricsSamplingIntervalMs'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    // A log level is one of the SDL's enum values: GraphQL refuses any other before the gateway sees it.
    const level = await gql('mutation { configureNode(id: "dc-east/cloud-node", settings: { logLevel: LOUD }) { version } }');
    expect(level.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await gql('{ node(id: "dc-east/cloud-node") { config { version } } }')).data).toEqual({ node: { config: { version: 1 } } });
  });

  it('shows drift while a node is down, and redelivers when it is back', async () => {
    const port = Number(new URL(node!.url).port);
    await node!.close();
    await gateway.checkHealth();
    const drift = await gql('mutation { configureNodes(kind: CLOUD_NODE, settings: { logLevel: WARN }) { version appliedVersion } }');
    expect(drift.data).toEqual({ configureNodes: [{ version: 2, appliedVersion: 1 }] });
    node = await startNode(nodeSecret, port);
    await gateway.checkHealth();
    // Redelivery runs after the health change: wait (bounded) for the acknowledgement.
    const appliedVersion = async () =>
      (await gql<{ node: { config: { appliedVersion: number } } }>('{ node(id: "dc-east/cloud-node") { config { appliedVersion } } }'))
        .data!.node.config.appliedVersion;
    await waitFor('the redelivered configuration (version 2) to be acknowledged', async () => (await appliedVersion()) === 2);
  });

  it('keeps registrations and configuration across a gateway restart on the same store', async () => {
    await gateway.close();
    gateway = await startGw();
    const res = await gql('{ nodes { id origin version config { version appliedVersion } } clouds { id } }');
    expect(res).toEqual({
      status: 200,
      data: {
        nodes: [{ id: 'dc-east/cloud-node', origin: 'REGISTERED', version: '1.2.3', config: { version: 2, appliedVersion: 2 } }],
        clouds: [{ id: 'dc-east' }],
      },
    });
  });

  it('deregisters a node: the gateway forgets it and stops routing to it', async () => {
    expect((await gql('mutation { deregisterNode(id: "dc-east/cloud-node") }')).data).toEqual({ deregisterNode: true });
    expect((await gql('{ nodes { id } clouds { id } }')).data).toEqual({ nodes: [], clouds: [] });
    expect((await gql('mutation { deregisterNode(id: "dc-east/cloud-node") }')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
