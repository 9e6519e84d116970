import { nodeBaseUrl, nodeEndpoint } from '../../gateway/nodes/endpoints';
import { loadNodeConfig } from '../../subgraphs/cloud-node/config';
import { isBasePath } from '../../subgraphs/shared/nodeEnv';
import { loadSpNodeConfig } from '../../subgraphs/sp-node/config';

describe('a node base URL, from its GraphQL URL', () => {
  it.each([
    ['at the root', 'http://127.0.0.1:4101/graphql', 'http://127.0.0.1:4101/'],
    ['under a prefix', 'http://host/edge/graphql', 'http://host/edge/'],
    ['under a prefix of several segments', 'https://host:8443/dc/east/graphql', 'https://host:8443/dc/east/'],
    ['with a trailing slash, which is not a segment', 'http://host/edge/graphql/', 'http://host/edge/'],
    ['with a query and a fragment, which the base drops', 'http://host/edge/graphql?tenant=x#top', 'http://host/edge/'],
    ['with no path at all', 'http://host:4101', 'http://host:4101/'],
  ])('drops the last path segment %s', (_case, graphqlUrl, base) => {
    expect(nodeBaseUrl(graphqlUrl).href).toBe(base);
  });

  it('leaves the URL it was given alone', () => {
    const graphql = new URL('http://host/edge/graphql?x=1');
    nodeBaseUrl(graphql);
    expect(graphql.href).toBe('http://host/edge/graphql?x=1');
  });
});

describe('a node route URL', () => {
  it('is a sibling of the GraphQL endpoint, not a path at the host root', () => {
    const base = nodeBaseUrl('http://host/edge/graphql');
    expect(['config', 'health', 'events'].map((route) => nodeEndpoint(base, route).href)).toEqual([
      'http://host/edge/config',
      'http://host/edge/health',
      'http://host/edge/events',
    ]);
    expect(nodeEndpoint(nodeBaseUrl('http://127.0.0.1:4101/graphql'), 'config').href).toBe('http://127.0.0.1:4101/config');
  });

  it('refuses a route that would leave the base (leading slash) or carry a query', () => {
    const base = nodeBaseUrl('http://host/edge/graphql');
    expect(() => nodeEndpoint(base, '/config')).toThrow(TypeError);
    expect(() => nodeEndpoint(base, 'events?after=1')).toThrow(TypeError);
  });

  it('is a new URL each time: adding a query to one does not change the next', () => {
    const base = nodeBaseUrl('http://host/edge/graphql');
    nodeEndpoint(base, 'events').searchParams.set('after', '3');
    expect(nodeEndpoint(base, 'events').href).toBe('http://host/edge/events');
    expect(base.href).toBe('http://host/edge/');
  });
});

describe('a node base path setting', () => {
  it.each(['', '/edge', '/dc/east', '/v1.2', '/a_b~c-d'])('accepts %j', (value) => {
    expect(isBasePath(value)).toBe(true);
  });

  it.each(['edge', '/edge/', '/', '/a/../b', '/.', '/..', '/e dge', '/%2e', '/edge?x=1', '//edge'])('refuses %j', (value) => {
    expect(isBasePath(value)).toBe(false);
  });
});

describe('NODE_BASE_PATH', () => {
  const cloudNode = {
    CLOUD_ID: 'dc-east',
    CLOUD_KIND: 'vsphere',
    CLOUD_API_URL: 'http://127.0.0.1:1',
    CLOUD_USERNAME: 'u',
    CLOUD_PASSWORD: 'p',
    NODE_SECRET: 'n'.repeat(32),
  };
  const spNode = {
    CLOUD_ID: 'vcd-nl',
    DIRECTOR_API_URL: 'http://127.0.0.1:1',
    DIRECTOR_USERNAME: 'u',
    DIRECTOR_PASSWORD: 'p',
    METRICS_API_URL: 'http://127.0.0.1:2',
    METRICS_USERNAME: 'u',
    METRICS_PASSWORD: 'p',
    NODE_SECRET: 'n'.repeat(32),
  };

  it('defaults to the root and is read by both node kinds', () => {
    expect(loadNodeConfig(cloudNode).basePath).toBe('');
    expect(loadNodeConfig({ ...cloudNode, NODE_BASE_PATH: '/edge' }).basePath).toBe('/edge');
    expect(loadSpNodeConfig({ ...spNode, NODE_BASE_PATH: '/dc/sp' }).basePath).toBe('/dc/sp');
  });

  it('fails the start naming the variable when it is not a usable prefix', () => {
    expect(() => loadNodeConfig({ ...cloudNode, NODE_BASE_PATH: '/edge/' })).toThrow(/NODE_BASE_PATH: must be empty or/);
    expect(() => loadSpNodeConfig({ ...spNode, NODE_BASE_PATH: 'edge' })).toThrow(/NODE_BASE_PATH: must be empty or/);
  });
});
