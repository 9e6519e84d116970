/**
 * The hub's cohorts: subscribers alike (same access scope, interest, selection and
 * rendering) are checked, hydrated and rendered once per event and handed one
 * payload, while each still gets exactly what it would alone: only what its scope
 * may see, and its own missed-event count. Fed through a real in-process bus; the
 * guard and the supergraph are stand-ins with fixed answers.
 */
import type { ExecutionResult } from 'graphql';
import { memoryBus, type EventBus } from '../../gateway/events/bus';
import { SubscriptionHub, type SubscribeSpec, type SubscriberFeed, type VmSelection } from '../../gateway/events/hub';
import { interestKey } from '../../gateway/events/interest';
import type { InternalClient } from '../../gateway/internal/client';
import type { NodeEvent, OvercastEvent } from '../../schema/events';
import type { Principal } from '../../schema/principal';
import { guard, powerEvent } from '../support/hub';

const tenant = (tenantId: string, role = 'tenant-viewer'): Principal => ({ subject: `${tenantId}-${role}`, role, tenantId }) as Principal;
const admin: Principal = { subject: 'ops', role: 'provider-admin' };

const selection: VmSelection = {
  key: 'name',
  query: 'query OvercastHydrate($ids: [ID!]!) { vmsByIds(ids: $ids) { name } }',
  variables: {},
  responseKeys: ['name'],
  fromSnapshot: [['name', 'name']],
};

describe("the hub's cohorts of subscribers alike", () => {
  let bus: EventBus;
  let hub: SubscriptionHub;
  let feeds: SubscriberFeed[];
  let renders: number;
  let hydrations: string[];

  /** Renders the event's id and the VM name its principal's hydration answered. */
  const render = (event: OvercastEvent, vm: Record<string, unknown> | null): ExecutionResult => {
    renders++;
    return { data: { id: event.id, vm } };
  };
  const subscribe = (principal: Principal, spec: Partial<SubscribeSpec> = {}) => {
    const feed = hub.subscribe({ principal, interest: { kind: 'vm' }, vmSelection: selection, render, renderKey: 'id vm', ...spec });
    feeds.push(feed);
    return feed;
  };
  const next = async (feed: SubscriberFeed) => (await feed.next()).value as ExecutionResult;
  const publish = (...events: NodeEvent[]) => Promise.all(events.map((e) => bus.publish(e)));
  /** Settles once the hub has queued what was published (nothing here waits on real I/O). */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  beforeEach(() => {
    bus = memoryBus();
    renders = 0;
    hydrations = [];
    // Each hydration answers with the scope it ran as, so a payload shows whose data it holds.
    const client = {
      execute: async (_query: string, _variables: unknown, { principal }: { principal: Principal }) => {
        hydrations.push(principal.subject);
        return { data: { vmsByIds: [{ name: 'tenantId' in principal ? `seen by ${principal.tenantId}` : 'seen by all' }] } };
      },
    } as unknown as InternalClient;
    hub = new SubscriptionHub(bus, guard, client, { gapGraceMs: 0, queueCapacity: 2 });
    feeds = [];
  });
  afterEach(async () => {
    hub.close();
    await bus.close();
  });

  it('hydrates and renders an event once for subscribers alike, and each of them receives it', async () => {
    const alike = [subscribe(tenant('acme')), subscribe(tenant('acme', 'tenant-admin')), subscribe(tenant('acme'))];
    const event = powerEvent('dc-east', 1);
    await publish(event);
    for (const feed of alike) expect(await next(feed)).toEqual({ data: { id: event.id, vm: { name: 'seen by acme' } } });
    expect({ renders, hydrations: hydrations.length, delivered: hub.stats.delivered }).toEqual({ renders: 1, hydrations: 1, delivered: 3 });
  });

  it("keeps scopes apart: a tenant receives only its own clouds' events, never a payload hydrated for another scope", async () => {
    const acme = subscribe(tenant('acme'));
    const globex = subscribe(tenant('globex'));
    const ops = subscribe(admin);
    const east = powerEvent('dc-east', 1);
    const eu = powerEvent('nova-eu', 1);
    await publish(east, eu);
    expect(await next(acme)).toEqual({ data: { id: east.id, vm: { name: 'seen by acme' } } });
    expect(await next(globex)).toEqual({ data: { id: eu.id, vm: { name: 'seen by globex' } } });
    expect(await next(ops)).toEqual({ data: { id: east.id, vm: { name: 'seen by all' } } });
    expect(await next(ops)).toEqual({ data: { id: eu.id, vm: { name: 'seen by all' } } });
    await settle();
    expect(hub.stats.delivered).toBe(4);
  });

  it('renders apart what differs in interest, selection or rendering, and for each subscriber without a render key', async () => {
    subscribe(tenant('acme'));
    subscribe(tenant('acme'), { interest: { kind: 'vm', cloudId: 'dc-east' } });
    subscribe(tenant('acme'), { vmSelection: { ...selection, key: 'other' } });
    subscribe(tenant('acme'), { renderKey: 'id' });
    subscribe(tenant('acme'), { renderKey: undefined });
    subscribe(tenant('acme'), { renderKey: undefined });
    await publish(powerEvent('dc-east', 1));
    await settle();
    expect({ renders, hydrations: hydrations.length, delivered: hub.stats.delivered }).toEqual({ renders: 6, hydrations: 2, delivered: 6 });
  });

  it('tells each member its own missed events, and leaves the shared payload as it was', async () => {
    const reader = subscribe(tenant('acme'));
    const idle = subscribe(tenant('acme'));
    const events = [1, 2, 3].map((seq) => powerEvent('dc-east', seq));
    for (const event of events) {
      await publish(event);
      expect(await next(reader)).toEqual({ data: { id: event.id, vm: { name: 'seen by acme' } } });
    }
    // Capacity 2: the idle member's oldest was dropped, and only its next payload says so.
    expect(await next(idle)).toEqual({ data: { id: events[1]!.id, vm: { name: 'seen by acme' } }, extensions: { missedEvents: 1 } });
    expect(await next(idle)).toEqual({ data: { id: events[2]!.id, vm: { name: 'seen by acme' } } });
    expect(renders).toBe(3);
  });

  it('stops delivering to a member that left while the others go on, and forgets an empty cohort', async () => {
    const leaving = subscribe(tenant('acme'));
    const staying = subscribe(tenant('acme'));
    await leaving.return!();
    const event = powerEvent('dc-east', 1);
    await publish(event);
    expect(await next(staying)).toEqual({ data: { id: event.id, vm: { name: 'seen by acme' } } });
    await staying.return!();
    await publish(powerEvent('dc-east', 2));
    await settle();
    expect({ delivered: hub.stats.delivered, subscribers: hub.stats.subscribers, hydrations: hydrations.length }).toEqual({
      delivered: 1,
      subscribers: 0,
      hydrations: 1,
    });
  });
});

describe('interest keys', () => {
  it('are equal for equal interests whatever the order of their fields, and differ otherwise', () => {
    expect(interestKey({ kind: 'vm', cloudId: 'dc-east', tenantId: 'acme' })).toBe(
      interestKey({ kind: 'vm', tenantId: 'acme', cloudId: 'dc-east' }),
    );
    expect(interestKey({ kind: 'task', vmId: 'dc-east:vm-1', taskId: 't' })).toBe(
      interestKey({ kind: 'task', taskId: 't', vmId: 'dc-east:vm-1' }),
    );
    const distinct = [
      interestKey({ kind: 'vm' }),
      interestKey({ kind: 'vm', tenantId: 'dc-east' }),
      interestKey({ kind: 'vm', cloudId: 'dc-east' }),
      interestKey({ kind: 'vm', types: ['VM_CREATED'] }),
      interestKey({ kind: 'task', taskId: 'dc-east:t-1' }),
      interestKey({ kind: 'task', vmId: 'dc-east:t-1' }),
      interestKey({ kind: 'nodeStatus' }),
    ];
    expect(new Set(distinct).size).toBe(distinct.length);
  });
});
