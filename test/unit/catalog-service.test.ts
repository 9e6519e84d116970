/**
 * The catalog service over in-test stand-ins for the transfer coordinator and the
 * nodes' content operations: what it copies, in which order it swaps, what it
 * refuses, and when it syncs. The same flows over real nodes are integration tests.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { createCatalogResolvers } from '../../gateway/catalogs/resolvers';
import { CatalogService } from '../../gateway/catalogs/service';
import { temporaryName } from '../../gateway/catalogs/sync';
import { createMemoryStore } from '../../gateway/store';
import type { NodeContent, NodeTemplate, TransferRecord, TransferSpec, Transfers } from '../../gateway/transfers/types';
import { seededDisk } from '../../mocks/content/seededBytes';
import { parseGlobalId } from '../../schema/ids';
import { SYSTEM_PRINCIPAL, type Principal } from '../../schema/principal';
import { waitFor } from '../support/waitFor';

const PUBLISHER = 'vsphere-east';
const SUB_A = 'director-west';
const SUB_B = 'openstack-north';
const NO_NODE = 'nowhere';
const NOW = new Date('2026-03-04T05:06:07Z');

/** Clouds' templates by catalog, with every content operation logged in order. */
class FakeClouds implements NodeContent {
  readonly templates = new Map<string, NodeTemplate & { cloudId: string }>();
  readonly catalogs = new Set<string>();
  readonly log: string[] = [];
  private next = 0;

  async add(cloudId: string, catalogName: string, name: string, size: number, key = `${cloudId}/${name}`): Promise<NodeTemplate> {
    return this.put(cloudId, catalogName, name, size, await seededDisk(key, size).sha256());
  }

  put(cloudId: string, catalogName: string, name: string, sizeBytes: number, sha256: string | null): NodeTemplate {
    const id = `tpl-${++this.next}`;
    const template = { id, name, catalogId: `cat-${catalogName}`, catalogName, sizeBytes, sha256, cpuCount: 1, memoryMb: 512, cloudId };
    this.templates.set(`${cloudId}:${id}`, template);
    return template;
  }

  /** What one catalog holds, by name. */
  holding(cloudId: string, catalogName: string): Record<string, NodeTemplate> {
    return Object.fromEntries(
      [...this.templates.values()].filter((t) => t.cloudId === cloudId && t.catalogName === catalogName).map((t) => [t.name, t]),
    );
  }

  async ensureCatalog(cloudId: string, name: string) {
    this.log.push(`ensure ${cloudId}/${name}`);
    this.catalogs.add(`${cloudId}/${name}`);
    return { id: `cat-${name}`, name };
  }

  async listTemplates(cloudId: string, catalogName: string): Promise<NodeTemplate[]> {
    // As the gateway's NodeContent answers a cloud no node serves: a coded error, not a GraphQLError.
    if (cloudId === NO_NODE) throw Object.assign(new Error(`Cloud "${cloudId}" not found`), { code: 'NOT_FOUND' });
    return Object.values(this.holding(cloudId, catalogName));
  }

  async renameTemplate(cloudId: string, nativeId: string, name: string): Promise<void> {
    const template = this.templates.get(`${cloudId}:${nativeId}`);
    if (!template) throw new GraphQLError(`no template ${nativeId}`, { extensions: { code: 'NOT_FOUND' } });
    this.log.push(`rename ${cloudId}:${nativeId} ${name}`);
    template.name = name;
  }

  async deleteTemplate(cloudId: string, nativeId: string): Promise<void> {
    if (!this.templates.delete(`${cloudId}:${nativeId}`))
      throw new GraphQLError(`no template ${nativeId}`, { extensions: { code: 'NOT_FOUND' } });
    this.log.push(`delete ${cloudId}:${nativeId}`);
  }
}

/** Transfers that copy a template's record at once (or when released), failing those `fail` names. */
class FakeTransfers implements Transfers {
  readonly started: Array<{ principal: Principal; spec: TransferSpec; id: string }> = [];
  fail: (spec: TransferSpec) => string | undefined = () => undefined;
  hold = false;
  private readonly waiting: Array<() => void> = [];
  private readonly runs = new Map<string, Promise<TransferRecord>>();
  private readonly cancelled = new Set<string>();

  constructor(private readonly clouds: FakeClouds) {}

  async start(principal: Principal, spec: TransferSpec): Promise<TransferRecord> {
    const id = `transfer-${randomUUID()}`;
    const running = record(id, spec, 'RUNNING', null, null);
    this.started.push({ principal, spec, id });
    if (spec.target.kind === 'template') this.clouds.log.push(`copy ${spec.targetCloudId} ${spec.target.name}`);
    this.runs.set(id, this.run(running));
    return running;
  }

  private async run(running: TransferRecord): Promise<TransferRecord> {
    if (this.hold) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const spec = running;
    if (this.cancelled.has(running.id)) return record(running.id, spec, 'FAILED', null, 'cancelled');
    const error = this.fail({ operation: spec.operation, sourceId: spec.sourceId, targetCloudId: spec.targetCloudId, target: spec.target });
    if (error) return record(running.id, spec, 'FAILED', null, error);
    const source = this.clouds.templates.get(spec.sourceId);
    if (!source || spec.target.kind !== 'template') return record(running.id, spec, 'FAILED', null, 'no source');
    const copy = this.clouds.put(spec.targetCloudId, spec.target.catalog, spec.target.name, source.sizeBytes, source.sha256);
    return record(running.id, spec, 'SUCCEEDED', `${spec.targetCloudId}:${copy.id}`, null);
  }

  /** Let every held transfer go on. */
  release(): void {
    for (const go of this.waiting.splice(0)) go();
  }

  settled(id: string): Promise<TransferRecord> {
    return this.runs.get(id)!;
  }

  async cancel(_principal: Principal, id: string): Promise<TransferRecord> {
    this.cancelled.add(id);
    this.release();
    return this.settled(id);
  }

  async get(): Promise<TransferRecord | undefined> {
    return undefined;
  }

  async list(): Promise<TransferRecord[]> {
    return [];
  }
}

function record(
  id: string,
  spec: Pick<TransferSpec, 'operation' | 'sourceId' | 'targetCloudId' | 'target'>,
  state: TransferRecord['state'],
  resultId: string | null,
  error: string | null,
): TransferRecord {
  return {
    id,
    taskId: `${spec.targetCloudId}:${id}`,
    operation: spec.operation,
    principal: SYSTEM_PRINCIPAL,
    sourceId: spec.sourceId,
    sourceCloudId: parseGlobalId(spec.sourceId)!.cloudId,
    targetCloudId: spec.targetCloudId,
    target: spec.target,
    state,
    phase: state === 'RUNNING' ? 'COPYING' : state === 'SUCCEEDED' ? 'DONE' : 'FAILED',
    bytesDone: 0,
    bytesTotal: 0,
    rateBytesPerSec: 0,
    bytesSent: 0,
    resumes: 0,
    sourceChecksum: null,
    targetChecksum: null,
    resultId,
    error,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** The repository of a new embedded store (its indexes are the store's own: gateway/store/repositories/schema.ts). */
async function catalogRepository() {
  return (await createMemoryStore()).catalogs;
}

async function setup() {
  const clouds = new FakeClouds();
  const transfers = new FakeTransfers(clouds);
  const repository = await catalogRepository();
  const errors: Error[] = [];
  const service = new CatalogService({ repository, transfers, content: clouds, onError: (err) => errors.push(err), now: () => NOW });
  await clouds.add(PUBLISHER, 'golden', 'ubuntu', 70_000);
  await clouds.add(PUBLISHER, 'golden', 'debian', 50_000);
  return { clouds, transfers, repository, service, errors };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return (err as GraphQLError).extensions?.code;
  }
  return 'no error';
}

/** Subscribe and wait for the first sync to have ended. */
async function subscribed(
  s: Setup,
  catalogId: string,
  cloudId: string,
  options: { propagateDeletes?: boolean; syncIntervalSeconds?: number } = {},
) {
  const subscription = await s.service.subscribe({
    catalogId,
    cloudId,
    targetCatalog: 'mirror',
    syncIntervalSeconds: 0,
    propagateDeletes: false,
    ...options,
  });
  await s.service.syncSubscription(subscription.id); // joins the first sync
  return subscription;
}

const availability = (
  catalog: { items: Array<{ name: string; availableIn: Array<{ cloudId: string; version?: number | null; state: string }> }> },
  name: string,
) => catalog.items.find((i) => i.name === name)!.availableIn.map((a) => ({ cloudId: a.cloudId, version: a.version, state: a.state }));

describe('catalog service', () => {
  let s: Setup;
  beforeEach(async () => {
    s = await setup();
  });
  afterEach(() => s.service.stop());

  describe('publishing', () => {
    it('records the catalog as version 1 with an item per template of the publisher', async () => {
      const catalog = await s.service.publish(PUBLISHER, 'golden');
      const held = s.clouds.holding(PUBLISHER, 'golden');
      expect(catalog.id).toMatch(/^catalog-[0-9a-f-]{36}$/);
      expect(catalog.version).toBe(1);
      expect(catalog.items.map((i) => [i.id, i.version, i.checksum, i.sizeBytes, i.templateId])).toEqual(
        ['debian', 'ubuntu'].map((name) => [
          `${catalog.id}/${name}`,
          1,
          held[name]!.sha256,
          held[name]!.sizeBytes,
          `${PUBLISHER}:${held[name]!.id}`,
        ]),
      );
    });

    it('refuses a catalog the cloud does not have, or has with no templates, as NOT_FOUND', async () => {
      expect(await codeOf(s.service.publish(PUBLISHER, 'nothing-here'))).toBe('NOT_FOUND');
    });

    it("answers a node's coded refusal as a GraphQL error with its code", async () => {
      const err = await s.service.publish(NO_NODE, 'golden').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphQLError);
      expect((err as GraphQLError).extensions.code).toBe('NOT_FOUND');
    });

    it('refuses to publish a catalog twice', async () => {
      await s.service.publish(PUBLISHER, 'golden');
      expect(await codeOf(s.service.publish(PUBLISHER, 'golden'))).toBe('CONFLICT');
    });

    it("refuses to publish a subscription's target", async () => {
      const catalog = await s.service.publish(PUBLISHER, 'golden');
      await subscribed(s, catalog.id, SUB_A);
      expect(await codeOf(s.service.publish(SUB_A, 'mirror'))).toBe('CONFLICT');
    });
  });

  describe('subscribing', () => {
    let catalogId: string;
    beforeEach(async () => {
      catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
    });
    const subscribe = (cloudId: string, targetCatalog = 'mirror', id = catalogId) =>
      s.service.subscribe({ catalogId: id, cloudId, targetCatalog, syncIntervalSeconds: 0, propagateDeletes: false });

    it('refuses the publishing cloud', async () => {
      expect(await codeOf(subscribe(PUBLISHER, 'other'))).toBe('BAD_USER_INPUT');
    });

    it('refuses a target catalog that is not empty', async () => {
      await s.clouds.add(SUB_A, 'mirror', 'theirs', 1000);
      expect(await codeOf(subscribe(SUB_A))).toBe('CONFLICT');
    });

    it('refuses a published catalog as the target', async () => {
      await s.clouds.add(SUB_A, 'own', 'theirs', 1000);
      await s.service.publish(SUB_A, 'own');
      s.clouds.templates.clear(); // even emptied: it is published
      await s.clouds.add(PUBLISHER, 'golden', 'ubuntu', 70_000);
      expect(await codeOf(subscribe(SUB_A, 'own'))).toBe('CONFLICT');
    });

    it('refuses a second subscription of the same cloud, and another subscription’s target', async () => {
      // Held: the first subscription's target stays empty, so only the dedicated-target rule can refuse.
      s.transfers.hold = true;
      await subscribe(SUB_A);
      expect(await codeOf(subscribe(SUB_A, 'mirror-2'))).toBe('CONFLICT');
      await s.clouds.add(SUB_B, 'other', 'x', 1000);
      const second = await s.service.publish(SUB_B, 'other');
      expect(s.clouds.holding(SUB_A, 'mirror')).toEqual({});
      expect(await codeOf(subscribe(SUB_A, 'mirror', second.id))).toBe('CONFLICT');
      expect(await codeOf(subscribe(SUB_A, 'mirror', 'catalog-unknown'))).toBe('NOT_FOUND');
      s.transfers.hold = false;
      s.transfers.release();
    });

    it('creates the target and answers before the first sync, which copies every item', async () => {
      s.transfers.hold = true;
      const subscription = await subscribe(SUB_A);
      expect(subscription.syncing).toBe(true);
      expect(s.clouds.catalogs.has(`${SUB_A}/mirror`)).toBe(true);
      expect(await s.service.get(catalogId)).toMatchObject({
        subscriptions: [{ id: subscription.id, syncing: true, syncedVersion: null }],
      });
      s.transfers.hold = false;
      s.transfers.release();
      const view = await waitFor('the first sync to complete', async () => {
        const catalog = await s.service.get(catalogId);
        return catalog?.subscriptions[0]?.syncedVersion === 1 && catalog;
      });
      expect(Object.keys(s.clouds.holding(SUB_A, 'mirror')).sort()).toEqual(['debian', 'ubuntu']);
      expect(availability(view, 'ubuntu')).toEqual([
        { cloudId: PUBLISHER, version: 1, state: 'SYNCED' },
        { cloudId: SUB_A, version: 1, state: 'SYNCED' },
      ]);
      // The gateway's own copies: the system principal, into the target under a temporary name.
      expect(s.transfers.started.map((t) => [t.principal, t.spec.operation, t.spec.target])).toEqual(
        expect.arrayContaining([
          [SYSTEM_PRINCIPAL, 'COPY_TEMPLATE', { kind: 'template', catalog: 'mirror', name: temporaryName('ubuntu', 1, NOW) }],
        ]),
      );
    });
  });

  describe('syncing', () => {
    let catalogId: string;
    beforeEach(async () => {
      catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
    });

    /** Replace the publisher's `name` with new content (a new disk). */
    async function changeAtPublisher(name: string) {
      const old = s.clouds.holding(PUBLISHER, 'golden')[name]!;
      await s.clouds.deleteTemplate(PUBLISHER, old.id);
      return s.clouds.add(PUBLISHER, 'golden', name, old.sizeBytes, `${PUBLISHER}/${name}/v2`);
    }

    it('copies only the items whose version at the subscriber is older', async () => {
      await subscribed(s, catalogId, SUB_A);
      expect(s.transfers.started).toHaveLength(2);
      const changed = await changeAtPublisher('ubuntu');
      const view = await s.service.syncNow(catalogId);
      expect(s.transfers.started.slice(2).map((t) => t.spec.sourceId)).toEqual([`${PUBLISHER}:${changed.id}`]);
      expect(view.version).toBe(2);
      expect(availability(view, 'ubuntu')).toEqual([
        { cloudId: PUBLISHER, version: 2, state: 'SYNCED' },
        { cloudId: SUB_A, version: 2, state: 'SYNCED' },
      ]);
      expect(availability(view, 'debian')).toEqual([
        { cloudId: PUBLISHER, version: 1, state: 'SYNCED' },
        { cloudId: SUB_A, version: 1, state: 'SYNCED' },
      ]);
      expect(s.clouds.holding(SUB_A, 'mirror').ubuntu!.sha256).toBe(changed.sha256);
      // Nothing changed since: a sync now copies nothing.
      await s.service.syncNow(catalogId);
      expect(s.transfers.started).toHaveLength(3);
    });

    it('copies under a temporary name, then deletes the old copy, then renames the new one', async () => {
      await subscribed(s, catalogId, SUB_A);
      const old = s.clouds.holding(SUB_A, 'mirror').ubuntu!;
      await changeAtPublisher('ubuntu');
      s.clouds.log.length = 0;
      await s.service.syncNow(catalogId);
      const copy = s.clouds.holding(SUB_A, 'mirror').ubuntu!;
      expect(s.clouds.log).toEqual([
        `copy ${SUB_A} ${temporaryName('ubuntu', 2, NOW)}`,
        `delete ${SUB_A}:${old.id}`,
        `rename ${SUB_A}:${copy.id} ubuntu`,
      ]);
    });

    it('keeps the old copy when the copy of a new version fails, and retries at the next sync', async () => {
      await subscribed(s, catalogId, SUB_A);
      const old = s.clouds.holding(SUB_A, 'mirror').ubuntu!;
      await changeAtPublisher('ubuntu');
      s.transfers.fail = () => 'destination cloud out of space';
      const view = await s.service.syncNow(catalogId);
      expect(s.clouds.holding(SUB_A, 'mirror').ubuntu).toEqual(old);
      expect(view.items.find((i) => i.name === 'ubuntu')!.availableIn[1]).toMatchObject({
        version: 1,
        state: 'FAILED',
        templateId: `${SUB_A}:${old.id}`,
      });
      expect(view.subscriptions[0]).toMatchObject({
        syncedVersion: 1,
        lastError: expect.stringContaining('destination cloud out of space'),
      });
      s.transfers.fail = () => undefined;
      const retried = await s.service.syncNow(catalogId);
      expect(retried.subscriptions[0]).toMatchObject({ syncedVersion: 2, lastError: null });
      expect(availability(retried, 'ubuntu')[1]).toEqual({ cloudId: SUB_A, version: 2, state: 'SYNCED' });
    });

    it('deletes an item deleted at the publisher only where the subscription propagates deletes', async () => {
      await subscribed(s, catalogId, SUB_A, { propagateDeletes: true });
      await subscribed(s, catalogId, SUB_B);
      await s.clouds.deleteTemplate(PUBLISHER, s.clouds.holding(PUBLISHER, 'golden').debian!.id);
      const view = await s.service.syncNow(catalogId);
      expect(Object.keys(s.clouds.holding(SUB_A, 'mirror'))).toEqual(['ubuntu']);
      expect(Object.keys(s.clouds.holding(SUB_B, 'mirror')).sort()).toEqual(['debian', 'ubuntu']);
      const debian = view.items.find((i) => i.name === 'debian')!;
      expect(debian).toMatchObject({ deleted: true, version: 2 });
      expect(availability(view, 'debian')).toEqual([
        { cloudId: PUBLISHER, version: 2, state: 'DELETED' },
        { cloudId: SUB_A, version: 1, state: 'DELETED' },
        { cloudId: SUB_B, version: 1, state: 'SYNCED' },
      ]);
    });

    it('syncs the subscribers of one catalog in parallel, and a second request joins the running sync', async () => {
      await subscribed(s, catalogId, SUB_A);
      await subscribed(s, catalogId, SUB_B);
      await changeAtPublisher('ubuntu');
      s.transfers.hold = true;
      const sync = s.service.syncNow(catalogId);
      await waitFor('both subscribers to be copying', () => s.transfers.started.length === 6);
      const subscriptionId = (await s.service.get(catalogId))!.subscriptions[0]!.id;
      const joined = s.service.syncSubscription(subscriptionId);
      expect(s.service.syncSubscription(subscriptionId)).toBe(joined);
      s.transfers.hold = false;
      s.transfers.release();
      const view = await sync;
      await joined;
      expect(s.transfers.started).toHaveLength(6);
      expect(view.subscriptions.map((x) => x.syncedVersion)).toEqual([2, 2]);
    });

    it('removes a temporary copy an interrupted sync left in the target', async () => {
      await subscribed(s, catalogId, SUB_A);
      const leftover = s.clouds.put(SUB_A, 'mirror', temporaryName('ubuntu', 1, NOW), 1, null);
      await s.service.syncNow(catalogId);
      expect(s.clouds.log).toContain(`delete ${SUB_A}:${leftover.id}`);
      expect(Object.keys(s.clouds.holding(SUB_A, 'mirror')).sort()).toEqual(['debian', 'ubuntu']);
    });
  });

  describe('ending', () => {
    let catalogId: string;
    beforeEach(async () => {
      catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
    });

    it('unsubscribing deletes the copies only where the subscription propagates deletes', async () => {
      const a = await subscribed(s, catalogId, SUB_A, { propagateDeletes: true });
      const b = await subscribed(s, catalogId, SUB_B);
      expect(Object.keys(s.clouds.holding(SUB_A, 'mirror'))).toHaveLength(2);
      await s.service.unsubscribe(a.id);
      await s.service.unsubscribe(b.id);
      expect(s.clouds.holding(SUB_A, 'mirror')).toEqual({});
      expect(Object.keys(s.clouds.holding(SUB_B, 'mirror')).sort()).toEqual(['debian', 'ubuntu']);
      expect((await s.service.get(catalogId))!.subscriptions).toEqual([]);
      expect(await codeOf(s.service.unsubscribe(a.id))).toBe('NOT_FOUND');
    });

    it('unpublishing ends every subscription and forgets the catalog', async () => {
      await subscribed(s, catalogId, SUB_A, { propagateDeletes: true });
      await subscribed(s, catalogId, SUB_B);
      await s.service.unpublish(catalogId);
      expect(await s.service.get(catalogId)).toBeNull();
      expect(await s.repository.listSubscriptions()).toEqual([]);
      expect(s.clouds.holding(SUB_A, 'mirror')).toEqual({});
      expect(Object.keys(s.clouds.holding(SUB_B, 'mirror'))).toHaveLength(2);
      // Published again, it is a new catalog.
      expect((await s.service.publish(PUBLISHER, 'golden')).id).not.toBe(catalogId);
    });

    it('unsubscribing during a copy cancels it and leaves nothing recorded', async () => {
      s.transfers.hold = true;
      const a = await s.service.subscribe({
        catalogId,
        cloudId: SUB_A,
        targetCatalog: 'mirror',
        syncIntervalSeconds: 0,
        propagateDeletes: true,
      });
      await waitFor('a copy to start', () => s.transfers.started.length === 1);
      await s.service.unsubscribe(a.id);
      expect(s.transfers.started).toHaveLength(1);
      expect(await s.repository.listCopies(a.id)).toEqual([]);
    });
  });

  describe('scheduled syncs', () => {
    it('syncs each subscription at its interval, and stop clears the timers', async () => {
      const catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
      // A clock of its own: the service's `now` is fixed, the timer's delay is real.
      const subscription = await subscribed(s, catalogId, SUB_A, { syncIntervalSeconds: 1 });
      const stored = await s.repository.getSubscription(subscription.id);
      expect(stored!.nextSyncAt).toEqual(new Date(NOW.getTime() + 1000));
      expect(s.service.scheduled()).toEqual([subscription.id]);
      await s.clouds.add(PUBLISHER, 'golden', 'alpine', 30_000);
      await waitFor('the scheduled sync to copy the new item', () => s.clouds.holding(SUB_A, 'mirror').alpine);
      s.service.stop();
      expect(s.service.scheduled()).toEqual([]);
    });

    it('re-arms persisted schedules when a service starts over the same store', async () => {
      const catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
      const subscription = await subscribed(s, catalogId, SUB_A, { syncIntervalSeconds: 3600 });
      s.service.stop();
      await s.clouds.add(PUBLISHER, 'golden', 'alpine', 30_000);
      // Restarted an hour and more later: the persisted moment is past, so it syncs at once.
      const later = new CatalogService({
        repository: s.repository,
        transfers: s.transfers,
        content: s.clouds,
        onError: () => undefined,
        now: () => new Date(NOW.getTime() + 3_601_000),
      });
      await later.start();
      try {
        expect(later.scheduled()).toEqual([subscription.id]);
        await waitFor('the restored schedule to sync', () => s.clouds.holding(SUB_A, 'mirror').alpine);
      } finally {
        later.stop();
      }
    });

    it('never schedules a subscription with interval 0', async () => {
      const catalogId = (await s.service.publish(PUBLISHER, 'golden')).id;
      const subscription = await subscribed(s, catalogId, SUB_A);
      expect(s.service.scheduled()).toEqual([]);
      expect((await s.repository.getSubscription(subscription.id))!.nextSyncAt).toBeNull();
    });
  });

  describe('resolvers', () => {
    type Field = (parent: unknown, args: unknown) => unknown;
    it('publish through the mutation, and name each cloud as a Cloud reference', async () => {
      const resolvers = createCatalogResolvers({ catalogs: s.service }) as unknown as Record<string, Record<string, Field>>;
      const catalog = (await resolvers.Mutation!.publishCatalog!({}, { cloudId: PUBLISHER, name: 'golden' })) as {
        id: string;
        cloudId: string;
      };
      expect(await resolvers.Query!.catalog!({}, { id: catalog.id })).toEqual(await s.service.get(catalog.id));
      expect(resolvers.Catalog!.cloud!(catalog, {})).toEqual({ __typename: 'Cloud', id: PUBLISHER });
      expect(resolvers.CatalogAvailability!.cloud!({ cloudId: SUB_A }, {})).toEqual({ __typename: 'Cloud', id: SUB_A });
      expect(resolvers.CatalogSubscription!.cloud!({ cloudId: SUB_B }, {})).toEqual({ __typename: 'Cloud', id: SUB_B });
    });
  });
});
