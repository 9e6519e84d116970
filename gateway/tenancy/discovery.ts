/**
 * Organization discovery: ask every multi-tenant cloud for its organizations
 * through the supergraph (the sp-nodes' `orgs` fan-out) and let the directory map
 * the new ones by name. A cloud that does not answer keeps what was known of it.
 */
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { OrgDiscoveryModel } from '../control/model';
import type { InternalClient } from '../internal/client';
import type { TenantDirectory } from './directory';

export async function discoverOrgs(directory: TenantDirectory, client: InternalClient): Promise<OrgDiscoveryModel> {
  const result = await client.execute('{ orgs { id name } }', undefined, { principal: SYSTEM_PRINCIPAL });
  const orgs = (result.data?.orgs ?? []) as Array<{ id: string; name: string | null }>;
  const { matched, unmapped } = directory.applyDiscovered(orgs);
  return { orgCount: orgs.length, matched: matched.map((id) => ({ id })), unmapped: unmapped.map((id) => ({ id })) };
}
