/** The tenant directory's manual mappings, one record per organization, keyed by its global id. */
import type { Collection } from '../collection';
import type { OrgMappingRecord, OrgMappingRepository } from '../types';

export class CollectionOrgMappingRepository implements OrgMappingRepository {
  constructor(private readonly mappings: Collection<OrgMappingRecord>) {}

  /**
   * Replace by the natural key orgId: the latest word on an organization is the one
   * record (a retried write is the same state). An unmapping is a record too, with
   * tenantId null, so a restart does not let name matching or configuration map it back.
   */
  async put(mapping: OrgMappingRecord): Promise<void> {
    await this.mappings.upsertMany('orgId', [{ orgId: mapping.orgId, tenantId: mapping.tenantId, updatedAt: mapping.updatedAt }]);
  }

  /** Every manual mapping, by orgId, so callers see a stable order. */
  async list(): Promise<OrgMappingRecord[]> {
    return this.mappings.find({}, { sort: { orgId: 1 } });
  }
}
