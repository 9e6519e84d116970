/**
 * Identical queries in flight at once share one request to a node only when their
 * principals see exactly the same data: two viewers of one tenant share it, two
 * tenants never do (each reaches the node with its own scope, and each answer holds
 * only its own VDCs). The multi-tenant cloud answers slowly, so that both requests
 * are in flight together.
 */
import { startTopology, type Topology } from '../support/topology';
import { footprint } from '../support/tenancy';

const QUERY = '{ clouds { id vdcs { id name } } }';

describe('in-flight sharing', () => {
  let topology: Topology;
  const director = () => topology.seed.clouds.find((c) => c.kind === 'director')!;
  const requestsToDirector = async () =>
    (await topology.nodeRequests(director().id, 'cloud-node')) + (await topology.nodeRequests(director().id, 'sp-node'));
  /** What each got, and how many requests the Director cloud's nodes received for them. */
  const ask = async (tokens: string[]) => {
    const before = await requestsToDirector();
    const answers = await Promise.all(
      tokens.map((token) => topology.query<{ clouds: Array<{ id: string; vdcs: unknown[] }> }>(QUERY, undefined, token)),
    );
    return { answers, requests: (await requestsToDirector()) - before };
  };
  /** Both at once, while the Director cloud answers slowly; and what one of them costs alone. */
  const together = async (tokens: [string, string]) => {
    // Warm: the first request of a tenant also reads which VDCs it owns (kept for ownershipTtlMs).
    await ask(tokens);
    const alone = (await ask([tokens[0]])).requests;
    expect(alone).toBeGreaterThan(0);
    topology.cloud(director().id).mock.setFaults({ latencyMs: 400 });
    try {
      return { alone, ...(await ask(tokens)) };
    } finally {
      topology.cloud(director().id).mock.setFaults({});
    }
  };
  const vdcsIn = (answer: { data?: { clouds: Array<{ id: string; vdcs: unknown[] }> } | null }) =>
    JSON.stringify(answer.data?.clouds.find((c) => c.id === director().id)?.vdcs);

  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(() => topology.close());

  it('sends one request for two viewers of the same tenant, and gives both the same answer', async () => {
    const tokens: [string, string] = [
      await topology.tokenFor({ subject: 'vera', role: 'tenant-viewer', tenantId: 'acme' }),
      await topology.tokenFor({ subject: 'victor', role: 'tenant-viewer', tenantId: 'acme' }),
    ];
    const { alone, answers, requests } = await together(tokens);
    expect(requests).toBe(alone);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.errors).toBeUndefined();
  });

  it("sends two tenants' identical queries as two requests, each with its own scope", async () => {
    const tokens: [string, string] = [
      await topology.tokenFor({ subject: 'vera', role: 'tenant-viewer', tenantId: 'acme' }),
      await topology.tokenFor({ subject: 'gina', role: 'tenant-viewer', tenantId: 'globex' }),
    ];
    const { alone, answers, requests } = await together(tokens);
    expect(requests).toBe(2 * alone);
    const [acme, globex] = answers.map(vdcsIn);
    // Each sees its own VDCs there, and not one trace of the other tenant.
    for (const [tenantId, other, text] of [
      ['acme', 'globex', acme],
      ['globex', 'acme', globex],
    ] as const) {
      const orgs = director().orgs.filter((o) => o.tenantId === tenantId);
      const own = director()
        .vdcs.filter((v) => orgs.some((o) => o.nativeId === v.orgNativeId))
        .map((v) => v.name);
      expect(own.length).toBeGreaterThan(0);
      for (const name of own) expect(text).toContain(name);
      expect(footprint(topology.seed, other).filter((trace) => text!.includes(trace))).toEqual([]);
    }
  });
});
