import { parseGatewayConfig } from '../../gateway/config';
import { loadNodeConfig } from '../../subgraphs/cloud-node/config';

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

  it('names a missing cloud-node variable', () => {
    expect(() => loadNodeConfig({ CLOUD_ID: 'dc-east', CLOUD_KIND: 'vsphere', CLOUD_USERNAME: 'u', CLOUD_PASSWORD: 'p' })).toThrow(/CLOUD_API_URL/);
  });
});
