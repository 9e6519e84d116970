/** The organizations discovery has seen, one record per organization, keyed by its global id. */
import type { Collection } from '../collection';
import type { DiscoveredOrgRecord, DiscoveredOrgRepository } from '../types';

export class CollectionDiscoveredOrgRepository implements DiscoveredOrgRepository {
  constructor(private readonly orgs: Collection<DiscoveredOrgRecord>) {}

  async putAll(orgs: readonly DiscoveredOrgRecord[]): Promise<void> {
    if (orgs.length)
      await this.orgs.upsertMany(
        'orgId',
        orgs.map(({ orgId, name, seenAt }) => ({ orgId, name, seenAt })),
      );
  }

  async list(): Promise<DiscoveredOrgRecord[]> {
    return this.orgs.find({}, { sort: { orgId: 1 } });
  }
}
