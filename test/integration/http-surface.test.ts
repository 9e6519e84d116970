/**
 * The HTTP surface refuses every malformed request in one shape, `{ errors: [{ message,
 * extensions: { code } }] }`, with a code of the registry and its HTTP status, never a
 * 500 for a client's mistake; and it lets browsers on configured origins in (CORS).
 */
import { createHash, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { BODY_LIMIT_BYTES, registerErrorShape } from '../../gateway/http/errorShape';
import { CORS_ALLOWED_HEADERS, CORS_METHODS } from '../../gateway/http/cors';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { ErrorCode, httpStatusOf } from '../../schema/errorCodes';
import { startTopology, type Topology } from '../support/topology';

type Headers = Record<string, string>;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

async function send(url: string, options: { method?: 'GET' | 'POST' | 'PUT' | 'OPTIONS'; headers?: Headers; body?: string } = {}) {
  const res = await request(url, { method: options.method ?? 'POST', headers: options.headers, body: options.body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined } satisfies Answer;
}

/** The one shape of a refusal, with `code`, at the registry's status for it. */
const refused = (code: ErrorCode, status = httpStatusOf(code)) => ({
  status,
  body: { errors: [{ message: expect.stringMatching(/\S/), extensions: { code } }] },
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('every refusal of the HTTP surface has one shape, a registry code and its status', () => {
  let topology: Topology;
  let url: string;
  let json: Headers;
  const QUERY = '{ clouds { id } }';
  beforeAll(async () => {
    topology = await startTopology({ watchIntervalMs: 0 });
    url = topology.gateway.url;
    const token = await topology.tokenFor({ subject: 'http-surface', role: 'provider-admin' });
    json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  });
  afterAll(() => topology.close());

  const post = (body: string, headers: Headers = json) => send(url, { headers, body });
  /** A 200 with every seeded cloud (in whatever order the clouds answered). */
  const expectClouds = (answer: Answer) => {
    expect(answer.status).toBe(200);
    const clouds = (answer.body as { data?: { clouds?: Array<{ id: string }> } }).data?.clouds ?? [];
    expect(clouds.map((c) => c.id).sort()).toEqual(topology.seed.clouds.map((c) => c.id).sort());
  };

  it('answers a well-formed query (so the refusals below are about the request)', async () => {
    expectClouds(await post(JSON.stringify({ query: QUERY })));
  });

  it.each([
    ['malformed JSON', '{"query": ', ErrorCode.BAD_REQUEST],
    ['an empty body', '', ErrorCode.BAD_REQUEST],
    ['an array (a batch)', JSON.stringify([{ query: QUERY }]), ErrorCode.BAD_REQUEST],
    ['a number', '42', ErrorCode.BAD_REQUEST],
    ['an object without a query', '{}', ErrorCode.BAD_REQUEST],
  ])('refuses %s as JSON', async (_what, body, code) => {
    expect(await post(body)).toMatchObject(refused(code));
    expect((await post(body)).body).toEqual(refused(code).body);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no content-type at all', {}],
  ])('refuses a body sent as %s, with or without a preflight header', async (_what, type) => {
    const { 'content-type': _json, ...auth } = json;
    for (const headers of [
      { ...auth, ...type },
      { ...auth, ...type, 'apollo-require-preflight': 'true' },
    ]) {
      const answer = await post(JSON.stringify({ query: QUERY }), headers);
      expect(answer).toMatchObject(refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
      expect(answer.body).toEqual(refused(ErrorCode.UNSUPPORTED_MEDIA_TYPE).body);
    }
  });

  it('refuses a body over the limit, and reads one just under it', async () => {
    const padded = (size: number) => {
      const empty = JSON.stringify({ query: QUERY, variables: { pad: '' } });
      return JSON.stringify({ query: QUERY, variables: { pad: 'x'.repeat(size - empty.length) } });
    };
    expect(Buffer.byteLength(padded(BODY_LIMIT_BYTES + 1))).toBe(BODY_LIMIT_BYTES + 1);
    const over = await post(padded(BODY_LIMIT_BYTES + 1));
    expect(over).toMatchObject(refused(ErrorCode.PAYLOAD_TOO_LARGE));
    expect(over.body).toEqual(refused(ErrorCode.PAYLOAD_TOO_LARGE).body);
    expectClouds(await post(padded(BODY_LIMIT_BYTES)));
  });

  it('refuses an operationName the document does not have, and several operations without one', async () => {
    const doc = 'query A { clouds { id } } query B { clouds { id } }';
    for (const body of [{ query: 'query A { clouds { id } }', operationName: 'B' }, { query: doc }]) {
      const answer = await post(JSON.stringify(body));
      expect(answer).toMatchObject(refused(ErrorCode.OPERATION_RESOLUTION_FAILURE));
      expect(answer.body).toEqual(refused(ErrorCode.OPERATION_RESOLUTION_FAILURE).body);
    }
    expectClouds(await post(JSON.stringify({ query: doc, operationName: 'B' })));
  });

  it('refuses an automatic persisted query whose hash is not its query’s, and serves one whose hash is', async () => {
    const persisted = (query: string | undefined, hash: string) =>
      JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    const query = '{ clouds { id name } }';
    const mismatch = await post(persisted(query, sha256(`${query} `)));
    expect(mismatch).toMatchObject(refused(ErrorCode.PERSISTED_QUERY_HASH_MISMATCH));
    expect(mismatch.body).toEqual(refused(ErrorCode.PERSISTED_QUERY_HASH_MISMATCH).body);
    // The protocol, for contrast: an unknown hash is asked for (200), then registered with its query and served by hash alone.
    expect(await post(persisted(undefined, sha256(query)))).toMatchObject(refused(ErrorCode.PERSISTED_QUERY_NOT_FOUND));
    expect(await post(persisted(query, sha256(query)))).toMatchObject({ status: 200, body: { data: { clouds: expect.any(Array) } } });
    expect(await post(persisted(undefined, sha256(query)))).toMatchObject({ status: 200, body: { data: { clouds: expect.any(Array) } } });
  });

  it('refuses a GET without a preflight header (CSRF prevention), and answers one with it', async () => {
    const { 'content-type': _json, ...auth } = json;
    const get = `${url}?query=${encodeURIComponent(QUERY)}`;
    const bare = await send(get, { method: 'GET', headers: auth });
    expect(bare).toMatchObject(refused(ErrorCode.BAD_REQUEST));
    expect(bare.body).toEqual(refused(ErrorCode.BAD_REQUEST).body);
    const preflighted = await send(get, { method: 'GET', headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expectClouds(preflighted);
  });

  it('refuses an unknown path, a malformed one, and a method the path does not have (naming those it has)', async () => {
    const unknown = await send(url.replace(/\/graphql$/, '/nowhere'), { method: 'GET' });
    expect(unknown).toMatchObject(refused(ErrorCode.NOT_FOUND));
    expect(unknown.body).toEqual(refused(ErrorCode.NOT_FOUND).body);
    const put = await send(url, { method: 'PUT', headers: json, body: JSON.stringify({ query: QUERY }) });
    expect(put).toMatchObject(refused(ErrorCode.METHOD_NOT_ALLOWED));
    expect(put.body).toEqual(refused(ErrorCode.METHOD_NOT_ALLOWED).body);
    expect(put.headers.allow).toBe('GET, POST');
    // Refused by fastify before routing (a malformed percent-encoding), in the same shape.
    const badUrl = await send(url.replace(/\/graphql$/, '/graphql%zz'), { method: 'GET' });
    expect(badUrl).toMatchObject(refused(ErrorCode.BAD_REQUEST));
    expect(badUrl.body).toEqual(refused(ErrorCode.BAD_REQUEST).body);
  });

  it('refuses a malformed body on the registration endpoint in the same shape', async () => {
    const answer = await send(url.replace(/\/graphql$/, '/nodes/register'), { headers: { 'content-type': 'application/json' }, body: '{' });
    expect(answer).toMatchObject(refused(ErrorCode.BAD_REQUEST));
    expect(answer.body).toEqual(refused(ErrorCode.BAD_REQUEST).body);
  });

  it('refuses every browser preflight while no origin is configured', async () => {
    const preflight = await send(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://console.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight).toMatchObject(refused(ErrorCode.ORIGIN_NOT_ALLOWED));
    expect(preflight.body).toEqual(refused(ErrorCode.ORIGIN_NOT_ALLOWED).body);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS for the configured origins', () => {
  const ALLOWED = 'https://console.example.com';
  const OTHER = 'https://evil.example.com';
  const auth = { hs256Secret: randomBytes(32).toString('hex'), issuer: 'overcast', audience: 'overcast' };
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway({
      config: {
        port: 0,
        logLevel: 'silent',
        auth,
        orgDiscoveryIntervalMs: 0,
        healthCheckIntervalMs: 0,
        inventorySyncIntervalMs: 0,
        cors: { origins: [ALLOWED] },
      },
    });
  });
  afterAll(() => gateway.close());

  const preflight = (origin: string) =>
    send(gateway.url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it('answers a preflight from an allowed origin with what the browser may send', async () => {
    const answer = await preflight(ALLOWED);
    expect(answer.status).toBe(204);
    expect(answer.headers).toMatchObject({
      'access-control-allow-origin': ALLOWED,
      'access-control-allow-methods': CORS_METHODS.join(', '),
      'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
    });
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('refuses a preflight from any other origin', async () => {
    const answer = await preflight(OTHER);
    expect(answer).toMatchObject(refused(ErrorCode.ORIGIN_NOT_ALLOWED));
    expect(answer.body).toEqual(refused(ErrorCode.ORIGIN_NOT_ALLOWED).body);
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the allowed origin read the answer, and no other origin', async () => {
    const token = await issueToken(auth, { subject: 'browser', role: 'provider-admin' });
    const ask = (origin: string) =>
      send(gateway.url, {
        headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const allowed = await ask(ALLOWED);
    expect(allowed).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect((await ask(OTHER)).headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a defect behind a route', () => {
  it('is a 500 INTERNAL_SERVER_ERROR that says nothing of its cause', async () => {
    const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES });
    registerErrorShape(app);
    const cause = `the database password is ${randomBytes(8).toString('hex')}`;
    app.get('/broken', async () => {
      throw new Error(cause);
    });
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const answer = await send(`${address}/broken`, { method: 'GET' });
      expect(answer).toEqual({ ...refused(ErrorCode.INTERNAL_SERVER_ERROR), headers: expect.anything() });
      expect(JSON.stringify(answer.body)).not.toContain(cause);
    } finally {
      await app.close();
    }
  });
});
