import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig, parseGatewayConfig } from '../../gateway/config';
import { parseBenchEnv } from '../../bench/lib/env';
import { mockCloudOptions } from '../../mocks/env';
import { loadNodeConfig } from '../../subgraphs/cloud-node/config';
import { loadSpNodeConfig } from '../../subgraphs/sp-node/config';

describe('configuration is validated once, with messages that name the key', () => {
  const auth = { hs256Secret: 'k'.repeat(32) };

  it('fills the gateway defaults and freezes the result', () => {
    const config = parseGatewayConfig({ auth });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, nodeTimeoutMs: 5000, nodes: [], tenants: [], autoMatchOrgs: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('freezes every nested object and array, so no module can change a validated value', () => {
    const node = { cloudId: 'a', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql', secret: 'n'.repeat(32) };
    const jwk = { kty: 'oct', k: 'c2VjcmV0', key_ops: ['verify'] };
    const config = parseGatewayConfig({
      auth: { jwks: { keys: [jwk] } },
      nodes: [node],
      tenants: [{ id: 'acme', name: 'Acme', clouds: ['a'] }],
    });
    // Test files are modules, so strict mode: writing a frozen property throws.
    expect(() => ((config.limits as { maxDepth: number }).maxDepth = 99)).toThrow(TypeError);
    expect(() => ((config.events as { queueCapacity: number }).queueCapacity = 1)).toThrow(TypeError);
    expect(() => ((config.nodes[0] as { url: string }).url = 'http://evil.example/graphql')).toThrow(TypeError);
    expect(() => (config.nodes as unknown[]).push(node)).toThrow(TypeError);
    expect(() => (config.tenants[0]!.clouds as string[]).push('b')).toThrow(TypeError);
    expect(() => (config.auth.jwks!.keys![0]!.key_ops as string[]).push('sign')).toThrow(TypeError);
    expect(config).toMatchObject({
      limits: { maxDepth: 12 },
      events: { queueCapacity: 100 },
      nodes: [{ url: node.url }],
      tenants: [{ clouds: ['a'] }],
    });
    // The caller's own objects stay theirs: the configuration holds a copy.
    expect(Object.isFrozen(jwk.key_ops)).toBe(false);
  });

  it('fills store.mongodbUri and events.redisUrl from MONGODB_URI and REDIS_URL', () => {
    const env = { MONGODB_URI: 'mongodb://127.0.0.1:27017/overcast', REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(parseGatewayConfig({ auth }, 'options', env)).toMatchObject({
      store: { mongodbUri: env.MONGODB_URI },
      events: { redisUrl: env.REDIS_URL },
    });
    const none = parseGatewayConfig({ auth }, 'options', {});
    expect([none.store.mongodbUri, none.events.redisUrl]).toEqual([undefined, undefined]);
    // Empty is unset, as `REDIS_URL= npm start` means.
    expect(parseGatewayConfig({ auth }, 'options', { REDIS_URL: '' }).events.redisUrl).toBeUndefined();
  });

  it('meters in the background by default; BILLING_METER=off turns it off unless the configuration says', () => {
    expect(parseGatewayConfig({ auth }, 'options', {}).billing.meter.enabled).toBe(true);
    expect(parseGatewayConfig({ auth }, 'options', { BILLING_METER: 'off' }).billing.meter.enabled).toBe(false);
    expect(
      parseGatewayConfig({ auth, billing: { meter: { enabled: true } } }, 'options', { BILLING_METER: 'off' }).billing.meter.enabled,
    ).toBe(true);
    expect(() => parseGatewayConfig({ auth }, 'options', { BILLING_METER: 'no' })).toThrow(/BILLING_METER/);
  });

  it('fills store.dataDir from OVERCAST_DATA_DIR, beside MONGODB_URI, and lets the configuration win', () => {
    const env = { OVERCAST_DATA_DIR: '/var/lib/overcast', MONGODB_URI: 'mongodb://127.0.0.1:27017' };
    expect(parseGatewayConfig({ auth }, 'options', env).store).toEqual({ dataDir: env.OVERCAST_DATA_DIR, mongodbUri: env.MONGODB_URI });
    expect(parseGatewayConfig({ auth, store: { dataDir: 'here' } }, 'options', env).store.dataDir).toBe('here');
    expect(parseGatewayConfig({ auth }, 'options', {}).store.dataDir).toBeUndefined();
  });

  it('lets a value in the configuration win over MONGODB_URI, REDIS_URL and NODE_ENV', () => {
    const env = { MONGODB_URI: 'mongodb://env:27017', REDIS_URL: 'redis://env:6379', NODE_ENV: 'production' };
    const config = parseGatewayConfig(
      { auth, store: { mongodbUri: 'mongodb://file:27017' }, events: { redisUrl: 'redis://file:6379' }, limits: { production: false } },
      'options',
      env,
    );
    expect(config).toMatchObject({
      store: { mongodbUri: 'mongodb://file:27017' },
      events: { redisUrl: 'redis://file:6379' },
      limits: { production: false },
    });
    expect(parseGatewayConfig({ auth }, 'options', env).limits.production).toBe(true);
  });

  it('names a bad gateway environment variable', () => {
    expect(() => parseGatewayConfig({ auth }, 'options', { MONGODB_URI: 'http://127.0.0.1:27017' })).toThrow(
      /environment.*MONGODB_URI: must be a mongodb:\/\/ or mongodb\+srv:\/\/ connection string/,
    );
    expect(() => parseGatewayConfig({ auth }, 'options', { REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(() => parseGatewayConfig({ auth, events: { redisUrl: 'nope' } }, 'options', {})).toThrow(/events\.redisUrl: must be a redis/);
    expect(() => loadGatewayConfig({ GATEWAY_PORT: 'abc' })).toThrow(/GATEWAY_PORT: must be a port number/);
  });

  it('reads a gateway process from OVERCAST_CONFIG, GATEWAY_HOST and GATEWAY_PORT overriding the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overcast-config-'));
    try {
      const path = join(dir, 'gateway.json');
      writeFileSync(path, JSON.stringify({ auth, host: '127.0.0.2', port: 4100, events: { redisChannel: 'c' } }));
      expect(loadGatewayConfig({ OVERCAST_CONFIG: path, GATEWAY_PORT: '4200', REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
        host: '127.0.0.2',
        port: 4200,
        events: { redisChannel: 'c', redisUrl: 'redis://127.0.0.1:6379' },
      });
      expect(loadGatewayConfig({ OVERCAST_CONFIG: path, GATEWAY_HOST: '0.0.0.0' })).toMatchObject({ host: '0.0.0.0', port: 4100 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown gateway key', () => {
    expect(() => parseGatewayConfig({ auth, prot: 4000 })).toThrow(/prot/);
  });

  it('requires a way to verify client tokens, and a long enough secret', () => {
    expect(() => parseGatewayConfig({})).toThrow(/auth/);
    expect(() => parseGatewayConfig({ auth: {} })).toThrow(/auth: set hs256Secret or jwks/);
    expect(() => parseGatewayConfig({ auth: { hs256Secret: 'short' } })).toThrow(/auth\.hs256Secret: must be at least 32 characters/);
  });

  it('has cross-origin access off unless cors.origins names exact origins', () => {
    expect(parseGatewayConfig({ auth }).cors).toEqual({ origins: [] });
    const origins = ['https://console.example.com', 'http://127.0.0.1:5173'];
    expect(parseGatewayConfig({ auth, cors: { origins } }).cors.origins).toEqual(origins);
    // What a browser never sends as Origin: a path, a trailing slash, a default port, no scheme.
    for (const bad of ['https://console.example.com/app', 'https://console.example.com/', 'https://a.example:443', 'console.example.com']) {
      expect(() => parseGatewayConfig({ auth, cors: { origins: [...origins, bad] } })).toThrow(
        new RegExp(`cors\\.origins\\.${origins.length}: must be an origin`),
      );
    }
    expect(() => parseGatewayConfig({ auth, cors: { origin: origins } })).toThrow(/origin/);
  });

  it('names a bad node entry by its path', () => {
    expect(() =>
      parseGatewayConfig({ auth, nodes: [{ cloudId: 'Bad Id', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql' }] }),
    ).toThrow(/nodes\.0\.cloudId/);
    expect(() => parseGatewayConfig({ auth, nodes: [{ cloudId: 'a', kind: 'mystery-node', url: 'http://127.0.0.1:1/graphql' }] })).toThrow(
      /nodes\.0\.kind/,
    );
  });

  it('requires a secret of at least 32 characters for every node', () => {
    const node = { cloudId: 'a', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql' };
    expect(() => parseGatewayConfig({ auth, nodes: [node] })).toThrow(/nodes\.0\.secret/);
    expect(() => parseGatewayConfig({ auth, nodes: [{ ...node, secret: 'short' }] })).toThrow(
      /nodes\.0\.secret: must be at least 32 characters/,
    );
    expect(parseGatewayConfig({ auth, nodes: [{ ...node, secret: 'n'.repeat(32) }] }).nodes[0]?.secret).toBe('n'.repeat(32));
  });

  it('requires of every node process a way to join: NODE_SECRET, or GATEWAY_URL with REGISTRATION_TOKEN', () => {
    const env = {
      CLOUD_ID: 'dc-east',
      CLOUD_KIND: 'vsphere',
      CLOUD_API_URL: 'http://127.0.0.1:1',
      CLOUD_USERNAME: 'u',
      CLOUD_PASSWORD: 'p',
    };
    expect(() => loadNodeConfig(env)).toThrow(/NODE_SECRET/);
    expect(() => loadNodeConfig({ ...env, NODE_SECRET: 'short' })).toThrow(/NODE_SECRET: must be at least 32 characters/);
    expect(loadNodeConfig({ ...env, NODE_SECRET: 'n'.repeat(32) }).join).toEqual({ secret: 'n'.repeat(32) });
    expect(loadNodeConfig({ ...env, GATEWAY_URL: 'http://127.0.0.1:4000/graphql', REGISTRATION_TOKEN: 't' }).join).toEqual({
      gatewayUrl: 'http://127.0.0.1:4000/graphql',
      token: 't',
    });
    expect(() => loadNodeConfig({ ...env, GATEWAY_URL: 'http://127.0.0.1:4000/graphql' })).toThrow(/REGISTRATION_TOKEN/);
    const sp = {
      CLOUD_ID: 'vcd-nl',
      DIRECTOR_API_URL: 'http://127.0.0.1:1',
      DIRECTOR_USERNAME: 'u',
      DIRECTOR_PASSWORD: 'p',
      METRICS_API_URL: 'http://127.0.0.1:2',
      METRICS_USERNAME: 'u',
      METRICS_PASSWORD: 'p',
    };
    expect(() => loadSpNodeConfig(sp)).toThrow(/NODE_SECRET/);
    expect(loadSpNodeConfig({ ...sp, NODE_SECRET: 'n'.repeat(32) }).join).toEqual({ secret: 'n'.repeat(32) });
  });

  it('reads a mock cloud and the demo through their schemas, naming a bad variable', () => {
    expect(mockCloudOptions({ MOCK_PORT: '4101', MOCK_LATENCY_MS: '5', MOCK_OPERATION_MS: '3000' })).toEqual({
      port: 4101,
      latencyMs: 5,
      operationMs: 3000,
    });
    expect(() => mockCloudOptions({ MOCK_OPERATION_MS: 'long' })).toThrow(/MOCK_OPERATION_MS/);
    // Unset: startMockCloud's own defaults apply.
    expect(mockCloudOptions({})).toEqual({ port: undefined, latencyMs: undefined });
    expect(() => mockCloudOptions({ MOCK_PORT: 'abc' })).toThrow(/invalid mock cloud environment: MOCK_PORT: must be a port number/);
    expect(() => mockCloudOptions({ MOCK_LATENCY_MS: 'slow' })).toThrow(/MOCK_LATENCY_MS/);
  });

  it('reads the benchmark knobs through their schema, naming a bad one', () => {
    expect(parseBenchEnv({ BENCH_SUBSCRIBERS: '100,1000', BENCH_DURATION: '2', BENCH_CPU_PROF: '1' })).toMatchObject({
      BENCH_SUBSCRIBERS: [100, 1000],
      BENCH_DURATION: 2,
      BENCH_CPU_PROF: true,
      BENCH_VERBOSE: false,
    });
    expect(() => parseBenchEnv({ BENCH_SUBSCRIBERS: '100,lots' })).toThrow(/BENCH_SUBSCRIBERS\.1/);
    expect(() => parseBenchEnv({ BENCH_DURATION: '0' })).toThrow(/BENCH_DURATION: must be a positive number/);
  });

  it('names a missing cloud-node variable', () => {
    expect(() => loadNodeConfig({ CLOUD_ID: 'dc-east', CLOUD_KIND: 'vsphere', CLOUD_USERNAME: 'u', CLOUD_PASSWORD: 'p' })).toThrow(
      /CLOUD_API_URL/,
    );
  });
});
