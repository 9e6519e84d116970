import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import type { SubgraphKind } from '../../schema/kinds';
import type { Principal } from '../../schema/principal';
import { DEFAULT_MAX_SKEW_MS, PRINCIPAL_HEADER, signRequest } from '../../schema/signing';
import { globalId, sortById } from '../support/expected';
import { startGateway } from '../../gateway/server';
import { postGraphQL, startTopology, type Topology } from '../support/topology';

const ENTITIES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on VirtualMachine { id name powerState } } }';
const ADMIN: Principal = { subject: 'test-gateway', role: 'provider-admin' };

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

describe('nodes answer only requests signed by the gateway', () => {
  let topology: Topology;
  beforeAll(async () => {
    // No change polling: tests count the requests each cloud receives.
    topology = await startTopology({ watchIntervalMs: 0 });
  });
  afterAll(() => topology.close());

  const vsphere = () => topology.seed.clouds.find((c) => c.kind === 'vsphere')!;
  const director = () => topology.seed.clouds.find((c) => c.kind === 'director')!;
  const urlOf = (kind: SubgraphKind, cloudId: string): string => {
    const cloud = topology.cloud(cloudId);
    return kind === 'sp-node' ? cloud.spNode!.url : cloud.node.url;
  };
  const secretOf = (kind: SubgraphKind, cloudId: string): string => topology.gateway.registry.find(kind, cloudId)!.secret;
  const cloudRequests = () => topology.seed.clouds.map((c) => topology.cloud(c.id).mock.countRequests());

  /** Signed as the gateway would sign it, unless told otherwise. */
  const sign = (url: string, body: string, options: { secret: string; now?: number; principal?: Principal }) =>
    signRequest({
      secret: options.secret,
      method: 'POST',
      path: new URL(url).pathname,
      body,
      principal: options.principal ?? ADMIN,
      now: options.now,
    });

  async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.statusCode, body: (await res.body.json()) as Answer['body'] };
  }

  const refused = (answer: Answer) => {
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
  };

  const entitiesBody = (cloudId: string, count: number): { body: string; expected: unknown[] } => {
    const cloud = topology.seed.clouds.find((c) => c.id === cloudId)!;
    const vms = cloud.vms.slice(0, count);
    return {
      body: JSON.stringify({
        query: ENTITIES,
        variables: { representations: vms.map((vm) => ({ __typename: 'VirtualMachine', id: globalId(cloud, vm.nativeId) })) },
      }),
      expected: vms.map((vm) => ({ id: globalId(cloud, vm.nativeId), name: vm.name, powerState: vm.powerState })),
    };
  };

  it('refuses an unsigned request to a cloud-node before anything runs', async () => {
    const cloudId = vsphere().id;
    const before = cloudRequests();
    const executed = await topology.nodeRequests(cloudId);
    refused(await post(urlOf('cloud-node', cloudId), JSON.stringify({ query: '{ clouds { id vdcs { vms { id name } } } }' })));
    expect(cloudRequests()).toEqual(before);
    expect(await topology.nodeRequests(cloudId)).toBe(executed);
  });

  it('refuses an unsigned request to an sp-node before anything runs', async () => {
    const cloudId = director().id;
    const before = cloudRequests();
    refused(await post(urlOf('sp-node', cloudId), JSON.stringify({ query: '{ orgs { id name } }' })));
    expect(cloudRequests()).toEqual(before);
  });

  it('refuses an unsigned request whatever its body: not JSON, another content type, none', async () => {
    const url = urlOf('cloud-node', vsphere().id);
    const before = cloudRequests();
    refused(await post(url, '{not json'));
    refused(await post(url, '{ clouds { id } }', { 'content-type': 'text/plain' }));
    refused(await post(url, ''));
    expect(cloudRequests()).toEqual(before);
  });

  it('refuses a forged _entities call signed with the wrong secret', async () => {
    const cloudId = vsphere().id;
    const url = urlOf('cloud-node', cloudId);
    const { body } = entitiesBody(cloudId, 3);
    const before = cloudRequests();
    refused(await post(url, body, { ...sign(url, body, { secret: randomBytes(32).toString('hex') }) }));
    // Another node's secret is just as wrong: secrets are per node.
    refused(await post(url, body, { ...sign(url, body, { secret: secretOf('sp-node', director().id) }) }));
    expect(cloudRequests()).toEqual(before);
  });

  it('answers a request signed with the right secret (the check is not "always refuse")', async () => {
    const cloudId = vsphere().id;
    const url = urlOf('cloud-node', cloudId);
    const { body, expected } = entitiesBody(cloudId, 3);
    const answer = await post(url, body, { ...sign(url, body, { secret: secretOf('cloud-node', cloudId) }) });
    expect(answer).toEqual({ status: 200, body: { data: { _entities: expected } } });

    const cloud = director();
    const spUrl = urlOf('sp-node', cloud.id);
    const orgs = JSON.stringify({ query: '{ orgs { id name } }' });
    const spAnswer = await post(spUrl, orgs, { ...sign(spUrl, orgs, { secret: secretOf('sp-node', cloud.id) }) });
    expect(spAnswer.status).toBe(200);
    expect(sortById((spAnswer.body.data!.orgs as Array<{ id: string; name: string }>) ?? [])).toEqual(
      sortById(cloud.orgs.map((org) => ({ id: globalId(cloud, org.nativeId), name: org.name }))),
    );
  });

  it('refuses a captured valid signature replayed with another body or another principal', async () => {
    const cloudId = vsphere().id;
    const url = urlOf('cloud-node', cloudId);
    const { body } = entitiesBody(cloudId, 1);
    const captured = sign(url, body, {
      secret: secretOf('cloud-node', cloudId),
      principal: { subject: 'acme-viewer', role: 'tenant-viewer', tenantId: 'acme' },
    });
    expect((await post(url, body, { ...captured })).status).toBe(200);

    const before = cloudRequests();
    refused(await post(url, entitiesBody(cloudId, 4).body, { ...captured }));
    const admin = Buffer.from(JSON.stringify(ADMIN)).toString('base64url');
    refused(await post(url, body, { ...captured, [PRINCIPAL_HEADER]: admin }));
    expect(cloudRequests()).toEqual(before);
  });

  it('refuses an expired signature', async () => {
    const cloudId = vsphere().id;
    const url = urlOf('cloud-node', cloudId);
    const { body } = entitiesBody(cloudId, 1);
    const before = cloudRequests();
    refused(
      await post(url, body, { ...sign(url, body, { secret: secretOf('cloud-node', cloudId), now: Date.now() - 2 * DEFAULT_MAX_SKEW_MS }) }),
    );
    expect(cloudRequests()).toEqual(before);
  });

  it('counts refusals by reason in /metrics, which stays open like /health', async () => {
    const base = urlOf('cloud-node', vsphere().id).replace(/\/graphql$/, '');
    const health = await request(`${base}/health`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toMatchObject({ status: 'ok', cloudId: vsphere().id });
    const metrics = await request(`${base}/metrics`);
    expect(metrics.statusCode).toBe(200);
    const text = await metrics.body.text();
    expect(text).toMatch(/^overcast_node_refused_requests_total\{reason="missing-signature",[^}]*\} [1-9]\d*$/m);
    expect(text).toMatch(/^overcast_node_refused_requests_total\{reason="bad-signature",[^}]*\} [1-9]\d*$/m);
    expect(text).toMatch(/^overcast_node_refused_requests_total\{reason="expired",[^}]*\} [1-9]\d*$/m);
  });

  it('still answers everything the gateway asks (it signs with each node secret)', async () => {
    const cloud = vsphere();
    const vm = cloud.vms[0]!;
    const res = await topology.query<{ vm: { name: string } }>('query($id: ID!) { vm(id: $id) { name } }', {
      id: globalId(cloud, vm.nativeId),
    });
    expect(res).toEqual({ status: 200, data: { vm: { name: vm.name } } });
  });

  it('turns a node refusing the gateway (wrong secret) into CLOUD_UNAVAILABLE for that cloud only', async () => {
    const wrong = vsphere().id;
    const nodes = topology.gateway.registry.all().map(({ cloudId, kind, url, secret }) => ({
      cloudId,
      kind,
      url,
      secret: cloudId === wrong && kind === 'cloud-node' ? randomBytes(32).toString('hex') : secret,
    }));
    const gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        orgDiscoveryIntervalMs: 0,
        healthCheckIntervalMs: 0,
        inventorySyncIntervalMs: 0,
        auth: topology.auth,
        nodes,
      },
    });
    try {
      const res = await postGraphQL<{ clouds: Array<{ id: string }> }>(
        gateway.url,
        '{ clouds { id } }',
        undefined,
        await topology.tokenFor(ADMIN),
      );
      expect(res.status).toBe(200);
      expect(res.data!.clouds.map((c) => c.id).sort()).toEqual(
        topology.seed.clouds
          .map((c) => c.id)
          .filter((id) => id !== wrong)
          .sort(),
      );
      expect(res.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: wrong }) }),
      ]);
    } finally {
      await gateway.close();
    }
  });
});
