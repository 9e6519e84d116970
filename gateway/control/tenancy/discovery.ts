/**
 * Organization discovery: ask every multi-tenant cloud for its organizations
 * through the supergraph (the sp-nodes' `orgs` fan-out) and let the directory map
 * the new ones by name. A cloud that does not answer keeps what was known of it.
 */
import type { OrgDiscoveryModel } from '../model';
import type { TenantDirectory } from './directory';

export interface OperationResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<{ message: string }>;
}

export async function discoverOrgs(directory: TenantDirectory, execute: (query: string) => Promise<OperationResult>): Promise<OrgDiscoveryModel> {
  const result = await execute('{ orgs { id name } }');
  const orgs = (result.data?.orgs ?? []) as Array<{ id: string; name: string | null }>;
  const { matched, unmapped } = directory.applyDiscovered(orgs);
  return { orgCount: orgs.length, matched: matched.map((id) => ({ id })), unmapped: unmapped.map((id) => ({ id })) };
}
