/**
 * Organization discovery: ask every multi-tenant cloud for its organizations
 * through the supergraph (the sp-nodes' `orgs` fan-out) and let the directory map
 * the new ones by name. A cloud that does not answer keeps what was known of it.
 *
 * The organizations seen are kept in the store (only the new or renamed ones are
 * written), and a starting gateway matches them again before its first run.
 *
 * Each run first reloads the manual mappings from the store. Gateways sharing a
 * store (MongoDB) each hold their own directory in memory, so a `mapOrgToTenant` or
 * `unmapOrg` answered by another replica reaches this one at its next discovery:
 * within one `orgDiscoveryIntervalMs`, not at once (with the interval 0, only when
 * discovery runs for another reason: a new sp-node, `discoverOrgs`, a mutation naming
 * an organization not seen yet, a restart). The reload comes before name matching,
 * and a failed reload fails the run: matching by name without it could hand a tenant
 * an organization another replica has unmapped.
 */
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { OrgDiscoveryModel } from '../control/model';
import type { InternalClient } from '../internal/client';
import type { DiscoveredOrgRepository, OrgMappingRepository } from '../store/types';
import type { TenantDirectory } from './directory';

export async function discoverOrgs(
  directory: TenantDirectory,
  client: InternalClient,
  mappings: Pick<OrgMappingRepository, 'list'>,
  discovered: Pick<DiscoveredOrgRepository, 'putAll'>,
): Promise<OrgDiscoveryModel> {
  await directory.reload(() => mappings.list());
  const result = await client.execute('{ orgs { id name } }', undefined, { principal: SYSTEM_PRINCIPAL });
  const orgs = (result.data?.orgs ?? []) as Array<{ id: string; name: string | null }>;
  const unseen = directory.unseen(orgs);
  const { matched, unmapped } = directory.applyDiscovered(orgs);
  // Kept for a restart (which then knows them even while their cloud's sp-node is down); applied first,
  // so a store failure fails the run (it is logged) without holding back what the clouds said.
  const seenAt = new Date();
  await discovered.putAll(unseen.map((org) => ({ orgId: org.id, name: org.name, seenAt })));
  return { orgCount: orgs.length, matched: matched.map((id) => ({ id })), unmapped: unmapped.map((id) => ({ id })) };
}
