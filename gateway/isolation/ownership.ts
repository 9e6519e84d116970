/**
 * Which organization owns which VDC and VM in every multi-tenant cloud: a
 * snapshot read from the sp-nodes through the supergraph (as the gateway itself),
 * kept at most `ttlMs` old. Tenants come from the directory at check time, so a
 * mapping change applies at once; only VDCs and VMs created since the snapshot
 * wait for the next refresh (or the refresh an unknown id triggers).
 *
 * What each refresh read is also kept in the store (`kept`), and a starting gateway
 * begins from it (`restore`): restarted while an sp-node is down, it still knows whose
 * VDCs and VMs are whose there instead of showing every tenant nothing. Its first use
 * still refreshes, as the restored snapshot counts as expired.
 */
import { parseGlobalId } from '../../schema/ids';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { InternalClient } from '../internal/client';
import type { OrgOwnershipRecord, OwnershipRepository } from '../store/types';

/** Native ids, per multi-tenant cloud. */
export interface CloudOwnership {
  /** org native id → its VDCs' and VMs' native ids */
  orgs: Map<string, { vdcs: string[]; vms: string[] }>;
}

export interface OwnershipSnapshot {
  at: number;
  clouds: ReadonlyMap<string, CloudOwnership>;
}

const QUERY = '{ orgs { id vdcs { id } vms { id } } }';

interface OrgRow {
  id: string;
  vdcs: Array<{ id: string }> | null;
  vms: Array<{ id: string }> | null;
}

export class OwnershipIndex {
  private snapshot: OwnershipSnapshot = { at: -Infinity, clouds: new Map() };
  private refreshing: Promise<OwnershipSnapshot> | undefined;
  /** The writes of refreshes to the store, one after another (awaited by `settled`). */
  private keeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: InternalClient,
    private readonly ttlMs: number,
    /** Where each refresh is kept for a restart, and who hears when keeping it failed. */
    private readonly kept?: { store: Pick<OwnershipRepository, 'replaceCloud'>; onError(err: Error): void },
    private readonly now: () => number = Date.now,
  ) {}

  /** Start from the stored records of an earlier run (expired: the first use refreshes). */
  restore(records: readonly OrgOwnershipRecord[]): void {
    const clouds = new Map<string, CloudOwnership>();
    for (const record of records) {
      const org = parseGlobalId(record.orgId)?.nativeId;
      if (org === undefined) continue;
      if (!clouds.has(record.cloudId)) clouds.set(record.cloudId, { orgs: new Map() });
      clouds.get(record.cloudId)!.orgs.set(org, { vdcs: record.vdcs, vms: record.vms });
    }
    this.snapshot = { at: -Infinity, clouds };
  }

  /** The snapshot, refreshed first when older than `maxAgeMs` (default: the TTL). */
  async current(maxAgeMs = this.ttlMs): Promise<OwnershipSnapshot> {
    if (this.now() - this.snapshot.at <= maxAgeMs) return this.snapshot;
    // One refresh at a time, shared by every request that finds the snapshot stale.
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /**
   * A node reported this VM in this VDC (a VM created or moved): from now on it is
   * the VM of the organization owning that VDC, without waiting for the next refresh,
   * so its owner can read the VM the event is about. A VDC the snapshot does not know
   * changes nothing (fail closed: the refresh decides).
   */
  noteVm(cloudId: string, vmNativeId: string, vdcNativeId: string): void {
    const cloud = this.snapshot.clouds.get(cloudId);
    const owner = cloud && [...cloud.orgs].find(([, owned]) => owned.vdcs.includes(vdcNativeId))?.[0];
    if (!cloud || owner === undefined || cloud.orgs.get(owner)!.vms.includes(vmNativeId)) return;
    const orgs = new Map(
      [...cloud.orgs].map(([org, owned]) => {
        const vms = owned.vms.filter((vm) => vm !== vmNativeId);
        return [org, { vdcs: owned.vdcs, vms: org === owner ? [...vms, vmNativeId] : vms }];
      }),
    );
    // A new snapshot object: access computed from the old one is recomputed.
    this.snapshot = { at: this.snapshot.at, clouds: new Map(this.snapshot.clouds).set(cloudId, { orgs }) };
  }

  private async refresh(): Promise<OwnershipSnapshot> {
    const result = await this.client.execute(QUERY, undefined, { principal: SYSTEM_PRINCIPAL });
    const rows = (result.data?.orgs ?? []) as OrgRow[];
    const clouds = new Map<string, CloudOwnership>();
    const native = (id: string) => parseGlobalId(id)?.nativeId ?? '';
    for (const row of rows) {
      const cloudId = parseGlobalId(row.id)?.cloudId;
      if (cloudId === undefined) continue;
      if (!clouds.has(cloudId)) clouds.set(cloudId, { orgs: new Map() });
      clouds
        .get(cloudId)!
        .orgs.set(native(row.id), { vdcs: (row.vdcs ?? []).map((v) => native(v.id)), vms: (row.vms ?? []).map((v) => native(v.id)) });
    }
    // Kept for a restart, off the request's path: a store hiccup must not fail every tenant's checks.
    if (this.kept) {
      const kept = this.kept;
      this.keeping = this.keeping.then(() => this.keep(kept, new Map(clouds)));
    }
    // A cloud whose sp-node did not answer keeps what was known of it (fail closed for new ids).
    for (const [cloudId, previous] of this.snapshot.clouds) if (!clouds.has(cloudId)) clouds.set(cloudId, previous);
    this.snapshot = { at: this.now(), clouds };
    return this.snapshot;
  }

  /** Resolves once every refresh so far is kept (the gateway waits for it before closing its store). */
  settled(): Promise<void> {
    return this.keeping;
  }

  /** Write what a refresh read, one cloud after another (a failure is reported, the snapshot stands). */
  private async keep(kept: NonNullable<OwnershipIndex['kept']>, clouds: ReadonlyMap<string, CloudOwnership>): Promise<void> {
    for (const [cloudId, cloud] of clouds) {
      const records = [...cloud.orgs].map(([org, owned]) => ({ orgId: `${cloudId}:${org}`, cloudId, ...owned }));
      await kept.store.replaceCloud(cloudId, records).catch((err: Error) => kept.onError(err));
    }
  }
}
