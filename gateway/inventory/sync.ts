/**
 * The inventory index's sync loop: read every cloud's VDCs and VMs, with tenant
 * and org, through the supergraph (as the gateway itself), and make the store's
 * index of each cloud that answered equal to what it said. A cloud that did not
 * answer (or answered only in part) keeps its last indexed state, marked stale.
 * A cloud whose cloud-node is deregistered leaves the index (forgetIfUnserved): nothing
 * can answer for its VMs, and entries that stayed would be VMs with null fields and no
 * error under a record that looks fresh. A cloud still indexed that no cloud-node of
 * this gateway serves (removed from the configuration file, or registered or
 * deregistered on another replica: replicas' registries converge only when they
 * restart) is marked stale, not removed, since another replica may still serve it.
 * Each sync still reads every cloud in full (none of the three APIs offers a change
 * feed the mocks emulate), but writes only the difference: the entries that changed,
 * and deletions of the VMs gone. Each cloud's sync gets a generation before the read,
 * so a sync that read earlier and finishes later (a slow one, or another replica's)
 * is refused instead of overwriting the newer state. One cloud's failure costs no other.
 */
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { InternalClient } from '../internal/client';
import type { NodeRegistry } from '../registry';
import type { CloudSyncRecord, IndexedVm, InventoryRepository } from '../store/types';

const QUERY = '{ clouds { id vdcs { id vms { id name powerState cpuCount memoryMb tenant { id } org { id } } } } }';

/** The reason a cloud that no cloud-node of this gateway serves is stale. */
export const NO_NODE = 'no node serves this cloud';

interface VmRow {
  id: string;
  name: string | null;
  powerState: string | null;
  cpuCount: number | null;
  memoryMb: number | null;
  tenant: { id: string } | null;
  org: { id: string } | null;
}

interface CloudRow {
  id: string;
  vdcs: Array<{ id: string; vms: VmRow[] | null }> | null;
}

export class InventorySync {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CloudSyncRecord[]> | undefined;

  constructor(
    private readonly client: InternalClient,
    private readonly inventory: InventoryRepository,
    private readonly registry: NodeRegistry,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  start(intervalMs: number): void {
    if (intervalMs > 0) this.timer = setInterval(() => void this.syncAll().catch(this.onError), intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One sync of every cloud; concurrent callers share the one in progress. */
  syncAll(): Promise<CloudSyncRecord[]> {
    this.running ??= this.sync().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sync(): Promise<CloudSyncRecord[]> {
    const cloudIds = [...new Set(this.registry.list('cloud-node').map((n) => n.cloudId))];
    // Before the read: generation order is read order, which is what applySync and markStale compare.
    const begun = await Promise.all(cloudIds.map(async (cloudId) => ({ cloudId, generation: await this.inventory.beginSync(cloudId) })));
    const syncedAt = new Date();
    const result = await this.client.execute(QUERY, undefined, { principal: SYSTEM_PRINCIPAL });
    const failed = new Map<string, string>();
    for (const error of result.errors ?? []) {
      const cloudId = error.extensions?.cloudId;
      if (typeof cloudId === 'string' && !failed.has(cloudId)) failed.set(cloudId, error.message);
    }
    const answered = new Map(((result.data?.clouds ?? []) as CloudRow[]).map((c) => [c.id, c]));
    await Promise.all(
      begun.map(async ({ cloudId, generation }) => {
        // Deregistered while the read was under way: what it said must not bring the cloud back.
        if (!this.registry.find('cloud-node', cloudId)) return;
        // Answered only in part (an error names it) is not answered: its entries stay as last known.
        const vdcs = failed.has(cloudId) ? undefined : answered.get(cloudId)?.vdcs;
        if (!vdcs) return this.inventory.markStale(cloudId, generation, failed.get(cloudId) ?? 'the cloud did not answer');
        const vms = vdcs.flatMap((vdc) => (vdc.vms ?? []).map((vm) => toIndexed(cloudId, vdc.id, vm, syncedAt)));
        // Superseded needs nothing more: a newer sync's outcome is already stored.
        await this.inventory.applySync(cloudId, generation, vms, syncedAt);
      }),
    );
    // After the writes: one that passed its check just before a deregistration is undone here.
    await Promise.all(cloudIds.map((cloudId) => this.forgetIfUnserved(cloudId)));
    const unserved = (await this.inventory.freshness()).filter((f) => !this.registry.find('cloud-node', f.cloudId));
    // A generation of its own, issued now: "no node serves it" is news as of now, not as of the read.
    await Promise.all(unserved.map(async (f) => this.inventory.markStale(f.cloudId, await this.inventory.beginSync(f.cloudId), NO_NODE)));
    return this.inventory.freshness();
  }

  /** Remove `cloudId` from the index when no cloud-node serves it (after a deregistration). */
  async forgetIfUnserved(cloudId: string): Promise<void> {
    if (!this.registry.find('cloud-node', cloudId)) await this.inventory.removeCloud(cloudId);
  }
}

function toIndexed(cloudId: string, vdcId: string, vm: VmRow, syncedAt: Date): IndexedVm {
  return {
    id: vm.id,
    cloudId,
    vdcId,
    name: vm.name ?? '',
    powerState: vm.powerState ?? 'POWERED_OFF',
    cpuCount: vm.cpuCount ?? 0,
    memoryMb: vm.memoryMb ?? 0,
    tenantId: vm.tenant?.id ?? null,
    orgId: vm.org?.id ?? null,
    syncedAt,
  };
}
