/**
 * An index page while one cloud is down: the other clouds' VMs answer live, the down
 * cloud's VMs keep what the index last read of them (`lastKnown`, marked stale), and
 * one CLOUD_UNAVAILABLE names the down cloud, not one per row.
 */
import { ErrorCode } from '../../schema/errorCodes';
import { globalId } from '../support/expected';
import { orgOfVm } from '../support/tenancy';
import { startTopology, type Topology } from '../support/topology';

interface Edge {
  node: { id: string; name: string | null; powerState: string | null };
  lastKnown: { name: string; powerState: string; cpuCount: number; stale: boolean; syncedAt: string | null };
}

const PAGE =
  '{ vms(first: 500) { totalCount edges { node { id name powerState } lastKnown { name powerState cpuCount stale syncedAt } } } }';

describe('an index page of a cloud that is down', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
    await topology.query('mutation { syncInventory { vmCount } }');
    // Until a node's first health check the index cannot tell whether its cloud answers: stale.
    await topology.gateway.checkHealth();
  });
  afterAll(() => topology.close());

  it('gives one CLOUD_UNAVAILABLE for the cloud and its VMs as last known, marked stale', async () => {
    const [down, ...up] = topology.seed.clouds;
    const downIds = new Set(down!.vms.map((vm) => globalId(down!, vm.nativeId)));
    const seedVm = new Map(topology.seed.clouds.flatMap((cloud) => cloud.vms.map((vm) => [globalId(cloud, vm.nativeId), vm] as const)));

    const before = await topology.query<{ vms: { totalCount: number; edges: Edge[] } }>(PAGE);
    expect(before.errors).toBeUndefined();
    expect(before.data!.vms.edges.every((e) => !e.lastKnown.stale && e.lastKnown.syncedAt !== null)).toBe(true);

    topology.cloud(down!.id).mock.setFaults({ down: true });
    // The next sync cannot read the cloud: the index keeps its entries and says they are stale.
    await topology.query('mutation { syncInventory { vmCount } }');
    await topology.gateway.checkHealth();
    const page = await topology.query<{ vms: { totalCount: number; edges: Edge[] } }>(PAGE);

    expect(page.errors?.map((e) => [e.extensions?.code, e.extensions?.cloudId])).toEqual([[ErrorCode.CLOUD_UNAVAILABLE, down!.id]]);
    const edges = page.data!.vms.edges;
    expect(page.data!.vms.totalCount).toBe(seedVm.size);
    for (const edge of edges) {
      const vm = seedVm.get(edge.node.id)!;
      expect(edge.lastKnown).toMatchObject({ name: vm.name, powerState: vm.powerState, cpuCount: vm.cpuCount });
      if (downIds.has(edge.node.id)) {
        expect(edge.node).toEqual({ id: edge.node.id, name: null, powerState: null });
        expect(edge.lastKnown.stale).toBe(true);
      } else {
        expect(edge.node).toEqual({ id: edge.node.id, name: vm.name, powerState: vm.powerState });
        expect(edge.lastKnown.stale).toBe(false);
      }
    }
    expect(edges.filter((e) => downIds.has(e.node.id))).toHaveLength(down!.vms.length);
    expect(up.length).toBeGreaterThan(0);

    topology.cloud(down!.id).mock.setFaults({ down: false });
    await topology.query('mutation { syncInventory { vmCount } }');
    await topology.gateway.checkHealth();
    const back = await topology.query<{ vms: { totalCount: number; edges: Edge[] } }>(PAGE);
    expect(back.errors).toBeUndefined();
    expect(back.data!.vms.edges.every((e) => !e.lastKnown.stale)).toBe(true);
  });

  it("leaves out of a tenant's page what is no longer its own, before the next sync", async () => {
    const director = topology.seed.clouds.find((cloud) => cloud.kind === 'director')!;
    const org = director.orgs.find((o) => o.tenantId !== undefined && director.vms.some((vm) => orgOfVm(director, vm) === o))!;
    const orgId = globalId(director, org.nativeId);
    const orgVms = director.vms.filter((vm) => orgOfVm(director, vm) === org).map((vm) => globalId(director, vm.nativeId));
    const token = await topology.tokenFor({ subject: 'index-tenant', role: 'tenant-viewer', tenantId: org.tenantId! });
    const pageIds = async () => {
      const page = await topology.query<{ vms: { edges: Array<{ node: { id: string }; lastKnown: { name: string } }> } }>(
        '{ vms(first: 500) { edges { node { id } lastKnown { name } } } }',
        undefined,
        token,
      );
      expect(page.errors).toBeUndefined();
      return page.data!.vms.edges.map((e) => e.node.id);
    };
    const before = await pageIds();
    expect(before).toEqual(expect.arrayContaining(orgVms));

    // Unmapped: the index still says the org's VMs are the tenant's until its next sync; the page does not.
    await topology.query('mutation($org: ID!) { unmapOrg(orgId: $org) { id } }', { org: orgId });
    expect(await pageIds()).toEqual(before.filter((id) => !orgVms.includes(id)));

    await topology.query('mutation($org: ID!, $tenant: ID!) { mapOrgToTenant(orgId: $org, tenantId: $tenant) { id } }', {
      org: orgId,
      tenant: org.tenantId,
    });
    expect(await pageIds()).toEqual(before);
  });
});
