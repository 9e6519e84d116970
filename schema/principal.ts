/**
 * Who is asking. The gateway authenticates clients into a Principal and forwards it,
 * signed, to nodes; nothing else about a client ever reaches a node.
 *
 * A discriminated union on `role`: a tenant role always carries its tenant, and the
 * roles that see every tenant cannot carry one, so no code path can meet "a tenant
 * role without a tenant" and read it as "no tenant limit".
 */

export const TENANT_ROLES = ['tenant-admin', 'tenant-viewer'] as const;
export const OPERATOR_ROLES = ['provider-admin', 'billing'] as const;
export const ROLES = [...OPERATOR_ROLES, ...TENANT_ROLES] as const;

export type TenantRole = (typeof TENANT_ROLES)[number];
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export type Role = TenantRole | OperatorRole;

/** A tenant's user: sees only that tenant's resources. */
export interface TenantPrincipal {
  /** The token's `sub`. */
  readonly subject: string;
  readonly role: TenantRole;
  readonly tenantId: string;
  /**
   * Set by the gateway on requests to a node of a multi-tenant cloud: the native ids
   * of that tenant's organizations and VDCs there. The node shows nothing outside
   * them (defence in depth behind the gateway's checks).
   */
  readonly scope?: NodeScope;
}

/** A provider administrator or a billing integration: sees every tenant. */
export interface OperatorPrincipal {
  readonly subject: string;
  readonly role: OperatorRole;
  readonly tenantId?: never;
  readonly scope?: never;
}

export type Principal = TenantPrincipal | OperatorPrincipal;

export interface NodeScope {
  orgs: string[];
  vdcs: string[];
}

export function isTenantRole(role: Role): role is TenantRole {
  return (TENANT_ROLES as readonly string[]).includes(role);
}

/** A principal limited to one tenant's resources. */
export function isTenantPrincipal(principal: Principal): principal is TenantPrincipal {
  return isTenantRole(principal.role);
}

/**
 * What a principal may see, as a key: principals with equal keys see exactly the same
 * data (roles differ only in which fields and mutations they may use, checked before
 * anything runs). A cache shared between principals keys by this.
 */
export function accessScope(principal: Principal): string {
  return isTenantPrincipal(principal) ? `tenant:${principal.tenantId}` : 'all';
}

/** The gateway's own reads (organization discovery, ownership, index sync): it sees everything. */
export const SYSTEM_PRINCIPAL: OperatorPrincipal = Object.freeze({ subject: 'overcast-gateway', role: 'provider-admin' });
