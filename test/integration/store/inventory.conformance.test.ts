/**
 * Store conformance: the inventory index (generations, applySync, markStale, filtered
 * and ordered keyset pages, freshness) on every backend of ./backends. Expected pages
 * come from ./inventoryData (plain JavaScript), never from the store's output.
 */
import { InvalidCursorError, InvalidPageRequestError, cursorOf } from '../../../gateway/store';
import type { IndexedVm, Store, SyncOutcome, VmFilter, VmPageRequest } from '../../../gateway/store/types';
import { backends } from './backends';
import { ORDERINGS, SYNCED, expectedOrder, makeVms, ofCloud } from './inventoryData';

const MIDWAY = new Date(SYNCED.getTime() + 30_000);
const LATER = new Date(SYNCED.getTime() + 60_000);
const NAME_ASC: VmPageRequest['orderBy'] = { field: 'NAME', direction: 'ASC' };
const BY_ID: VmPageRequest['orderBy'] = { field: 'ID', direction: 'ASC' };
const SUPERSEDED: SyncOutcome = { applied: false, reason: 'superseded' };

/** One whole sync of one cloud: a generation, then its outcome. */
async function sync(store: Store, cloudId: string, vms: readonly IndexedVm[], at = SYNCED): Promise<SyncOutcome> {
  return store.inventory.applySync(cloudId, await store.inventory.beginSync(cloudId), vms, at);
}

/** One whole sync of one cloud that failed. */
async function failedSync(store: Store, cloudId: string, error: string): Promise<void> {
  await store.inventory.markStale(cloudId, await store.inventory.beginSync(cloudId), error);
}

async function syncAll(store: Store, vms: readonly IndexedVm[], at = SYNCED): Promise<void> {
  for (const cloudId of new Set(vms.map((vm) => vm.cloudId))) await sync(store, cloudId, ofCloud(vms, cloudId), at);
}

/** What an entry says about its VM: every field but when a sync wrote it. */
const withoutSyncedAt = ({ syncedAt: _syncedAt, ...vm }: IndexedVm) => vm;

/** Every page of a query, following endCursor; fails on a page that repeats the previous cursor. */
async function pageThrough(
  store: Store,
  filter: VmFilter,
  orderBy: VmPageRequest['orderBy'],
  first: number,
): Promise<{ ids: string[]; pages: number; totals: Set<number> }> {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | undefined;
  for (let pages = 1; ; pages += 1) {
    const page = await store.inventory.page({ filter, orderBy, first, ...(after ? { after } : {}) });
    ids.push(...page.items.map((vm) => vm.id));
    totals.add(page.totalCount);
    if (!page.hasNextPage) return { ids, pages, totals };
    expect(page.items).toHaveLength(first);
    expect(page.endCursor).not.toBe(after);
    after = page.endCursor!;
  }
}

describe.each(backends)('inventory conformance on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.openStore();
  });
  afterEach(() => backend.cleanup());

  const all = (filter: VmFilter = {}, orderBy = NAME_ASC) => store.inventory.page({ filter, orderBy, first: 5000 });
  const freshnessOf = async (cloudId: string) => (await store.inventory.freshness()).find((f) => f.cloudId === cloudId);

  describe('applySync, markStale, freshness', () => {
    it('adds, updates and removes a cloud’s entries and leaves other clouds alone', async () => {
      const vms = makeVms(60);
      await syncAll(store, vms);
      expect((await all({}, BY_ID)).items).toEqual(expectedOrder(vms, {}, BY_ID));

      const east = ofCloud(vms, 'dc-east');
      const [removed, changed, ...kept] = east;
      const updated = { ...changed!, name: 'renamed', powerState: 'POWERED_OFF', syncedAt: LATER };
      const added: IndexedVm = { ...kept[0]!, id: 'dc-east:vm-new', name: 'brand-new', syncedAt: LATER };
      expect(await sync(store, 'dc-east', [updated, ...kept, added], LATER)).toEqual({
        applied: true,
        written: 2,
        deleted: 1,
        unchanged: kept.length,
      });

      const expected = vms.filter((vm) => vm.id !== removed!.id && vm.id !== changed!.id).concat(updated, added);
      expect((await all({}, BY_ID)).items).toEqual(expectedOrder(expected, {}, BY_ID));
      // dc-east was synced twice, the others once.
      expect(await store.inventory.freshness()).toEqual([
        {
          cloudId: 'dc-east',
          syncedAt: LATER,
          stale: false,
          lastError: null,
          vmCount: kept.length + 2,
          issuedGeneration: 2,
          appliedGeneration: 2,
        },
        {
          cloudId: 'nova-eu',
          syncedAt: SYNCED,
          stale: false,
          lastError: null,
          vmCount: ofCloud(vms, 'nova-eu').length,
          issuedGeneration: 1,
          appliedGeneration: 1,
        },
        {
          cloudId: 'vcd-nl',
          syncedAt: SYNCED,
          stale: false,
          lastError: null,
          vmCount: ofCloud(vms, 'vcd-nl').length,
          issuedGeneration: 1,
          appliedGeneration: 1,
        },
      ]);
    });

    it('is idempotent: the same sync twice leaves the same state, one generation on', async () => {
      const vms = makeVms(40);
      await syncAll(store, vms);
      const once = { page: await all(), freshness: await store.inventory.freshness() };
      await syncAll(store, vms);
      expect(await all()).toEqual(once.page);
      expect(await store.inventory.freshness()).toEqual(
        once.freshness.map((f) => ({ ...f, issuedGeneration: f.issuedGeneration + 1, appliedGeneration: f.appliedGeneration + 1 })),
      );
      expect(once.page.totalCount).toBe(40);
    });

    it('an empty sync empties the cloud; VMs of another cloud are refused', async () => {
      const vms = makeVms(30);
      await syncAll(store, vms);
      const nl = ofCloud(vms, 'vcd-nl');
      expect(await sync(store, 'vcd-nl', [], LATER)).toEqual({ applied: true, written: 0, deleted: nl.length, unchanged: 0 });
      expect((await all({ cloudId: 'vcd-nl' })).totalCount).toBe(0);
      expect((await all()).totalCount).toBe(30 - nl.length);
      expect(await freshnessOf('vcd-nl')).toMatchObject({ vmCount: 0, syncedAt: LATER });

      const before = await store.inventory.freshness();
      await expect(sync(store, 'vcd-nl', ofCloud(vms, 'dc-east'), LATER)).rejects.toThrow(/of cloud dc-east/);
      expect((await all()).totalCount).toBe(30 - nl.length);
      expect((await store.inventory.freshness()).map(({ issuedGeneration: _issued, ...f }) => f)).toEqual(
        before.map(({ issuedGeneration: _issued, ...f }) => f),
      );
    });

    it('markStale keeps the entries and flags the cloud until its next sync', async () => {
      const vms = makeVms(30);
      await syncAll(store, vms);
      await failedSync(store, 'nova-eu', 'node timed out');
      expect((await all({ cloudId: 'nova-eu' })).items).toEqual(expectedOrder(vms, { cloudId: 'nova-eu' }, NAME_ASC));
      const fresh = await store.inventory.freshness();
      // Its second sync (generation 2) failed.
      expect(fresh.find((f) => f.cloudId === 'nova-eu')).toEqual({
        cloudId: 'nova-eu',
        syncedAt: SYNCED,
        stale: true,
        lastError: 'node timed out',
        vmCount: ofCloud(vms, 'nova-eu').length,
        issuedGeneration: 2,
        appliedGeneration: 2,
      });
      expect(fresh.find((f) => f.cloudId === 'dc-east')).toMatchObject({ stale: false, lastError: null });

      await sync(store, 'nova-eu', ofCloud(vms, 'nova-eu'), LATER);
      expect(fresh.length).toBe(3);
      expect(await freshnessOf('nova-eu')).toMatchObject({ stale: false, lastError: null, syncedAt: LATER });
    });

    it('removeCloud forgets one cloud’s entries and record, leaves the others, and can be repeated', async () => {
      const vms = makeVms(45);
      await syncAll(store, vms);
      await failedSync(store, 'vcd-nl', 'node timed out');
      const before = await store.inventory.freshness();
      await store.inventory.removeCloud('vcd-nl');
      const rest = vms.filter((vm) => vm.cloudId !== 'vcd-nl');
      expect(rest.length).toBeLessThan(vms.length);
      expect((await all({}, BY_ID)).items).toEqual(expectedOrder(rest, {}, BY_ID));
      expect(await store.inventory.count({ cloudId: 'vcd-nl' })).toBe(0);
      expect(await store.inventory.freshness()).toEqual(before.filter((f) => f.cloudId !== 'vcd-nl'));

      await store.inventory.removeCloud('vcd-nl');
      await store.inventory.removeCloud('never-indexed');
      expect(await store.inventory.freshness()).toEqual(before.filter((f) => f.cloudId !== 'vcd-nl'));
      // Synced again, it is back as any new cloud.
      await sync(store, 'vcd-nl', ofCloud(vms, 'vcd-nl'), LATER);
      expect((await all({ cloudId: 'vcd-nl' })).totalCount).toBe(ofCloud(vms, 'vcd-nl').length);
    });

    it('a cloud never synced can be marked stale; freshness is sorted by cloudId', async () => {
      await failedSync(store, 'zulu', 'unreachable');
      await sync(store, 'alpha', [], SYNCED);
      await failedSync(store, 'mike', 'unreachable');
      const once = { issuedGeneration: 1, appliedGeneration: 1 };
      expect(await store.inventory.freshness()).toEqual([
        { cloudId: 'alpha', syncedAt: SYNCED, stale: false, lastError: null, vmCount: 0, ...once },
        { cloudId: 'mike', syncedAt: null, stale: true, lastError: 'unreachable', vmCount: 0, ...once },
        { cloudId: 'zulu', syncedAt: null, stale: true, lastError: 'unreachable', vmCount: 0, ...once },
      ]);
    });

    it('a cloud whose first sync has only begun is not in freshness', async () => {
      const generation = await store.inventory.beginSync('alpha');
      expect(await store.inventory.freshness()).toEqual([]);
      await store.inventory.applySync('alpha', generation, [], SYNCED);
      expect((await store.inventory.freshness()).map((f) => f.cloudId)).toEqual(['alpha']);
    });
  });

  describe('generations: a sync that read earlier never overwrites one that read later', () => {
    const vms = makeVms(60);
    const east = ofCloud(vms, 'dc-east');
    const elsewhere = vms.filter((vm) => vm.cloudId !== 'dc-east');
    /** dc-east as a later read sees it: every other VM renamed; all stamped LATER, as that sync stamps them. */
    const later = east.map((vm, i) => ({ ...vm, ...(i % 2 === 0 ? { name: `${vm.name}-renamed` } : {}), syncedAt: LATER }));
    const renamed = later.filter((vm) => vm.name.endsWith('-renamed'));
    /** What the index holds after `later` is applied over `east`: the unchanged entries keep SYNCED. */
    const laterStored = east.map((vm, i) => (i % 2 === 0 ? later[i]! : vm));
    beforeEach(() => syncAll(store, vms));

    it('the data has what these tests need: dc-east has VMs, the later read renames some and keeps some', () => {
      expect(renamed.length).toBeGreaterThan(0);
      expect(renamed.length).toBeLessThan(east.length);
    });

    it('beginSync issues strictly increasing generations, to concurrent callers too', async () => {
      const sequential: number[] = [];
      for (let i = 0; i < 3; i += 1) sequential.push(await store.inventory.beginSync('dc-east'));
      expect(sequential[1]).toBeGreaterThan(sequential[0]!);
      expect(sequential[2]).toBeGreaterThan(sequential[1]!);
      const concurrent = await Promise.all(Array.from({ length: 10 }, () => store.inventory.beginSync('dc-east')));
      expect(new Set(concurrent).size).toBe(10);
      expect(Math.min(...concurrent)).toBeGreaterThan(sequential[2]!);
      expect(await store.inventory.beginSync('dc-east')).toBeGreaterThan(Math.max(...concurrent));
    });

    it('an older sync finishing after a newer one changes nothing', async () => {
      const older = await store.inventory.beginSync('dc-east');
      const newer = await store.inventory.beginSync('dc-east');
      expect(await store.inventory.applySync('dc-east', newer, later, LATER)).toEqual({
        applied: true,
        written: renamed.length,
        deleted: 0,
        unchanged: east.length - renamed.length,
      });
      const index = await all({}, BY_ID);
      const freshness = await store.inventory.freshness();
      expect(index.items).toEqual(expectedOrder(elsewhere.concat(laterStored), {}, BY_ID));

      // The older read (the original dc-east) differs from the newer, so applying it would show.
      expect(await store.inventory.applySync('dc-east', older, east, MIDWAY)).toEqual(SUPERSEDED);
      expect(await all({}, BY_ID)).toEqual(index);
      expect(await store.inventory.freshness()).toEqual(freshness);
      expect(await freshnessOf('dc-east')).toMatchObject({ syncedAt: LATER, appliedGeneration: newer });
    });

    it('markStale of an older generation after a newer sync was applied is ignored', async () => {
      const older = await store.inventory.beginSync('dc-east');
      const newer = await store.inventory.beginSync('dc-east');
      await store.inventory.applySync('dc-east', newer, later, LATER);
      const freshness = await store.inventory.freshness();
      await store.inventory.markStale('dc-east', older, 'node timed out');
      expect(await store.inventory.freshness()).toEqual(freshness);
      expect(await freshnessOf('dc-east')).toMatchObject({ stale: false, lastError: null, syncedAt: LATER });
    });

    it('a newer markStale supersedes an older sync: its outcome is refused and the cloud stays stale', async () => {
      const older = await store.inventory.beginSync('dc-east');
      const newer = await store.inventory.beginSync('dc-east');
      await store.inventory.markStale('dc-east', newer, 'node timed out');
      expect(await store.inventory.applySync('dc-east', older, later, LATER)).toEqual(SUPERSEDED);
      expect((await all({}, BY_ID)).items).toEqual(expectedOrder(vms, {}, BY_ID));
      expect(await freshnessOf('dc-east')).toEqual({
        cloudId: 'dc-east',
        syncedAt: SYNCED,
        stale: true,
        lastError: 'node timed out',
        vmCount: east.length,
        issuedGeneration: newer,
        appliedGeneration: newer,
      });
    });

    it('a second sync of the same VMs writes nothing, reports every entry unchanged, and leaves each entry’s syncedAt', async () => {
      const again = east.map((vm) => ({ ...vm, syncedAt: LATER }));
      expect(await sync(store, 'dc-east', again, LATER)).toEqual({ applied: true, written: 0, deleted: 0, unchanged: east.length });
      // The cloud is fresh as of LATER; each entry still says SYNCED, the sync that last changed it.
      expect((await all({ cloudId: 'dc-east' }, BY_ID)).items).toEqual(expectedOrder(east, {}, BY_ID));
      expect(await freshnessOf('dc-east')).toMatchObject({ syncedAt: LATER, stale: false, vmCount: east.length });
    });

    it('only the VMs that changed are written, each with the syncedAt of the sync that changed it', async () => {
      expect(await sync(store, 'dc-east', later, LATER)).toEqual({
        applied: true,
        written: renamed.length,
        deleted: 0,
        unchanged: east.length - renamed.length,
      });
      expect((await all({ cloudId: 'dc-east' }, BY_ID)).items).toEqual(expectedOrder(laterStored, {}, BY_ID));
      expect((await all({}, BY_ID)).items).toEqual(expectedOrder(elsewhere.concat(laterStored), {}, BY_ID));
    });

    it('VMs no longer in a sync are deleted, and counted', async () => {
      const [first, second, ...rest] = east;
      expect(await sync(store, 'dc-east', rest, LATER)).toEqual({ applied: true, written: 0, deleted: 2, unchanged: rest.length });
      expect((await all({ cloudId: 'dc-east' }, BY_ID)).items).toEqual(expectedOrder(rest, {}, BY_ID));
      expect(await store.inventory.count({})).toBe(vms.length - 2);
      expect((await all({}, BY_ID)).items.map((vm) => vm.id)).not.toEqual(expect.arrayContaining([first!.id, second!.id]));
      expect(await freshnessOf('dc-east')).toMatchObject({ vmCount: rest.length, syncedAt: LATER });
    });

    it('two syncs of one cloud applied at once do not interleave: the newer read is what stays', async () => {
      // The older read differs from both the stored state and the newer read: three VMs gone, every power state changed.
      const olderRead = east.slice(3).map((vm) => ({ ...vm, powerState: `${vm.powerState}-old`, syncedAt: MIDWAY }));
      const older = await store.inventory.beginSync('dc-east');
      const newer = await store.inventory.beginSync('dc-east');
      const [, newerOutcome] = await Promise.all([
        store.inventory.applySync('dc-east', older, olderRead, MIDWAY),
        store.inventory.applySync('dc-east', newer, later, LATER),
      ]);
      expect(newerOutcome).toMatchObject({ applied: true });
      // Which of the two claimed the cloud first decides which entries the newer one rewrote, so not their syncedAt.
      expect((await all({ cloudId: 'dc-east' }, BY_ID)).items.map(withoutSyncedAt)).toEqual(
        expectedOrder(later, {}, BY_ID).map(withoutSyncedAt),
      );
      expect(await freshnessOf('dc-east')).toMatchObject({ syncedAt: LATER, stale: false, vmCount: east.length, appliedGeneration: newer });
    });

    it('a sync begun before its cloud was removed is refused and does not bring the cloud back', async () => {
      const generation = await store.inventory.beginSync('vcd-nl');
      await store.inventory.removeCloud('vcd-nl');
      expect(await store.inventory.applySync('vcd-nl', generation, ofCloud(vms, 'vcd-nl'), LATER)).toEqual(SUPERSEDED);
      await store.inventory.markStale('vcd-nl', generation, 'node timed out');
      expect(await store.inventory.count({ cloudId: 'vcd-nl' })).toBe(0);
      expect((await store.inventory.freshness()).map((f) => f.cloudId)).toEqual(['dc-east', 'nova-eu']);
    });

    it('after a removal, a sync begun before it stays older than one begun after, however late it finishes', async () => {
      const before = [await store.inventory.beginSync('vcd-nl'), await store.inventory.beginSync('vcd-nl')];
      await store.inventory.removeCloud('vcd-nl');
      const after = await store.inventory.beginSync('vcd-nl');
      expect(after).toBeGreaterThan(Math.max(...before));
      const now = ofCloud(vms, 'vcd-nl').slice(0, 3);
      expect(await store.inventory.applySync('vcd-nl', after, now, LATER)).toMatchObject({ applied: true, written: now.length });
      for (const old of before) expect(await store.inventory.applySync('vcd-nl', old, ofCloud(vms, 'vcd-nl'), LATER)).toEqual(SUPERSEDED);
      expect((await all({ cloudId: 'vcd-nl' }, BY_ID)).items.map((vm) => vm.id)).toEqual(now.map((vm) => vm.id).sort());
      expect(await freshnessOf('vcd-nl')).toMatchObject({ vmCount: now.length, stale: false, appliedGeneration: after });
    });
  });

  describe('page', () => {
    const vms = makeVms(1037);
    beforeEach(() => syncAll(store, vms));

    const filters: Array<[string, VmFilter]> = [
      ['tenantId', { tenantId: 'acme' }],
      ['cloudId', { cloudId: 'vcd-nl' }],
      ['powerState', { powerState: 'SUSPENDED' }],
      ['nameContains, case-insensitive', { nameContains: 'wEB' }],
      ['nameContains "." literally (not any character)', { nameContains: 'he.0' }],
      ['nameContains with ( [ + * $', { nameContains: 'db(1' }],
      ['nameContains "[edge]"', { nameContains: '[EDGE]' }],
      ['nameContains "a+b"', { nameContains: 'a+b' }],
      ['nameContains "x*y"', { nameContains: 'x*Y' }],
      ['nameContains "p$"', { nameContains: 'p$' }],
      ['nameContains matching nothing', { nameContains: '.*' }],
      ['tenantId + cloudId', { tenantId: 'globex', cloudId: 'vcd-nl' }],
      ['all four', { tenantId: 'acme', cloudId: 'dc-east', powerState: 'POWERED_ON', nameContains: 'W' }],
    ];
    it.each(filters)('filter: %s', async (_label, filter) => {
      const expected = expectedOrder(vms, filter, NAME_ASC);
      const page = await all(filter);
      expect(page.items).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
      expect(page.hasNextPage).toBe(false);
    });

    it('the data has what the filter tests need: ties, literal-only matches, every filter non-trivial', () => {
      expect(vms.filter((vm) => vm.name === 'web').length).toBeGreaterThan(5);
      expect(vms.some((vm) => vm.name.startsWith('cacheX01'))).toBe(true); // "he.0" as a regex would match it
      for (const [label, filter] of filters) {
        if (label !== 'nameContains matching nothing') expect(expectedOrder(vms, filter, NAME_ASC).length).toBeGreaterThan(0);
      }
    });

    it.each(ORDERINGS.map((o) => [`${o.field} ${o.direction}`, o] as const))('order %s, ties broken by id', async (_label, orderBy) => {
      const page = await all({}, orderBy);
      expect(page.items.map((vm) => vm.id)).toEqual(expectedOrder(vms, {}, orderBy).map((vm) => vm.id));
    });

    it.each(ORDERINGS.map((o) => [`${o.field} ${o.direction}`, o] as const))(
      'pages of 100 in order %s return each VM exactly once',
      async (_label, orderBy) => {
        const { ids, pages, totals } = await pageThrough(store, {}, orderBy, 100);
        expect(ids).toEqual(expectedOrder(vms, {}, orderBy).map((vm) => vm.id));
        expect(new Set(ids).size).toBe(1037);
        expect(pages).toBe(11);
        expect([...totals]).toEqual([1037]);
      },
    );

    it('pages through a filtered query, with totalCount of the filter on every page', async () => {
      const filter = { tenantId: 'acme', nameContains: 'E' };
      const expected = expectedOrder(vms, filter, { field: 'MEMORY_MB', direction: 'DESC' }).map((vm) => vm.id);
      const { ids, totals } = await pageThrough(store, filter, { field: 'MEMORY_MB', direction: 'DESC' }, 7);
      expect(ids).toEqual(expected);
      expect([...totals]).toEqual([expected.length]);
    });

    it('cursors are stable: changes before the cursor neither repeat nor skip later entries', async () => {
      const before = expectedOrder(vms, {}, NAME_ASC);
      const seen: IndexedVm[] = [];
      let after: string | undefined;
      for (let i = 0; i < 3; i += 1) {
        const page = await store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: 100, ...(after ? { after } : {}) });
        seen.push(...page.items);
        after = page.endCursor!;
      }
      expect(seen).toEqual(before.slice(0, 300));

      // Before the cursor: 50 new VMs sorting first ("!" < letters), and 20 seen ones removed.
      // After it: 5 new VMs sorting last. Then page on from the same cursor.
      const early = makeVms(50, 99).map((vm, i) => ({ ...vm, id: `${vm.cloudId}:early-${i}`, name: `!early-${i}` }));
      const late = makeVms(5, 98).map((vm, i) => ({ ...vm, id: `${vm.cloudId}:late-${i}`, name: `~late-${i}` }));
      const removed = new Set(seen.slice(0, 20).map((vm) => vm.id));
      const now = vms.filter((vm) => !removed.has(vm.id)).concat(early, late);
      await syncAll(store, now, LATER);

      const rest: string[] = [];
      for (;;) {
        const page = await store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: 100, ...(after ? { after } : {}) });
        rest.push(...page.items.map((vm) => vm.id));
        expect(page.totalCount).toBe(now.length);
        if (!page.hasNextPage) break;
        after = page.endCursor!;
      }
      const nowOrder = expectedOrder(now, {}, NAME_ASC).map((vm) => vm.id);
      const cursorAt = nowOrder.indexOf(seen[299]!.id);
      expect(rest).toEqual(nowOrder.slice(cursorAt + 1));
      // The same, said directly: the unseen originals in their order, then the late ones ("~late-0" … "~late-4").
      expect(rest).toEqual(
        before
          .slice(300)
          .map((vm) => vm.id)
          .concat(late.map((vm) => vm.id)),
      );
    });

    it('edge cursors (cursorOf) equal endCursor and resume after their entry', async () => {
      const orderBy = { field: 'CPU_COUNT', direction: 'DESC' } as const;
      const page = await store.inventory.page({ filter: {}, orderBy, first: 10 });
      expect(cursorOf(page.items[9]!, orderBy)).toBe(page.endCursor);
      const fromFifth = await store.inventory.page({ filter: {}, orderBy, first: 3, after: cursorOf(page.items[4]!, orderBy) });
      expect(fromFifth.items).toEqual(page.items.slice(5, 8));
    });

    it('first: 0 answers no items but says whether there are any', async () => {
      expect(await store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: 0 })).toEqual({
        items: [],
        totalCount: 1037,
        endCursor: null,
        hasNextPage: true,
      });
      expect(await store.inventory.page({ filter: { cloudId: 'none' }, orderBy: NAME_ASC, first: 0 })).toEqual({
        items: [],
        totalCount: 0,
        endCursor: null,
        hasNextPage: false,
      });
      await expect(store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: -1 })).rejects.toBeInstanceOf(InvalidPageRequestError);
    });

    it('a malformed or foreign cursor is an InvalidCursorError', async () => {
      const valid = (await store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: 1 })).endCursor!;
      const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
      const bad = [
        'not a cursor!',
        '',
        b64('{not json'),
        b64(null),
        b64([1, 2]),
        b64({ o: 'NAME', d: 'ASC', v: 'web' }), // no id
        b64({ o: 'NAME', d: 'ASC', v: 3, i: 'dc-east:vm-1' }), // a number where a name belongs
        b64({ o: 'CPU_COUNT', d: 'ASC', v: 'web', i: 'dc-east:vm-1' }),
      ];
      for (const after of bad) {
        await expect(store.inventory.page({ filter: {}, orderBy: NAME_ASC, first: 5, after })).rejects.toBeInstanceOf(InvalidCursorError);
      }
      // A real cursor of another ordering is refused too, with a message saying so.
      const err = await store.inventory
        .page({ filter: {}, orderBy: { field: 'NAME', direction: 'DESC' }, first: 5, after: valid })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCursorError);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/NAME ASC, not NAME DESC/);
    });

    it('copies entries out: mutating a page changes nothing stored', async () => {
      const page = await store.inventory.page({ filter: {}, orderBy: BY_ID, first: 3 });
      page.items[0]!.name = 'mutated';
      page.items[0]!.syncedAt.setTime(0);
      const again = await store.inventory.page({ filter: {}, orderBy: BY_ID, first: 3 });
      expect(again.items).toEqual(expectedOrder(vms, {}, BY_ID).slice(0, 3));
      expect(again.items[0]!.syncedAt).toBeInstanceOf(Date);
    });
  });
});
