/**
 * Tenant isolation of the live feeds, over real graphql-ws clients: what a tenant's
 * subscription selects under an event's VM is resolved as that tenant, so every path
 * from its own VM to a shared object (its cloud's VDCs, its org's tenant, task
 * progress, fragments) answers exactly what the same tenant's HTTP query answers, and
 * nothing of the other tenant. A socket lives no longer than its token.
 */
import type { Client } from 'graphql-ws';
import type { Principal } from '../../schema/principal';
import { globalId } from '../support/expected';
import { connect, feed, settled } from '../support/feeds';
import { footprint, orgOfVm, vmsOfTenant } from '../support/tenancy';
import { startTopology, type Topology } from '../support/topology';
import { tokenWithClaims } from '../support/tokens';
import { waitFor } from '../support/waitFor';

/** The VM part of each path, written once: the subscription selects it under `vm`, the HTTP check under `vm(id:)`. */
const PATHS = {
  'cloud → vdcs → vms': 'id cloud { id vdcs { id name vms { id name } } }',
  'vdc → org → tenant → vms (across clouds)': 'vdc { org { tenant { id vms { id name } } } }',
  'org → metrics and virtual VDC': 'org { id name metrics { vmCount cpuUsageMhz } virtualVdc { vmCount vcpuCount } }',
  'org → vdcs → vms': 'org { vdcs { id name vms { id name } } vms { id name } }',
} as const;

describe('tenant isolation of live feeds', () => {
  let topology: Topology;
  const clients: Client[] = [];
  const seed = () => topology.seed;
  const director = () => seed().clouds.find((c) => c.kind === 'director')!;
  const client = (token: string) => {
    const c = connect(topology.gateway.url, token);
    clients.push(c);
    return c;
  };
  const token = (principal: Principal) => topology.tokenFor(principal);
  const power = (id: string, on: boolean) =>
    topology.query(`mutation($id: ID!) { ${on ? 'powerOnVm' : 'powerOffVm'}(id: $id) { powerState } }`, { id });
  /** A powered-on VM of `tenantId` in the shared (director) cloud. */
  const sharedVmOf = (tenantId: string) => {
    const found = vmsOfTenant(seed(), tenantId).find(({ cloud, vm }) => cloud.kind === 'director' && vm.powerState === 'POWERED_ON')!;
    return { ...found, id: globalId(found.cloud, found.vm.nativeId) };
  };
  const stats = () => topology.gateway.subscriptionStats();
  /** Traces of `tenantId` in `payload`: ids and names from the seed. */
  const tracesOf = (tenantId: string, payload: unknown) =>
    footprint(seed(), tenantId).filter((trace) => JSON.stringify(payload).includes(trace));

  beforeAll(async () => {
    topology = await startTopology();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await topology.close();
  });

  describe.each([
    ['acme', 'globex'],
    ['globex', 'acme'],
  ])('%s subscribed (the other tenant: %s)', (self, other) => {
    it('resolves every path from its own VM as itself: what its HTTP query answers, nothing of the other tenant', async () => {
      const viewer = client(await token({ subject: `${self}-viewer`, role: 'tenant-viewer', tenantId: self }));
      const own = sharedVmOf(self);
      const base = stats().subscribed;
      const onVm = Object.entries(PATHS).map(([name, selection]) => ({
        name,
        selection,
        feed: feed<{ vmEvents: { vm: Record<string, unknown> } }>(
          viewer,
          `subscription($cloud: ID) { vmEvents(filter: { cloudId: $cloud, types: [POWER_STATE_CHANGED] }) { vm { ${selection} } } }`,
          { cloud: director().id },
        ),
      }));
      const tasks = feed<{ taskProgress: { state: string; vm: Record<string, unknown> } }>(
        viewer,
        `subscription($vm: ID) { taskProgress(vmId: $vm) { state vm { ${PATHS['cloud → vdcs → vms']} } } }`,
        { vm: own.id },
      );
      const fragments = feed<{ vmEvents: { vm: Record<string, unknown> } }>(
        viewer,
        `subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { ...E } }
         fragment E on VmEvent { vm { ...V } }
         fragment V on VirtualMachine { vdc { org { tenant { vms { id name } } } } cloud { vdcs { id name vms { id name } } } }`,
      );
      await settled(topology.gateway, base, onVm.length + 2);
      try {
        await power(own.id, false);
        await Promise.all([...onVm.map((p) => p.feed.until(1)), tasks.until(2), fragments.until(1)]);

        const userToken = await token({ subject: `${self}-viewer`, role: 'tenant-viewer', tenantId: self });
        for (const { name, selection, feed: f } of onVm) {
          const http = await topology.query<{ vm: Record<string, unknown> }>(
            `query($id: ID!) { vm(id: $id) { ${selection} } }`,
            { id: own.id },
            userToken,
          );
          expect({ path: name, errors: http.errors }).toEqual({ path: name, errors: undefined });
          expect({ path: name, payload: f.events[0]!.vmEvents.vm }).toEqual({ path: name, payload: http.data!.vm });
          expect({ path: name, leaks: tracesOf(other, f.events) }).toEqual({ path: name, leaks: [] });
        }
        expect(tracesOf(other, tasks.events)).toEqual([]);
        expect(tracesOf(other, fragments.events)).toEqual([]);

        // The oracle above is the tenant's own HTTP view; check it against the seed too.
        const ownVdcs = director().vdcs.filter((v) => director().orgs.some((o) => o.tenantId === self && o.nativeId === v.orgNativeId));
        const cloudVdcs = (vm: Record<string, unknown>) =>
          ((vm.cloud as { vdcs: Array<{ id: string }> }).vdcs ?? []).map((v) => v.id).sort();
        expect(cloudVdcs(onVm[0]!.feed.events[0]!.vmEvents.vm)).toEqual(ownVdcs.map((v) => globalId(director(), v.nativeId)).sort());
        expect(tasks.events.map((e) => e.taskProgress.state)).toEqual(['RUNNING', 'SUCCEEDED']);
        expect(cloudVdcs(tasks.events[0]!.taskProgress.vm)).toEqual(ownVdcs.map((v) => globalId(director(), v.nativeId)).sort());
        const tenantVms = (
          fragments.events[0]!.vmEvents.vm as { vdc: { org: { tenant: { vms: Array<{ id: string }> } } } }
        ).vdc.org.tenant.vms
          .map((vm) => vm.id)
          .sort();
        expect(tenantVms).toEqual(
          vmsOfTenant(seed(), self)
            .map(({ cloud, vm }) => globalId(cloud, vm.nativeId))
            .sort(),
        );
        expect((onVm[2]!.feed.events[0]!.vmEvents.vm as { org: { name: string } }).org.name).toBe(orgOfVm(own.cloud, own.vm)!.name);
      } finally {
        [...onVm.map((p) => p.feed), tasks, fragments].forEach((f) => f.dispose());
        await power(own.id, true);
      }
    });
  });

  it('hydrates once per distinct (selection, access scope): tenants of one scope share, scopes never do', async () => {
    const acmeVm = sharedVmOf('acme');
    const globexVm = sharedVmOf('globex');
    const selection =
      'subscription($cloud: ID) { vmEvents(filter: { cloudId: $cloud, types: [POWER_STATE_CHANGED] }) { vm { id cloud { vdcs { name } } } } }';
    const subscribe = async (principal: Principal, n: number) => {
      const c = client(await token(principal));
      return Array.from({ length: n }, () =>
        feed<{ vmEvents: { vm: { id: string; cloud: { vdcs: Array<{ name: string }> } } } }>(c, selection, { cloud: director().id }),
      );
    };
    const base = stats().subscribed;
    const acme = [
      ...(await subscribe({ subject: 'av', role: 'tenant-viewer', tenantId: 'acme' }, 3)),
      ...(await subscribe({ subject: 'aa', role: 'tenant-admin', tenantId: 'acme' }, 2)),
    ];
    const admins = await subscribe({ subject: 'ops', role: 'provider-admin' }, 3);
    const globex = await subscribe({ subject: 'gv', role: 'tenant-viewer', tenantId: 'globex' }, 2);
    await settled(topology.gateway, base, acme.length + admins.length + globex.length);
    const vdcNames = (tenantId?: string) =>
      director()
        .vdcs.filter((v) => tenantId === undefined || director().orgs.some((o) => o.tenantId === tenantId && o.nativeId === v.orgNativeId))
        .map((v) => v.name)
        .sort();
    const names = (f: (typeof acme)[number], i: number) => f.events[i]!.vmEvents.vm.cloud.vdcs.map((v) => v.name).sort();
    try {
      const before = stats().hydrations;
      await power(acmeVm.id, false);
      await Promise.all([...acme, ...admins].map((f) => f.until(1)));
      // One hydration for acme's five subscribers (viewers and admins see the same), one for the operators'.
      expect(stats().hydrations - before).toBe(2);
      for (const f of acme) expect(names(f, 0)).toEqual(vdcNames('acme'));
      for (const f of admins) expect(names(f, 0)).toEqual(vdcNames());

      // globex heard nothing of acme's VM; its own VM's event is the first it gets.
      await power(globexVm.id, false);
      await Promise.all([...globex.map((f) => f.until(1)), ...admins.map((f) => f.until(2))]);
      for (const f of globex) {
        expect(f.events.map((e) => e.vmEvents.vm.id)).toEqual([globexVm.id]);
        expect(names(f, 0)).toEqual(vdcNames('globex'));
      }
    } finally {
      [...acme, ...admins, ...globex].forEach((f) => f.dispose());
      await power(acmeVm.id, true);
      await power(globexVm.id, true);
    }
  });

  it('delivers a VM created in its own VDC of the shared cloud with its fields, and its deletion, to its owner only', async () => {
    const cloud = director();
    const live = topology.cloud(cloud.id).mock.cloud;
    const newVm = (tenantId: string, n: number) => ({
      ...sharedVmOf(tenantId).vm,
      nativeId: `urn:vcloud:vm:0000feed-0000-4000-a000-00000000000${n}`,
      name: `${tenantId}-created-live`,
    });
    const [acmeVm, globexVm] = [newVm('acme', 1), newVm('globex', 2)];
    const selection = 'subscription { vmEvents(filter: { types: [VM_CREATED, VM_DELETED] }) { type vm { id name vdc { id } } } }';
    const base = stats().subscribed;
    const acme = feed<{ vmEvents: unknown }>(client(await token({ subject: 'a', role: 'tenant-viewer', tenantId: 'acme' })), selection);
    const globex = feed<{ vmEvents: unknown }>(client(await token({ subject: 'g', role: 'tenant-viewer', tenantId: 'globex' })), selection);
    await settled(topology.gateway, base, 2);
    // A deleted VM answers from its last snapshot (id, name, power state, size): its VDC is no longer known.
    const event = (type: string, vm: typeof acmeVm) => ({
      vmEvents: {
        type,
        vm: {
          id: globalId(cloud, vm.nativeId),
          name: vm.name,
          vdc: type === 'VM_DELETED' ? null : { id: globalId(cloud, vm.vdcNativeId) },
        },
      },
    });
    const remove = (vm: typeof acmeVm) => {
      const at = live.vms.findIndex((v) => v.nativeId === vm.nativeId);
      if (at >= 0) live.vms.splice(at, 1);
    };
    try {
      // The gateway's ownership snapshot predates these VMs: each event is about a VM it has not read.
      live.vms.push(acmeVm);
      await acme.until(1);
      remove(acmeVm);
      await acme.until(2);
      expect(acme.events).toEqual([event('VM_CREATED', acmeVm), event('VM_DELETED', acmeVm)]);
      // globex, subscribed all along, heard nothing of it: its own VM is the first event it gets.
      live.vms.push(globexVm);
      await globex.until(1);
      expect(globex.events).toEqual([event('VM_CREATED', globexVm)]);
      expect(acme.events).toHaveLength(2);
    } finally {
      remove(acmeVm);
      remove(globexVm);
      acme.dispose();
      globex.dispose();
    }
  });

  it('closes a socket with 4403 when its token expires', async () => {
    const shortLived = await topology.tokenFor({ subject: 'brief', role: 'tenant-viewer', tenantId: 'acme' }, '2s');
    const c = client(shortLived);
    const closes: number[] = [];
    c.on('closed', (event) => void closes.push((event as { code: number }).code));
    const base = stats().subscribed;
    const f = feed(c, 'subscription { nodeStatus { status } }');
    // Accepted while the token is valid...
    await settled(topology.gateway, base, 1);
    expect(closes).toEqual([]);
    // ...and closed once it is not.
    await waitFor('the socket to close at its token expiry', () => closes.length > 0, { timeoutMs: 6000 });
    expect(closes).toEqual([4403]);
    f.dispose();
  });

  it('refuses a connection whose token gives an operator role a tenant', async () => {
    const mixed = await tokenWithClaims(topology.auth, { role: 'provider-admin', tenant: 'acme' });
    const c = client(mixed);
    const closed = new Promise<number>((resolve) => c.on('closed', (event) => resolve((event as { code: number }).code)));
    feed(c, 'subscription { nodeStatus { status } }');
    expect(await closed).toBe(4403);
  });
});
