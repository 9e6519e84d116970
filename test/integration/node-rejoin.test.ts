/**
 * A node that registered keeps its identity (NODE_DATA_DIR/credential.json) and
 * rejoins by itself: after a kill -9 of the node (same command line, used token:
 * no TOKEN_USED loop), after a kill -9 of the gateway, and it says so when a
 * gateway has forgotten it. Faults are injected into real processes; what is
 * asserted is what clients of the graph see.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { kindSchemaHash, REJOIN_PATH } from '../../schema/nodeSettings';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import { credentialPath, readCredential } from '../../subgraphs/shared/nodeCredential';
import { killAll, startPart, type Part } from '../support/processes';
import { freePort } from '../support/ports';
import { postGraphQL } from '../support/topology';
import { waitFor } from '../support/waitFor';

jest.setTimeout(60_000);

const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
const cloud = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] }).clouds[0]!;
const seedVmNames = cloud.vms.map((vm) => vm.name).sort();
const gatewayConfig = { host: '127.0.0.1', logLevel: 'silent', auth, healthCheckIntervalMs: 100, inventorySyncIntervalMs: 0 } as const;

describe('a node that registered keeps its identity and rejoins', () => {
  const dirs: string[] = [];
  const tempDir = (name: string): string => {
    const dir = mkdtempSync(join(tmpdir(), `overcast-rejoin-${name}-`));
    dirs.push(dir);
    return dir;
  };
  let mock: MockCloud;
  let admin: string;

  const gql = <T>(url: string, query: string) => postGraphQL<T>(url, query, undefined, admin);
  const newToken = async (url: string): Promise<string> =>
    (
      await gql<{ createRegistrationToken: { token: string } }>(
        url,
        'mutation { createRegistrationToken(cloudId: "dc-east", kind: CLOUD_NODE) { token } }',
      )
    ).data!.createRegistrationToken.token;
  /** The VM names clients see in the node's cloud; undefined while the graph does not answer them all. */
  const vmNames = async (url: string): Promise<string[] | undefined> => {
    const res = await gql<{ clouds: Array<{ id: string; vdcs: Array<{ vms: Array<{ name: string }> }> }> }>(
      url,
      '{ clouds { id vdcs { vms { name } } } }',
    );
    if (res.errors?.length || !res.data) return undefined;
    return res.data.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms.map((vm) => vm.name))).sort();
  };
  const graphAnswers = (url: string) =>
    waitFor('the graph to answer the seed’s VMs', async () => JSON.stringify(await vmNames(url)) === JSON.stringify(seedVmNames), {
      timeoutMs: 15_000,
      intervalMs: 100,
    });
  const registry = async (url: string) => {
    const answer = await gql<{ nodes: Array<{ id: string; url: string; status: string }> }>(url, '{ nodes { id url status } }');
    expect(answer.errors).toBeUndefined();
    return answer.data!.nodes;
  };
  const nodeEnv = (gatewayUrl: string, dataDir: string, token?: string): Record<string, string> => ({
    CLOUD_ID: cloud.id,
    CLOUD_KIND: 'vsphere',
    CLOUD_API_URL: mock.url,
    CLOUD_USERNAME: mock.credentials.username,
    CLOUD_PASSWORD: mock.credentials.password,
    WATCH_INTERVAL_MS: '0',
    GATEWAY_URL: gatewayUrl,
    NODE_DATA_DIR: dataDir,
    NODE_REJOIN_AFTER_MS: '200',
    ...(token ? { REGISTRATION_TOKEN: token } : {}),
  });
  const startNode = (env: Record<string, string>) => startPart({ script: 'subgraphs/cloud-node/main.ts', env });

  beforeAll(async () => {
    mock = await startMockCloud(cloud);
    admin = await issueToken(auth, { subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await killAll();
    await mock.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('against an in-process gateway on a durable store', () => {
    let gateway: RunningGateway;
    beforeAll(async () => {
      gateway = await startGateway({ config: { ...gatewayConfig, port: 0, store: { dataDir: tempDir('store') } } });
    });
    afterAll(() => gateway.close());

    let dataDir: string;
    let usedToken: string;

    it('rejoins after a kill -9 with the same command line (the used token), at its new URL, and the graph answers as before', async () => {
      dataDir = join(tempDir('node'), 'data');
      usedToken = await newToken(gateway.url);
      const env = nodeEnv(gateway.url, dataDir, usedToken);
      const first = await startNode(env);
      await graphAnswers(gateway.url);
      // Its credential, readable by its owner only.
      expect(statSync(credentialPath(dataDir)).mode & 0o777).toBe(0o600);
      expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

      const second = await startNode(env);
      expect(second.lines).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'rejoined the gateway' })]));
      await waitFor('the registry to route to the new URL, UP', async () => {
        const nodes = await registry(gateway.url);
        return nodes.length === 1 && nodes[0]!.url === second.url && nodes[0]!.status === 'UP';
      });
      expect(await registry(gateway.url)).toEqual([{ id: 'dc-east/cloud-node', url: second.url, status: 'UP' }]);
      await graphAnswers(gateway.url);
      await second.stop('SIGKILL');
    });

    it('with its credential lost, refuses the used token (exit 1, telling to get a new one), and registers with a new one', async () => {
      unlinkSync(credentialPath(dataDir));
      const refused = await startNode(nodeEnv(gateway.url, dataDir, usedToken)).then(
        () => undefined,
        (err: Error) => err.message,
      );
      expect(refused).toContain('exited (1) before listening');
      expect(refused).toContain(
        `registration refused (TOKEN_USED): this registration token was already used, and ${credentialPath(dataDir)} holds no credential`,
      );
      expect(refused).toContain('an administrator must issue a new token (createRegistrationToken)');
      expect(existsSync(credentialPath(dataDir))).toBe(false);

      const renewed = await startNode(nodeEnv(gateway.url, dataDir, await newToken(gateway.url)));
      expect(existsSync(credentialPath(dataDir))).toBe(true);
      await graphAnswers(gateway.url);
      await renewed.stop('SIGKILL');
    });

    it('refuses an unknown node and a bad signature alike (401 UNKNOWN_NODE), and a foreign schema (409 SCHEMA_MISMATCH)', async () => {
      const credential = readCredential(dataDir)!;
      const post = async (payload: Record<string, unknown>, secret: string) => {
        const body = JSON.stringify(payload);
        const res = await request(new URL(REJOIN_PATH, gateway.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signRequest({ secret, method: 'POST', path: REJOIN_PATH, body, principal: SYSTEM_PRINCIPAL }),
          },
          body,
        });
        const answer = (await res.body.json()) as { errors?: Array<{ message: string; extensions: { code: string } }> };
        return { status: res.statusCode, code: answer.errors?.[0]?.extensions.code, message: answer.errors?.[0]?.message };
      };
      const good = { nodeId: credential.nodeId, url: 'http://127.0.0.1:1/graphql', version: '1', schemaHash: kindSchemaHash('cloud-node') };
      const unknown = await post({ ...good, nodeId: 'dc-west/cloud-node' }, credential.secret);
      expect(unknown).toEqual({ status: 401, code: 'UNKNOWN_NODE', message: expect.stringContaining('register it with a new token') });
      expect(await post(good, randomBytes(32).toString('hex'))).toEqual(unknown);
      expect(await post({ ...good, schemaHash: 'f'.repeat(64) }, credential.secret)).toMatchObject({
        status: 409,
        code: 'SCHEMA_MISMATCH',
      });
      // None of them moved the node.
      expect((await registry(gateway.url)).map((n) => n.url)).not.toContain(good.url);
    });

    it('takes a signed rejoin once: the same request replayed is refused like an unknown node', async () => {
      const credential = readCredential(dataDir)!;
      const current = (await registry(gateway.url)).find((n) => n.id === credential.nodeId)!;
      const body = JSON.stringify({ nodeId: credential.nodeId, url: current.url, version: '1', schemaHash: kindSchemaHash('cloud-node') });
      const headers = {
        'content-type': 'application/json',
        ...signRequest({ secret: credential.secret, method: 'POST', path: REJOIN_PATH, body, principal: SYSTEM_PRINCIPAL }),
      };
      const send = async () => {
        const res = await request(new URL(REJOIN_PATH, gateway.url), { method: 'POST', headers, body });
        const answer = (await res.body.json()) as { nodeId?: string; errors?: Array<{ extensions: { code: string } }> };
        return { status: res.statusCode, nodeId: answer.nodeId, code: answer.errors?.[0]?.extensions.code };
      };
      expect(await send()).toEqual({ status: 200, nodeId: credential.nodeId, code: undefined });
      expect(await send()).toEqual({ status: 401, nodeId: undefined, code: 'UNKNOWN_NODE' });
    });
  });

  describe('against a gateway process', () => {
    let port: number;
    let configPath: string;
    let gatewayUrl: string;
    let node: Part;
    let env: Record<string, string>;
    const startGatewayPart = () => startPart({ script: 'gateway/main.ts', env: { OVERCAST_CONFIG: configPath } });
    const readyz = async (): Promise<number> => {
      const res = await request(new URL('/readyz', gatewayUrl));
      await res.body.dump();
      return res.statusCode;
    };

    beforeAll(async () => {
      port = await freePort();
      const dir = tempDir('gateway');
      configPath = join(dir, 'gateway.json');
      writeFileSync(configPath, JSON.stringify({ ...gatewayConfig, logLevel: 'warn', port, store: { dataDir: join(dir, 'store') } }));
    });

    it('is UP again after the gateway is killed -9 and restarted on its data directory, without a new token', async () => {
      let gateway = await startGatewayPart();
      gatewayUrl = gateway.url;
      env = nodeEnv(gatewayUrl, tempDir('node-c'), await newToken(gatewayUrl));
      node = await startNode(env);
      await graphAnswers(gatewayUrl);
      await gateway.stop('SIGKILL');

      gateway = await startGatewayPart();
      expect(gateway.url).toBe(gatewayUrl);
      await waitFor('the node to be UP', async () => (await registry(gatewayUrl)).some((n) => n.status === 'UP'));
      expect(await registry(gatewayUrl)).toEqual([{ id: 'dc-east/cloud-node', url: node.url, status: 'UP' }]);
      expect(await readyz()).toBe(200);
      await graphAnswers(gatewayUrl);
      await gateway.stop('SIGKILL');
    });

    it('logs that it is unknown (UNKNOWN_NODE) to a gateway that lost its store, once, and keeps serving', async () => {
      const unknownLines = () => node.lines.filter((line) => line.level === 50 && line.code === 'UNKNOWN_NODE');
      expect(unknownLines()).toEqual([]);
      // The new gateway's log: how many rejoins it refused.
      const gatewayLog: Array<Record<string, unknown>> = [];
      const forgetful = await startGateway({
        config: { ...gatewayConfig, logLevel: 'warn', port },
        logDestination: { write: (line: string) => void gatewayLog.push(JSON.parse(line) as Record<string, unknown>) },
      });
      try {
        const refusals = () => gatewayLog.filter((line) => line.msg === 'node rejoin refused' && line.code === 'UNKNOWN_NODE').length;
        await waitFor('the gateway to refuse three periodic rejoins', () => refusals() >= 3, { timeoutMs: 10_000 });
        // Logged once for the state, not at every refused rejoin.
        expect(unknownLines()).toHaveLength(1);
        expect(String(unknownLines()[0]!.msg)).toContain('an administrator must issue a new token');
        expect(await registry(forgetful.url)).toEqual([]);
        const health = await request(node.url.replace(/\/graphql$/, '/health'));
        expect(health.statusCode).toBe(200);
        await health.body.dump();
      } finally {
        await forgetful.close();
      }
    });

    it('started while its gateway is down, serves, and rejoins once the gateway is back', async () => {
      await node.stop('SIGKILL');
      // Nothing listens on the gateway's port now (the forgetful one closed).
      node = await startNode(env);
      const health = await request(node.url.replace(/\/graphql$/, '/health'));
      expect(health.statusCode).toBe(200);
      await health.body.dump();
      expect(node.lines.some((line) => line.msg === 'rejoined the gateway')).toBe(false);
      const gateway = await startGatewayPart();
      await waitFor('the node to rejoin', () => node.lines.some((line) => line.msg === 'rejoined the gateway'), { timeoutMs: 10_000 });
      await waitFor('the node to be UP at its new URL', async () =>
        (await registry(gatewayUrl)).some((n) => n.url === node.url && n.status === 'UP'),
      );
      await graphAnswers(gatewayUrl);
      await gateway.stop('SIGKILL');
    });
  });
});
