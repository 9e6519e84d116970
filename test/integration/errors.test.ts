import { request } from 'undici';
import { ErrorCode, httpStatusOf } from '../../schema/errorCodes';
import { createMemoryStore } from '../../gateway/store';
import { startTopology, type Topology } from '../support/topology';

describe('bad input gets a clear error with a stable code', () => {
  let topology: Topology;
  beforeAll(async () => {
    // No change polling: a test counts the requests each cloud receives.
    topology = await startTopology({ watchIntervalMs: 0 });
  });
  afterAll(() => topology.close());

  const codeOf = async (query: string, variables?: Record<string, unknown>) => {
    const res = await topology.query(query, variables);
    return { status: res.status, codes: (res.errors ?? []).map((e) => e.extensions?.code), data: res.data };
  };

  it.each([
    ['a malformed id', 'Not An Id'],
    ['an id with an upper-case cloudId', 'DC-EAST:vm-1'],
    ['an id with an empty native part', 'dc-east:'],
  ])('answers BAD_USER_INPUT for %s', async (_what, id) => {
    expect(await codeOf('query($id: ID!) { vm(id: $id) { id } }', { id })).toEqual({
      status: 200,
      codes: ['BAD_USER_INPUT'],
      data: { vm: null },
    });
  });

  it('answers BAD_USER_INPUT for an id that names a cloud where a VM id is expected', async () => {
    expect(await codeOf('{ vm(id: "dc-east") { id } }')).toEqual({ status: 200, codes: ['BAD_USER_INPUT'], data: { vm: null } });
  });

  it('answers NOT_FOUND for an unknown cloud, and for an unknown VM in a known cloud', async () => {
    expect(await codeOf('{ a: vm(id: "atlantis:vm-1") { id } b: vm(id: "dc-east:vm-1") { id } c: cloud(id: "atlantis") { id } }')).toEqual({
      status: 200,
      codes: ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND'],
      data: { a: null, b: null, c: null },
    });
  });

  it('answers BAD_USER_INPUT for a power operation on a malformed id, before any cloud is asked', async () => {
    const requests = () => topology.seed.clouds.map((c) => topology.cloud(c.id).mock.countRequests());
    // The counts see a request to every cloud, so "no request" below means something.
    const before = requests();
    expect((await topology.query('{ clouds { vdcs { id } } }')).errors).toBeUndefined();
    const seen = requests();
    expect(seen.map((n, i) => n > before[i]!)).toEqual(before.map(() => true));
    expect(await codeOf('mutation { powerOnVm(id: "::") { id } }')).toEqual({
      status: 200,
      codes: ['BAD_USER_INPUT'],
      data: { powerOnVm: null },
    });
    expect(requests()).toEqual(seen);
  });

  it('answers a syntax error with 400 and GRAPHQL_PARSE_FAILED, not a 500', async () => {
    expect(await codeOf('{ clouds { id ')).toEqual({ status: 400, codes: ['GRAPHQL_PARSE_FAILED'], data: undefined });
  });

  it('answers an unknown field with 400 and GRAPHQL_VALIDATION_FAILED', async () => {
    expect(await codeOf('{ clouds { secret } }')).toEqual({ status: 400, codes: ['GRAPHQL_VALIDATION_FAILED'], data: undefined });
  });

  it('never returns a stack trace or an upstream body', async () => {
    const res = await topology.query('{ a: vm(id: "x") { id } b: vm(id: "dc-east:nope") { id } }');
    // One error per field, so the checks below look at something.
    expect(res.errors?.map((e) => e.path).sort()).toEqual([['a'], ['b']]);
    for (const error of res.errors!) {
      expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(error.extensions).not.toHaveProperty('exception');
      expect(error.message).not.toMatch(/\n\s+at /);
      expect(JSON.stringify(error)).not.toMatch(/error_type|default_message/);
    }
  });

  it('answers a request that is not JSON with 400 and BAD_REQUEST, in the shape of every other error', async () => {
    const res = await request(topology.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(res.statusCode).toBe(httpStatusOf(ErrorCode.BAD_REQUEST));
    expect(await res.body.json()).toEqual({
      errors: [{ message: expect.stringMatching(/JSON/), extensions: { code: ErrorCode.BAD_REQUEST } }],
    });
  });

  it('answers an operationName the document does not have with 400 and OPERATION_RESOLUTION_FAILURE, not a 500', async () => {
    const res = await request(topology.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await topology.tokenFor({ subject: 'a', role: 'provider-admin' })}`,
      },
      body: JSON.stringify({ query: 'query A { clouds { id } }', operationName: 'B' }),
    });
    expect(res.statusCode).toBe(httpStatusOf(ErrorCode.OPERATION_RESOLUTION_FAILURE));
    expect(await res.body.json()).toEqual({
      errors: [{ message: 'Unknown operation named "B".', extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE } }],
    });
  });
});

describe('a failure that is nobody’s input', () => {
  const secret = 'mongodb://overcast:hunter2@db.internal:27017';
  let topology: Topology;
  beforeAll(async () => {
    const store = await createMemoryStore();
    const failing = new Error(`connection to ${secret} refused`);
    topology = await startTopology({
      store: { ...store, inventory: { ...store.inventory, page: () => Promise.reject(failing), count: () => Promise.reject(failing) } },
    });
  });
  afterAll(() => topology.close());

  it('answers INTERNAL_SERVER_ERROR without the cause', async () => {
    const res = await topology.query('{ vms(first: 5) { totalCount } }');
    expect(res.errors?.map((e) => [e.extensions?.code, e.message, e.path])).toEqual([
      [ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error', ['vms']],
    ]);
    expect(JSON.stringify(res)).not.toContain('hunter2');
    // A deliberate error of the same subgraph keeps its code and message.
    const bad = await topology.query('{ vms(first: -1) { totalCount } }');
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
  });
});
