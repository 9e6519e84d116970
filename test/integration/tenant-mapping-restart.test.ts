/**
 * An administrator's organization mappings are kept in the store: they survive a
 * gateway restart (a new gateway on the same store object), reach a gateway that did
 * not make them when its discovery runs, and a mutation the store refused changes
 * nothing. What each tenant sees is computed from the seed, never copied from an answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, openDurableStore } from '../../gateway/store';
import type { OrgMappingRepository, Store } from '../../gateway/store/types';
import type { SeedCloud, SeedOrg } from '../../mocks/seed';
import { globalId, sortById } from '../support/expected';
import { startTopology, type GraphQLResponse, type Topology } from '../support/topology';

/** Three tenants, so an organization can move to a tenant that is neither its own nor the one unmapped. */
const SEED = { tenants: 3 };

interface CloudView {
  id: string;
  vdcs: Array<{ id: string; name: string; vms: Array<{ id: string; name: string }> }>;
}

/** Who owns each director organization: the seed's word, or an administrator's. */
type Owners = (org: SeedOrg) => string | null;
const seedOwners: Owners = (org) => org.tenantId;

/** Seed helpers and queries over one topology (which a restart replaces). */
function harness(current: () => Topology) {
  const director = (): SeedCloud => current().seed.clouds.find((c) => c.kind === 'director')!;
  const orgOf = (tenantId: string): SeedOrg => director().orgs.find((o) => o.tenantId === tenantId)!;
  const orgId = (org: SeedOrg) => globalId(director(), org.nativeId);
  const vdcIdsOf = (org: SeedOrg) =>
    director()
      .vdcs.filter((v) => v.orgNativeId === org.nativeId)
      .map((v) => globalId(director(), v.nativeId));

  /** The director's VDCs and VMs as `clouds { … }` must show them to `tenantId` (null: the provider, who sees all). */
  const expectedView = (tenantId: string | null, owners: Owners) => {
    const cloud = director();
    const visible = new Set(cloud.orgs.filter((o) => tenantId === null || owners(o) === tenantId).map((o) => o.nativeId));
    return sortById(
      cloud.vdcs
        .filter((vdc) => visible.has(vdc.orgNativeId!))
        .map((vdc) => ({
          id: globalId(cloud, vdc.nativeId),
          name: vdc.name,
          vms: sortById(
            cloud.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId).map((vm) => ({ id: globalId(cloud, vm.nativeId), name: vm.name })),
          ),
        })),
    );
  };

  /** Every id and name of an organization, its VDCs and VMs: what a tenant it is not mapped to must never see. */
  const traces = (org: SeedOrg): string[] => {
    const cloud = director();
    const vdcs = cloud.vdcs.filter((v) => v.orgNativeId === org.nativeId);
    const vms = cloud.vms.filter((vm) => vdcs.some((v) => v.nativeId === vm.vdcNativeId));
    return [
      orgId(org),
      org.fullName,
      ...vdcs.flatMap((v) => [globalId(cloud, v.nativeId), v.name]),
      ...vms.flatMap((vm) => [globalId(cloud, vm.nativeId), vm.name]),
    ];
  };

  /** The director's VDCs and VMs as the tenant (or, without one, the provider admin) sees them, and the answer's text. */
  const viewAs = async (tenantId?: string) => {
    const token = tenantId ? await current().tokenFor({ subject: `${tenantId}-viewer`, role: 'tenant-viewer', tenantId }) : undefined;
    const res = await current().query<{ clouds: CloudView[] }>('{ clouds { id vdcs { id name vms { id name } } } }', undefined, token);
    expect(res.errors).toBeUndefined();
    const cloud = res.data!.clouds.find((c) => c.id === director().id);
    return { vdcs: sortById((cloud?.vdcs ?? []).map((vdc) => ({ ...vdc, vms: sortById(vdc.vms) }))), text: JSON.stringify(res) };
  };

  const map = (org: SeedOrg, tenantId: string) =>
    current().query('mutation($org: ID!, $tenant: ID!) { mapOrgToTenant(orgId: $org, tenantId: $tenant) { id tenant { id } mapping } }', {
      org: orgId(org),
      tenant: tenantId,
    });
  const unmap = (org: SeedOrg) =>
    current().query('mutation($org: ID!) { unmapOrg(orgId: $org) { id tenant { id } mapping } }', { org: orgId(org) });
  /** The organization's mapping as the provider admin reads it. */
  const mappingOf = async (org: SeedOrg) =>
    (await current().query('query($id: ID!) { org(id: $id) { id tenant { id } mapping } }', { id: orgId(org) })).data;

  return { director, orgOf, orgId, vdcIdsOf, expectedView, traces, viewAs, map, unmap, mappingOf };
}

const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);

/**
 * A topology over the store `open` gives, started before the describe's tests and
 * closed after. `restart` stops the gateway and closes the store, then opens both again.
 */
function topologyOn(open: () => Promise<Store>) {
  const state = {} as { store: Store; topology: Topology };
  beforeAll(async () => {
    state.store = await open();
    state.topology = await startTopology({ seed: SEED, store: state.store });
  });
  afterAll(async () => {
    await state.topology.close();
    await state.store.close();
  });
  const restart = async (): Promise<void> => {
    await state.topology.close();
    await state.store.close();
    state.store = await open();
    state.topology = await startTopology({ seed: SEED, store: state.store });
  };
  return { state, restart };
}

describe('manual organization mappings across a gateway restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-mapping-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The durable embedded store, closed and opened again from its directory: a restart as deployed.
  const { state, restart } = topologyOn(() => openDurableStore(dir));
  const h = harness(() => state.topology);

  it('keeps a mapping and an unmapping, and after the restart each tenant sees what they say', async () => {
    const moved = h.orgOf('globex');
    const newTenant = 'initech';
    const unmapped = h.orgOf('acme');
    const owners: Owners = (org) =>
      org.nativeId === moved.nativeId ? newTenant : org.nativeId === unmapped.nativeId ? null : org.tenantId;
    // The seed's mappings hold before: what the restart must not bring back.
    expect((await h.viewAs('globex')).vdcs).toEqual(h.expectedView('globex', seedOwners));
    expect(h.expectedView('globex', seedOwners).map((v) => v.id)).toEqual(h.vdcIdsOf(moved).sort());

    expect((await h.map(moved, newTenant)).data).toEqual({
      mapOrgToTenant: { id: h.orgId(moved), tenant: { id: newTenant }, mapping: 'MANUAL' },
    });
    expect((await h.unmap(unmapped)).data).toEqual({ unmapOrg: { id: h.orgId(unmapped), tenant: null, mapping: 'MANUAL' } });
    expect(await state.store.orgMappings.list()).toEqual(
      [
        { orgId: h.orgId(moved), tenantId: newTenant, updatedAt: expect.any(Date) },
        { orgId: h.orgId(unmapped), tenantId: null, updatedAt: expect.any(Date) },
      ].sort((a, b) => (a.orgId < b.orgId ? -1 : 1)),
    );

    // Closed, and a new gateway (with new nodes and mock clouds of the same seed) on the store reopened.
    await restart();

    expect(await h.mappingOf(moved)).toEqual({ org: { id: h.orgId(moved), tenant: { id: newTenant }, mapping: 'MANUAL' } });
    expect(await h.mappingOf(unmapped)).toEqual({ org: { id: h.orgId(unmapped), tenant: null, mapping: 'MANUAL' } });
    const views = new Map<string, Awaited<ReturnType<typeof h.viewAs>>>();
    for (const tenant of state.topology.seed.tenants) {
      const view = await h.viewAs(tenant.id);
      views.set(tenant.id, view);
      expect(view.vdcs).toEqual(h.expectedView(tenant.id, owners));
      const foreign = h.director().orgs.filter((o) => owners(o) !== tenant.id);
      expect(foreign.flatMap(h.traces).filter((trace) => view.text.includes(trace))).toEqual([]);
    }
    const idsSeenBy = (tenantId: string) => views.get(tenantId)!.vdcs.map((v) => v.id);
    // The moved organization's VDCs (and their VMs, above) are the new tenant's, and no longer the old one's.
    expect(idsSeenBy(newTenant)).toEqual(expect.arrayContaining(h.vdcIdsOf(moved)));
    expect(idsSeenBy('globex')).toEqual([]);
    // The unmapped organization is nobody's: only the provider sees it.
    for (const tenant of state.topology.seed.tenants)
      expect(idsSeenBy(tenant.id)).toEqual(expect.not.arrayContaining(h.vdcIdsOf(unmapped)));
    expect((await h.viewAs()).vdcs).toEqual(h.expectedView(null, owners));
  });
});

describe('a mapping stored by another gateway on the same store', () => {
  const { state } = topologyOn(() => createMemoryStore());
  const h = harness(() => state.topology);

  it('reaches this gateway when its discovery runs', async () => {
    const org = h.orgOf('acme');
    const other = 'globex';
    // What a replica answering `mapOrgToTenant` writes: this gateway's directory does not know yet.
    await state.store.orgMappings.put({ orgId: h.orgId(org), tenantId: other, updatedAt: new Date() });
    expect(await h.mappingOf(org)).toEqual({ org: { id: h.orgId(org), tenant: { id: 'acme' }, mapping: 'NAME_MATCH' } });

    const discovery = await state.topology.query('mutation { discoverOrgs { orgCount } }');
    expect(discovery.data).toEqual({ discoverOrgs: { orgCount: h.director().orgs.length } });

    expect(await h.mappingOf(org)).toEqual({ org: { id: h.orgId(org), tenant: { id: other }, mapping: 'MANUAL' } });
    const owners: Owners = (o) => (o.nativeId === org.nativeId ? other : o.tenantId);
    expect((await h.viewAs(other)).vdcs).toEqual(h.expectedView(other, owners));
    expect((await h.viewAs('acme')).vdcs).toEqual([]);
  });
});

describe('a mapping the store refuses', () => {
  let inner: Store;
  let topology: Topology;
  let refusing = false;
  const cause = 'connection to mongodb://overcast:hunter2@db.internal refused';
  const h = harness(() => topology);

  beforeAll(async () => {
    inner = await createMemoryStore();
    const orgMappings: OrgMappingRepository = {
      list: () => inner.orgMappings.list(),
      put: async (mapping) => {
        if (refusing) throw new Error(cause);
        await inner.orgMappings.put(mapping);
      },
    };
    topology = await startTopology({ seed: SEED, store: { ...inner, orgMappings } });
  });
  afterAll(async () => {
    await topology.close();
    await inner.close();
  });

  it('changes nothing and answers INTERNAL_SERVER_ERROR without the cause', async () => {
    const org = h.orgOf('globex');
    refusing = true;
    const res = await h.unmap(org);
    refusing = false;
    expect(res.data).toBeNull();
    expect(codes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(res)).not.toContain('hunter2');
    expect(JSON.stringify(res)).not.toContain(cause);
    expect(await inner.orgMappings.list()).toEqual([]);
    expect(await h.mappingOf(org)).toEqual({ org: { id: h.orgId(org), tenant: { id: 'globex' }, mapping: 'NAME_MATCH' } });
    expect((await h.viewAs('globex')).vdcs).toEqual(h.expectedView('globex', seedOwners));

    // The same mutation with the store answering: the refusal above was the store's.
    expect((await h.unmap(org)).data).toEqual({ unmapOrg: { id: h.orgId(org), tenant: null, mapping: 'MANUAL' } });
    expect((await h.viewAs('globex')).vdcs).toEqual([]);
  });
});
