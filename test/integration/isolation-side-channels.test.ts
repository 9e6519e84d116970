/**
 * Side channels a tenant could read another tenant's footprint through, over real
 * HTTP with real tokens: the index's counts and failure texts, malformed tokens that
 * mix an operator role with a tenant, and routing that must read what the client's
 * operation says (variable defaults). And the gateway's own reads, which are not held
 * to client request limits.
 */
import { globalId } from '../support/expected';
import { vmsOfTenant } from '../support/tenancy';
import { startTopology, type Topology } from '../support/topology';
import { tokenWithClaims } from '../support/tokens';

interface Freshness {
  cloud: { id: string };
  stale: boolean;
  lastError: string | null;
  vmCount: number;
}

describe('tenant side channels', () => {
  let topology: Topology;
  const seed = () => topology.seed;
  const tenantToken = (tenantId: string) => topology.tokenFor({ subject: `${tenantId}-viewer`, role: 'tenant-viewer', tenantId });
  const freshness = async (token?: string) =>
    (
      await topology.query<{ inventoryFreshness: Freshness[] }>(
        '{ inventoryFreshness { cloud { id } stale lastError vmCount } }',
        undefined,
        token,
      )
    ).data!.inventoryFreshness;
  /** The clouds a tenant has resources in, with its VM count in each, from the seed. */
  const ownCounts = (tenantId: string) => {
    const counts = new Map<string, number>();
    for (const { cloud } of vmsOfTenant(seed(), tenantId)) counts.set(cloud.id, (counts.get(cloud.id) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
  };

  beforeAll(async () => {
    topology = await startTopology({ watchIntervalMs: 0 });
    await topology.query('mutation { syncInventory { cloud { id } } }');
  });
  afterAll(() => topology.close());

  it.each(['acme', 'globex'])("counts only %s's own VMs in inventoryFreshness, in every cloud it sees", async (tenantId) => {
    const answer = await freshness(await tenantToken(tenantId));
    expect(answer.map((f) => [f.cloud.id, f.vmCount])).toEqual(ownCounts(tenantId));
    // The shared cloud really holds more than the tenant's part: the count would have told.
    const shared = seed().clouds.find((c) => c.kind === 'director')!;
    expect(ownCounts(tenantId).find(([id]) => id === shared.id)![1]).toBeLessThan(shared.vms.length);
  });

  it('counts every VM for the provider admin', async () => {
    expect((await freshness()).map((f) => [f.cloud.id, f.vmCount])).toEqual(
      seed()
        .clouds.map((c) => [c.id, c.vms.length] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  });

  it('shows a tenant that a cloud is stale, but not the upstream failure', async () => {
    const shared = seed().clouds.find((c) => c.kind === 'director')!;
    topology.cloud(shared.id).mock.setFaults({ down: true });
    try {
      await topology.query('mutation { syncInventory { cloud { id } } }');
      const admin = (await freshness()).find((f) => f.cloud.id === shared.id)!;
      expect(admin).toMatchObject({ stale: true, lastError: expect.stringContaining('unavailable') });
      const tenant = (await freshness(await tenantToken('acme'))).find((f) => f.cloud.id === shared.id)!;
      expect(tenant).toEqual({
        cloud: { id: shared.id },
        stale: true,
        lastError: null,
        vmCount: ownCounts('acme').find(([id]) => id === shared.id)![1],
      });
    } finally {
      topology.cloud(shared.id).mock.setFaults({ down: false });
      await topology.query('mutation { syncInventory { cloud { id } } }');
    }
  });

  it.each([
    ['provider-admin', 'acme'],
    ['billing', 'globex'],
  ])('refuses a token with role %s and a tenant claim (%s) as unauthenticated', async (role, tenant) => {
    const mixed = await tokenWithClaims(topology.auth, { role, tenant });
    const res = await topology.query('{ tenants { id } }', undefined, mixed);
    expect({ status: res.status, codes: res.errors?.map((e) => e.extensions?.code), data: res.data ?? null }).toEqual({
      status: 401,
      codes: ['UNAUTHENTICATED'],
      data: null,
    });
  });

  it("routes by a variable's default when the client sends no value, under the same isolation", async () => {
    const own = vmsOfTenant(seed(), 'acme').find(({ cloud }) => cloud.kind === 'director')!;
    const foreign = vmsOfTenant(seed(), 'globex').find(({ cloud }) => cloud.kind === 'director')!;
    const ownId = globalId(own.cloud, own.vm.nativeId);
    const foreignId = globalId(foreign.cloud, foreign.vm.nativeId);
    const missingId = `${own.cloud.id}:urn:vcloud:vm:00000000-0000-4000-a000-000000000000`;
    const withDefault = (id: string) => `query($id: ID! = ${JSON.stringify(id)}) { vm(id: $id) { id name } }`;
    const acme = await tenantToken('acme');
    expect(await topology.query(withDefault(ownId), undefined, acme)).toEqual({
      status: 200,
      data: { vm: { id: ownId, name: own.vm.name } },
    });
    expect((await topology.query(withDefault(foreignId))).data).toEqual({ vm: { id: foreignId, name: foreign.vm.name } });
    // A sent value wins over the default.
    expect((await topology.query(withDefault(foreignId), { id: ownId }, acme)).data).toEqual({ vm: { id: ownId, name: own.vm.name } });
    // Another tenant's id as a default reads exactly like an id that does not exist.
    const [a, b] = await Promise.all([
      topology.query(withDefault(foreignId), undefined, acme),
      topology.query(withDefault(missingId), undefined, acme),
    ]);
    expect(a.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(a).replaceAll(foreignId, '<id>')).toBe(JSON.stringify(b).replaceAll(missingId, '<id>'));
  });
});

describe("the gateway's own reads", () => {
  let topology: Topology;

  beforeAll(async () => {
    // A cost limit far below what the index sync and ownership reads cost.
    topology = await startTopology({ watchIntervalMs: 0, limits: { maxCost: 200 } });
  });
  afterAll(() => topology.close());

  it('are not held to client request limits: the index syncs every cloud and tenants are still scoped', async () => {
    const clientQuery = await topology.query('{ clouds { vdcs { vms { id tenant { id } } } } }');
    expect(clientQuery.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

    const sync = await topology.query<{ syncInventory: Freshness[] }>(
      'mutation { syncInventory { cloud { id } stale lastError vmCount } }',
    );
    expect(sync.data!.syncInventory.map((f) => [f.cloud.id, f.stale, f.vmCount])).toEqual(
      topology.seed.clouds.map((c) => [c.id, false, c.vms.length] as const).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    // Ownership is read by the gateway too: a tenant's own VM in the shared cloud resolves.
    const own = vmsOfTenant(topology.seed, 'acme').find(({ cloud }) => cloud.kind === 'director')!;
    const acme = await topology.tokenFor({ subject: 'a', role: 'tenant-viewer', tenantId: 'acme' });
    const res = await topology.query('query($id: ID!) { vm(id: $id) { name } }', { id: globalId(own.cloud, own.vm.nativeId) }, acme);
    expect(res.data).toEqual({ vm: { name: own.vm.name } });
  });
});
