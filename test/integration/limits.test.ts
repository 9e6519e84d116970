import { request } from 'undici';
import { ErrorCode } from '../../gateway/errors';
import { startTopology, type GraphQLResponse, type Topology } from '../support/topology';

/** Small limits, so that each test sits just under or just over one of them. */
const LIMITS = { maxDepth: 5, maxAliases: 4, maxDirectives: 3, maxTokens: 120, maxCost: 2200, listSizeEstimate: 10, production: false };

/** The answer to an operation refused by validation: HTTP 400, one error, no data (armor's errors have no locations). */
const refusedWith = (message: string, locations?: Array<{ line: number; column: number }>) => ({
  status: 400,
  errors: [{ message, ...(locations ? { locations } : {}), extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } }],
});

/** GraphQL requests every node has received, plus every call to every cloud's API. */
async function upstreamCalls(topology: Topology): Promise<number> {
  const counts = await Promise.all(
    topology.seed.clouds.map(
      async (c) =>
        (await topology.nodeRequests(c.id)) + (await topology.nodeRequests(c.id, 'sp-node')) + topology.cloud(c.id).mock.countRequests(),
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Check that the upstream count sees calls, so that "no call" in `refused()` means something, whichever test runs alone. */
async function expectCountSeesCalls(topology: Topology): Promise<void> {
  const before = await upstreamCalls(topology);
  expect((await topology.query('{ clouds { id } }')).errors).toBeUndefined();
  expect(await upstreamCalls(topology)).toBeGreaterThan(before);
}

/** Send a query that must be refused before any node is called. */
async function refused(topology: Topology, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const before = await upstreamCalls(topology);
  const res = await topology.query(query, variables);
  expect(await upstreamCalls(topology)).toBe(before);
  return res;
}

/** Send a query that must be answered with data and no error. */
async function answered(topology: Topology, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await topology.query(query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data!;
}

describe('request limits, with small limits configured', () => {
  let topology: Topology;
  let vm: { id: string };
  beforeAll(async () => {
    topology = await startTopology({ limits: LIMITS, watchIntervalMs: 0 /* tests count upstream calls */ });
    const cloud = topology.seed.clouds.find((c) => c.vms.length > 0)!;
    vm = { id: `${cloud.id}:${cloud.vms[0]!.nativeId}` };
    await expectCountSeesCalls(topology);
  });
  afterAll(() => topology.close());

  describe('depth', () => {
    const depth5 = 'query($id: ID!) { vm(id: $id) { vdc { cloud { vdcs { id } } } } }';
    const depth6 = 'query($id: ID!) { vm(id: $id) { vdc { cloud { vdcs { vms { id } } } } } }';

    it('answers a selection as deep as the limit and refuses one a level deeper', async () => {
      const before = await upstreamCalls(topology);
      expect(await answered(topology, depth5, vm)).toEqual({ vm: { vdc: { cloud: { vdcs: expect.any(Array) } } } });
      expect(await upstreamCalls(topology)).toBeGreaterThan(before); // the count sees calls, so "no call" below means something
      expect(await refused(topology, depth6, vm)).toEqual(refusedWith('Syntax Error: Query depth limit of 5 exceeded, found 6.'));
    });

    it('counts named fragments as if they were inlined', async () => {
      const fragments = (leaf: string) =>
        `query($id: ID!) { vm(id: $id) { ...OnVm } } fragment OnVm on VirtualMachine { vdc { cloud { ...OnCloud } } } fragment OnCloud on Cloud { vdcs { ${leaf} } }`;
      expect(await answered(topology, fragments('id'), vm)).toEqual({ vm: { vdc: { cloud: { vdcs: expect.any(Array) } } } });
      expect(await refused(topology, fragments('vms { id }'), vm)).toEqual(
        refusedWith('Syntax Error: Query depth limit of 5 exceeded, found 6.'),
      );
    });

    it('counts inline fragments as if they were inlined', async () => {
      const inline = (leaf: string) =>
        `query($id: ID!) { vm(id: $id) { ... on VirtualMachine { vdc { cloud { ... { vdcs { ${leaf} } } } } } } }`;
      expect(await answered(topology, inline('id'), vm)).toEqual({ vm: { vdc: { cloud: { vdcs: expect.any(Array) } } } });
      expect(await refused(topology, inline('vms { id }'), vm)).toEqual(
        refusedWith('Syntax Error: Query depth limit of 5 exceeded, found 6.'),
      );
    });
  });

  describe('aliases', () => {
    it('answers as many aliases as the limit and refuses one more', async () => {
      expect(Object.keys(await answered(topology, '{ a: clouds { id } b: clouds { id } c: clouds { id } d: clouds { id } }'))).toEqual([
        'a',
        'b',
        'c',
        'd',
      ]);
      expect(await refused(topology, '{ a: clouds { id } b: clouds { id } c: clouds { id } d: clouds { id } e: clouds { id } }')).toEqual(
        refusedWith('Syntax Error: Aliases limit of 4 exceeded, found 5.'),
      );
    });

    it("counts a fragment's aliases at every spread", async () => {
      const under = '{ a: clouds { ...F } b: clouds { ...F } } fragment F on Cloud { x: id }';
      const over = '{ a: clouds { ...F } b: clouds { ...F } c: clouds { id } } fragment F on Cloud { x: id }';
      expect(await answered(topology, under)).toEqual({ a: expect.any(Array), b: expect.any(Array) });
      expect(await refused(topology, over)).toEqual(refusedWith('Syntax Error: Aliases limit of 4 exceeded, found 5.'));
    });

    it('counts aliases of __typename too', async () => {
      expect(await refused(topology, '{ a: __typename b: __typename c: __typename d: __typename e: __typename }')).toEqual(
        refusedWith('Syntax Error: Aliases limit of 4 exceeded, found 5.'),
      );
    });
  });

  describe('directives', () => {
    it('answers as many directives as the limit and refuses one more, counting those in fragments', async () => {
      expect(await answered(topology, '{ clouds { id @include(if: true) name @skip(if: false) kind @include(if: true) } }')).toEqual({
        clouds: expect.any(Array),
      });
      const over =
        '{ clouds { id @include(if: true) ...F @include(if: true) } } fragment F on Cloud { name @skip(if: false) kind @include(if: true) }';
      expect(await refused(topology, over)).toEqual(refusedWith('Syntax Error: Directives limit of 3 exceeded, found 4.'));
    });
  });

  describe('tokens', () => {
    // `{ clouds { ` and `} }` are 5 tokens; each repeated `id` one more (repeated fields merge).
    const withTokens = (n: number) => `{ clouds { ${'id '.repeat(n - 5)}} }`;

    it('answers a document of as many tokens as the limit and refuses one more, while parsing', async () => {
      expect(await answered(topology, withTokens(120))).toEqual({ clouds: expect.any(Array) });
      expect(await refused(topology, withTokens(121))).toEqual({
        status: 400,
        errors: [
          {
            message: 'Syntax Error: Document contains more that 120 tokens. Parsing aborted.',
            // The 121st token is the closing brace, the document's last character.
            locations: [{ line: 1, column: withTokens(121).length }],
            extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED },
          },
        ],
      });
    });
  });

  describe('cost', () => {
    it('multiplies by the assumed list size at every list level', async () => {
      // clouds × vdcs × vms: 10 × (1 + 10 × (1 + 10 × 2)) = 2110.
      expect(await answered(topology, '{ clouds { vdcs { vms { id } } } }')).toEqual({ clouds: expect.any(Array) });
      // One more field per VDC costs 10 × 10 = 100 more: 2210.
      expect(await refused(topology, '{ clouds { vdcs { id vms { id } } } }')).toEqual({
        status: 400,
        errors: [
          {
            message: 'Query cost limit of 2200 exceeded, estimated 2210.',
            locations: [{ line: 1, column: 1 }],
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
          },
        ],
      });
    });
  });

  describe('fragments that try to get around the limits', () => {
    it('refuses recursive fragments, directly or through another, and keeps serving', async () => {
      for (const query of [
        '{ clouds { ...A } } fragment A on Cloud { vdcs { cloud { ...A } } }',
        '{ clouds { ...A } } fragment A on Cloud { vdcs { ...B } } fragment B on VirtualDataCenter { cloud { ...A } }',
      ]) {
        const res = await refused(topology, query);
        expect(res.status).toBe(400);
        expect(res.errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(/^Cannot spread fragment "A" within itself/),
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
          }),
        ]);
      }
      expect(await answered(topology, '{ clouds { id } }')).toEqual({ clouds: expect.any(Array) });
    });

    it('counts a fragment named __schema, and a field aliased __schema, in full', async () => {
      expect(
        await refused(
          topology,
          'query($id: ID!) { vm(id: $id) { ...__schema } } fragment __schema on VirtualMachine { vdc { cloud { vdcs { vms { id } } } } }',
          vm,
        ),
      ).toEqual(refusedWith('Syntax Error: Query depth limit of 5 exceeded, found 6.'));
      expect(await refused(topology, 'query($id: ID!) { __schema: vm(id: $id) { vdc { cloud { vdcs { vms { id } } } } } }', vm)).toEqual(
        refusedWith('Syntax Error: Query depth limit of 5 exceeded, found 6.'),
      );
      expect(await refused(topology, '{ clouds { ...__schema } } fragment __schema on Cloud { a: id b: id c: id d: id e: id }')).toEqual(
        refusedWith('Syntax Error: Aliases limit of 4 exceeded, found 5.'),
      );
      expect((await refused(topology, '{ clouds { ...__schema } } fragment __schema on Cloud { vdcs { id vms { id } } }')).errors).toEqual([
        expect.objectContaining({ message: 'Query cost limit of 2200 exceeded, estimated 2210.' }),
      ]);
    });
  });

  describe('outside production', () => {
    it('answers introspection', async () => {
      const data = (await answered(topology, '{ __schema { types { name } } }')) as { __schema: { types: Array<{ name: string }> } };
      expect(data.__schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['Cloud', 'VirtualMachine']));
    });

    it('suggests field names', async () => {
      expect(await refused(topology, '{ clouds { nmae } }')).toEqual(
        refusedWith('Cannot query field "nmae" on type "Cloud". Did you mean "name"?', [{ line: 1, column: 12 }]),
      );
    });
  });

  it('refuses a batch of operations (a JSON array) before any node is called', async () => {
    const before = await upstreamCalls(topology);
    const token = await topology.tokenFor({ subject: 'test-admin', role: 'provider-admin' });
    const res = await request(topology.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ clouds { id } }' }, { query: '{ clouds { name } }' }]),
    });
    expect({ status: res.statusCode, body: await res.body.json() }).toEqual({
      status: 400,
      body: { errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await upstreamCalls(topology)).toBe(before);
  });
});

describe('request limits in production mode', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology({ limits: { production: true }, watchIntervalMs: 0 });
    await expectCountSeesCalls(topology);
  });
  afterAll(() => topology.close());

  it('refuses introspection', async () => {
    const message =
      'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production';
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Cloud") { name } }']) {
      expect(await refused(topology, query)).toEqual({
        status: 400,
        errors: [
          {
            message,
            locations: [{ line: 1, column: 3 }],
            extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, validationErrorCode: 'INTROSPECTION_DISABLED' },
          },
        ],
      });
    }
  });

  it('answers a fragment that is merely named __schema', async () => {
    expect(await answered(topology, '{ clouds { ...__schema } } fragment __schema on Cloud { id }')).toEqual({ clouds: expect.any(Array) });
  });

  it('hides field suggestions', async () => {
    const res = await refused(topology, '{ clouds { nmae } }');
    expect(res).toEqual(refusedWith('Cannot query field "nmae" on type "Cloud". [Suggestion hidden]?', [{ line: 1, column: 12 }]));
    expect(JSON.stringify(res)).not.toMatch(/Did you mean|"name"/);
  });

  it('keeps the default limits', async () => {
    const deep = `{ clouds { ${'vdcs { cloud { '.repeat(6)}id${' } }'.repeat(6)} } }`;
    expect((await refused(topology, deep)).errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: 'Syntax Error: Query depth limit of 12 exceeded, found 14.' })]),
    );
  });
});
