/**
 * Who is asking. The gateway authenticates clients into a Principal and forwards it,
 * signed, to nodes; nothing else about a client ever reaches a node.
 */

export const ROLES = ['provider-admin', 'tenant-admin', 'tenant-viewer', 'billing'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's `sub`. */
  subject: string;
  role: Role;
  /** The tenant a tenant-admin or tenant-viewer belongs to. */
  tenantId?: string;
  /**
   * Set by the gateway on requests to a node of a multi-tenant cloud for a tenant
   * principal: the native ids of that tenant's organizations and VDCs there. The
   * node shows nothing outside them (defence in depth behind the gateway's checks).
   */
  scope?: NodeScope;
}

export interface NodeScope {
  orgs: string[];
  vdcs: string[];
}

/** A principal limited to one tenant's resources. */
export function isTenantPrincipal(principal: Principal): principal is Principal & { tenantId: string } {
  return principal.role === 'tenant-admin' || principal.role === 'tenant-viewer';
}

/** The gateway's own calls (organization discovery, index sync): it sees everything. */
export const SYSTEM_PRINCIPAL: Principal = Object.freeze({ subject: 'overcast-gateway', role: 'provider-admin' });
