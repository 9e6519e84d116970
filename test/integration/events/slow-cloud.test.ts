/**
 * A slow cloud delays only its own live events: the hub hydrates each cloud's events
 * in a lane of its own, so while one cloud's API takes seconds to answer, another
 * cloud's event is delivered first; and within a cloud, events still arrive in the
 * order they happened, even when a later one is hydrated sooner. The slowness is the
 * mock cloud's (latency injected into every API request); the changes are made to the
 * mocks' state, seen by the real cloud-nodes' watchers (polled by the test, so that
 * each event leaves its node when the test means it to), collected by the real gateway.
 */
import type { Client } from 'graphql-ws';
import type { SeedVm } from '../../../mocks/seed';
import { globalId } from '../../support/expected';
import { connect, feed, inProcessTopology, settled } from '../../support/feeds';
import type { Topology } from '../../support/topology';
import { liveVm, otherPowerState } from '../../support/vmEvents';
import { waitFor } from '../../support/waitFor';

/** Each request to the slow cloud's API waits this long; its node and the gateway wait longer. */
const SLOW_MS = 1500;

interface Event {
  vmEvents: { cloudId: string; powerState: string; vm: { id: string; name: string; powerState: string } };
}

describe('live events from a slow cloud', () => {
  let topology: Topology;
  let client: Client;

  beforeAll(async () => {
    topology = await inProcessTopology({
      seed: {
        clouds: [
          { id: 'dc-east', kind: 'vsphere', name: 'Private DC East' },
          { id: 'nova-eu', kind: 'nova', name: 'Public Cloud EU' },
        ],
      },
      cloudTimeoutMs: 4 * SLOW_MS,
      nodeTimeoutMs: 10 * SLOW_MS,
      watchIntervalMs: 0,
    });
    // Changes are told against each watcher's first listing: it must exist before anything changes.
    await Promise.all([...topology.clouds.values()].map(({ node }) => node.watcher.poll()));
    client = connect(topology.gateway.url, await topology.tokenFor({ subject: 'ops', role: 'provider-admin' }));
  });
  afterAll(async () => {
    await client?.dispose();
    await topology?.close();
  });
  afterEach(() => topology.cloud('dc-east').mock.setFaults({ latencyMs: 0 }));

  const subscribe = async () => {
    const base = topology.gateway.subscriptionStats().subscribed;
    const events = feed<Event>(
      client,
      'subscription { vmEvents(filter: { types: [POWER_STATE_CHANGED] }) { cloudId powerState vm { id name powerState } } }',
    );
    await settled(topology.gateway, base, 1);
    return events;
  };
  /**
   * Flip a VM's power in its mock cloud and let its node see it (the event goes out);
   * the event it should bring, from the seed.
   */
  const flip = async (cloudId: string, vm: SeedVm): Promise<Event> => {
    const cloud = topology.seed.clouds.find((c) => c.id === cloudId)!;
    const state = otherPowerState(vm.powerState);
    liveVm(topology.cloud(cloudId).mock.cloud, vm.nativeId).powerState = state;
    await topology.cloud(cloudId).node.watcher.poll();
    return { vmEvents: { cloudId, powerState: state, vm: { id: globalId(cloud, vm.nativeId), name: vm.name, powerState: state } } };
  };
  /**
   * Wait until the event's VM is being read from its cloud: with the watcher idle, the next
   * request the mock receives is the hub's hydration (its latency fixed as it arrives).
   */
  const hydrationReached = async (cloudId: string, requestsBefore: number) => {
    const mock = topology.cloud(cloudId).mock;
    await waitFor(`the hydration's first request at ${cloudId}`, () => mock.countRequests() > requestsBefore);
  };
  const both = (events: { events: Event[] }) =>
    waitFor('both events', () => events.events.length >= 2 && events.events, { timeoutMs: 10 * SLOW_MS });

  it("delivers a fast cloud's event before a slow cloud's event that came first, both hydrated", async () => {
    const slowVm = topology.seed.clouds.find((c) => c.id === 'dc-east')!.vms[0]!;
    const fastVm = topology.seed.clouds.find((c) => c.id === 'nova-eu')!.vms[0]!;
    const events = await subscribe();
    try {
      const mock = topology.cloud('dc-east').mock;
      mock.setFaults({ latencyMs: SLOW_MS });
      const slow = await flip('dc-east', slowVm);
      // The slow event is at the hub, its VM being read from the slow cloud: only now does the fast cloud change.
      await hydrationReached('dc-east', mock.countRequests());
      const fast = await flip('nova-eu', fastVm);
      await both(events);
      expect(events.errors).toEqual([]);
      expect(events.events).toEqual([fast, slow]);
    } finally {
      events.dispose();
    }
  });

  it('delivers two events of one cloud in the order they happened, though the later one is hydrated first', async () => {
    // Not the VM the test before changed (each test's changes are its own; nothing is put back).
    const [, first, second] = topology.seed.clouds.find((c) => c.id === 'dc-east')!.vms;
    const events = await subscribe();
    try {
      const mock = topology.cloud('dc-east').mock;
      mock.setFaults({ latencyMs: SLOW_MS });
      const one = await flip('dc-east', first!);
      await hydrationReached('dc-east', mock.countRequests());
      // The first event's VM read is under way at the slow latency; the second's is quick, and done long before.
      mock.setFaults({ latencyMs: 0 });
      const two = await flip('dc-east', second!);
      await both(events);
      expect(events.errors).toEqual([]);
      expect(events.events).toEqual([one, two]);
    } finally {
      events.dispose();
    }
  });
});
