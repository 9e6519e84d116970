/**
 * A published catalog and its subscribers over the real parts: the publisher's
 * templates copied node to node into each subscriber's dedicated catalog, versions
 * moving as the publisher changes, changed items swapped in whole, deletes
 * propagated only where the subscription asks. Checksums expected come from the
 * seed (seededDisk of each template's key).
 */
import { seededDisk } from '../../mocks/content/seededBytes';
import { seedCatalogName, seedTemplates, templateDiskKey } from '../../mocks/content/seededContent';
import type { SeedCloud } from '../../mocks/seed';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import type { CloudAdapter } from '../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../support/cloudOptions';
import { startTopology, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

const DISK_BYTES = 1024 * 1024 + 777;

const CATALOG_FIELDS = `id name cloudId version
  items { id name version checksum sizeBytes deleted availableIn { cloudId version state templateId } }
  subscriptions { id cloudId targetCatalog syncedVersion syncing lastError propagateDeletes }`;
const PUBLISH = `mutation($cloudId: ID!, $name: String!) { publishCatalog(cloudId: $cloudId, name: $name) { ${CATALOG_FIELDS} } }`;
const SUBSCRIBE = `mutation($input: SubscribeCatalogInput!) { subscribeCatalog(input: $input) { id cloudId targetCatalog } }`;
const SYNC = `mutation($id: ID!) { syncCatalog(id: $id) { ${CATALOG_FIELDS} } }`;
const CATALOG = `query($id: ID!) { catalog(id: $id) { ${CATALOG_FIELDS} } }`;
const TEMPLATES = 'query($id: ID!) { cloud(id: $id) { templates { id name catalog checksum sizeBytes } } }';
const COPY_TEMPLATE = 'mutation($input: CopyTemplateInput!) { copyTemplate(input: $input) { id } }';
const TRANSFER = 'query($id: ID!) { transfer(id: $id) { state error resultId } }';

interface Availability {
  cloudId: string;
  version: number | null;
  state: string;
  templateId: string | null;
}
interface Item {
  id: string;
  name: string;
  version: number;
  checksum: string | null;
  deleted: boolean;
  availableIn: Availability[];
}
interface CatalogView {
  id: string;
  version: number;
  items: Item[];
  subscriptions: Array<{ id: string; cloudId: string; syncedVersion: number | null; syncing: boolean; lastError: string | null }>;
}
interface TemplateView {
  id: string;
  name: string;
  catalog: string;
  checksum: string | null;
}

describe('published catalogs and their subscribers', () => {
  let topology: Topology;
  let publisherContent: CloudAdapter;
  beforeAll(async () => {
    topology = await startTopology({ diskBytes: DISK_BYTES, watchIntervalMs: 0 });
    const publisher = cloudOf('vsphere');
    publisherContent = createAdapter(publisher.kind, adapterOptionsFor(topology.cloud(publisher.id).mock, publisher.kind));
  });
  afterAll(async () => {
    await publisherContent.close();
    await topology.close();
  });

  const cloudOf = (kind: SeedCloud['kind']): SeedCloud => topology.seed.clouds.find((c) => c.kind === kind)!;
  const templateSha = (cloudId: string, name: string): Promise<string> => seededDisk(templateDiskKey(cloudId, name), DISK_BYTES).sha256();
  const templatesIn = async (cloudId: string, catalog: string): Promise<TemplateView[]> => {
    const res = await topology.query<{ cloud: { templates: TemplateView[] } }>(TEMPLATES, { id: cloudId });
    expect(res.errors).toBeUndefined();
    return res.data!.cloud.templates.filter((t) => t.catalog === catalog).sort((a, b) => a.name.localeCompare(b.name));
  };
  const sync = async (id: string): Promise<CatalogView> => {
    const res = await topology.query<{ syncCatalog: CatalogView }>(SYNC, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.syncCatalog;
  };

  it('publishes, subscribes, syncs, and follows a change, an addition and a deletion in every subscriber', async () => {
    const publisher = cloudOf('vsphere');
    const keeps = cloudOf('director'); // deletes not propagated
    const mirrors = cloudOf('nova'); // deletes propagated
    const seeded = seedTemplates(publisher);

    const published = await topology.query<{ publishCatalog: CatalogView }>(PUBLISH, {
      cloudId: publisher.id,
      name: seedCatalogName(publisher),
    });
    expect(published.errors).toBeUndefined();
    const catalog = published.data!.publishCatalog;
    expect(catalog.version).toBe(1);
    const expectedItems = await Promise.all(
      seeded.map(async (t) => ({ name: t.name, version: 1, checksum: await templateSha(publisher.id, t.name) })),
    );
    expect(
      catalog.items.map(({ name, version, checksum }) => ({ name, version, checksum })).sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual(expectedItems.sort((a, b) => a.name.localeCompare(b.name)));

    for (const [cloud, propagateDeletes] of [
      [keeps, false],
      [mirrors, true],
    ] as const) {
      const res = await topology.query(SUBSCRIBE, {
        input: { catalogId: catalog.id, cloudId: cloud.id, targetCatalog: 'from-dc-east', syncIntervalSeconds: 0, propagateDeletes },
      });
      expect(res.errors).toBeUndefined();
    }
    // A second subscription into a target that is not empty is refused.
    const clash = await topology.query(SUBSCRIBE, {
      input: { catalogId: catalog.id, cloudId: keeps.id, targetCatalog: seedCatalogName(keeps), syncIntervalSeconds: 0 },
    });
    expect(clash.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const first = await sync(catalog.id);
    for (const item of first.items) {
      const [own, ...subscribers] = item.availableIn.map(({ cloudId, version, state }) => ({ cloudId, version, state }));
      // The publisher first, then the subscribers (in no promised order).
      expect(own).toEqual({ cloudId: publisher.id, version: 1, state: 'SYNCED' });
      expect(subscribers.sort((x, y) => x.cloudId.localeCompare(y.cloudId))).toEqual(
        [keeps, mirrors].map((c) => ({ cloudId: c.id, version: 1, state: 'SYNCED' })).sort((x, y) => x.cloudId.localeCompare(y.cloudId)),
      );
    }
    for (const cloud of [keeps, mirrors]) {
      const copies = await templatesIn(cloud.id, 'from-dc-east');
      expect(copies.map(({ name, checksum }) => ({ name, checksum }))).toEqual(
        await Promise.all(
          [...seeded]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(async (t) => ({ name: t.name, checksum: await templateSha(publisher.id, t.name) })),
        ),
      );
    }
    const ubuntuBefore = (await templatesIn(keeps.id, 'from-dc-east')).find((t) => t.name === 'ubuntu-24.04')!;

    // The publisher changes: ubuntu's content replaced (nova's ubuntu copied in, then swapped for the original),
    // alpine added, debian deleted.
    const novaUbuntu = (await templatesIn(mirrors.id, seedCatalogName(mirrors))).find((t) => t.name === 'ubuntu-24.04')!;
    const copyIn = async (name: string): Promise<string> => {
      const res = await topology.query<{ copyTemplate: { id: string } }>(COPY_TEMPLATE, {
        input: { templateId: novaUbuntu.id, targetCloudId: publisher.id, targetCatalog: seedCatalogName(publisher), name },
      });
      expect(res.errors).toBeUndefined();
      const done = await waitFor(
        `copy of ${name} into the publisher`,
        async () => {
          const t = await topology.query<{ transfer: { state: string; error: string | null; resultId: string | null } }>(TRANSFER, {
            id: res.data!.copyTemplate.id,
          });
          return t.data?.transfer?.state !== 'RUNNING' ? t.data?.transfer : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      expect(done).toMatchObject({ state: 'SUCCEEDED', error: null });
      return done!.resultId!.slice(publisher.id.length + 1);
    };
    const replacement = await copyIn('ubuntu-24.04.new');
    const original = (await publisherContent.content.listTemplates()).find(
      (t) => t.name === 'ubuntu-24.04' && t.catalogName === seedCatalogName(publisher),
    )!;
    await publisherContent.content.deleteTemplate(original.id);
    await publisherContent.content.renameTemplate(replacement, 'ubuntu-24.04');
    await copyIn('alpine');
    const debian = (await publisherContent.content.listTemplates()).find(
      (t) => t.name === 'debian-12' && t.catalogName === seedCatalogName(publisher),
    )!;
    await publisherContent.content.deleteTemplate(debian.id);

    const second = await sync(catalog.id);
    expect(second.version).toBe(2);
    const byName = new Map(second.items.map((i) => [i.name, i]));
    const novaUbuntuSha = await templateSha(mirrors.id, 'ubuntu-24.04');
    expect(byName.get('ubuntu-24.04')).toMatchObject({ version: 2, checksum: novaUbuntuSha, deleted: false });
    expect(byName.get('alpine')).toMatchObject({ version: 1, checksum: novaUbuntuSha, deleted: false });
    expect(byName.get('debian-12')).toMatchObject({ deleted: true });
    const at = (item: string, cloudId: string) => byName.get(item)!.availableIn.find((a) => a.cloudId === cloudId)!;
    for (const cloud of [keeps, mirrors]) {
      expect(at('ubuntu-24.04', cloud.id)).toMatchObject({ version: 2, state: 'SYNCED' });
      expect(at('alpine', cloud.id)).toMatchObject({ version: 1, state: 'SYNCED' });
    }
    expect(at('debian-12', mirrors.id).state).toBe('DELETED');
    // Kept where deletes do not propagate: still the version it synced first.
    expect(at('debian-12', keeps.id)).toMatchObject({ version: 1, state: 'SYNCED' });

    // Swapped in whole: one ubuntu, the new content, a new template; no temporary copy left.
    const kept = await templatesIn(keeps.id, 'from-dc-east');
    expect(kept.map((t) => t.name)).toEqual(['alpine', 'debian-12', 'ubuntu-24.04']);
    const ubuntuAfter = kept.find((t) => t.name === 'ubuntu-24.04')!;
    expect(ubuntuAfter.checksum).toBe(novaUbuntuSha);
    expect(ubuntuAfter.id).not.toBe(ubuntuBefore.id);
    expect((await templatesIn(mirrors.id, 'from-dc-east')).map((t) => t.name)).toEqual(['alpine', 'ubuntu-24.04']);

    // Nothing changed since: a sync moves no version and copies nothing.
    const third = await sync(catalog.id);
    expect(third.version).toBe(2);
    expect(third.items.map((i) => [i.name, i.version])).toEqual(second.items.map((i) => [i.name, i.version]));
    const read = await topology.query<{ catalog: CatalogView }>(CATALOG, { id: catalog.id });
    expect(read.data?.catalog.subscriptions.map((sub) => sub.syncedVersion)).toEqual([2, 2]);
  });

  it('syncs a subscriber on its schedule: a template added at the publisher arrives without syncCatalog', async () => {
    const publisher = cloudOf('nova');
    const subscriber = cloudOf('vsphere');
    const published = await topology.query<{ publishCatalog: CatalogView }>(PUBLISH, {
      cloudId: publisher.id,
      name: seedCatalogName(publisher),
    });
    expect(published.errors).toBeUndefined();
    const catalog = published.data!.publishCatalog;
    const subscribed = await topology.query(SUBSCRIBE, {
      input: { catalogId: catalog.id, cloudId: subscriber.id, targetCatalog: 'from-nova', syncIntervalSeconds: 1 },
    });
    expect(subscribed.errors).toBeUndefined();
    const heldAt = async (name: string) => (await templatesIn(subscriber.id, 'from-nova')).find((t) => t.name === name);
    // The first sync starts at once.
    await waitFor('the first scheduled sync', async () => (await heldAt('debian-12')) && (await heldAt('ubuntu-24.04')), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });

    // The publisher gains a template (the director cloud's debian, copied in): the next scheduled sync brings it.
    const director = cloudOf('director');
    const source = (await templatesIn(director.id, seedCatalogName(director))).find((t) => t.name === 'debian-12')!;
    const copy = await topology.query<{ copyTemplate: { id: string } }>(COPY_TEMPLATE, {
      input: { templateId: source.id, targetCloudId: publisher.id, targetCatalog: seedCatalogName(publisher), name: 'debian-12-east' },
    });
    expect(copy.errors).toBeUndefined();
    const arrived = await waitFor('debian-12-east at the subscriber, by schedule', () => heldAt('debian-12-east'), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(arrived.checksum).toBe(await templateSha(director.id, 'debian-12'));
    const read = await topology.query<{ catalog: CatalogView }>(CATALOG, { id: catalog.id });
    expect(read.data?.catalog.version).toBe(2);
  });

  it.each(['acme', 'globex'])('keeps catalogs and template copies to provider roles: %s is refused every one', async (tenantId) => {
    const token = await topology.tokenFor({ subject: `${tenantId}-admin`, role: 'tenant-admin', tenantId });
    const catalogId = (await topology.query<{ catalogs: Array<{ id: string }> }>('{ catalogs { id } }')).data!.catalogs[0]!.id;
    const operations: Array<[string, Record<string, unknown>]> = [
      ['{ catalogs { id } }', {}],
      ['query($id: ID!) { catalog(id: $id) { id } }', { id: catalogId }],
      [SYNC, { id: catalogId }],
      [PUBLISH, { cloudId: cloudOf('director').id, name: seedCatalogName(cloudOf('director')) }],
      [SUBSCRIBE, { input: { catalogId, cloudId: cloudOf('director').id, targetCatalog: `mine-${tenantId}` } }],
      [
        COPY_TEMPLATE,
        { input: { templateId: `${cloudOf('nova').id}:any`, targetCloudId: cloudOf('vsphere').id, targetCatalog: `mine-${tenantId}` } },
      ],
    ];
    for (const [query, variables] of operations) {
      const res = await topology.query(query, variables, token);
      expect({ query, code: res.errors?.[0]?.extensions?.code, data: res.data ?? null }).toEqual({ query, code: 'FORBIDDEN', data: null });
    }
  });

  it('shows a tenant the templates of its own clouds only; another cloud’s answers as one that does not exist', async () => {
    const vsphere = cloudOf('vsphere'); // acme's
    const [acme, globex] = await Promise.all(
      ['acme', 'globex'].map((tenantId) => topology.tokenFor({ subject: `${tenantId}-viewer`, role: 'tenant-viewer', tenantId })),
    );
    const own = await topology.query<{ cloud: { templates: TemplateView[] } | null }>(TEMPLATES, { id: vsphere.id }, acme);
    expect(own.errors).toBeUndefined();
    expect(own.data!.cloud!.templates.length).toBeGreaterThan(0);
    const templateId = own.data!.cloud!.templates[0]!.id;
    const mask = (value: unknown, id: string) => JSON.parse(JSON.stringify(value).replaceAll(id, '<id>')) as unknown;
    const foreignCloud = await topology.query(TEMPLATES, { id: vsphere.id }, globex);
    const missingCloud = await topology.query(TEMPLATES, { id: 'no-such-cloud' }, globex);
    expect(mask(foreignCloud, vsphere.id)).toEqual(mask(missingCloud, 'no-such-cloud'));
    const TEMPLATE = 'query($id: ID!) { template(id: $id) { id name checksum } }';
    const foreignTemplate = await topology.query(TEMPLATE, { id: templateId }, globex);
    const missingTemplate = await topology.query(TEMPLATE, { id: `${vsphere.id}:no-such-template` }, globex);
    expect(foreignTemplate.data ?? null).toEqual(missingTemplate.data ?? null);
    expect(mask(foreignTemplate, templateId)).toEqual(mask(missingTemplate, `${vsphere.id}:no-such-template`));
    const ownTemplate = await topology.query<{ template: { id: string } | null }>(TEMPLATE, { id: templateId }, acme);
    expect(ownTemplate.data?.template?.id).toBe(templateId);
  });
});
