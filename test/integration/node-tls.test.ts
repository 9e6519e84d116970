/**
 * Node traffic over TLS, end to end: a cloud-node process serving HTTPS
 * (NODE_TLS_CERT_FILE/NODE_TLS_KEY_FILE) registers with a gateway that trusts its
 * certificate (`nodeTls.caFile`); GraphQL and the event stream reach it over
 * https://, and a gateway that does not trust the certificate does not talk to it.
 */
import { randomBytes } from 'node:crypto';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { globalId } from '../support/expected';
import { connect, feed, settled } from '../support/feeds';
import { killAll, startPart, type Part } from '../support/processes';
import { selfSignedCertificate, type TestCertificate } from '../support/tls';
import { postGraphQL } from '../support/topology';

const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
const cloud = buildSeed({ clouds: [{ id: 'dc-tls', kind: 'vsphere', name: 'TLS DC' }] }).clouds[0]!;
const VMS = '{ clouds { id vdcs { vms { id name } } } }';

const gatewayConfig = (extra: Record<string, unknown> = {}) => ({
  port: 0,
  logLevel: 'silent' as const,
  auth,
  healthCheckIntervalMs: 0,
  inventorySyncIntervalMs: 0,
  orgDiscoveryIntervalMs: 0,
  nodeTimeoutMs: 2000,
  ...extra,
});

describe('node traffic over TLS', () => {
  let cert: TestCertificate;
  let mock: MockCloud;
  let gateway: RunningGateway;
  let node: Part;
  let admin: string;

  const gql = <T = Record<string, unknown>>(url: string, query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(url, query, variables, admin);

  beforeAll(async () => {
    cert = selfSignedCertificate();
    mock = await startMockCloud(cloud);
    gateway = await startGateway({ config: gatewayConfig({ nodeTls: { caFile: cert.certFile } }) });
    admin = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
    const token = await gql<{ createRegistrationToken: { token: string } }>(
      gateway.url,
      `mutation { createRegistrationToken(cloudId: "${cloud.id}", kind: CLOUD_NODE) { token } }`,
    );
    node = await startPart({
      script: 'subgraphs/cloud-node/main.ts',
      env: {
        CLOUD_ID: cloud.id,
        CLOUD_NAME: cloud.name,
        CLOUD_KIND: cloud.kind,
        CLOUD_API_URL: mock.url,
        CLOUD_USERNAME: mock.credentials.username,
        CLOUD_PASSWORD: mock.credentials.password,
        GATEWAY_URL: gateway.url,
        REGISTRATION_TOKEN: token.data!.createRegistrationToken.token,
        NODE_TLS_CERT_FILE: cert.certFile,
        NODE_TLS_KEY_FILE: cert.keyFile,
        WATCH_INTERVAL_MS: '0',
      },
    });
  });
  afterAll(async () => {
    await killAll();
    await gateway?.close();
    await mock?.close();
    cert?.remove();
  });

  it('registers the node with its https:// URL', async () => {
    expect(node.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await gql<{ nodes: Array<{ cloudId: string; url: string }> }>(gateway.url, '{ nodes { cloudId url } }');
    expect(res.data?.nodes).toEqual([{ cloudId: cloud.id, url: node.url }]);
  });

  it("answers the cloud's VMs through the gateway over TLS", async () => {
    const res = await gql<{ clouds: Array<{ id: string; vdcs: Array<{ vms: Array<{ id: string; name: string }> }> }> }>(gateway.url, VMS);
    expect(res.errors).toBeUndefined();
    const vms = res.data!.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms));
    expect(vms.map((vm) => vm.name).sort()).toEqual(cloud.vms.map((vm) => vm.name).sort());
  });

  it("delivers a power change from the node's event stream over TLS", async () => {
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud, vm.nativeId);
    const client = connect(gateway.url, admin);
    const base = gateway.subscriptionStats().subscribed;
    const events = feed<{ vmEvents: { type: string; powerState: string; vm: { id: string } } }>(
      client,
      `subscription($cloud: ID) { vmEvents(filter: { cloudId: $cloud, types: [POWER_STATE_CHANGED] }) { type powerState vm { id } } }`,
      { cloud: cloud.id },
    );
    try {
      await settled(gateway, base, 1);
      const off = await gql(gateway.url, 'mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id });
      expect(off.data).toEqual({ powerOffVm: { powerState: 'POWERED_OFF' } });
      await events.until(1);
      expect(events.events[0]).toEqual({ vmEvents: { type: 'POWER_STATE_CHANGED', powerState: 'POWERED_OFF', vm: { id } } });
    } finally {
      events.dispose();
      await client.dispose();
    }
  });

  it('is unavailable to a gateway that does not trust its certificate', async () => {
    const { secret } = gateway.registry.find('cloud-node', cloud.id)!;
    const untrusting = await startGateway({
      config: gatewayConfig({ nodes: [{ cloudId: cloud.id, kind: 'cloud-node', url: node.url, secret }] }),
    });
    try {
      const res = await gql(untrusting.url, '{ clouds { id } }');
      expect(res.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'CLOUD_UNAVAILABLE', cloudId: cloud.id }) }),
      ]);
      // The same request through the trusting gateway is answered: the certificate made the difference.
      expect(await gql(gateway.url, '{ clouds { id } }')).toEqual({ status: 200, data: { clouds: [{ id: cloud.id }] } });
    } finally {
      await untrusting.close();
    }
  });

  it('stops cleanly on SIGTERM, with TLS connections open', async () => {
    expect(await node.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
