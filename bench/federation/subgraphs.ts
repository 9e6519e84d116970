/**
 * Four small subgraphs of a classic federated shop — products, inventory, reviews,
 * users — with deterministic in-memory data, used to measure gateways on a standard
 * federation workload (no Overcast kinds). Two query shapes, each touching all four:
 *
 *   BENCH_QUERY (shop): products (root) → inventory (@requires price weight) ∥ reviews → users
 *   DEEP_QUERY (deep):  products (root) → reviews → users ∥ products → inventory (@requires)
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';

export const SUBGRAPH_NAMES = ['products', 'inventory', 'reviews', 'users'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@shareable"])';

const PRODUCTS = Array.from({ length: 20 }, (_, i) => ({
  upc: String(1000 + i),
  name: `Product ${i + 1}`,
  price: 100 + ((i * 37) % 900),
  weight: 1 + ((i * 13) % 50),
}));
const USERS = Array.from({ length: 10 }, (_, i) => ({ id: String(i + 1), name: `User ${i + 1}`, username: `user${i + 1}` }));
/**
 * Three reviews for each of the top five products and every third one after them, two for
 * the others; authors round robin. The counts after the top five set the deep shape's size
 * (the authors' other reviews): 13.7 kB, 78 products under 15 authors, 17 of them distinct.
 */
const REVIEWS = PRODUCTS.flatMap((product, p) =>
  Array.from({ length: p < 5 || p % 3 === 0 ? 3 : 2 }, (_, r) => ({
    body: `Review ${r + 1} of ${product.name}: ${'good '.repeat(r + 2).trim()}`,
    upc: product.upc,
    authorId: USERS[(p + r) % USERS.length]!.id,
  })),
).map((review, i) => ({ id: String(i + 1), ...review }));
const productByUpc = new Map(PRODUCTS.map((p) => [p.upc, p]));
const userById = new Map(USERS.map((u) => [u.id, u]));
const reviewById = new Map(REVIEWS.map((r) => [r.id, r]));

type Ref = Record<string, unknown>;

const definitions: Record<SubgraphName, { typeDefs: string; resolvers: GraphQLResolverMap<unknown> }> = {
  products: {
    typeDefs: `${LINK}
      type Query { topProducts(first: Int = 5): [Product!]! product(upc: String!): Product }
      type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! }`,
    resolvers: {
      Query: {
        topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first),
        product: (_: unknown, { upc }: { upc: string }) => productByUpc.get(upc) ?? null,
      },
      Product: { __resolveReference: (ref: Ref) => productByUpc.get(String(ref.upc)) ?? null },
    },
  },
  inventory: {
    typeDefs: `${LINK}
      type Product @key(fields: "upc") {
        upc: String!
        price: Int! @external
        weight: Int! @external
        inStock: Boolean!
        shippingEstimate: Int! @requires(fields: "price weight")
      }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: Ref) => ref,
        inStock: (p: Ref) => Number(p.upc) % 3 !== 0,
        // Free above 500, else half the weight.
        shippingEstimate: (p: Ref) => (Number(p.price) > 500 ? 0 : Math.round(Number(p.weight) / 2)),
      },
    },
  },
  reviews: {
    typeDefs: `${LINK}
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }
      type Review @key(fields: "id") { id: ID! body: String! author: User! product: Product! }
      type User @key(fields: "id") { id: ID! reviews: [Review!]! }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: Ref) => ref,
        reviews: (p: Ref) => REVIEWS.filter((r) => r.upc === p.upc),
      },
      Review: {
        __resolveReference: (ref: Ref) => reviewById.get(String(ref.id)) ?? null,
        author: (r: Ref) => ({ id: r.authorId }),
        product: (r: Ref) => ({ upc: r.upc }),
      },
      User: {
        __resolveReference: (ref: Ref) => ref,
        reviews: (u: Ref) => REVIEWS.filter((r) => r.authorId === u.id),
      },
    },
  },
  users: {
    typeDefs: `${LINK}
      type Query { me: User }
      type User @key(fields: "id") { id: ID! name: String! username: String! }`,
    resolvers: {
      Query: { me: () => USERS[0] },
      User: { __resolveReference: (ref: Ref) => userById.get(String(ref.id)) ?? null },
    },
  },
};

export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  return parse(definitions[name].typeDefs);
}

export function subgraphSchema(name: SubgraphName): GraphQLSchema {
  return buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(name), resolvers: definitions[name].resolvers }]);
}

/** The benchmark's client query: one nested query that needs all four subgraphs. */
export const BENCH_QUERY = `query TopProducts {
  topProducts(first: 5) {
    upc name price inStock shippingEstimate
    reviews { id body author { id name username } }
  }
}`;

/**
 * Deep, repeated entities: four sequential fetch levels, the last two over the same few
 * products many times (each author's reviews point back to the products of the first level).
 */
export const DEEP_QUERY = `query DeepReviews {
  topProducts(first: 5) {
    upc name
    reviews { id body author { id name reviews { id body product { upc name price inStock shippingEstimate } } } }
  }
}`;

/** What querying one subgraph directly costs: the products root field alone. */
export const DIRECT_QUERY = 'query TopProducts { topProducts(first: 5) { upc name price weight } }';
