/**
 * A cloud-node served under a base path (`/edge/graphql`, `/edge/config`, …) and
 * given to the gateway with that URL: every kind of request the gateway makes to a
 * node (GraphQL, health check, configuration delivery, event stream) reaches it
 * there. The node serves nothing at the host root, so a request sent there fails.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';
import { globalId } from '../support/expected';
import { connect, feed, settled } from '../support/feeds';
import { postGraphQL } from '../support/topology';

const BASE_PATH = '/edge';
const cloud = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] }).clouds[0]!;
const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };

describe('a node served under a base path', () => {
  const secret = randomBytes(32).toString('hex');
  let mock: MockCloud;
  let node: RunningCloudNode;
  let nodeOpen = false;
  let gateway: RunningGateway;
  let admin: string;
  const clients: Client[] = [];

  const gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(gateway.url, query, variables, admin);
  const origin = () => new URL(node.url).origin;
  const health = async () =>
    (await (await request(`${origin()}${BASE_PATH}/health`)).body.json()) as { status: string; configVersion: number };

  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    node = await startCloudNode({
      cloud: { id: cloud.id, name: cloud.name, kind: 'vsphere' },
      adapter: createAdapter('vsphere', { baseUrl: mock.url, ...mock.credentials, timeoutMs: 1000 }),
      secret,
      basePath: BASE_PATH,
    });
    nodeOpen = true;
    gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        auth,
        nodes: [{ cloudId: cloud.id, kind: 'cloud-node', url: node.url, secret }],
        healthCheckIntervalMs: 0,
        inventorySyncIntervalMs: 0,
        orgDiscoveryIntervalMs: 0,
        nodeTimeoutMs: 1000,
      },
    });
    admin = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await gateway.close();
    if (nodeOpen) await node.close();
    await mock.close();
  });

  it('serves every route under the prefix, none at the host root, and signs over the prefixed path', async () => {
    expect(node.url).toBe(`${origin()}${BASE_PATH}/graphql`);
    expect(await request(`${origin()}/health`).then(async (res) => (await res.body.dump(), res.statusCode))).toBe(404);
    expect(await health()).toMatchObject({ status: 'ok' });

    // Signed over the path without the prefix: the node checks the path it received, so it refuses.
    const body = JSON.stringify({ query: '{ clouds { id } }' });
    const send = (path: string) =>
      request(node.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signRequest({ secret, method: 'POST', path, body, principal: SYSTEM_PRINCIPAL }),
        },
        body,
      }).then(async (res) => (await res.body.dump(), res.statusCode));
    expect(await send('/graphql')).toBe(401);
    expect(await send(`${BASE_PATH}/graphql`)).toBe(200);
  });

  it('answers GraphQL queries through the gateway', async () => {
    const vm = cloud.vms[0]!;
    const res = await gql('query($id: ID!) { clouds { id vdcs { id } } vm(id: $id) { name powerState } nodes { id url } }', {
      id: globalId(cloud, vm.nativeId),
    });
    expect(res).toEqual({
      status: 200,
      data: {
        clouds: [{ id: cloud.id, vdcs: cloud.vdcs.map((v) => ({ id: globalId(cloud, v.nativeId) })) }],
        vm: { name: vm.name, powerState: vm.powerState },
        nodes: [{ id: `${cloud.id}/cloud-node`, url: node.url }],
      },
    });
  });

  it('is marked UP by the health check', async () => {
    await gateway.checkHealth();
    expect((await gql('{ nodes { status latencyMs } }')).data).toEqual({ nodes: [{ status: 'UP', latencyMs: expect.any(Number) }] });
  });

  it('gets a configuration delivered, applies it and acknowledges it', async () => {
    const res = await gql(
      'mutation { configureNode(id: "dc-east/cloud-node", settings: { logLevel: DEBUG }) { version appliedVersion settings { logLevel } } }',
    );
    expect(res.data).toEqual({ configureNode: { version: 1, appliedVersion: 1, settings: { logLevel: 'DEBUG' } } });
    expect((await health()).configVersion).toBe(1);
  });

  it('streams its events to the gateway: a power operation arrives as task events', async () => {
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud, vm.nativeId);
    const client = connect(gateway.url, admin);
    clients.push(client);
    const base = gateway.subscriptionStats().subscribed;
    const tasks = feed<{ taskProgress: { operation: string; state: string; progress: number; vm: { name: string } } }>(
      client,
      'subscription($vm: ID) { taskProgress(vmId: $vm) { operation state progress vm { name } } }',
      { vm: id },
    );
    await settled(gateway, base, 1);
    expect((await gql('mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id })).data).toEqual({
      powerOffVm: { powerState: 'POWERED_OFF' },
    });
    await tasks.until(2);
    expect(
      tasks.events.map((e) => [e.taskProgress.operation, e.taskProgress.state, e.taskProgress.progress, e.taskProgress.vm.name]),
    ).toEqual([
      ['POWER_OFF', 'RUNNING', 0, vm.name],
      ['POWER_OFF', 'SUCCEEDED', 100, vm.name],
    ]);
    tasks.dispose();
  });

  it('is marked DOWN by the health check once closed', async () => {
    await node.close();
    nodeOpen = false;
    await gateway.checkHealth();
    expect((await gql('{ nodes { status } }')).data).toEqual({ nodes: [{ status: 'DOWN' }] });
  });
});
