import { parseGatewayConfig } from '../../gateway/config';
import { loadNodeConfig } from '../../subgraphs/cloud-node/config';
import { loadSpNodeConfig } from '../../subgraphs/sp-node/config';

describe('configuration is validated once, with messages that name the key', () => {
  const auth = { hs256Secret: 'k'.repeat(32) };

  it('fills the gateway defaults and freezes the result', () => {
    const config = parseGatewayConfig({ auth });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, nodeTimeoutMs: 5000, nodes: [], tenants: [], autoMatchOrgs: true });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('rejects an unknown gateway key', () => {
    expect(() => parseGatewayConfig({ auth, prot: 4000 })).toThrow(/prot/);
  });

  it('requires a way to verify client tokens, and a long enough secret', () => {
    expect(() => parseGatewayConfig({})).toThrow(/auth/);
    expect(() => parseGatewayConfig({ auth: {} })).toThrow(/auth: set hs256Secret or jwks/);
    expect(() => parseGatewayConfig({ auth: { hs256Secret: 'short' } })).toThrow(/auth\.hs256Secret: must be at least 32 characters/);
  });

  it('names a bad node entry by its path', () => {
    expect(() => parseGatewayConfig({ auth, nodes: [{ cloudId: 'Bad Id', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql' }] })).toThrow(/nodes\.0\.cloudId/);
    expect(() => parseGatewayConfig({ auth, nodes: [{ cloudId: 'a', kind: 'mystery-node', url: 'http://127.0.0.1:1/graphql' }] })).toThrow(/nodes\.0\.kind/);
  });

  it('requires a secret of at least 32 characters for every node', () => {
    const node = { cloudId: 'a', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql' };
    expect(() => parseGatewayConfig({ auth, nodes: [node] })).toThrow(/nodes\.0\.secret/);
    expect(() => parseGatewayConfig({ auth, nodes: [{ ...node, secret: 'short' }] })).toThrow(/nodes\.0\.secret: must be at least 32 characters/);
    expect(parseGatewayConfig({ auth, nodes: [{ ...node, secret: 'n'.repeat(32) }] }).nodes[0]?.secret).toBe('n'.repeat(32));
  });

  it('requires of every node process a way to join: NODE_SECRET, or GATEWAY_URL with REGISTRATION_TOKEN', () => {
    const env = { CLOUD_ID: 'dc-east', CLOUD_KIND: 'vsphere', CLOUD_API_URL: 'http://127.0.0.1:1', CLOUD_USERNAME: 'u', CLOUD_PASSWORD: 'p' };
    expect(() => loadNodeConfig(env)).toThrow(/NODE_SECRET/);
    expect(() => loadNodeConfig({ ...env, NODE_SECRET: 'short' })).toThrow(/NODE_SECRET: must be at least 32 characters/);
    expect(loadNodeConfig({ ...env, NODE_SECRET: 'n'.repeat(32) }).join).toEqual({ secret: 'n'.repeat(32) });
    expect(loadNodeConfig({ ...env, GATEWAY_URL: 'http://127.0.0.1:4000/graphql', REGISTRATION_TOKEN: 't' }).join).toEqual({ gatewayUrl: 'http://127.0.0.1:4000/graphql', token: 't' });
    expect(() => loadNodeConfig({ ...env, GATEWAY_URL: 'http://127.0.0.1:4000/graphql' })).toThrow(/REGISTRATION_TOKEN/);
    const sp = { CLOUD_ID: 'vcd-nl', DIRECTOR_API_URL: 'http://127.0.0.1:1', DIRECTOR_USERNAME: 'u', DIRECTOR_PASSWORD: 'p', METRICS_API_URL: 'http://127.0.0.1:2', METRICS_USERNAME: 'u', METRICS_PASSWORD: 'p' };
    expect(() => loadSpNodeConfig(sp)).toThrow(/NODE_SECRET/);
    expect(loadSpNodeConfig({ ...sp, NODE_SECRET: 'n'.repeat(32) }).join).toEqual({ secret: 'n'.repeat(32) });
  });

  it('names a missing cloud-node variable', () => {
    expect(() => loadNodeConfig({ CLOUD_ID: 'dc-east', CLOUD_KIND: 'vsphere', CLOUD_USERNAME: 'u', CLOUD_PASSWORD: 'p' })).toThrow(/CLOUD_API_URL/);
  });
});
