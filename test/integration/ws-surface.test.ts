/**
 * The WebSocket path holds a client to what HTTP holds it to: the same size limit,
 * the same codes for the same mistakes, the same rule for malformed ids. Every case
 * sends the same thing both ways where HTTP can take it, and compares, so neither
 * path's answer is taken on trust; the codes expected are the registry's.
 */
import type { Client } from 'graphql-ws';
import { request } from 'undici';
import { BODY_LIMIT_BYTES } from '../../gateway/http/errorShape';
import { ErrorCode } from '../../schema/errorCodes';
import { globalId } from '../support/expected';
import { connect, feed, inProcessTopology, refusal, settled } from '../support/feeds';
import type { Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

/** ws's close code for a message over `maxPayload` (RFC 6455 1009, "Message Too Big"). */
const MESSAGE_TOO_BIG = 1009;

interface Refusal {
  message: string;
  extensions?: { code?: string };
}

describe('the WebSocket path, held to the HTTP rules', () => {
  let topology: Topology;
  const clients: Client[] = [];
  const client = async (options: Parameters<typeof connect>[2] = {}) => {
    const c = connect(topology.gateway.url, await topology.tokenFor({ subject: 'ops', role: 'provider-admin' }), options);
    clients.push(c);
    return c;
  };
  /** What the subscription was refused with: its errors' codes and messages. */
  const refusedOverWs = async (query: string, variables?: Record<string, unknown>) => {
    const f = feed(await client(), query, variables);
    const [errors] = (await refusal(f)) as [Refusal[]];
    f.dispose();
    return errors.map((e) => ({ code: e.extensions?.code, message: e.message }));
  };
  const overHttp = async (query: string, variables?: Record<string, unknown>) =>
    ((await topology.query(query, variables)).errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message }));

  beforeAll(async () => {
    topology = await inProcessTopology();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await topology.close();
  });

  describe('message size', () => {
    /** An HTTP body of exactly `bytes`: `{"query":"{ nodes { id } } #xxx…"}`. */
    const bodyOf = (bytes: number) => {
      const head = '{ nodes { id } } #';
      return JSON.stringify({ query: head + 'x'.repeat(bytes - Buffer.byteLength(JSON.stringify({ query: head }))) });
    };
    const post = async (body: string) => {
      const res = await request(topology.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await topology.tokenFor({ subject: 'ops', role: 'provider-admin' })}`,
        },
        body,
      });
      const answer = (await res.body.json()) as { errors?: Refusal[] };
      return { status: res.statusCode, codes: (answer.errors ?? []).map((e) => e.extensions?.code) };
    };

    it('is the HTTP body limit: HTTP serves a body of exactly it and refuses one byte more', async () => {
      expect(Buffer.byteLength(bodyOf(BODY_LIMIT_BYTES))).toBe(BODY_LIMIT_BYTES);
      expect(await post(bodyOf(BODY_LIMIT_BYTES))).toEqual({ status: 200, codes: [] });
      expect(await post(bodyOf(BODY_LIMIT_BYTES + 1))).toEqual({ status: 413, codes: [ErrorCode.PAYLOAD_TOO_LARGE] });
    });

    /** The subscribe message the client sends for `query`, as graphql-ws serialises it (JSON, no variables). */
    const frameBytes = (id: string, query: string) => Buffer.byteLength(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    /** `subscription { nodeStatus { status } }` padded with a comment (no tokens) to a subscribe message of exactly `bytes`. */
    const queryOfFrame = (id: string, bytes: number) => {
      const head = 'subscription { nodeStatus { status } } #';
      return head + 'x'.repeat(bytes - frameBytes(id, head));
    };
    const ID = 'sized';

    it('serves a subscribe message of exactly the HTTP body limit', async () => {
      const query = queryOfFrame(ID, BODY_LIMIT_BYTES);
      expect(frameBytes(ID, query)).toBe(BODY_LIMIT_BYTES);
      const base = topology.gateway.subscriptionStats().subscribed;
      const f = feed(await client({ generateID: () => ID }), query);
      try {
        await settled(topology.gateway, base, 1);
        expect(f.errors).toEqual([]);
      } finally {
        f.dispose();
      }
    });

    it('closes the socket with 1009 on a message one byte over it, and logs nothing for the client’s mistake', async () => {
      const query = queryOfFrame(ID, BODY_LIMIT_BYTES + 1);
      expect(frameBytes(ID, query)).toBe(BODY_LIMIT_BYTES + 1);
      const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const c = await client({ generateID: () => ID });
        let closedWith: number | undefined;
        c.on('closed', (event) => (closedWith = (event as { code: number }).code));
        const base = topology.gateway.subscriptionStats().subscribed;
        const f = feed(c, query);
        await refusal(f);
        expect(await waitFor('the oversized socket to be closed', () => closedWith)).toBe(MESSAGE_TOO_BIG);
        expect(topology.gateway.subscriptionStats().subscribed).toBe(base);
        expect(logged).not.toHaveBeenCalled();
      } finally {
        logged.mockRestore();
      }
    });
  });

  describe('codes', () => {
    const tooDeep = `subscription { vmEvents { vm { vdc { cloud { vdcs { vms { vdc { cloud { vdcs { vms { vdc { cloud { vdcs { id } } } } } } } } } } } } } }`;

    it('refuses a document over the depth limit with GRAPHQL_VALIDATION_FAILED, as HTTP does', async () => {
      const ws = await refusedOverWs(tooDeep);
      // Its lists make it too costly as well: both limits report, with the one code.
      expect(ws.find((e) => e.message.includes('depth limit'))?.code).toBe(ErrorCode.GRAPHQL_VALIDATION_FAILED);
      expect(new Set(ws.map((e) => e.code))).toEqual(new Set([ErrorCode.GRAPHQL_VALIDATION_FAILED]));
      expect(ws).toEqual(await overHttp(tooDeep));
    });

    it.each([
      ['a syntax error', 'subscription { nodeStatus { status }'],
      ['more tokens than limits.maxTokens', `subscription { nodeStatus { ${'status '.repeat(2100)} } }`],
    ])('refuses %s with GRAPHQL_PARSE_FAILED, as HTTP does', async (_what, query) => {
      const ws = await refusedOverWs(query);
      expect(ws.map((e) => e.code)).toEqual([ErrorCode.GRAPHQL_PARSE_FAILED]);
      expect(ws).toEqual(await overHttp(query));
    });

    it('refuses a variable of the wrong type with BAD_USER_INPUT, as HTTP does', async () => {
      const query = 'subscription($vm: ID!) { taskProgress(vmId: $vm) { state } }';
      const ws = await refusedOverWs(query, { vm: { not: 'an id' } });
      expect(ws.map((e) => e.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
      // Over HTTP the same document is refused later, for being a subscription: compare the variable's refusal as a query.
      const http = await overHttp('query($vm: ID!) { vm(id: $vm) { id } }', { vm: { not: 'an id' } });
      expect(http.map((e) => e.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
    });

    it('refuses an operationName the document does not have with OPERATION_RESOLUTION_FAILURE, as HTTP does', async () => {
      const c = await client();
      const errors: unknown[] = [];
      const dispose = c.subscribe(
        { query: 'subscription A { nodeStatus { status } }', operationName: 'B' },
        { next: () => undefined, error: (e) => errors.push(e), complete: () => undefined },
      );
      const [refused] = (await waitFor('the subscription to be refused', () => errors.length > 0 && errors)) as [Refusal[]];
      dispose();
      const http = await request(topology.gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await topology.tokenFor({ subject: 'ops', role: 'provider-admin' })}`,
        },
        body: JSON.stringify({ query: 'query A { nodes { id } }', operationName: 'B' }),
      });
      const body = (await http.body.json()) as { errors: Refusal[] };
      expect(refused.map((e) => e.extensions?.code)).toEqual([ErrorCode.OPERATION_RESOLUTION_FAILURE]);
      expect(body.errors.map((e) => [e.extensions?.code, e.message])).toEqual(refused.map((e) => [e.extensions?.code, e.message]));
    });
  });

  describe('taskProgress', () => {
    it('refuses a subscription with neither taskId nor vmId (it would stream every task the caller may see)', async () => {
      expect(await refusedOverWs('subscription { taskProgress { taskId state } }')).toEqual([
        { code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('taskId or a vmId') },
      ]);
      expect(await refusedOverWs('subscription($t: ID, $v: ID) { taskProgress(taskId: $t, vmId: $v) { state } }', {})).toEqual([
        { code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('taskId or a vmId') },
      ]);
    });
  });

  describe('malformed ids: one rule on both paths', () => {
    // "::" and "__proto__" are no global id at all; a cloud id is no VM id.
    const notVmIds = () => ['::', '__proto__', topology.seed.clouds[0]!.id];

    it('refuses a malformed VM id in taskProgress with BAD_USER_INPUT, as vm(id:) over HTTP does', async () => {
      for (const id of notVmIds()) {
        const http = await overHttp('query($id: ID!) { vm(id: $id) { id } }', { id });
        expect(http.map((e) => e.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
        expect(await refusedOverWs('subscription($id: ID) { taskProgress(vmId: $id) { state } }', { id })).toEqual([
          { code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining(JSON.stringify(id)) },
        ]);
      }
    });

    it.each([
      ['a task id that is no global id', 'subscription { taskProgress(taskId: "::") { state } }'],
      ['a task id that names a cloud', 'subscription { taskProgress(taskId: "dc-east") { state } }'],
      ['a cloudId that is no slug', 'subscription { vmEvents(filter: { cloudId: "__proto__" }) { type } }'],
      ['a cloudId that is a VM id', 'subscription { vmEvents(filter: { cloudId: "dc-east:vm-1" }) { type } }'],
      ['a tenantId that is no slug', 'subscription { vmEvents(filter: { tenantId: "__proto__" }) { type } }'],
    ])('refuses %s with BAD_USER_INPUT', async (_what, query) => {
      expect((await refusedOverWs(query)).map((e) => e.code)).toEqual([ErrorCode.BAD_USER_INPUT]);
    });

    it('still serves well-formed ids (the check refuses only what cannot be an id)', async () => {
      const cloud = topology.seed.clouds[0]!;
      const base = topology.gateway.subscriptionStats().subscribed;
      const f = feed(await client(), 'subscription($vm: ID) { taskProgress(vmId: $vm) { state } }', {
        vm: globalId(cloud, cloud.vms[0]!.nativeId),
      });
      const g = feed(
        await client(),
        'subscription($cloud: ID, $tenant: ID) { vmEvents(filter: { cloudId: $cloud, tenantId: $tenant }) { type } }',
        {
          cloud: cloud.id,
          tenant: topology.seed.tenants[0]!.id,
        },
      );
      try {
        await settled(topology.gateway, base, 2);
        expect([f.errors, g.errors]).toEqual([[], []]);
      } finally {
        f.dispose();
        g.dispose();
      }
    });

    it('vmsByIds answers a malformed id as vm(id:) does: null there, with BAD_USER_INPUT at its position', async () => {
      const cloud = topology.seed.clouds[0]!;
      const vm = cloud.vms[0]!;
      const ids = [globalId(cloud, vm.nativeId), ...notVmIds()];
      const res = await topology.query<{ vmsByIds: Array<{ id: string; name: string } | null> }>(
        'query($ids: [ID!]!) { vmsByIds(ids: $ids) { id name } }',
        { ids },
      );
      expect(res.data).toEqual({ vmsByIds: [{ id: ids[0], name: vm.name }, ...notVmIds().map(() => null)] });
      expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual(
        notVmIds().map((_, i) => [['vmsByIds', i + 1], ErrorCode.BAD_USER_INPUT]),
      );
      expect(res.errors?.map((e) => e.message)).toEqual(notVmIds().map((id) => expect.stringContaining(JSON.stringify(id))));
    });
  });
});
