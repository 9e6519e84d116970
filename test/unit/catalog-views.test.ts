import { availabilityAt, itemView } from '../../gateway/catalogs/views';
import type { CatalogCopyRecord, CatalogItemRecord, CatalogRecord } from '../../gateway/store/repositories/catalogs';

const at = new Date('2026-02-01T10:00:00Z');
const item: CatalogItemRecord = {
  name: 'ubuntu',
  version: 3,
  sizeBytes: 1000,
  checksum: null,
  templateId: 'vsphere-east:t-1',
  deleted: false,
  updatedAt: at,
};

function copy(fields: Partial<CatalogCopyRecord>): CatalogCopyRecord {
  return {
    key: 'subscription-1/ubuntu',
    subscriptionId: 'subscription-1',
    name: 'ubuntu',
    version: 3,
    syncedAt: at,
    state: 'SYNCED',
    templateId: 'director-west:c-1',
    error: null,
    ...fields,
  };
}

describe('catalog availability', () => {
  it('lists the publisher first, holding the item version', () => {
    const catalog: CatalogRecord = { id: 'catalog-1', cloudId: 'vsphere-east', name: 'golden', version: 4, items: [item], publishedAt: at };
    const view = itemView(catalog, item, [
      { subscription: { cloudId: 'director-west' } as never, copies: new Map([['ubuntu', copy({})]]), syncing: false },
    ]);
    expect(view.id).toBe('catalog-1/ubuntu');
    expect(view.availableIn.map((a) => [a.cloudId, a.version, a.state])).toEqual([
      ['vsphere-east', 3, 'SYNCED'],
      ['director-west', 3, 'SYNCED'],
    ]);
  });

  it('shows a subscriber holding an older version, or none, as STALE', () => {
    expect(availabilityAt(item, 'director-west', copy({ version: 2 }))).toMatchObject({ version: 2, state: 'STALE' });
    expect(availabilityAt(item, 'director-west', undefined)).toMatchObject({ version: null, state: 'STALE', templateId: null });
    // Deleted there once, back at the publisher since: the next sync copies it.
    expect(availabilityAt(item, 'director-west', copy({ state: 'DELETED', templateId: null }))).toMatchObject({ state: 'STALE' });
  });

  it('keeps SYNCING and FAILED as the copy recorded them, with the version still held', () => {
    expect(availabilityAt(item, 'director-west', copy({ version: 2, state: 'SYNCING' }))).toMatchObject({ version: 2, state: 'SYNCING' });
    expect(availabilityAt(item, 'director-west', copy({ version: 2, state: 'FAILED' }))).toMatchObject({ version: 2, state: 'FAILED' });
  });

  it('shows a deleted item as DELETED at the publisher, and as each subscriber left it', () => {
    const deleted = { ...item, deleted: true, version: 4 };
    const catalog: CatalogRecord = {
      id: 'catalog-1',
      cloudId: 'vsphere-east',
      name: 'golden',
      version: 5,
      items: [deleted],
      publishedAt: at,
    };
    const view = itemView(catalog, deleted, [
      { subscription: { cloudId: 'director-west' } as never, copies: new Map([['ubuntu', copy({})]]), syncing: false },
    ]);
    expect(view.availableIn[0]).toMatchObject({ version: 4, state: 'DELETED', templateId: null });
    expect(view.availableIn[1]).toMatchObject({ version: 3, state: 'SYNCED' });
    expect(availabilityAt(deleted, 'openstack-north', undefined)).toMatchObject({ version: null, state: 'DELETED' });
  });
});
