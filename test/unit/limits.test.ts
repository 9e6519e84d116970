import { buildSchema, getIntrospectionQuery, getOperationAST, parse, validate, type FragmentDefinitionNode } from 'graphql';
import { parseGatewayConfig } from '../../gateway/config';
import { requestLimits } from '../../gateway/limits';
import { estimateCost } from '../../gateway/limits/cost';

const schema = buildSchema(`
  type Query { clouds: [Cloud!]! cloud(id: ID!): Cloud grid: [[Cloud]] thing: Thing }
  type Cloud { id: ID! name: String tags: [String!] vdcs: [Vdc!] }
  type Vdc { id: ID! cloud: Cloud vms: [Vm!] }
  type Vm { id: ID! }
  union Thing = Cloud | Vm
`);

/** The estimate of a one-operation document, every list assumed to hold 10 items. */
function cost(document: string, listSize = 10): number {
  const ast = parse(document);
  const fragments = new Map(
    ast.definitions.filter((d): d is FragmentDefinitionNode => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]),
  );
  return estimateCost(schema, getOperationAST(ast)!, (name) => fragments.get(name), listSize);
}

describe('the list-size cost estimate', () => {
  it('counts every field once outside lists', () => {
    expect(cost('{ cloud(id: "a") { id name } }')).toBe(3);
    expect(cost('{ __typename cloud(id: "a") { __typename } }')).toBe(3);
  });

  it('multiplies everything under a list by the list size, once per list level', () => {
    expect(cost('{ clouds { id } }')).toBe(10 * (1 + 1));
    expect(cost('{ clouds { vdcs { vms { id } } } }')).toBe(10 * (1 + 10 * (1 + 10 * (1 + 1))));
    expect(cost('{ clouds { vdcs { vms { id } } } }', 100)).toBe(100 * (1 + 100 * (1 + 100 * 2)));
    expect(cost('{ grid { id } }')).toBe(100 * 2);
    expect(cost('{ cloud(id: "a") { tags } }')).toBe(1 + 10);
  });

  it('counts named fragments at every spread, and inline fragments by their type condition', () => {
    const inlined = cost('{ clouds { vdcs { vms { id } } } }');
    expect(cost('{ clouds { ...C } } fragment C on Cloud { vdcs { ...V } } fragment V on Vdc { vms { id } }')).toBe(inlined);
    expect(cost('{ clouds { ... on Cloud { vdcs { ... { vms { id } } } } } }')).toBe(inlined);
    expect(cost('{ a: clouds { ...C } b: clouds { ...C } } fragment C on Cloud { vdcs { id } }')).toBe(2 * 10 * (1 + 10 * 2));
    expect(cost('{ thing { ... on Cloud { vdcs { id } } ... on Vm { id } } }')).toBe(1 + 10 * 2 + 1);
  });

  it('ends on a fragment cycle (validation refuses the cycle itself)', () => {
    expect(cost('{ clouds { ...A } } fragment A on Cloud { vdcs { cloud { ...A } } }')).toBe(10 * (1 + 10 * (1 + 1)));
    expect(cost('{ clouds { ...A } } fragment A on Cloud { vdcs { ...B } } fragment B on Vdc { cloud { ...A } }')).toBe(
      10 * (1 + 10 * (1 + 1)),
    );
  });

  it('lets only real introspection go free, not a fragment or an alias named __schema', () => {
    expect(cost('{ __schema { types { fields { name } } } __type(name: "Cloud") { fields { name } } }')).toBe(0);
    expect(cost('{ clouds { ...__schema } } fragment __schema on Cloud { vdcs { id } }')).toBe(cost('{ clouds { vdcs { id } } }'));
    expect(cost('{ __schema: clouds { vdcs { id } } }')).toBe(cost('{ clouds { vdcs { id } } }'));
  });

  it('estimates fragments that double at every level in linear time, and refuses them', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Cloud { ...F${i} ...F${i} }`).join(' ');
    const document = `{ cloud(id: "a") { ...F${levels} } } fragment F0 on Cloud { id } ${fragments}`;
    expect(cost(document)).toBe(1 + 2 ** levels);
    const limits = requestLimits(parseGatewayConfig({ auth: { hs256Secret: 'k'.repeat(32) } }).limits);
    const messages = validate(schema, parse(document), limits.validationRules).map((e) => e.message);
    expect(messages).toContain(`Query cost limit of 50000 exceeded, estimated ${1 + 2 ** levels}.`);
  });
});

describe('limits configuration', () => {
  const auth = { hs256Secret: 'k'.repeat(32) };

  it('has defaults for every limit, production following NODE_ENV', () => {
    expect(parseGatewayConfig({ auth }).limits).toEqual({
      maxDepth: 12,
      maxAliases: 15,
      maxDirectives: 10,
      maxTokens: 2000,
      maxCost: 50_000,
      listSizeEstimate: 10,
      production: process.env.NODE_ENV === 'production',
    });
    expect(parseGatewayConfig({ auth, limits: { maxDepth: 3 } }).limits).toMatchObject({ maxDepth: 3, maxAliases: 15 });
  });

  it('rejects unknown keys and limits that are not positive integers, naming them', () => {
    expect(() => parseGatewayConfig({ auth, limits: { maxDeph: 3 } })).toThrow(/limits.*maxDeph/);
    expect(() => parseGatewayConfig({ auth, limits: { maxCost: 0 } })).toThrow(/limits\.maxCost/);
    expect(() => parseGatewayConfig({ auth, limits: { maxTokens: 1.5 } })).toThrow(/limits\.maxTokens/);
  });

  it('turns introspection and suggestions off in production only, and never allows batches', () => {
    const { limits } = parseGatewayConfig({ auth, limits: { production: false } });
    expect(requestLimits(limits)).toMatchObject({
      introspection: true,
      plugins: [],
      parseOptions: { maxTokens: 2000 },
      allowBatchedHttpRequests: false,
    });
    expect(requestLimits({ ...limits, production: true })).toMatchObject({
      introspection: false,
      plugins: [expect.anything()],
      allowBatchedHttpRequests: false,
    });
  });

  it('lets a full introspection query through the default limits when introspection is on', () => {
    const { limits } = parseGatewayConfig({ auth, limits: { production: false } });
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
    });
    expect(validate(schema, parse(query, requestLimits(limits).parseOptions), requestLimits(limits).validationRules)).toEqual([]);
  });
});
