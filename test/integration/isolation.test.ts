/**
 * Tenant isolation over real HTTP with real tokens: two tenants (acme, globex) try
 * every path at each other's resources. A leak is any id, or name, of the other
 * tenant anywhere in an answer; an id of the other tenant must be answered exactly
 * like an id that does not exist.
 */
import { startTopology, type Topology } from '../support/topology';
import { globalId, sortById } from '../support/expected';
import { footprint, orgOfVm, vmsOfTenant } from '../support/tenancy';

describe('tenant isolation', () => {
  let topology: Topology;
  let acme: string;
  let acmeViewer: string;
  let globexLeaks: string[];
  const seed = () => topology.seed;
  const director = () => seed().clouds.find((c) => c.kind === 'director')!;
  const vmOf = (tenantId: string, kind: string) => {
    const found = vmsOfTenant(seed(), tenantId).find(({ cloud }) => cloud.kind === kind)!;
    return { id: globalId(found.cloud, found.vm.nativeId), ...found };
  };

  beforeAll(async () => {
    topology = await startTopology();
    acme = await topology.tokenFor({ subject: 'alice', role: 'tenant-admin', tenantId: 'acme' });
    acmeViewer = await topology.tokenFor({ subject: 'victor', role: 'tenant-viewer', tenantId: 'acme' });
    globexLeaks = footprint(topology.seed, 'globex');
  });
  afterAll(() => topology.close());

  /** Query as acme and fail on any trace of globex in the answer (but what the request itself named). */
  const asAcme = async (query: string, variables?: Record<string, unknown>, token = acme) => {
    const res = await topology.query<Record<string, unknown>>(query, variables, token);
    const asked = query + JSON.stringify(variables ?? {});
    const text = JSON.stringify(res);
    expect(globexLeaks.filter((trace) => text.includes(trace) && !asked.includes(trace))).toEqual([]);
    return res;
  };

  it("lists only the tenant's clouds, VDCs and VMs", async () => {
    const res = await asAcme('{ clouds { id vdcs { id vms { id name } } } }');
    expect(res.errors).toBeUndefined();
    const clouds = res.data!.clouds as Array<{ id: string; vdcs: Array<{ vms: Array<{ id: string }> }> }>;
    expect(clouds.map((c) => c.id).sort()).toEqual(['dc-east', director().id].sort());
    const vms = clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms));
    expect(sortById(vms.map((vm) => ({ id: vm.id })))).toEqual(
      sortById(vmsOfTenant(seed(), 'acme').map(({ cloud, vm }) => ({ id: globalId(cloud, vm.nativeId) }))),
    );
  });

  it("answers another tenant's VM exactly like a VM that does not exist", async () => {
    const foreign = vmOf('globex', 'director').id;
    const missing = `${director().id}:urn:vcloud:vm:00000000-0000-4000-a000-000000000000`;
    const [a, b] = await Promise.all([
      asAcme('query($id: ID!) { vm(id: $id) { name } }', { id: foreign }),
      asAcme('query($id: ID!) { vm(id: $id) { name } }', { id: missing }),
    ]);
    const shape = (res: typeof a, id: string) => JSON.stringify(res).replaceAll(id, '<id>');
    expect(shape(a, foreign)).toBe(shape(b, missing));
    expect(a.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("answers another tenant's dedicated cloud exactly like a cloud that does not exist", async () => {
    const [a, b] = await Promise.all([
      asAcme('{ cloud(id: "nova-eu") { name } vm(id: "nova-eu:x") { name } }'),
      asAcme('{ cloud(id: "atlantis") { name } vm(id: "atlantis:x") { name } }'),
    ]);
    expect(JSON.stringify(a).replaceAll('nova-eu', '<c>')).toBe(JSON.stringify(b).replaceAll('atlantis', '<c>'));
  });

  it("keeps another tenant's VMs out of cross-cloud entity lookups", async () => {
    const own = vmOf('acme', 'director');
    const foreign = [vmOf('globex', 'director').id, vmOf('globex', 'nova').id];
    const res = await asAcme('query($ids: [ID!]!) { vmsByIds(ids: $ids) { id name org { name } tenant { id } } }', {
      ids: [own.id, ...foreign, 'atlantis:vm-1'],
    });
    expect(res.data).toEqual({
      vmsByIds: [{ id: own.id, name: own.vm.name, org: { name: 'acme' }, tenant: { id: 'acme' } }, null, null, null],
    });
  });

  it('shows only its own tenant and organizations', async () => {
    const res = await asAcme('{ tenants { id orgs { id name } } orgs { id name } }');
    expect(res.errors).toBeUndefined();
    const org = director().orgs.find((o) => o.tenantId === 'acme')!;
    expect(res.data).toEqual({
      tenants: [{ id: 'acme', orgs: [{ id: globalId(director(), org.nativeId), name: 'acme' }] }],
      orgs: [{ id: globalId(director(), org.nativeId), name: 'acme' }],
    });
    const [other, none] = await Promise.all([asAcme('{ tenant(id: "globex") { id } }'), asAcme('{ tenant(id: "nobody") { id } }')]);
    expect(JSON.stringify(other).replace('globex', '<t>')).toBe(JSON.stringify(none).replace('nobody', '<t>'));
    const globexOrg = globalId(director(), director().orgs.find((o) => o.tenantId === 'globex')!.nativeId);
    const orgRes = await asAcme('query($id: ID!) { org(id: $id) { name vms { id } } }', { id: globexOrg });
    expect(orgRes.data).toEqual({ org: null });
    expect(orgRes.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('sees its own cumulative VDC only', async () => {
    const res = await asAcme('{ tenant(id: "acme") { cumulativeVdc { vmCount parts { cloud { id } } } vms { id } } }');
    expect(res.errors).toBeUndefined();
    expect((res.data!.tenant as { vms: unknown[] }).vms).toHaveLength(vmsOfTenant(seed(), 'acme').length);
  });

  it("cannot power another tenant's VM, and the cloud is not touched", async () => {
    const foreign = vmOf('globex', 'director');
    const mock = topology.cloud(foreign.cloud.id).mock;
    const before = mock.countRequests('/api/vApp');
    const res = await asAcme('mutation($id: ID!) { powerOffVm(id: $id) { id powerState } }', { id: foreign.id });
    expect(res.data).toEqual({ powerOffVm: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(mock.countRequests('/api/vApp')).toBe(before);
    expect(mock.cloud.vms.find((vm) => vm.nativeId === foreign.vm.nativeId)!.powerState).toBe(foreign.vm.powerState);
  });

  it('lets a tenant admin power its own VM, and forbids a viewer', async () => {
    const own = vmsOfTenant(seed(), 'acme').find(({ cloud, vm }) => cloud.kind === 'director' && vm.powerState === 'POWERED_ON')!;
    const id = globalId(own.cloud, own.vm.nativeId);
    const viewer = await asAcme('mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id }, acmeViewer);
    expect(viewer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(topology.cloud(own.cloud.id).mock.cloud.vms.find((vm) => vm.nativeId === own.vm.nativeId)!.powerState).toBe('POWERED_ON');
    const admin = await asAcme('mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id });
    expect(admin.data).toEqual({ powerOffVm: { powerState: 'POWERED_OFF' } });
    await asAcme('mutation($id: ID!) { powerOnVm(id: $id) { powerState } }', { id });
  });

  it('mixes ids through aliases and fragments without leaking the foreign ones', async () => {
    const own = vmOf('acme', 'vsphere');
    const foreign = vmOf('globex', 'nova');
    const res = await asAcme(
      `query($own: ID!, $foreign: ID!) { a: vm(id: $own) { ...F } b: vm(id: $foreign) { ...F } c: vm(id: $own) { ... on VirtualMachine { name } } }
       fragment F on VirtualMachine { id name tenant { id } }`,
      { own: own.id, foreign: foreign.id },
    );
    expect(res.data).toEqual({ a: { id: own.id, name: own.vm.name, tenant: { id: 'acme' } }, b: null, c: { name: own.vm.name } });
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['b'], 'NOT_FOUND']]);
  });

  it('finds nothing of another tenant by brute-forcing ids through aliases', async () => {
    const foreign = vmsOfTenant(seed(), 'globex')
      .slice(0, 10)
      .map(({ cloud, vm }) => globalId(cloud, vm.nativeId));
    const query = `{ ${foreign.map((id, i) => `v${i}: vm(id: ${JSON.stringify(id)}) { name }`).join(' ')} }`;
    const res = await asAcme(query);
    expect(Object.values(res.data!)).toEqual(foreign.map(() => null));
  });

  it('keeps provider-level facts and the registry from tenants', async () => {
    const res = await asAcme(`{ cloud(id: "${director().id}") { provider { orgCount } } }`);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await asAcme('{ nodes { url } }')).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await asAcme(`mutation { discoverOrgs { orgCount } }`)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('still shows the provider admin everything', async () => {
    const res = await topology.query<{ clouds: Array<{ vdcs: Array<{ vms: Array<{ id: string; tenant: { id: string } }> }> }> }>(
      '{ clouds { vdcs { vms { id tenant { id } } } } }',
    );
    const vms = res.data!.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms));
    expect(vms).toHaveLength(seed().clouds.reduce((n, c) => n + c.vms.length, 0));
    expect(new Set(vms.map((vm) => vm.tenant.id))).toEqual(new Set(['acme', 'globex']));
  });

  it('lets a billing integration read every tenant but change nothing', async () => {
    const billing = await topology.tokenFor({ subject: 'ledger', role: 'billing' });
    const read = await topology.query<{ tenants: Array<{ id: string }> }>('{ tenants { id } }', undefined, billing);
    expect(read.data!.tenants.map((t) => t.id)).toEqual(['acme', 'globex']);
    const write = await topology.query('mutation($id: ID!) { powerOffVm(id: $id) { id } }', { id: vmOf('acme', 'vsphere').id }, billing);
    expect(write.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it("resolves org and tenant of the tenant's own director VMs", async () => {
    const own = vmOf('acme', 'director');
    const res = await asAcme('query($id: ID!) { vm(id: $id) { org { name } tenant { id } vdc { name } } }', { id: own.id });
    const vdc = own.cloud.vdcs.find((v) => v.nativeId === own.vm.vdcNativeId)!;
    expect(res.data).toEqual({ vm: { org: { name: orgOfVm(own.cloud, own.vm)!.name }, tenant: { id: 'acme' }, vdc: { name: vdc.name } } });
  });
});
