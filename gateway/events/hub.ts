/**
 * The subscription hub: events from the bus go to the subscribers they match, by
 * the same isolation rules as queries. A subscriber's selection on the event's VM
 * is resolved through the supergraph as that subscriber, scoped exactly as its HTTP
 * requests are: once per event for each distinct (selection, access scope) — not
 * once per subscriber, and never shared between scopes, since a selection can reach
 * far from the VM (`vm { cloud { vdcs { vms } } }`). A deleted VM still delivers
 * its last known identity.
 * Events go in one lane per cloud (gateway/events/lanes.ts): a lane delivers in
 * arrival order and hydrates a few events ahead, so a slow cloud delays only its
 * own events. Duplicates (the same event collected by several replicas, or by this
 * one and heard again on the bus) are dropped by id, across lanes.
 * A node's seq that jumps, when the events jumped over do not arrive within a grace
 * (this replica missed them: its bus was interrupted), flags `resync` on the next
 * payload of every subscriber that may see that cloud and could have been told about
 * it (see ./gaps.ts).
 * Subscribers alike (same access scope, interest, selection and rendering) form a
 * cohort: matched, checked, hydrated and rendered once per event, and handed the one
 * payload object, so an event's cost grows with its cohorts, not its subscribers.
 */
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { OvercastEvent, VmSnapshot } from '../../schema/events';
import { accessScope, isTenantPrincipal, type Principal } from '../../schema/principal';
import type { InternalClient } from '../internal/client';
import type { AccessGuard } from '../isolation/guard';
import type { EventBus } from './bus';
import { GapTracker } from './gaps';
import { OrderedLanes, type LaneLimits } from './lanes';
import { interestKey, interested, mayConcern, type Interest } from './interest';
import { BoundedQueue } from './queue';

/** Provider administrators: the only ones who see template copies (billing integrations see no tasks of that kind either). */
const isOperator = (principal: Principal): boolean => principal.role === 'provider-admin';

export interface VmSelection {
  /** Identifies the selection: equal keys hydrate once. */
  key: string;
  /** `query($ids: [ID!]!, …) { vmsByIds(ids: $ids) { … } }` with the subscriber's selection. */
  query: string;
  variables: Record<string, unknown>;
  /** Every response key the selection has on the VM. */
  responseKeys: readonly string[];
  /** Response keys of fields a deleted VM can still answer from its snapshot. */
  fromSnapshot: ReadonlyArray<[responseKey: string, field: keyof VmSnapshot]>;
}

export interface SubscribeSpec {
  principal: Principal;
  interest: Interest;
  vmSelection?: VmSelection;
  /** The client's payload for one event and its (hydrated) VM. */
  render(event: OvercastEvent, vm: Record<string, unknown> | null): ExecutionResult;
  /**
   * Identifies the rendering: equal keys render equal payloads from equal events and VMs,
   * so subscribers alike share one. Without it a subscriber renders for itself.
   */
  renderKey?: string;
}

/**
 * Subscribers that receive the same payload for every event: the same access scope,
 * interest, VM selection and rendering.
 */
interface Cohort {
  key: string;
  /** The first member's: every member's principal has the same access scope, so gets the same answers. */
  principal: Principal;
  interest: Interest;
  vmSelection?: VmSelection;
  render: SubscribeSpec['render'];
  members: Set<Subscriber>;
}

interface Subscriber extends SubscribeSpec {
  cohort: Cohort;
  /** Each payload marked with whether it was queued while `resync` was pending. */
  queue: BoundedQueue<{ payload: ExecutionResult; afterGap: boolean }>;
  /**
   * Events of a cloud it may see never reached this replica: said on the first payload
   * queued since that is taken (not one queued before; kept if that one is dropped).
   */
  resync: boolean;
}

/** What `subscribe` answers: the payloads, and how many wait undelivered (queued or dropped unannounced). */
export interface SubscriberFeed extends AsyncIterableIterator<ExecutionResult> {
  undelivered(): number;
}

export interface HubOptions {
  /** Events a subscriber may have waiting before the oldest are dropped. @default 100 */
  queueCapacity?: number;
  /** Events hydrated at once: per cloud, and across clouds. @default { perLane: 4, total: 32 } */
  lanes?: LaneLimits;
  /**
   * How long the events a node's seq jumped over may take to arrive (another way round)
   * before subscribers are told to resync; 0: at once. @default 2000
   */
  gapGraceMs?: number;
  onError?: (err: Error) => void;
}

export interface HubStats {
  events: number;
  hydrations: number;
  delivered: number;
  /** Subscribers now. */
  subscribers: number;
  /** Subscriptions ever registered (only grows: tests wait on it). */
  subscribed: number;
  /** Times a node's seq jumped here: events of its cloud this replica never received. */
  gaps: number;
}

export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly cohorts = new Map<string, Cohort>();
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });
  private readonly gaps = new GapTracker();
  private readonly gapGraceMs: number;
  private readonly graceTimers = new Set<NodeJS.Timeout>();
  private readonly lanes: OrderedLanes;
  private readonly queueCapacity: number;
  private readonly onError: (err: Error) => void;
  private readonly unsubscribe: () => void;
  readonly stats: HubStats = { events: 0, hydrations: 0, delivered: 0, subscribers: 0, subscribed: 0, gaps: 0 };

  constructor(
    bus: EventBus,
    private readonly guard: AccessGuard,
    private readonly client: InternalClient,
    options: HubOptions = {},
  ) {
    this.queueCapacity = options.queueCapacity ?? 100;
    this.onError = options.onError ?? (() => undefined);
    this.lanes = new OrderedLanes(options.lanes ?? { perLane: 4, total: 32 }, this.onError);
    this.gapGraceMs = options.gapGraceMs ?? 2000;
    this.unsubscribe = bus.subscribe((event) => this.accept(event));
  }

  /**
   * An event for this replica's subscribers, from the bus or straight from this replica's
   * collector: the same event arriving both ways (or from several replicas) is delivered once.
   */
  accept(event: OvercastEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.set(event.id, true);
    const position = event.kind === 'nodeStatus' ? ({ kind: 'next' } as const) : this.gaps.note(event);
    if (position.kind !== 'gap') return this.schedule(event);
    const lost = (): boolean => position.certain || position.missing.some((id) => !this.seen.has(id));
    // Without a grace, flagged as the event that revealed the gap is delivered (in its cloud's order): its payload carries it.
    if (this.gapGraceMs <= 0) return this.schedule(event, lost() ? this.resyncTargets(event.cloudId) : undefined);
    this.schedule(event);
    const timer = setTimeout(() => {
      this.graceTimers.delete(timer);
      if (!lost()) return;
      void this.resyncTargets(event.cloudId).then((targets) => {
        for (const subscriber of targets) subscriber.resync = true;
      });
    }, this.gapGraceMs);
    timer.unref();
    this.graceTimers.add(timer);
  }

  /**
   * An event this replica made itself and delivers to its own subscribers only (node
   * health: every replica checks every node, so sharing would deliver it twice).
   */
  publishLocal(event: OvercastEvent): void {
    this.schedule(event);
  }

  subscribe(spec: SubscribeSpec): SubscriberFeed {
    const cohort = this.cohortOf(spec);
    const subscriber: Subscriber = {
      ...spec,
      cohort,
      queue: new BoundedQueue(this.queueCapacity, () => this.remove(subscriber)),
      resync: false,
    };
    this.subscribers.add(subscriber);
    cohort.members.add(subscriber);
    this.stats.subscribers = this.subscribers.size;
    this.stats.subscribed++;
    const queue = subscriber.queue;
    // What a subscriber missed rides along with the next payload it gets: how many events
    // its queue dropped, and whether events of a cloud it may see never arrived (no count:
    // a tenant would learn how busy a shared cloud is).
    return {
      next: async () => {
        const item = await queue.next();
        if (item.done) return item;
        const {
          value: { payload: value, afterGap },
          missed,
        } = item.value;
        const resync = afterGap && subscriber.resync;
        if (resync) subscriber.resync = false;
        if (!missed && !resync) return { done: false, value };
        const extensions = { ...value.extensions, ...(missed ? { missedEvents: missed } : {}), ...(resync ? { resync: true } : {}) };
        return { done: false, value: { ...value, extensions } };
      },
      return: async () => {
        await queue.return();
        return { done: true, value: undefined };
      },
      undelivered: () => queue.size + queue.dropped,
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  close(): void {
    this.unsubscribe();
    for (const timer of this.graceTimers) clearTimeout(timer);
    for (const subscriber of [...this.subscribers]) void subscriber.queue.return();
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.stats.subscribers = this.subscribers.size;
    const { cohort } = subscriber;
    cohort.members.delete(subscriber);
    if (!cohort.members.size) this.cohorts.delete(cohort.key);
  }

  /** The cohort `spec` joins; one of its own when it has no render key. */
  private cohortOf(spec: SubscribeSpec): Cohort {
    const alone = spec.renderKey === undefined ? this.stats.subscribed : null;
    const key = JSON.stringify([
      accessScope(spec.principal),
      interestKey(spec.interest),
      spec.vmSelection?.key ?? null,
      spec.renderKey ?? null,
      alone,
    ]);
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      const { principal, interest, vmSelection, render } = spec;
      cohort = { key, principal, interest, ...(vmSelection ? { vmSelection } : {}), render, members: new Set() };
      this.cohorts.set(key, cohort);
    }
    return cohort;
  }

  /**
   * One lane per cloud; node status in a lane of its own (it hydrates nothing, and should
   * not wait for a slow cloud's VMs).
   */
  private schedule(event: OvercastEvent, toFlag?: Promise<Subscriber[]>): void {
    const lane = event.kind === 'nodeStatus' ? '\0nodeStatus' : event.cloudId;
    this.lanes.add(
      lane,
      async () => ({ deliveries: await this.prepare(event), flag: (await toFlag) ?? [] }),
      ({ deliveries, flag }) => {
        for (const subscriber of flag) subscriber.resync = true;
        // One payload object for a whole cohort: nothing downstream changes it (the feed copies
        // it to add extensions, graphql-ws to send it).
        for (const [members, payload] of deliveries) {
          for (const subscriber of members) subscriber.queue.push({ payload, afterGap: subscriber.resync });
          this.stats.delivered += members.length;
        }
      },
    );
  }

  /**
   * Every current subscriber that could hear of `cloudId` and whose principal may see that
   * cloud. Subscribers come and go meanwhile: those present when the gap showed are asked.
   */
  private async resyncTargets(cloudId: string): Promise<Subscriber[]> {
    this.stats.gaps++;
    const concerned = [...this.cohorts.values()]
      .filter((c) => mayConcern(c.interest, cloudId))
      .map((c) => ({ c, members: [...c.members] }));
    const visible = await Promise.all(
      concerned.map(({ c }) =>
        this.guard.visibleClouds(c.principal).then(
          (clouds) => !clouds || clouds.has(cloudId),
          (err: Error) => {
            this.onError(err);
            // Unknown: a flag tells nothing of the cloud, so err on the side of re-reading.
            return true;
          },
        ),
      ),
    );
    return concerned.filter((_, i) => visible[i]).flatMap(({ members }) => members);
  }

  /** Who receives `event`, and what: isolation checked and VMs hydrated (delivery is the lane's, in order). */
  private async prepare(event: OvercastEvent): Promise<Array<[Subscriber[], ExecutionResult]>> {
    this.stats.events++;
    // A VM new to its VDC belongs to that VDC's organization: its owner may read it at once.
    if (event.kind === 'vm' && (event.type === 'VM_CREATED' || event.type === 'VM_MOVED')) this.guard.noteVm(event.vm.id, event.vm.vdcId);
    // Those subscribed now receive it, not those who join while it is checked.
    const candidates = [...this.cohorts.values()].filter((c) => interested(c.interest, event)).map((c) => ({ c, members: [...c.members] }));
    const allowed = await Promise.all(candidates.map(({ c }) => this.mayReceive(c, event)));
    const receivers = candidates.filter((_, i) => allowed[i]);
    if (!receivers.length) return [];

    // A template copy's task names a template, which is no VM to hydrate.
    const vmId =
      event.kind === 'vm' ? event.vm.id : event.kind === 'task' && event.task.operation !== 'COPY_TEMPLATE' ? event.task.vmId : undefined;
    // Keyed by what the subscriber may see as well as what it selected: equal keys see equal data.
    const keyOf = (cohort: Cohort, selection: VmSelection) => `${accessScope(cohort.principal)}\n${selection.key}`;
    const hydrated = new Map<string, Promise<Record<string, unknown> | null>>();
    for (const { c } of receivers) {
      const selection = c.vmSelection;
      if (!selection || vmId === undefined || hydrated.has(keyOf(c, selection))) continue;
      hydrated.set(keyOf(c, selection), this.hydrateVm(selection, vmId, event, c.principal));
    }
    const deliveries: Array<[Subscriber[], ExecutionResult]> = [];
    for (const { c, members } of receivers) {
      const selection = c.vmSelection;
      const vm = selection && vmId !== undefined ? await hydrated.get(keyOf(c, selection))! : null;
      deliveries.push([members, c.render(event, vm)]);
    }
    return deliveries;
  }

  private async hydrateVm(
    selection: VmSelection,
    vmId: string,
    event: OvercastEvent,
    principal: Principal,
  ): Promise<Record<string, unknown> | null> {
    this.stats.hydrations++;
    const result = await this.client.execute(selection.query, { ...selection.variables, ids: [vmId] }, { principal });
    const vm = ((result.data?.vmsByIds as unknown[] | undefined)?.[0] ?? null) as Record<string, unknown> | null;
    if (event.kind !== 'vm' || event.type !== 'VM_DELETED') return vm;
    // Gone from its cloud (and perhaps from the ownership the guard reads): what the cloud no longer
    // answers comes from the last snapshot, everything else is null, in the shape selected either way.
    const last: Record<string, unknown> = Object.fromEntries(selection.responseKeys.map((key) => [key, vm?.[key] ?? null]));
    for (const [key, field] of selection.fromSnapshot) if (last[key] === null) last[key] = event.vm[field];
    return last;
  }

  /** Isolation: a tenant receives an event only about what it may see. */
  private async mayReceive({ principal, interest }: Pick<Cohort, 'principal' | 'interest'>, event: OvercastEvent): Promise<boolean> {
    if (event.kind === 'nodeStatus') {
      const visible = await this.guard.visibleClouds(principal);
      return !visible || visible.has(event.cloudId);
    }
    // A node's import report is the gateway's to read (gateway/transfers/progress.ts): subscribers get its task event.
    if (event.kind === 'transfer') return false;
    // Template copies are the provider's (catalogs, copyTemplate): a tenant never hears of them, whatever cloud they touch.
    if (event.kind === 'task' && event.task.operation === 'COPY_TEMPLATE' && !isOperator(principal)) return false;
    // A VM's VDC outlives the VM: checking the VDC lets a tenant see its own deletions.
    const vdcCheck = (p: Principal) =>
      this.guard.allowsOne(
        p,
        event.kind === 'vm' ? { typename: 'VirtualDataCenter', id: event.vm.vdcId } : { typename: 'VirtualMachine', id: event.task.vmId },
      );
    // A tenant asking for another tenant's events asks for nothing.
    if (
      interest.kind === 'vm' &&
      interest.tenantId !== undefined &&
      isTenantPrincipal(principal) &&
      interest.tenantId !== principal.tenantId
    )
      return false;
    if (!(await vdcCheck(principal))) return false;
    if (interest.kind === 'vm' && interest.tenantId !== undefined && !isTenantPrincipal(principal)) {
      return vdcCheck({ subject: 'tenant-filter', role: 'tenant-viewer', tenantId: interest.tenantId });
    }
    return true;
  }
}
