/**
 * Supergraph mode: the gateway serving a foreign supergraph (a four-subgraph shop,
 * no Overcast kinds), each subgraph a real server on loopback. Its answers are
 * checked against plain @apollo/gateway over the same supergraph.
 */
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { SUBGRAPH_NAMES, BENCH_QUERY, subgraphSchema, subgraphTypeDefs } from '../../bench/federation/subgraphs';
import { serveSchema, type RunningSubgraph } from '../../bench/federation/subgraphServer';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { issueToken } from '../../gateway/auth/tokens';
import { postGraphQL } from '../support/topology';

const AUTH = { hs256Secret: 'supergraph-mode-test-secret-0123456789', issuer: 'overcast', audience: 'overcast' };

describe('supergraph mode', () => {
  const subgraphs = new Map<string, RunningSubgraph>();
  let supergraphSdl: string;
  let gateway: RunningGateway;
  let apollo: ApolloServer;

  beforeAll(async () => {
    for (const name of SUBGRAPH_NAMES) subgraphs.set(name, await serveSchema(subgraphSchema(name)));
    const composed = composeServices(
      SUBGRAPH_NAMES.map((name) => ({ name, url: subgraphs.get(name)!.url, typeDefs: subgraphTypeDefs(name) })),
    );
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    supergraphSdl = composed.supergraphSdl;
    gateway = await startGateway({ config: { port: 0, logLevel: 'silent', auth: { disabled: true }, supergraph: {} }, supergraphSdl });
    apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
    await apollo.start();
  });
  afterAll(async () => {
    await gateway.close();
    await apollo.stop();
    for (const s of subgraphs.values()) await s.close();
  });

  const plainApollo = async (query: string) => {
    const res = await apollo.executeOperation({ query });
    if (res.body.kind !== 'single') throw new Error('unexpected incremental answer');
    return res.body.singleResult;
  };

  it('answers a query across all four subgraphs (with @requires) exactly as plain Apollo Gateway does', async () => {
    const expected = await plainApollo(BENCH_QUERY);
    expect(expected.errors).toBeUndefined();
    const res = await postGraphQL<Record<string, unknown>>(gateway.url, BENCH_QUERY);
    expect(res.status).toBe(200);
    expect(res.data).toEqual(expected.data);
    // Not vacuous: products with reviews by authors came back.
    const products = (res.data!.topProducts as Array<{ reviews: Array<{ author: { name: string } }> }>) ?? [];
    expect(products.length).toBe(5);
    expect(products.every((p) => p.reviews.length > 0 && p.reviews.every((r) => r.author.name))).toBe(true);
  });

  it('gives the data the other subgraphs have and SUBGRAPH_UNAVAILABLE naming the one that is down, as Apollo would', async () => {
    const reviews = subgraphs.get('reviews')!;
    await reviews.close();
    try {
      const query = '{ topProducts(first: 2) { name reviews { id } } }';
      const [res, expected] = await Promise.all([postGraphQL<Record<string, unknown>>(gateway.url, query), plainApollo(query)]);
      expect(res.status).toBe(200);
      expect(res.data).toEqual(expected.data);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.serviceName])).toEqual([['SUBGRAPH_UNAVAILABLE', 'reviews']]);
      // What does not need the subgraph that is down is answered whole.
      const names = '{ topProducts(first: 2) { name } }';
      const [partial, direct] = await Promise.all([postGraphQL<Record<string, unknown>>(gateway.url, names), plainApollo(names)]);
      expect(partial).toEqual({ status: 200, data: direct.data });
    } finally {
      subgraphs.set('reviews', await serveSchema(subgraphSchema('reviews'), Number(new URL(reviews.url).port)));
    }
  });

  it('authenticates clients when auth is configured, over a foreign supergraph too', async () => {
    const secured = await startGateway({ config: { port: 0, logLevel: 'silent', auth: AUTH, supergraph: {} }, supergraphSdl });
    try {
      const anonymous = await postGraphQL(secured.url, '{ topProducts(first: 1) { name } }');
      expect({ status: anonymous.status, codes: anonymous.errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 401,
        codes: ['UNAUTHENTICATED'],
      });
      const token = await issueToken(AUTH, { subject: 'ops', role: 'provider-admin' });
      const named = await postGraphQL(secured.url, '{ topProducts(first: 1) { name } }', undefined, token);
      expect(named.data).toEqual((await plainApollo('{ topProducts(first: 1) { name } }')).data);
    } finally {
      await secured.close();
    }
  });
});
