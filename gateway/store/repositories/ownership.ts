/** The ownership snapshot's last known state: one record per organization, keyed by its global id. */
import type { Collection } from '../collection';
import type { OrgOwnershipRecord, OwnershipRepository } from '../types';

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, i) => id === b[i]);

export class CollectionOwnershipRepository implements OwnershipRepository {
  constructor(private readonly orgs: Collection<OrgOwnershipRecord>) {}

  /** Writes only what changed: a refresh that found the cloud as it was writes nothing. */
  async replaceCloud(cloudId: string, orgs: readonly OrgOwnershipRecord[]): Promise<void> {
    const stored = new Map((await this.orgs.find({ cloudId })).map((record) => [record.orgId, record]));
    const changed = orgs.filter((org) => {
      const before = stored.get(org.orgId);
      return !before || !same(before.vdcs, org.vdcs) || !same(before.vms, org.vms);
    });
    const wanted = new Set(orgs.map((org) => org.orgId));
    const vanished = [...stored.keys()].filter((orgId) => !wanted.has(orgId));
    if (changed.length)
      await this.orgs.upsertMany(
        'orgId',
        changed.map(({ orgId, vdcs, vms }) => ({ orgId, cloudId, vdcs: [...vdcs], vms: [...vms] })),
      );
    if (vanished.length) await this.orgs.deleteMany({ orgId: { $in: vanished } });
  }

  async list(): Promise<OrgOwnershipRecord[]> {
    return this.orgs.find({}, { sort: { orgId: 1 } });
  }
}
