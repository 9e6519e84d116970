/**
 * Which organization owns which VDC and VM in every multi-tenant cloud: a
 * snapshot read from the sp-nodes through the supergraph (as the gateway itself),
 * kept at most `ttlMs` old. Tenants come from the directory at check time, so a
 * mapping change applies at once; only VDCs and VMs created since the snapshot
 * wait for the next refresh (or the refresh an unknown id triggers).
 */
import { parseGlobalId } from '../../schema/ids';
import type { OperationResult } from '../control/tenancy/discovery';

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

  constructor(
    private readonly execute: (query: string) => Promise<OperationResult>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The snapshot, refreshed first when older than `maxAgeMs` (default: the TTL). */
  async current(maxAgeMs = this.ttlMs): Promise<OwnershipSnapshot> {
    if (this.now() - this.snapshot.at <= maxAgeMs) return this.snapshot;
    // One refresh at a time, shared by every request that finds the snapshot stale.
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refresh(): Promise<OwnershipSnapshot> {
    const result = await this.execute(QUERY);
    const rows = (result.data?.orgs ?? []) as OrgRow[];
    const clouds = new Map<string, CloudOwnership>();
    const native = (id: string) => parseGlobalId(id)?.nativeId ?? '';
    for (const row of rows) {
      const cloudId = parseGlobalId(row.id)?.cloudId;
      if (cloudId === undefined) continue;
      if (!clouds.has(cloudId)) clouds.set(cloudId, { orgs: new Map() });
      clouds.get(cloudId)!.orgs.set(native(row.id), { vdcs: (row.vdcs ?? []).map((v) => native(v.id)), vms: (row.vms ?? []).map((v) => native(v.id)) });
    }
    // A cloud whose sp-node did not answer keeps what was known of it (fail closed for new ids).
    for (const [cloudId, previous] of this.snapshot.clouds) if (!clouds.has(cloudId)) clouds.set(cloudId, previous);
    this.snapshot = { at: this.now(), clouds };
    return this.snapshot;
  }
}
