/**
 * The policy enforcement point for tenant principals: every id that reaches a
 * node must be the tenant's. A tenant sees its dedicated clouds whole and, in a
 * multi-tenant cloud, its organizations with their VDCs and VMs; anything else is
 * answered exactly like an id that does not exist. Provider admins and billing
 * integrations see everything.
 */
import { parseGlobalId } from '../../schema/ids';
import { isTenantPrincipal, type NodeScope, type Principal } from '../../schema/principal';
import type { TenantDirectory } from '../tenancy/directory';
import type { NodeRegistry } from '../registry';
import type { OwnershipIndex, OwnershipSnapshot } from './ownership';

/** What one tenant may see of one cloud. */
export type CloudAccess = { kind: 'none' } | { kind: 'whole' } | { kind: 'part'; orgs: Set<string>; vdcs: Set<string>; vms: Set<string> };

const NONE: CloudAccess = { kind: 'none' };
const WHOLE: CloudAccess = { kind: 'whole' };

/** An unknown id may be new: refresh the ownership snapshot for it at most this often. */
const MISS_REFRESH_MS = 1000;

export interface IdCheck {
  typename: string;
  id: string;
}

export class AccessGuard {
  /** Access per tenant and cloud, for one snapshot and directory version. */
  private cache = { snapshot: undefined as OwnershipSnapshot | undefined, version: -1, access: new Map<string, CloudAccess>() };

  constructor(
    private readonly directory: TenantDirectory,
    private readonly registry: NodeRegistry,
    private readonly ownership: OwnershipIndex,
  ) {}

  /** Ids checked in order; `false` for each the principal may not see. Unrestricted principals see all. */
  async allowsMany(principal: Principal, checks: readonly IdCheck[]): Promise<boolean[]> {
    if (!isTenantPrincipal(principal)) return checks.map(() => true);
    let snapshot = await this.ownership.current();
    let allowed = checks.map((c) => this.allows(snapshot, principal.tenantId, c));
    // Foreign and unknown ids take the same path: one refresh (rate-limited), then the same answer.
    if (allowed.includes(false)) {
      snapshot = await this.ownership.current(MISS_REFRESH_MS);
      allowed = checks.map((c) => this.allows(snapshot, principal.tenantId, c));
    }
    return allowed;
  }

  async allowsOne(principal: Principal, check: IdCheck): Promise<boolean> {
    return (await this.allowsMany(principal, [check]))[0]!;
  }

  /** The clouds a principal's list queries may reach; undefined: every cloud. */
  async visibleClouds(principal: Principal): Promise<Set<string> | undefined> {
    if (!isTenantPrincipal(principal)) return undefined;
    const snapshot = await this.ownership.current();
    const clouds = this.registry.all().map((n) => n.cloudId);
    return new Set(clouds.filter((cloudId) => this.access(snapshot, principal.tenantId, cloudId).kind !== 'none'));
  }

  /** A node reported VM `vmId` in VDC `vdcId` (global ids): its ownership follows the VDC's at once. */
  noteVm(vmId: string, vdcId: string): void {
    const vm = parseGlobalId(vmId);
    const vdc = parseGlobalId(vdcId);
    if (vm && vdc && vm.cloudId === vdc.cloudId) this.ownership.noteVm(vm.cloudId, vm.nativeId, vdc.nativeId);
  }

  /** The principal a node of `cloudId` receives: for a tenant in a multi-tenant cloud, with its scope there. */
  async nodePrincipal(principal: Principal, cloudId: string): Promise<Principal> {
    if (!isTenantPrincipal(principal)) return principal;
    const access = this.access(await this.ownership.current(), principal.tenantId, cloudId);
    if (access.kind === 'whole') return principal;
    const scope: NodeScope = access.kind === 'part' ? { orgs: [...access.orgs], vdcs: [...access.vdcs] } : { orgs: [], vdcs: [] };
    return { ...principal, scope };
  }

  private allows(snapshot: OwnershipSnapshot, tenantId: string, { typename, id }: IdCheck): boolean {
    const parsed = parseGlobalId(id);
    if (!parsed) return false;
    const access = this.access(snapshot, tenantId, parsed.cloudId);
    if (access.kind !== 'part') return access.kind === 'whole';
    switch (typename) {
      case 'Cloud':
        return parsed.nativeId === '';
      case 'TenantOrg':
        return access.orgs.has(parsed.nativeId);
      case 'VirtualDataCenter':
        return access.vdcs.has(parsed.nativeId);
      case 'VirtualMachine':
        return access.vms.has(parsed.nativeId);
      default:
        return false;
    }
  }

  private access(snapshot: OwnershipSnapshot, tenantId: string, cloudId: string): CloudAccess {
    if (this.cache.snapshot !== snapshot || this.cache.version !== this.directory.version) {
      this.cache = { snapshot, version: this.directory.version, access: new Map() };
    }
    const key = `${tenantId}/${cloudId}`;
    let access = this.cache.access.get(key);
    if (!access) this.cache.access.set(key, (access = this.compute(snapshot, tenantId, cloudId)));
    return access;
  }

  private compute(snapshot: OwnershipSnapshot, tenantId: string, cloudId: string): CloudAccess {
    if (!this.registry.find('cloud-node', cloudId)) return NONE;
    if (this.directory.tenantOfCloud(cloudId)?.id === tenantId) return WHOLE;
    const cloud = snapshot.clouds.get(cloudId);
    if (!cloud) return NONE;
    const access = { kind: 'part' as const, orgs: new Set<string>(), vdcs: new Set<string>(), vms: new Set<string>() };
    for (const [org, owned] of cloud.orgs) {
      if (this.directory.mappingOf(`${cloudId}:${org}`)?.tenant.id !== tenantId) continue;
      access.orgs.add(org);
      owned.vdcs.forEach((v) => access.vdcs.add(v));
      owned.vms.forEach((v) => access.vms.add(v));
    }
    return access.orgs.size ? access : NONE;
  }
}
