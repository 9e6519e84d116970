/**
 * The tenant directory: which customer (tenant) owns which organizations in
 * multi-tenant clouds and which single-tenant clouds whole. Configured mappings
 * come first, an administrator's mutations override them, and organizations seen
 * in the clouds are matched by name when nobody has said otherwise.
 *
 * A pure in-memory model: the administrator's mappings are kept in the store by
 * the callers (the map/unmap resolvers write there first), and come back here
 * through `restore` and `reload`.
 */
import { parseGlobalId } from '../../schema/ids';

export interface TenantSpec {
  id: string;
  name: string;
  /** Single-tenant clouds it owns whole. */
  clouds: readonly string[];
  /** Organization global ids mapped by configuration. */
  orgs: readonly string[];
  /** Extra organization names that mean this tenant (its id always does). */
  orgNames: readonly string[];
}

export type MappingSource = 'CONFIG' | 'NAME_MATCH' | 'MANUAL';

interface OrgMapping {
  /** null: explicitly unmapped by an administrator; name matching leaves it alone. */
  tenantId: string | null;
  source: MappingSource;
}

export interface DiscoveredOrg {
  id: string;
  name: string | null;
}

/** An administrator's mapping (tenantId) or unmapping (null) of one organization, as the store keeps it. */
export interface ManualMapping {
  orgId: string;
  tenantId: string | null;
}

export class TenantDirectory {
  private readonly byId = new Map<string, TenantSpec>();
  private readonly cloudOwner = new Map<string, string>();
  private readonly mappings = new Map<string, OrgMapping>();
  private readonly byOrgName = new Map<string, string>();
  /** Organizations seen by discovery, by id. */
  private readonly known = new Map<string, DiscoveredOrg>();
  private changes = 0;
  /** Counts map/unmap calls; `stamps` holds, per organization, the count of its latest one (see `reload`). */
  private manualWrites = 0;
  private readonly stamps = new Map<string, number>();

  constructor(
    tenants: readonly TenantSpec[],
    private readonly autoMatch = true,
  ) {
    for (const tenant of tenants) {
      if (this.byId.has(tenant.id)) throw new Error(`tenants: "${tenant.id}" is listed twice`);
      this.byId.set(tenant.id, tenant);
      for (const cloudId of tenant.clouds) {
        const other = this.cloudOwner.get(cloudId);
        if (other) throw new Error(`tenants: cloud "${cloudId}" is given to both "${other}" and "${tenant.id}"`);
        this.cloudOwner.set(cloudId, tenant.id);
      }
      for (const orgId of tenant.orgs) {
        const other = this.mappings.get(orgId)?.tenantId;
        if (other) throw new Error(`tenants: organization "${orgId}" is given to both "${other}" and "${tenant.id}"`);
        this.mappings.set(orgId, { tenantId: tenant.id, source: 'CONFIG' });
      }
      for (const name of [tenant.id, ...tenant.orgNames]) this.byOrgName.set(name.toLowerCase(), tenant.id);
    }
  }

  /** Grows with every change of a mapping, so derived views (access scopes) know when to recompute. */
  get version(): number {
    return this.changes;
  }

  /** Whether discovery has seen this organization in a cloud. */
  isKnownOrg(orgId: string): boolean {
    return this.known.has(orgId);
  }

  tenants(): TenantSpec[] {
    return [...this.byId.values()];
  }

  tenant(id: string): TenantSpec | undefined {
    return this.byId.get(id);
  }

  /** The tenant owning a whole cloud, if one does. */
  tenantOfCloud(cloudId: string): TenantSpec | undefined {
    const id = this.cloudOwner.get(cloudId);
    return id === undefined ? undefined : this.byId.get(id);
  }

  mappingOf(orgId: string): { tenant: TenantSpec; source: MappingSource } | undefined {
    const mapping = this.mappings.get(orgId);
    const tenant = mapping?.tenantId ? this.byId.get(mapping.tenantId) : undefined;
    return tenant && mapping ? { tenant, source: mapping.source } : undefined;
  }

  /** How an organization's mapping (or unmapping) was made; undefined when never mapped. */
  sourceOf(orgId: string): MappingSource | undefined {
    return this.mappings.get(orgId)?.source;
  }

  /** A tenant's organizations, sorted by id (stable, so @requires answers line up). */
  orgIdsOf(tenantId: string): string[] {
    return [...this.mappings]
      .filter(([, m]) => m.tenantId === tenantId)
      .map(([orgId]) => orgId)
      .sort();
  }

  dedicatedCloudsOf(tenantId: string): string[] {
    return [...this.cloudOwner]
      .filter(([, owner]) => owner === tenantId)
      .map(([cloudId]) => cloudId)
      .sort();
  }

  /** Every cloud a tenant has resources in: dedicated ones and those of its organizations. */
  cloudsOf(tenantId: string): string[] {
    const orgClouds = this.orgIdsOf(tenantId)
      .map((orgId) => parseGlobalId(orgId)?.cloudId)
      .filter((c): c is string => c !== undefined);
    return [...new Set([...this.dedicatedCloudsOf(tenantId), ...orgClouds])].sort();
  }

  map(orgId: string, tenantId: string): void {
    this.setManual(orgId, tenantId);
  }

  unmap(orgId: string): void {
    this.setManual(orgId, null);
  }

  private setManual(orgId: string, tenantId: string | null): void {
    this.mappings.set(orgId, { tenantId, source: 'MANUAL' });
    this.stamps.set(orgId, ++this.manualWrites);
    this.changes++;
  }

  /**
   * Take stored manual mappings as this directory's: each overrides configuration and
   * name matching, as map/unmap do. A mapping to a tenant no longer configured is
   * kept as it is, so the organization belongs to nobody (rather than falling back to
   * configuration or to a name match the administrator overrode). `version` grows when
   * anything changed. Answers the ids whose mapping changed.
   */
  restore(mappings: readonly ManualMapping[]): string[] {
    return this.takeStored(mappings, Infinity);
  }

  /**
   * `restore` what `read` answers (the store's manual mappings, which other gateways
   * sharing the store may have written). An organization mapped or unmapped here while
   * `read` ran keeps that mapping: it was stored after the read began, so the answer
   * may not have it yet, and the next reload brings whatever the store holds then.
   */
  async reload(read: () => Promise<readonly ManualMapping[]>): Promise<string[]> {
    const writesSeen = this.manualWrites;
    return this.takeStored(await read(), writesSeen);
  }

  private takeStored(mappings: readonly ManualMapping[], writesSeen: number): string[] {
    const changed: string[] = [];
    for (const { orgId, tenantId } of mappings) {
      if ((this.stamps.get(orgId) ?? 0) > writesSeen) continue;
      const current = this.mappings.get(orgId);
      if (current?.source === 'MANUAL' && current.tenantId === tenantId) continue;
      this.mappings.set(orgId, { tenantId, source: 'MANUAL' });
      changed.push(orgId);
    }
    if (changed.length) this.changes++;
    return changed;
  }

  /** Those of `orgs` discovery has not seen before, or has seen under another name: what is new to keep. */
  unseen(orgs: readonly DiscoveredOrg[]): DiscoveredOrg[] {
    return orgs.filter((org) => !this.known.has(org.id) || this.known.get(org.id)!.name !== org.name);
  }

  /**
   * Record the organizations the clouds have now and map, by name, those nobody
   * has mapped (or unmapped) yet. Answers the ids newly matched and those unclaimed.
   */
  applyDiscovered(orgs: readonly DiscoveredOrg[]): { matched: string[]; unmapped: string[] } {
    const matched: string[] = [];
    for (const org of orgs) {
      this.known.set(org.id, org);
      if (!this.autoMatch || this.mappings.has(org.id) || org.name === null) continue;
      const tenantId = this.byOrgName.get(org.name.toLowerCase());
      if (tenantId === undefined) continue;
      this.mappings.set(org.id, { tenantId, source: 'NAME_MATCH' });
      matched.push(org.id);
    }
    if (matched.length) this.changes++;
    const unmapped = orgs.filter((org) => !this.mappingOf(org.id)).map((org) => org.id);
    return { matched, unmapped };
  }
}
