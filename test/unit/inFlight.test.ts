import { shareInFlight } from '../../gateway/routing/inFlight';
import type { GraphQLBody, NodeClient } from '../../gateway/routing/nodeClient';
import type { NodeInstance } from '../../gateway/registry';
import type { Principal } from '../../schema/principal';

const node: NodeInstance = { cloudId: 'vcd-nl', kind: 'cloud-node', url: 'http://127.0.0.1:1/graphql', secret: 's' };
const other: NodeInstance = { ...node, cloudId: 'dc-east', url: 'http://127.0.0.1:2/graphql' };
const query: GraphQLBody = { query: 'query Q { vdcs { id } }', variables: {} };
const vera: Principal = { subject: 'vera', role: 'tenant-viewer', tenantId: 'acme' };
const victor: Principal = { subject: 'victor', role: 'tenant-viewer', tenantId: 'acme' };

/** A node client whose answers wait until `release()`; counts what it was sent. */
function slowClient() {
  const sent: Array<{ body: GraphQLBody; principal?: Principal }> = [];
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const answer = async () => (await gate, { data: { vdcs: [{ id: 'v1', tags: ['a'] }] } });
  const client: NodeClient = {
    post: async (_node, body, principal) => (sent.push({ body, principal }), answer()),
    postUnsigned: async (_url, body) => (sent.push({ body }), answer()),
  };
  return { client, sent, release: () => release() };
}

describe('in-flight sharing', () => {
  it('sends one request for identical queries of principals that see the same data, and gives each its own copy', async () => {
    const { client, sent, release } = slowClient();
    const shared = shareInFlight(client);
    const answers = [shared.post(node, query, vera), shared.post(node, query, victor), shared.post(node, query, vera)];
    release();
    const [a, b, c] = await Promise.all(answers);
    expect(sent).toHaveLength(1);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    // Each caller may change what it got without touching the others'.
    expect(new Set([a!.data, b!.data, c!.data]).size).toBe(3);
  });

  it('never shares across tenants, roles, node scopes, nodes, documents or variables', async () => {
    const { client, sent, release } = slowClient();
    const shared = shareInFlight(client);
    const globex: Principal = { subject: 'vera', role: 'tenant-viewer', tenantId: 'globex' };
    const admin: Principal = { subject: 'vera', role: 'tenant-admin', tenantId: 'acme' };
    const scoped: Principal = { ...vera, scope: { orgs: ['o1'], vdcs: ['v1'] } };
    const answers = [
      shared.post(node, query, vera),
      shared.post(node, query, globex),
      shared.post(node, query, admin),
      shared.post(node, query, scoped),
      shared.post(other, query, vera),
      shared.post(node, { ...query, query: 'query R { vdcs { id } }' }, vera),
      shared.post(node, { ...query, variables: { first: 1 } }, vera),
    ];
    release();
    await Promise.all(answers);
    expect(sent).toHaveLength(answers.length);
    expect(sent[1]!.principal).toEqual(globex);
  });

  it('never shares a mutation, nor a request that carries a task id', async () => {
    const { client, sent, release } = slowClient();
    const shared = shareInFlight(client);
    const mutation: GraphQLBody = { query: 'mutation M { powerOnVm(id: "x") { id } }' };
    const answers = [
      shared.post(node, mutation, vera),
      shared.post(node, mutation, vera),
      shared.post(node, query, vera, { taskId: 't1' }),
      shared.post(node, query, vera, { taskId: 't1' }),
      shared.postUnsigned(node.url, mutation),
      shared.postUnsigned(node.url, mutation),
    ];
    release();
    await Promise.all(answers);
    expect(sent).toHaveLength(answers.length);
  });

  it('shares only while in flight, and gives every caller the failure of the one request', async () => {
    let calls = 0;
    const failing: NodeClient = {
      post: async () => {
        calls++;
        throw new Error('node down');
      },
      postUnsigned: async () => ({}),
    };
    const shared = shareInFlight(failing);
    const results = await Promise.allSettled([shared.post(node, query, vera), shared.post(node, query, victor)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(shared.post(node, query, vera)).rejects.toThrow('node down');
    expect(calls).toBe(2);
  });

  it('never lets a query sent after a write join one begun before it (read your writes)', async () => {
    const { client, sent, release } = slowClient();
    const shared = shareInFlight(client);
    const before = shared.post(node, query, vera);
    const write = shared.post(node, { query: 'mutation M { powerOnVm(id: "x") { id } }' }, vera, { taskId: 't1' });
    const after = shared.post(node, query, victor);
    const later = shared.post(node, query, vera);
    release();
    await Promise.all([before, write, after, later]);
    // before, the write, and after (which later joined): the one begun before the write is not joined.
    expect(sent).toHaveLength(3);
  });
});
