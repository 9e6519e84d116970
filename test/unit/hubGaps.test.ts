/**
 * The hub's gap detection: a node's seq that jumps means this replica never received
 * some of that node's events (its bus was down), and every subscriber that may see
 * the cloud is told to re-read (`extensions.resync`) on its next payload; no one
 * else is, and nothing says how many. Fed through a real in-process bus; the guard
 * and the supergraph are stand-ins with fixed answers.
 */
import type { ExecutionResult } from 'graphql';
import { memoryBus, type EventBus } from '../../gateway/events/bus';
import { SubscriptionHub, type SubscriberFeed } from '../../gateway/events/hub';
import type { InternalClient } from '../../gateway/internal/client';
import type { NodeEvent } from '../../schema/events';
import type { Principal } from '../../schema/principal';
import { guard, powerEvent } from '../support/hub';

const tenant = (tenantId: string): Principal => ({ subject: tenantId, role: 'tenant-viewer', tenantId });

const client = { execute: async () => ({ data: { vmsByIds: [] } }) } as unknown as InternalClient;

describe('the hub on a node whose seq jumps', () => {
  let bus: EventBus;
  let hub: SubscriptionHub;
  let feeds: SubscriberFeed[];
  let errors: Error[];

  /** A subscriber to every VM event `principal` may receive; its payloads name the event. */
  const subscribe = (principal: Principal) => {
    const feed = hub.subscribe({
      principal,
      interest: { kind: 'vm' },
      render: (event): ExecutionResult => ({ data: { id: event.id } }),
    });
    feeds.push(feed);
    return feed;
  };
  const next = async (feed: SubscriberFeed) => (await feed.next()).value as ExecutionResult;
  const publish = (...events: NodeEvent[]) => Promise.all(events.map((e) => bus.publish(e)));

  beforeEach(() => {
    bus = memoryBus();
    errors = [];
    // No grace: a jump is a loss at once (the grace has its own test below).
    hub = new SubscriptionHub(bus, guard, client, { gapGraceMs: 0, onError: (err) => errors.push(err) });
    feeds = [];
  });
  afterEach(async () => {
    hub.close();
    await bus.close();
    expect(errors).toEqual([]);
  });

  it('flags resync on the next payload of a subscriber that may see the cloud, and not on the others', async () => {
    const acme = subscribe(tenant('acme'));
    const globex = subscribe(tenant('globex'));
    const [one, two, five] = [1, 2, 5].map((seq) => powerEvent('dc-east', seq, 'e1'));
    await publish(one!, two!, five!);
    expect(await next(acme)).toEqual({ data: { id: one!.id } });
    expect(await next(acme)).toEqual({ data: { id: two!.id } });
    // The event that showed the gap carries the flag (and no count of what is missing).
    expect(await next(acme)).toEqual({ data: { id: five!.id }, extensions: { resync: true } });
    expect(hub.stats.gaps).toBe(1);

    // globex cannot see dc-east: it received none of it, and its next payload (its own cloud's) carries no flag.
    const own = powerEvent('nova-eu', 1, 'e9');
    const after = powerEvent('dc-east', 6, 'e1');
    await publish(own, after);
    expect(await next(globex)).toEqual({ data: { id: own.id } });
    // Said once: the payload after it is plain again.
    expect(await next(acme)).toEqual({ data: { id: after.id } });
  });

  it('takes a new epoch (the node restarted) as a new start, not a gap, and delivers a late seq once', async () => {
    const acme = subscribe(tenant('acme'));
    const restarted = powerEvent('dc-east', 1, 'e2');
    const stale = powerEvent('dc-east', 1, 'e2');
    await publish(powerEvent('dc-east', 7, 'e1'), restarted, powerEvent('dc-east', 3, 'e2'));
    expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 7, 'e1').id } });
    expect(await next(acme)).toEqual({ data: { id: restarted.id } });
    // 1 → 3 in one epoch is a gap: the check above is not blind.
    expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 3, 'e2').id }, extensions: { resync: true } });
    expect(hub.stats.gaps).toBe(1);

    // Seen already (by id): dropped. Behind the last seen but never delivered (it came the long way round): delivered.
    await publish(stale, powerEvent('dc-east', 2, 'e2'), powerEvent('dc-east', 4, 'e2'));
    expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 2, 'e2').id } });
    expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 4, 'e2').id } });
    expect(hub.stats.events).toBe(5);
  });

  it('counts no gap for the first event of a node it has not heard of (this replica just started)', async () => {
    const acme = subscribe(tenant('acme'));
    await publish(powerEvent('dc-east', 40, 'e1'));
    expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 40, 'e1').id } });
    expect(hub.stats.gaps).toBe(0);
  });

  describe('with a grace for the events a jump skipped', () => {
    beforeEach(() => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      hub.close();
      hub = new SubscriptionHub(bus, guard, client, { gapGraceMs: 2000, onError: (err) => errors.push(err) });
    });
    afterEach(() => jest.useRealTimers());
    const settle = () => new Promise((resolve) => setImmediate(resolve));

    it('flags nothing when the skipped events arrive within it (another replica was ahead of this one)', async () => {
      const acme = subscribe(tenant('acme'));
      await publish(powerEvent('dc-east', 1, 'e1'), powerEvent('dc-east', 3, 'e1'), powerEvent('dc-east', 2, 'e1'));
      jest.advanceTimersByTime(2000);
      await settle();
      await publish(powerEvent('dc-east', 4, 'e1'));
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push(await next(acme));
      expect(ids).toEqual([1, 3, 2, 4].map((seq) => ({ data: { id: powerEvent('dc-east', seq, 'e1').id } })));
      expect(hub.stats.gaps).toBe(0);
    });

    it('flags resync once the grace ran out without them', async () => {
      const acme = subscribe(tenant('acme'));
      await publish(powerEvent('dc-east', 1, 'e1'), powerEvent('dc-east', 3, 'e1'));
      expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 1, 'e1').id } });
      expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 3, 'e1').id } });
      jest.advanceTimersByTime(2000);
      await settle();
      await publish(powerEvent('dc-east', 4, 'e1'));
      expect(await next(acme)).toEqual({ data: { id: powerEvent('dc-east', 4, 'e1').id }, extensions: { resync: true } });
      expect(hub.stats.gaps).toBe(1);
    });
  });
});
