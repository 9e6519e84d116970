/**
 * The inventory index: every cloud's VMs, with tenant and org, kept in the store by
 * the sync loop, paged over all clouds with stable cursors; live fields still come
 * from the owning node; a cloud that is down keeps its last state, marked stale; a
 * cloud whose node is deregistered leaves the index, and one no node serves is stale.
 */
import { NO_NODE } from '../../gateway/inventory/sync';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';
import { registerWithGateway } from '../../subgraphs/shared/join';
import { startTopology, type Topology } from '../support/topology';
import { globalId, sortById } from '../support/expected';
import { orgOfVm, tenantOfVm } from '../support/tenancy';
import { adapterOptionsFor } from '../support/cloudOptions';

interface Page {
  vms: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string } }>;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

const byName = <T extends { name: string; id: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

describe('the inventory index', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology();
    await topology.query('mutation { syncInventory { cloud { id } } }');
  });
  afterAll(() => topology.close());

  const allVms = () =>
    topology.seed.clouds.flatMap((cloud) =>
      cloud.vms.map((vm) => ({
        id: globalId(cloud, vm.nativeId),
        name: vm.name,
        cloudId: cloud.id,
        powerState: vm.powerState,
        tenantId: tenantOfVm(cloud, vm)!,
        org: orgOfVm(cloud, vm),
      })),
    );
  const ids = (res: { data?: Page | null }) => res.data!.vms.edges.map((e) => e.node.id);

  it('holds every VM of every cloud, says how fresh each cloud is, and serves live fields from the nodes', async () => {
    const res = await topology.query<
      { inventoryFreshness: Array<{ cloud: { id: string }; stale: boolean; vmCount: number; syncedAt: string }> } & Page
    >(
      '{ inventoryFreshness { cloud { id } stale vmCount syncedAt } vms(first: 500) { totalCount edges { node { id name powerState tenant { id } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.inventoryFreshness.map(({ cloud, stale, vmCount }) => ({ cloud, stale, vmCount }))).toEqual(
      [...topology.seed.clouds]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((c) => ({ cloud: { id: c.id }, stale: false, vmCount: c.vms.length })),
    );
    expect(res.data!.vms.totalCount).toBe(allVms().length);
    const nodes = res.data!.vms.edges.map((e) => e.node) as unknown as Array<{
      id: string;
      name: string;
      powerState: string;
      tenant: { id: string };
    }>;
    expect(nodes).toEqual(
      allVms()
        .sort(byName)
        .map((vm) => ({ id: vm.id, name: vm.name, powerState: vm.powerState, tenant: { id: vm.tenantId } })),
    );
  });

  it.each([
    ['cloudId', { cloudId: 'vcd-nl' }, (vm: ReturnType<typeof allVms>[number]) => vm.cloudId === 'vcd-nl'],
    ['tenantId', { tenantId: 'globex' }, (vm: ReturnType<typeof allVms>[number]) => vm.tenantId === 'globex'],
    ['powerState', { powerState: 'POWERED_OFF' }, (vm: ReturnType<typeof allVms>[number]) => vm.powerState === 'POWERED_OFF'],
    [
      'nameContains, case-insensitively',
      { nameContains: 'VDC-2' },
      (vm: ReturnType<typeof allVms>[number]) => vm.name.toLowerCase().includes('vdc-2'),
    ],
    [
      'several at once',
      { tenantId: 'acme', powerState: 'POWERED_ON' },
      (vm: ReturnType<typeof allVms>[number]) => vm.tenantId === 'acme' && vm.powerState === 'POWERED_ON',
    ],
  ])('filters by %s', async (_what, filter, keep) => {
    const res = await topology.query<Page>(
      'query($filter: VmFilter) { vms(filter: $filter, first: 500) { totalCount edges { node { id } } } }',
      { filter },
    );
    const expected = allVms()
      .filter(keep)
      .sort(byName)
      .map((vm) => vm.id);
    expect(expected.length).toBeGreaterThan(0);
    expect({ total: res.data!.vms.totalCount, ids: ids(res) }).toEqual({ total: expected.length, ids: expected });
  });

  it('sorts by size, descending, with ties broken by id', async () => {
    const res = await topology.query<Page>('{ vms(orderBy: { field: MEMORY_MB, direction: DESC }, first: 500) { edges { node { id } } } }');
    const memory = new Map(topology.seed.clouds.flatMap((c) => c.vms.map((vm) => [globalId(c, vm.nativeId), vm.memoryMb] as const)));
    const expected = [...memory.keys()].sort((a, b) => memory.get(b)! - memory.get(a)! || (a < b ? 1 : a > b ? -1 : 0));
    expect(ids(res)).toEqual(expected);
  });

  it('pages with cursors: each VM once, in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: { data?: Page | null } = await topology.query<Page>(
        'query($after: String) { vms(first: 7, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }',
        { after },
      );
      seen.push(...ids(res));
      after = res.data!.vms.pageInfo.hasNextPage ? res.data!.vms.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(
      allVms()
        .sort(byName)
        .map((vm) => vm.id),
    );
  });

  it('shows a tenant only its own VMs', async () => {
    const acme = await topology.tokenFor({ subject: 'a', role: 'tenant-viewer', tenantId: 'acme' });
    const res = await topology.query<Page>('{ vms(first: 500) { totalCount edges { node { id } } } }', undefined, acme);
    const own = allVms().filter((vm) => vm.tenantId === 'acme');
    expect(own.length).toBeGreaterThan(0);
    expect(ids(res)).toEqual(own.sort(byName).map((vm) => vm.id));
    // The same filter finds globex's VMs for the provider, and none for acme.
    const globexVms = '{ vms(filter: { tenantId: "globex" }, first: 500) { totalCount } }';
    expect((await topology.query<Page>(globexVms)).data!.vms.totalCount).toBe(allVms().filter((vm) => vm.tenantId === 'globex').length);
    expect((await topology.query<Page>(globexVms, undefined, acme)).data!.vms.totalCount).toBe(0);
  });

  it('refuses a malformed cursor and an out-of-range page size', async () => {
    const bad = await topology.query('{ vms(first: 5, after: "garbage") { totalCount } }');
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    const big = await topology.query('{ vms(first: 100000) { totalCount } }');
    expect(big.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('reflects a VM created, renamed and deleted in a cloud within one sync', async () => {
    const live = topology.cloud('dc-east').mock.cloud;
    const seeded = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
    const original = [...live.vms];
    const [renamed, deleted, template] = [seeded.vms[0]!, seeded.vms[1]!, seeded.vms[2]!];
    const created = { ...template, nativeId: 'vm-9999', name: 'created-in-vcenter' };
    expect(seeded.vms.map((vm) => vm.nativeId)).not.toContain(created.nativeId);
    try {
      // Renamed, deleted and created in vCenter itself: the mock's live state, copies of its VMs.
      live.vms.splice(
        0,
        live.vms.length,
        ...original
          .filter((vm) => vm.nativeId !== deleted.nativeId)
          .map((vm) => (vm.nativeId === renamed.nativeId ? { ...vm, name: 'renamed-in-vcenter' } : vm)),
        created,
      );
      await topology.query('mutation { syncInventory { cloud { id } } }');
      const res = await topology.query<Page>('{ vms(filter: { cloudId: "dc-east" }, first: 500) { edges { node { id name } } } }');
      const nodes = res.data!.vms.edges.map((e) => e.node) as unknown as Array<{ id: string; name: string }>;
      const expected = seeded.vms
        .filter((vm) => vm.nativeId !== deleted.nativeId)
        .map((vm) => ({ id: globalId(seeded, vm.nativeId), name: vm.nativeId === renamed.nativeId ? 'renamed-in-vcenter' : vm.name }))
        .concat({ id: globalId(seeded, created.nativeId), name: created.name });
      expect(nodes).toEqual(expected.sort(byName));
      expect(nodes.map((n) => n.id)).not.toContain(globalId(seeded, deleted.nativeId));
    } finally {
      live.vms.splice(0, live.vms.length, ...original);
      await topology.query('mutation { syncInventory { cloud { id } } }');
    }
  });

  it('keeps a cloud that is down at its last indexed state, marked stale', async () => {
    const before = await topology.query<Page>('{ vms(filter: { cloudId: "nova-eu" }, first: 500) { edges { node { id } } } }');
    topology.cloud('nova-eu').mock.setFaults({ down: true });
    try {
      const sync = await topology.query<{ syncInventory: Array<{ cloud: { id: string }; stale: boolean; lastError: string | null }> }>(
        'mutation { syncInventory { cloud { id } stale lastError } }',
      );
      expect(sync.data!.syncInventory.find((f) => f.cloud.id === 'nova-eu')).toEqual({
        cloud: { id: 'nova-eu' },
        stale: true,
        lastError: expect.stringContaining('unavailable'),
      });
      expect(sync.data!.syncInventory.filter((f) => f.stale).map((f) => f.cloud.id)).toEqual(['nova-eu']);
      const after = await topology.query<Page>('{ vms(filter: { cloudId: "nova-eu" }, first: 500) { edges { node { id } } } }');
      expect(ids(after)).toEqual(ids(before));
      expect(ids(after)).toHaveLength(topology.seed.clouds.find((c) => c.id === 'nova-eu')!.vms.length);
    } finally {
      topology.cloud('nova-eu').mock.setFaults({ down: false });
      // Fresh again for whatever runs next.
      const resync = await topology.query<{ syncInventory: Array<{ stale: boolean }> }>('mutation { syncInventory { stale } }');
      expect(resync.data!.syncInventory.filter((f) => f.stale)).toEqual([]);
    }
  });
});

describe('paging a large index', () => {
  let topology: Topology;
  beforeAll(async () => {
    topology = await startTopology({
      seed: { clouds: [{ id: 'big', kind: 'vsphere', name: 'Big DC' }], vdcsPerCloud: 4, vmsPerVdc: 2500 },
    });
    await topology.query('mutation { syncInventory { cloud { id } } }');
  }, 60_000);
  afterAll(() => topology.close());

  it('returns each of 10,000 VMs exactly once, in order, with first: 100', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: { data?: Page | null } = await topology.query<Page>(
        'query($after: String) { vms(first: 100, after: $after) { totalCount edges { node { id } } pageInfo { endCursor hasNextPage } } }',
        { after },
      );
      expect(res.data!.vms.totalCount).toBe(10_000);
      seen.push(...res.data!.vms.edges.map((e) => e.node.id));
      after = res.data!.vms.pageInfo.hasNextPage ? res.data!.vms.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 200);
    const expected = sortById(
      topology.seed.clouds[0]!.vms.map((vm) => ({ id: globalId(topology.seed.clouds[0]!, vm.nativeId), name: vm.name })),
    )
      .sort(byName)
      .map((vm) => vm.id);
    expect(pages).toBe(100);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual(expected);
  }, 60_000);
});

describe('a cloud that no node serves', () => {
  // Its own topology and store: one configured cloud, and one that joins by token and is deregistered.
  const configured = { id: 'dc-east', kind: 'vsphere', name: 'Private DC East' } as const;
  const joining = buildSeed({ clouds: [{ id: 'dc-west', kind: 'vsphere', name: 'Private DC West' }] }).clouds[0]!;
  let store: Store;
  let topology: Topology;
  let mock: MockCloud;
  let node: RunningCloudNode;
  const freshness = async () =>
    (
      await topology.query<{
        inventoryFreshness: Array<{ cloud: { id: string }; stale: boolean; lastError: string | null; vmCount: number }>;
      }>('{ inventoryFreshness { cloud { id } stale lastError vmCount } }')
    ).data!.inventoryFreshness;
  const indexed = async (cloudId: string) =>
    (
      await topology.query<Page>('query($c: ID) { vms(filter: { cloudId: $c }, first: 500) { totalCount edges { node { id name } } } }', {
        c: cloudId,
      })
    ).data!.vms;

  beforeAll(async () => {
    store = await createMemoryStore();
    topology = await startTopology({ seed: { clouds: [configured] }, store });
    mock = await startMockCloud(joining);
    node = await startCloudNode({
      cloud: { id: joining.id, name: joining.name, kind: joining.kind },
      adapter: createAdapter(joining.kind, adapterOptionsFor(mock, joining.kind, { timeoutMs: 1000 })),
      // Issued when it registers.
      secret: undefined,
    });
    const token = (
      await topology.query<{ createRegistrationToken: { token: string } }>(
        'mutation($c: ID!) { createRegistrationToken(cloudId: $c, kind: CLOUD_NODE) { token } }',
        { c: joining.id },
      )
    ).data!.createRegistrationToken.token;
    const registered = await registerWithGateway({
      gatewayUrl: topology.gateway.url,
      token,
      kind: 'cloud-node',
      url: node.url,
      version: '1',
    });
    node.setSecret(registered.secret);
    await topology.query('mutation { syncInventory { cloud { id } } }');
  });
  afterAll(async () => {
    await topology.close();
    await node.close();
    await mock.close();
    await store.close();
  });

  it('leaves the index when its node is deregistered, and a later sync does not bring it back', async () => {
    const seededEast = topology.seed.clouds[0]!;
    // Indexed and fresh while its node serves it.
    expect(await freshness()).toEqual([
      { cloud: { id: seededEast.id }, stale: false, lastError: null, vmCount: seededEast.vms.length },
      { cloud: { id: joining.id }, stale: false, lastError: null, vmCount: joining.vms.length },
    ]);
    expect((await indexed(joining.id)).totalCount).toBe(joining.vms.length);

    const gone = await topology.query('mutation($id: ID!) { deregisterNode(id: $id) }', { id: `${joining.id}/cloud-node` });
    expect(gone).toMatchObject({ data: { deregisterNode: true } });
    expect(gone.errors).toBeUndefined();

    // Gone at once: no record saying it is fresh, no VMs with null fields.
    const east = [{ cloud: { id: seededEast.id }, stale: false, lastError: null, vmCount: seededEast.vms.length }];
    expect(await freshness()).toEqual(east);
    expect(await indexed(joining.id)).toEqual({ totalCount: 0, edges: [] });
    const all = (await topology.query<Page>('{ vms(first: 500) { totalCount edges { node { id name } } } }')).data!.vms;
    expect(all.totalCount).toBe(seededEast.vms.length);
    expect(all.edges.map((e) => e.node)).toEqual(
      seededEast.vms.map((vm) => ({ id: globalId(seededEast, vm.nativeId), name: vm.name })).sort(byName),
    );

    const sync = await topology.query<{ syncInventory: Array<{ cloud: { id: string } }> }>('mutation { syncInventory { cloud { id } } }');
    expect(sync.data!.syncInventory.map((f) => f.cloud.id)).toEqual([seededEast.id]);
    expect(await freshness()).toEqual(east);
  });

  it('is marked stale, with the reason, when it is indexed but this gateway has no node for it (a cloud removed from the configuration)', async () => {
    const east = topology.seed.clouds[0]!;
    // The same store, and a configuration that no longer lists dc-east: a restart with the cloud decommissioned.
    await topology.close();
    topology = await startTopology({ seed: { clouds: [{ id: 'nova-eu', kind: 'nova', name: 'Public EU' }] }, store });
    const nova = topology.seed.clouds[0]!;
    await topology.query('mutation { syncInventory { cloud { id } } }');
    expect(await freshness()).toEqual([
      { cloud: { id: east.id }, stale: true, lastError: NO_NODE, vmCount: east.vms.length },
      { cloud: { id: nova.id }, stale: false, lastError: null, vmCount: nova.vms.length },
    ]);
  });
});
