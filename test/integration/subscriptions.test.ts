/**
 * Live status feeds over real WebSocket clients (graphql-ws): events from the
 * clouds, hydrated through the supergraph, filtered by tenant, on the in-process
 * event bus; and shared by replicas through the local Redis, the one suite here
 * that needs it.
 */
import type { Client } from 'graphql-ws';
import { startGateway } from '../../gateway/server';
import { globalId } from '../support/expected';
import { orgOfVm, tenantOfVm, vmsOfTenant } from '../support/tenancy';
import { startTopology, type Topology } from '../support/topology';
import { connect, feed, inProcessTopology, refusal, settled } from '../support/feeds';
import { waitFor } from '../support/waitFor';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** graphql-ws clients on one topology (all disposed by `close`), and power operations that leave nothing in flight. */
function feedsOn(topology: () => Topology) {
  const clients: Client[] = [];
  const client = async (token?: string | null, url = topology().gateway.url) => {
    const c = connect(url, token === undefined ? await topology().tokenFor({ subject: 'ops', role: 'provider-admin' }) : token);
    clients.push(c);
    return c;
  };
  const power = async (id: string, on: boolean) => {
    const res = await topology().query(`mutation($id: ID!) { ${on ? 'powerOnVm' : 'powerOffVm'}(id: $id) { powerState } }`, { id });
    expect(res.errors).toBeUndefined();
  };
  /**
   * Power a VM and wait until the hub dispatched the whole operation (its SUCCEEDED
   * task event comes after the state change), so that no later test receives it.
   */
  const powerSettled = async (id: string, on: boolean) => {
    const before = topology().gateway.subscriptionStats().subscribed;
    const witness = feed<{ taskProgress: { state: string } }>(
      await client(),
      'subscription($vm: ID) { taskProgress(vmId: $vm) { state } }',
      { vm: id },
    );
    try {
      await settled(topology().gateway, before, 1);
      await power(id, on);
      await waitFor(`the power operation on ${id} to pass the hub`, () => witness.events.some((e) => e.taskProgress.state === 'SUCCEEDED'));
    } finally {
      witness.dispose();
    }
  };
  const close = () => Promise.all(clients.map((c) => c.dispose()));
  return { client, power, powerSettled, close };
}

describe('live status feeds', () => {
  let topology: Topology;
  const { client, power, powerSettled, close } = feedsOn(() => topology);

  beforeAll(async () => {
    topology = await inProcessTopology();
  });
  afterAll(async () => {
    await close();
    await topology.close();
  });

  it('delivers a power operation as an event with fields from several subgraphs', async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const director = topology.seed.clouds.find((c) => c.kind === 'director')!;
    const vm = director.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(director, vm.nativeId);
    const events = feed<{ vmEvents: unknown }>(
      await client(),
      `subscription($cloud: ID) {
      vmEvents(filter: { cloudId: $cloud, types: [POWER_STATE_CHANGED] }) {
        type previousPowerState vm { id name powerState org { name } tenant { name } cloud { name } }
      } }`,
      { cloud: director.id },
    );
    try {
      await settled(topology.gateway, base, 1);
      await power(id, false);
      await events.until(1);
      expect(events.errors).toEqual([]);
      expect(events.events[0]).toEqual({
        vmEvents: {
          type: 'POWER_STATE_CHANGED',
          previousPowerState: 'POWERED_ON',
          vm: {
            id,
            name: vm.name,
            powerState: 'POWERED_OFF',
            org: { name: orgOfVm(director, vm)!.name },
            tenant: { name: topology.seed.tenants.find((t) => t.id === tenantOfVm(director, vm))!.name },
            cloud: { name: director.name },
          },
        },
      });
    } finally {
      events.dispose();
      await powerSettled(id, true);
    }
  });

  it('reports in powerState the state each event is about, so a quick off and on reads POWERED_OFF then POWERED_ON', async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const dc = topology.seed.clouds.find((c) => c.kind === 'vsphere')!;
    const vm = dc.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(dc, vm.nativeId);
    const events = feed<{ vmEvents: { powerState: string; previousPowerState: string; vm: { id: string; powerState: string } } }>(
      await client(),
      `subscription($cloud: ID) {
        vmEvents(filter: { cloudId: $cloud, types: [POWER_STATE_CHANGED] }) { powerState previousPowerState vm { id powerState } } }`,
      { cloud: dc.id },
    );
    try {
      await settled(topology.gateway, base, 1);
      // Both operations done before the first event is delivered: `vm { powerState }` may read POWERED_ON twice.
      await power(id, false);
      await power(id, true);
      await events.until(2);
      expect(events.events.map((e) => [e.vmEvents.vm.id, e.vmEvents.powerState, e.vmEvents.previousPowerState])).toEqual([
        [id, 'POWERED_OFF', vm.powerState],
        [id, vm.powerState, 'POWERED_OFF'],
      ]);
      // The live field stays live: at the second delivery the VM is on again.
      expect(events.events[1]!.vmEvents.vm.powerState).toBe(vm.powerState);
    } finally {
      events.dispose();
      await powerSettled(id, true);
    }
  });

  it("never gives a tenant another tenant's event", async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const acme = feed<{ vmEvents: { vm: { id: string } } }>(
      await client(await topology.tokenFor({ subject: 'a', role: 'tenant-viewer', tenantId: 'acme' })),
      'subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { vm { id } } }',
    );
    const globex = feed<{ vmEvents: { vm: { id: string } } }>(
      await client(await topology.tokenFor({ subject: 'g', role: 'tenant-viewer', tenantId: 'globex' })),
      'subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { vm { id } } }',
    );
    const on = (tenantId: string) =>
      vmsOfTenant(topology.seed, tenantId)
        .filter(({ cloud, vm }) => cloud.kind === 'director' && vm.powerState === 'POWERED_ON')
        .map(({ cloud, vm }) => globalId(cloud, vm.nativeId));
    const [g1, g2] = on('globex');
    const [a1] = on('acme');
    const poweredOff: string[] = [];
    try {
      await settled(topology.gateway, base, 2);
      // In this order, a leak to acme (g1) would arrive before acme's own (a1), and to globex (a1) before g2.
      for (const id of [g1!, a1!, g2!]) {
        poweredOff.push(id);
        await power(id, false);
      }
      await acme.until(1);
      await globex.until(2);
      expect(acme.events.map((e) => e.vmEvents.vm.id)).toEqual([a1]);
      expect(globex.events.map((e) => e.vmEvents.vm.id)).toEqual([g1, g2]);
    } finally {
      acme.dispose();
      globex.dispose();
      for (const id of poweredOff) await powerSettled(id, true);
    }
  });

  it('resolves each distinct selection once per event, however many subscribers share it', async () => {
    const before = topology.gateway.subscriptionStats();
    const subscriberClient = await client();
    const feeds = Array.from({ length: 50 }, (_, i) =>
      feed<{ vmEvents: unknown }>(
        subscriberClient,
        i % 2
          ? 'subscription { vmEvents(filter: { cloudId: "dc-east" }) { vm { id name } } }'
          : 'subscription { vmEvents(filter: { cloudId: "dc-east" }) { vm { name powerState } } }',
      ),
    );
    const dc = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
    const vm = dc.vms.find((v) => v.powerState === 'POWERED_ON')!;
    try {
      await settled(topology.gateway, before.subscribed, 50);
      const hydrationsBefore = topology.gateway.subscriptionStats().hydrations;
      await power(globalId(dc, vm.nativeId), false);
      await Promise.all(feeds.map((f) => f.until(1)));
      expect(feeds.map((f) => f.events.length)).toEqual(feeds.map(() => 1));
      expect(topology.gateway.subscriptionStats().hydrations - hydrationsBefore).toBe(2);
      expect(feeds[1]!.events[0]).toEqual({ vmEvents: { vm: { id: globalId(dc, vm.nativeId), name: vm.name } } });
      expect(feeds[0]!.events[0]).toEqual({ vmEvents: { vm: { name: vm.name, powerState: 'POWERED_OFF' } } });
    } finally {
      for (const f of feeds) f.dispose();
      await powerSettled(globalId(dc, vm.nativeId), true);
    }
  });

  it('delivers a deleted VM with its last known identity', async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const nova = topology.cloud('nova-eu').mock.cloud;
    const gone = nova.vms[nova.vms.length - 1]!;
    const id = `nova-eu:${gone.nativeId}`;
    const c = await client();
    const events = feed<{ vmEvents: unknown }>(
      c,
      'subscription { vmEvents(filter: { types: [VM_DELETED] }) { type vm { id name powerState } } }',
    );
    // Putting the VM back is seen as its creation: wait for that too, so no later test receives it.
    const created = feed<{ vmEvents: { vm: { id: string } } }>(
      c,
      'subscription { vmEvents(filter: { cloudId: "nova-eu", types: [VM_CREATED] }) { vm { id } } }',
    );
    let deleted = false;
    try {
      await settled(topology.gateway, base, 2);
      nova.vms.pop();
      deleted = true;
      await events.until(1);
      expect(events.events[0]).toEqual({ vmEvents: { type: 'VM_DELETED', vm: { id, name: gone.name, powerState: gone.powerState } } });
    } finally {
      events.dispose();
      try {
        if (deleted) {
          nova.vms.push(gone);
          await waitFor('the VM put back to be announced', () => created.events.some((e) => e.vmEvents.vm.id === id));
        }
      } finally {
        created.dispose();
      }
    }
  });

  it("reports a power operation's progress as task events", async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const dc = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
    const vm = dc.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(dc, vm.nativeId);
    const tasks = feed<{ taskProgress: { state: string; progress: number; operation: string; vm: { name: string } } }>(
      await client(),
      'subscription($vm: ID) { taskProgress(vmId: $vm) { operation state progress vm { name } } }',
      { vm: id },
    );
    try {
      await settled(topology.gateway, base, 1);
      await power(id, false);
      await tasks.until(2);
      expect(
        tasks.events.map((e) => [e.taskProgress.operation, e.taskProgress.state, e.taskProgress.progress, e.taskProgress.vm.name]),
      ).toEqual([
        ['POWER_OFF', 'RUNNING', 0, vm.name],
        ['POWER_OFF', 'SUCCEEDED', 100, vm.name],
      ]);
    } finally {
      tasks.dispose();
      await powerSettled(id, true);
    }
  });

  it('refuses a connection without a valid token, and a subscription over the limits or the role', async () => {
    let closedWith: number | undefined;
    const c = connect(topology.gateway.url, 'not-a-token');
    try {
      c.on('closed', (event) => (closedWith = (event as { code: number }).code));
      c.subscribe(
        { query: 'subscription { nodeStatus { status } }' },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
      expect(await waitFor('the connection with a bad token to be closed', () => closedWith)).toBe(4403);
    } finally {
      await c.dispose();
    }
    const deep = feed(
      await client(),
      `subscription { vmEvents { vm { vdc { cloud { vdcs { vms { vdc { cloud { vdcs { vms { vdc { cloud { vdcs { id } } } } } } } } } } } } } }`,
    );
    await refusal(deep);
    expect(JSON.stringify(deep.errors)).toContain('depth');
    const tenant = feed(
      await client(await topology.tokenFor({ subject: 'a', role: 'tenant-viewer', tenantId: 'acme' })),
      'subscription { vmEvents { vm { cloud { provider { orgCount } } } } }',
    );
    await refusal(tenant);
    expect(JSON.stringify(tenant.errors)).toContain('FORBIDDEN');
  });

  it('cleans up a subscriber when its client goes away', async () => {
    const c = await client();
    const stats = () => topology.gateway.subscriptionStats();
    // Earlier tests' subscribers may still be leaving: start from a quiet hub.
    await waitFor('earlier subscribers to leave the hub', () => stats().subscribers === 0);
    const f = feed(c, 'subscription { nodeStatus { status } }');
    await settled(topology.gateway, stats().subscribed, 1);
    expect(stats().subscribers).toBe(1);
    f.dispose();
    await c.dispose();
    await waitFor('the subscriber to be removed', () => stats().subscribers === 0);
  });
});

describe('node status feed', () => {
  // A topology of its own: this test kills one of its nodes.
  let topology: Topology;
  const { client, close } = feedsOn(() => topology);
  beforeAll(async () => {
    topology = await inProcessTopology();
  });
  afterAll(async () => {
    await close();
    await topology.close();
  });

  it('announces a killed node', async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    await topology.gateway.checkHealth();
    const status = feed<{ nodeStatus: unknown }>(await client(), 'subscription { nodeStatus { nodeId cloudId kind status previous } }');
    await settled(topology.gateway, base, 1);
    await topology.cloud('nova-eu').node.close();
    await topology.gateway.checkHealth();
    await status.until(1);
    expect(status.events).toEqual([
      { nodeStatus: { nodeId: 'nova-eu/cloud-node', cloudId: 'nova-eu', kind: 'CLOUD_NODE', status: 'DOWN', previous: 'UP' } },
    ]);
    status.dispose();
  });
});

describe('live status feeds shared by replicas through Redis', () => {
  // A channel of this run's own: nothing else on the Redis can interfere.
  const REDIS = { url: REDIS_URL, channel: `overcast-test:${process.pid}:${Date.now()}` };
  let topology: Topology;
  const { client, power, powerSettled, close } = feedsOn(() => topology);
  beforeAll(async () => {
    topology = await startTopology({ redis: REDIS });
  });
  afterAll(async () => {
    await close();
    await topology.close();
  });

  it('delivers events on a replica that collects nothing', async () => {
    const replica = await startGateway({
      config: {
        ...topology.gatewayConfig(),
        logLevel: 'silent',
        events: { redisUrl: REDIS.url, redisChannel: REDIS.channel, collect: false },
      },
      // Replicas share their store (here the first one's, in this process).
      store: topology.store!,
    });
    const dc = topology.seed.clouds.find((c) => c.id === 'dc-east')!;
    const vm = dc.vms.find((v) => v.powerState === 'POWERED_OFF')!;
    const id = globalId(dc, vm.nativeId);
    try {
      const base = topology.gateway.subscriptionStats().subscribed;
      const events = feed<{ vmEvents: { vm: { id: string; name: string } } }>(
        await client(undefined, replica.url),
        'subscription { vmEvents(filter: { cloudId: "dc-east", types: [POWER_STATE_CHANGED] }) { vm { id name } } }',
      );
      const local = feed<{ vmEvents: { vm: { id: string } } }>(
        await client(),
        'subscription { vmEvents(filter: { cloudId: "dc-east", types: [POWER_STATE_CHANGED] }) { vm { id } } }',
      );
      try {
        await settled(replica, 0, 1);
        await settled(topology.gateway, base, 1);
        await power(id, true);
        await Promise.all([events.until(1), local.until(1)]);
        expect(events.events).toEqual([{ vmEvents: { vm: { id, name: vm.name } } }]);
        expect(local.events).toEqual([{ vmEvents: { vm: { id } } }]);
      } finally {
        events.dispose();
        local.dispose();
        await powerSettled(id, false);
      }
    } finally {
      await replica.close();
    }
  });
});
