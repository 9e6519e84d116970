/**
 * The subscription hub: events from the bus go to the subscribers they match, by
 * the same isolation rules as queries. A subscriber's selection on the event's VM
 * is resolved through the supergraph as that subscriber, scoped exactly as its HTTP
 * requests are: once per event for each distinct (selection, access scope) — not
 * once per subscriber, and never shared between scopes, since a selection can reach
 * far from the VM (`vm { cloud { vdcs { vms } } }`). A deleted VM still delivers
 * its last known identity.
 * Events are handled one at a time, in arrival order; duplicates (the same event
 * collected by several replicas) are dropped by id.
 */
import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { NodeEvent, OvercastEvent, VmSnapshot } from '../../schema/events';
import { accessScope, isTenantPrincipal, type Principal } from '../../schema/principal';
import type { InternalClient } from '../internal/client';
import type { AccessGuard } from '../isolation/guard';
import type { EventBus } from './bus';
import { BoundedQueue } from './queue';

/**
 * What a subscriber asked to receive. Task progress names a task or a VM (or both):
 * there is no "every task" interest to fall into by omitting both.
 */
export type Interest =
  | { kind: 'vm'; tenantId?: string; cloudId?: string; types?: readonly string[] }
  | { kind: 'task'; taskId: string; vmId?: string }
  | { kind: 'task'; taskId?: string; vmId: string }
  | { kind: 'nodeStatus' };

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
}

interface Subscriber extends SubscribeSpec {
  queue: BoundedQueue<ExecutionResult>;
}

export interface HubStats {
  events: number;
  hydrations: number;
  delivered: number;
  /** Subscribers now. */
  subscribers: number;
  /** Subscriptions ever registered (only grows: tests wait on it). */
  subscribed: number;
}

export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly seen = new LRUCache<string, true>({ max: 10_000 });
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;
  readonly stats: HubStats = { events: 0, hydrations: 0, delivered: 0, subscribers: 0, subscribed: 0 };

  constructor(
    bus: EventBus,
    private readonly guard: AccessGuard,
    private readonly client: InternalClient,
    private readonly queueCapacity = 100,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {
    this.unsubscribe = bus.subscribe((event) => {
      if (this.seen.has(event.id)) return;
      this.seen.set(event.id, true);
      this.chain = this.chain.then(() => this.dispatch(event)).catch((err: Error) => this.onError(err));
    });
  }

  /**
   * An event this replica made itself and delivers to its own subscribers only (node
   * health: every replica checks every node, so sharing would deliver it twice).
   */
  publishLocal(event: OvercastEvent): void {
    this.chain = this.chain.then(() => this.dispatch(event)).catch((err: Error) => this.onError(err));
  }

  subscribe(spec: SubscribeSpec): AsyncIterableIterator<ExecutionResult> {
    const subscriber: Subscriber = { ...spec, queue: new BoundedQueue(this.queueCapacity, () => this.remove(subscriber)) };
    this.subscribers.add(subscriber);
    this.stats.subscribers = this.subscribers.size;
    this.stats.subscribed++;
    const queue = subscriber.queue;
    // The number of events a slow subscriber missed rides along with the next one it gets.
    return {
      next: async () => {
        const item = await queue.next();
        if (item.done) return item;
        const { value, missed } = item.value;
        return { done: false, value: missed ? { ...value, extensions: { ...value.extensions, missedEvents: missed } } : value };
      },
      return: async () => {
        await queue.return();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  close(): void {
    this.unsubscribe();
    for (const subscriber of [...this.subscribers]) void subscriber.queue.return();
  }

  private remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.stats.subscribers = this.subscribers.size;
  }

  private async dispatch(event: OvercastEvent): Promise<void> {
    this.stats.events++;
    // A VM new to its VDC belongs to that VDC's organization: its owner may read it at once.
    if (event.kind === 'vm' && (event.type === 'VM_CREATED' || event.type === 'VM_MOVED')) this.guard.noteVm(event.vm.id, event.vm.vdcId);
    const candidates = [...this.subscribers].filter((s) => interested(s.interest, event));
    const allowed = await Promise.all(candidates.map((s) => this.mayReceive(s, event)));
    const receivers = candidates.filter((_, i) => allowed[i]);
    if (!receivers.length) return;

    const vmId = event.kind === 'vm' ? event.vm.id : event.kind === 'task' ? event.task.vmId : undefined;
    // Keyed by what the subscriber may see as well as what it selected: equal keys see equal data.
    const keyOf = (subscriber: Subscriber, selection: VmSelection) => `${accessScope(subscriber.principal)}\n${selection.key}`;
    const hydrated = new Map<string, Promise<Record<string, unknown> | null>>();
    for (const subscriber of receivers) {
      const selection = subscriber.vmSelection;
      if (!selection || vmId === undefined || hydrated.has(keyOf(subscriber, selection))) continue;
      hydrated.set(keyOf(subscriber, selection), this.hydrateVm(selection, vmId, event, subscriber.principal));
    }
    for (const subscriber of receivers) {
      const selection = subscriber.vmSelection;
      const vm = selection && vmId !== undefined ? await hydrated.get(keyOf(subscriber, selection))! : null;
      subscriber.queue.push(subscriber.render(event, vm));
      this.stats.delivered++;
    }
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
  private async mayReceive(subscriber: Subscriber, event: OvercastEvent): Promise<boolean> {
    const { principal, interest } = subscriber;
    if (event.kind === 'nodeStatus') {
      const visible = await this.guard.visibleClouds(principal);
      return !visible || visible.has(event.cloudId);
    }
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

function interested(interest: Interest, event: OvercastEvent): boolean {
  switch (interest.kind) {
    case 'nodeStatus':
      return event.kind === 'nodeStatus';
    case 'task':
      return (
        event.kind === 'task' &&
        (interest.taskId === undefined || interest.taskId === event.task.id) &&
        (interest.vmId === undefined || interest.vmId === event.task.vmId)
      );
    case 'vm':
      return event.kind === 'vm' && matchesVm(interest, event);
  }
}

function matchesVm(interest: Extract<Interest, { kind: 'vm' }>, event: Extract<NodeEvent, { kind: 'vm' }>): boolean {
  return (
    (interest.cloudId === undefined || interest.cloudId === event.cloudId) &&
    (!interest.types?.length || interest.types.includes(event.type))
  );
}
