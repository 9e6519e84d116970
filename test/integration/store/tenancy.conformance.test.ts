/**
 * The tenancy state a restarted gateway begins from, on every backend of ./backends:
 * the organizations discovery saw and the ownership snapshot of each multi-tenant cloud.
 */
import type { Store } from '../../../gateway/store/types';
import { backends } from './backends';

describe.each(backends)('tenancy repositories on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.openStore();
  });
  afterEach(() => backend.cleanup());

  it('keeps discovered organizations by id, the latest name winning', async () => {
    const seenAt = new Date('2026-12-02T05:00:00.000Z');
    await store.discoveredOrgs.putAll([
      { orgId: 'vcd-nl:org-b', name: 'Beta', seenAt },
      { orgId: 'vcd-nl:org-a', name: 'Alpha', seenAt },
    ]);
    await store.discoveredOrgs.putAll([{ orgId: 'vcd-nl:org-b', name: 'Beta Renamed', seenAt }]);
    expect(await store.discoveredOrgs.list()).toEqual([
      { orgId: 'vcd-nl:org-a', name: 'Alpha', seenAt },
      { orgId: 'vcd-nl:org-b', name: 'Beta Renamed', seenAt },
    ]);
  });

  it("replaces one cloud's ownership records, deleting vanished organizations and leaving other clouds alone", async () => {
    const org = (cloudId: string, org: string, vdcs: string[], vms: string[]) => ({ orgId: `${cloudId}:${org}`, cloudId, vdcs, vms });
    await store.ownership.replaceCloud('vcd-nl', [org('vcd-nl', 'o1', ['v1'], ['m1', 'm2']), org('vcd-nl', 'o2', ['v2'], [])]);
    await store.ownership.replaceCloud('vcd-de', [org('vcd-de', 'o9', ['v9'], ['m9'])]);
    // o1 lost a VM, o2 is gone, o3 is new.
    await store.ownership.replaceCloud('vcd-nl', [org('vcd-nl', 'o1', ['v1'], ['m1']), org('vcd-nl', 'o3', ['v3'], ['m3'])]);
    expect(await store.ownership.list()).toEqual([
      org('vcd-de', 'o9', ['v9'], ['m9']),
      org('vcd-nl', 'o1', ['v1'], ['m1']),
      org('vcd-nl', 'o3', ['v3'], ['m3']),
    ]);
  });
});
