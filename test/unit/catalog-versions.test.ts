import { foldListing } from '../../gateway/catalogs/versions';
import type { CatalogItemRecord } from '../../gateway/store/repositories/catalogs';
import type { NodeTemplate } from '../../gateway/transfers/types';
import { seededDisk } from '../../mocks/content/seededBytes';

const CLOUD = 'vsphere-east';
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-02T00:00:00Z');

async function template(id: string, name: string, size: number, key = name): Promise<NodeTemplate> {
  return {
    id,
    name,
    catalogId: 'lib-1',
    catalogName: 'golden',
    sizeBytes: size,
    sha256: await seededDisk(key, size).sha256(),
    cpuCount: 1,
    memoryMb: 512,
  };
}

function byName(items: readonly CatalogItemRecord[]): Record<string, CatalogItemRecord> {
  return Object.fromEntries(items.map((i) => [i.name, i]));
}

describe('catalog versions', () => {
  let first: { version: number; items: CatalogItemRecord[] };
  let listing: NodeTemplate[];

  beforeEach(async () => {
    listing = [await template('t-1', 'ubuntu', 70_000), await template('t-2', 'debian', 50_000)];
    first = foldListing(CLOUD, { version: 0, items: [] }, listing, t0);
  });

  it('publishes every listed template as version 1 of a version 1 catalog, with its global id and checksum', async () => {
    expect(first.version).toBe(1);
    const items = byName(first.items);
    expect(items.ubuntu).toMatchObject({ version: 1, deleted: false, templateId: `${CLOUD}:t-1`, sizeBytes: 70_000 });
    expect(items.ubuntu!.checksum).toBe(await seededDisk('ubuntu', 70_000).sha256());
    expect(items.debian).toMatchObject({ version: 1, templateId: `${CLOUD}:t-2` });
  });

  it('moves nothing when the publisher lists the same content', () => {
    const again = foldListing(CLOUD, first, listing, t1);
    expect(again).toMatchObject({ version: 1, changed: false, dirty: false });
    expect(again.items).toEqual(first.items);
  });

  it('bumps a changed item and the catalog, and leaves the others', async () => {
    const changed = [await template('t-1', 'ubuntu', 70_000, 'ubuntu-v2'), listing[1]!];
    const folded = foldListing(CLOUD, first, changed, t1);
    expect(folded).toMatchObject({ version: 2, changed: true });
    const items = byName(folded.items);
    expect(items.ubuntu).toMatchObject({ version: 2, checksum: changed[0]!.sha256, updatedAt: t1 });
    expect(items.debian).toEqual(byName(first.items).debian);
  });

  it('bumps an item whose size alone changed', async () => {
    const folded = foldListing(CLOUD, first, [{ ...listing[0]!, sizeBytes: 70_001 }, listing[1]!], t1);
    expect(byName(folded.items).ubuntu!.version).toBe(2);
    expect(folded.version).toBe(2);
  });

  it('adds a new template as version 1 and bumps the catalog', async () => {
    const folded = foldListing(CLOUD, first, [...listing, await template('t-3', 'alpine', 30_000)], t1);
    expect(folded.version).toBe(2);
    expect(byName(folded.items).alpine).toMatchObject({ version: 1, deleted: false });
  });

  it('marks a template gone as deleted with a bumped version, once', () => {
    const folded = foldListing(CLOUD, first, [listing[0]!], t1);
    expect(folded.version).toBe(2);
    expect(byName(folded.items).debian).toMatchObject({ deleted: true, version: 2 });
    const again = foldListing(CLOUD, folded, [listing[0]!], t1);
    expect(again).toMatchObject({ version: 2, changed: false });
    expect(byName(again.items).debian).toMatchObject({ deleted: true, version: 2 });
  });

  it('brings a deleted item back with a higher version, never from 1 again', () => {
    const gone = foldListing(CLOUD, first, [listing[0]!], t1);
    const back = foldListing(CLOUD, gone, listing, t1);
    expect(byName(back.items).debian).toMatchObject({ deleted: false, version: 3 });
    expect(back.version).toBe(3);
  });

  it('follows a new native id of the same content without a version', () => {
    const folded = foldListing(CLOUD, first, [{ ...listing[0]!, id: 't-9' }, listing[1]!], t1);
    expect(folded).toMatchObject({ version: 1, changed: false, dirty: true });
    expect(byName(folded.items).ubuntu).toMatchObject({ version: 1, templateId: `${CLOUD}:t-9` });
  });

  it('takes the smallest native id where two templates share a name', async () => {
    const twin = await template('t-0', 'ubuntu', 10_000, 'twin');
    const folded = foldListing(CLOUD, { version: 0, items: [] }, [listing[0]!, twin], t0);
    expect(folded.items).toHaveLength(1);
    expect(folded.items[0]!.templateId).toBe(`${CLOUD}:t-0`);
  });
});
