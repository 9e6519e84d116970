import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { AccessGuard } from '../../gateway/isolation/guard';
import type { NodeRegistry } from '../../gateway/registry';
import type { NodeClient } from '../../gateway/routing/nodeClient';
import { rootFieldRoutes } from '../../gateway/routing/rootFields';
import { ShardedDataSource } from '../../gateway/routing/shardedDataSource';
import { readSdl } from '../../schema/kinds';

describe('sharded data source', () => {
  const node = { cloudId: 'dc-east', kind: 'cloud-node' as const, url: 'http://127.0.0.1:1/graphql', secret: 's', status: 'UP' as const };
  const registry: NodeRegistry = { list: () => [node], find: () => node, get: () => node, all: () => [node] };
  const posts: unknown[] = [];
  const client = {
    post: async (...args: unknown[]) => (posts.push(args), { data: { clouds: [] } }),
    postUnsigned: async () => ({}),
    close: async () => undefined,
  } as unknown as NodeClient;
  const guard = {
    visibleClouds: async () => undefined,
    allowsMany: async (_p: unknown, c: unknown[]) => c.map(() => true),
    nodePrincipal: async (p: unknown) => p,
  } as unknown as AccessGuard;
  const source = new ShardedDataSource({
    kind: 'cloud-node',
    registry,
    routes: rootFieldRoutes('cloud-node', readSdl('cloud-node')),
    client,
    guard,
    distinct: true,
  });
  const fetch = (context: Record<string, unknown>) =>
    source.process({ request: { query: '{ clouds { id } }' }, context } as unknown as GraphQLDataSourceProcessOptions);

  it('reaches a node for a fetch that names its principal', async () => {
    posts.length = 0;
    expect(await fetch({ principal: { subject: 'ops', role: 'provider-admin' } })).toEqual({ data: { clouds: [] } });
    expect(posts).toHaveLength(1);
  });

  it('fails closed on a fetch without a principal: an error, and no node is asked', async () => {
    posts.length = 0;
    const answer = await fetch({});
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(posts).toEqual([]);
  });
});
