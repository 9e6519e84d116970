/**
 * Store conformance: the node registry, registration tokens, node configs and the
 * tenant directory's manual organization mappings, on
 * every backend of ./backends (embedded always, MongoDB when MONGODB_URI is set).
 * The inventory has its own file (inventory.conformance.test.ts).
 */
import { createMemoryStore, createStore, openStore } from '../../../gateway/store';
import { MemoryDatabase } from '../../../gateway/store/memory/database';
import type { NodeRecord, OrgMappingRecord, RegistrationTokenRecord, Store } from '../../../gateway/store/types';
import { backends } from './backends';

const T0 = new Date('2025-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function node(overrides: Partial<NodeRecord> = {}): NodeRecord {
  return {
    id: 'dc-east/cloud-node',
    cloudId: 'dc-east',
    kind: 'cloud-node',
    url: 'http://127.0.0.1:5001/graphql',
    secret: 's'.repeat(40),
    version: '1.0.0',
    schemaHash: 'abc123',
    registeredAt: new Date(T0), // a copy: a test mutates it
    status: 'UNKNOWN',
    ...overrides,
  };
}

function token(overrides: Partial<RegistrationTokenRecord> = {}): RegistrationTokenRecord {
  return { tokenHash: 'hash-1', cloudId: 'dc-east', kind: 'cloud-node', createdAt: new Date(T0), expiresAt: at(600), ...overrides };
}

function mapping(overrides: Partial<OrgMappingRecord> = {}): OrgMappingRecord {
  return { orgId: 'vcd-nl:urn:vcloud:org:1', tenantId: 'acme', updatedAt: new Date(T0), ...overrides };
}

describe.each(backends)('store conformance on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.openStore();
  });
  afterEach(() => backend.cleanup());

  describe('nodes', () => {
    it('upsert inserts, and upserting the same id again replaces instead of adding', async () => {
      await store.nodes.upsert(node());
      await store.nodes.upsert(node());
      expect(await store.nodes.list()).toEqual([node()]);

      const moved = node({ url: 'http://127.0.0.1:6001/graphql', version: '1.1.0', status: 'UP', lastSeen: at(5), latencyMs: 12 });
      await store.nodes.upsert(moved);
      expect(await store.nodes.list()).toEqual([moved]);

      // Replacement, not merge: fields absent from the new record are gone.
      await store.nodes.upsert(node());
      const stored = await store.nodes.get('dc-east/cloud-node');
      expect(stored).toEqual(node());
      expect(stored).not.toHaveProperty('lastSeen');
      expect(stored).not.toHaveProperty('latencyMs');
    });

    it('get, list (by id) and remove', async () => {
      const ids = ['vcd-nl/sp-node', 'dc-east/cloud-node', 'vcd-nl/cloud-node', 'nova-eu/cloud-node'];
      for (const id of ids) {
        const [cloudId, kind] = id.split('/') as [string, NodeRecord['kind']];
        await store.nodes.upsert(node({ id, cloudId, kind }));
      }
      expect((await store.nodes.list()).map((n) => n.id)).toEqual([...ids].sort());
      expect(await store.nodes.get('vcd-nl/sp-node')).toEqual(node({ id: 'vcd-nl/sp-node', cloudId: 'vcd-nl', kind: 'sp-node' }));
      expect(await store.nodes.get('nowhere/cloud-node')).toBeNull();

      expect(await store.nodes.remove('vcd-nl/sp-node')).toBe(true);
      expect(await store.nodes.remove('vcd-nl/sp-node')).toBe(false);
      expect(await store.nodes.get('vcd-nl/sp-node')).toBeNull();
      expect((await store.nodes.list()).map((n) => n.id)).toEqual(ids.filter((id) => id !== 'vcd-nl/sp-node').sort());
    });

    it('setHealth sets the given fields, keeps the others, and ignores unknown nodes', async () => {
      await store.nodes.upsert(node());
      await store.nodes.setHealth('dc-east/cloud-node', { status: 'UP', lastSeen: at(10), latencyMs: 7 });
      expect(await store.nodes.get('dc-east/cloud-node')).toEqual(node({ status: 'UP', lastSeen: at(10), latencyMs: 7 }));

      // Down: lastSeen and latency stay those of when it was last up.
      await store.nodes.setHealth('dc-east/cloud-node', { status: 'DOWN' });
      expect(await store.nodes.get('dc-east/cloud-node')).toEqual(node({ status: 'DOWN', lastSeen: at(10), latencyMs: 7 }));

      await store.nodes.setHealth('ghost/cloud-node', { status: 'UP', lastSeen: at(11) });
      expect(await store.nodes.get('ghost/cloud-node')).toBeNull();
      expect(await store.nodes.list()).toHaveLength(1);
    });

    it('copies records in and out: callers cannot change stored state', async () => {
      const record = node({ lastSeen: at(1) });
      await store.nodes.upsert(record);
      record.url = 'http://mutated/';
      record.registeredAt.setTime(0);

      const read = await store.nodes.get(record.id);
      expect(read?.url).toBe('http://127.0.0.1:5001/graphql');
      expect(read?.registeredAt).toBeInstanceOf(Date);
      expect(read?.registeredAt.getTime()).toBe(T0.getTime());

      read!.status = 'DOWN';
      read!.lastSeen!.setTime(0);
      const listed = await store.nodes.list();
      listed[0]!.url = 'http://mutated-again/';
      expect(await store.nodes.get(record.id)).toEqual(node({ lastSeen: at(1) }));
    });
  });

  describe('registration tokens', () => {
    it('consumes a valid token once, then reports it used', async () => {
      await store.registrationTokens.create(token());
      const first = await store.registrationTokens.consume('hash-1', at(60));
      expect(first).toEqual({ ok: true, token: token({ usedAt: at(60) }) });
      expect(await store.registrationTokens.consume('hash-1', at(61))).toEqual({ ok: false, reason: 'used' });
    });

    it('reports unknown and expired tokens (expiry is exclusive: usable strictly before expiresAt)', async () => {
      expect(await store.registrationTokens.consume('nope', at(1))).toEqual({ ok: false, reason: 'unknown' });
      await store.registrationTokens.create(token({ tokenHash: 'short', expiresAt: at(30) }));
      expect(await store.registrationTokens.consume('short', at(30))).toEqual({ ok: false, reason: 'expired' });
      expect(await store.registrationTokens.consume('short', at(31))).toEqual({ ok: false, reason: 'expired' });
      // An expired token stays expired, not used: the failed attempts changed nothing.
      expect(await store.registrationTokens.consume('short', at(29))).toEqual({
        ok: true,
        token: token({ tokenHash: 'short', expiresAt: at(30), usedAt: at(29) }),
      });
    });

    it('create is idempotent and never revives a used token', async () => {
      await store.registrationTokens.create(token());
      await store.registrationTokens.create(token());
      expect((await store.registrationTokens.consume('hash-1', at(1))).ok).toBe(true);
      await store.registrationTokens.create(token()); // a retried create after use
      expect(await store.registrationTokens.consume('hash-1', at(2))).toEqual({ ok: false, reason: 'used' });
    });

    it('of concurrent consumers exactly one succeeds', async () => {
      await store.registrationTokens.create(token());
      const pair = await Promise.all([
        store.registrationTokens.consume('hash-1', at(5)),
        store.registrationTokens.consume('hash-1', at(5)),
      ]);
      expect(pair.filter((r) => r.ok)).toHaveLength(1);
      expect(pair.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'used' }]);

      await store.registrationTokens.create(token({ tokenHash: 'hash-2' }));
      const crowd = await Promise.all(Array.from({ length: 20 }, () => store.registrationTokens.consume('hash-2', at(6))));
      expect(crowd.filter((r) => r.ok)).toHaveLength(1);
    });
  });

  describe('node configs', () => {
    it('post starts at version 1 with appliedVersion 0 and increments the version', async () => {
      expect(await store.nodeConfigs.get('dc-east/cloud-node')).toBeNull();
      const first = await store.nodeConfigs.post('dc-east/cloud-node', { logLevel: 'debug' }, at(1));
      expect(first).toEqual({
        nodeId: 'dc-east/cloud-node',
        version: 1,
        settings: { logLevel: 'debug' },
        appliedVersion: 0,
        updatedAt: at(1),
      });
      const second = await store.nodeConfigs.post('dc-east/cloud-node', { logLevel: 'info', nested: { a: [1, 2] } }, at(2));
      expect(second).toEqual({
        nodeId: 'dc-east/cloud-node',
        version: 2,
        settings: { logLevel: 'info', nested: { a: [1, 2] } },
        appliedVersion: 0,
        updatedAt: at(2),
      });
      expect(await store.nodeConfigs.get('dc-east/cloud-node')).toEqual(second);
      // Per node: another node starts at 1.
      expect((await store.nodeConfigs.post('vcd-nl/sp-node', {}, at(3))).version).toBe(1);
    });

    it('concurrent posts get distinct consecutive versions', async () => {
      const posted = await Promise.all(Array.from({ length: 8 }, (_, i) => store.nodeConfigs.post('n', { i }, at(i))));
      expect(posted.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await store.nodeConfigs.get('n'))?.version).toBe(8);
    });

    it('acknowledge never goes backwards, never above the posted version, and posts keep it', async () => {
      await store.nodeConfigs.post('n', { v: 1 }, at(1));
      await store.nodeConfigs.post('n', { v: 2 }, at(2));
      await store.nodeConfigs.acknowledge('n', 1);
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(1);
      await store.nodeConfigs.acknowledge('n', 0);
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(1);
      await store.nodeConfigs.acknowledge('n', 3); // never posted
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(1);
      await store.nodeConfigs.acknowledge('n', 2);
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(2);
      await store.nodeConfigs.acknowledge('n', 1); // late, older acknowledgement
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(2);

      const third = await store.nodeConfigs.post('n', { v: 3 }, at(3));
      expect(third).toMatchObject({ version: 3, appliedVersion: 2 });
      await Promise.all([store.nodeConfigs.acknowledge('n', 3), store.nodeConfigs.acknowledge('n', 2)]);
      expect((await store.nodeConfigs.get('n'))?.appliedVersion).toBe(3);
    });

    it('acknowledging for an unknown node creates nothing', async () => {
      await store.nodeConfigs.acknowledge('ghost', 1);
      expect(await store.nodeConfigs.get('ghost')).toBeNull();
    });

    it('copies settings in and out', async () => {
      const settings = { limits: { maxDepth: 5 } };
      const posted = await store.nodeConfigs.post('n', settings, at(1));
      settings.limits.maxDepth = 99;
      (posted.settings.limits as { maxDepth: number }).maxDepth = 42;
      expect((await store.nodeConfigs.get('n'))?.settings).toEqual({ limits: { maxDepth: 5 } });
    });
  });

  describe('org mappings', () => {
    it('lists nothing before the first put, then what was put', async () => {
      expect(await store.orgMappings.list()).toEqual([]);
      await store.orgMappings.put(mapping());
      expect(await store.orgMappings.list()).toEqual([mapping()]);
    });

    it('put replaces by orgId instead of adding, and a repeated put is one record', async () => {
      await store.orgMappings.put(mapping());
      await store.orgMappings.put(mapping({ tenantId: 'globex', updatedAt: at(5) }));
      await store.orgMappings.put(mapping({ tenantId: 'globex', updatedAt: at(5) }));
      expect(await store.orgMappings.list()).toEqual([mapping({ tenantId: 'globex', updatedAt: at(5) })]);
    });

    it('keeps an unmapping (tenantId null) as a record, and a later mapping replaces it', async () => {
      await store.orgMappings.put(mapping());
      await store.orgMappings.put(mapping({ tenantId: null, updatedAt: at(1) }));
      expect(await store.orgMappings.list()).toEqual([mapping({ tenantId: null, updatedAt: at(1) })]);
      await store.orgMappings.put(mapping({ tenantId: 'acme', updatedAt: at(2) }));
      expect(await store.orgMappings.list()).toEqual([mapping({ updatedAt: at(2) })]);
    });

    it('lists every organization sorted by orgId, whatever the order of the puts', async () => {
      const orgIds = ['vcd-nl:urn:vcloud:org:b', 'mt-2:o-1', 'vcd-nl:urn:vcloud:org:a', 'mt-1:o-9'];
      for (const [i, orgId] of orgIds.entries())
        await store.orgMappings.put(mapping({ orgId, tenantId: i % 2 ? null : 'acme', updatedAt: at(i) }));
      const listed = await store.orgMappings.list();
      expect(listed.map((m) => m.orgId)).toEqual([...orgIds].sort());
      expect(listed.find((m) => m.orgId === 'mt-2:o-1')).toEqual(mapping({ orgId: 'mt-2:o-1', tenantId: null, updatedAt: at(1) }));
    });

    it('copies records in and out: callers cannot change stored state', async () => {
      const record = mapping();
      await store.orgMappings.put(record);
      record.tenantId = 'mutated';
      record.updatedAt.setTime(0);
      const [read] = await store.orgMappings.list();
      expect(read).toEqual(mapping());
      read!.tenantId = 'mutated-again';
      expect(await store.orgMappings.list()).toEqual([mapping()]);
    });
  });
});

describe('the embedded store across restarts', () => {
  it('keeps its data when closed, so one store object can serve a restarted gateway', async () => {
    const store = await createMemoryStore();
    await store.nodes.upsert(node());
    await store.nodeConfigs.post('dc-east/cloud-node', { a: 1 }, at(1));
    await store.close();
    expect(await store.nodes.list()).toEqual([node()]);
    expect((await store.nodeConfigs.post('dc-east/cloud-node', { a: 2 }, at(2))).version).toBe(2);
  });

  it('a second store over the same embedded database sees the first one’s data and indexes', async () => {
    const db = new MemoryDatabase();
    const first = await createStore(db);
    await first.registrationTokens.create(token());
    const second = await createStore(db); // creating the indexes again is harmless
    expect((await second.registrationTokens.consume('hash-1', at(1))).ok).toBe(true);
    expect(await first.registrationTokens.consume('hash-1', at(2))).toEqual({ ok: false, reason: 'used' });
  });

  it('openStore without a connection string is a new, empty embedded store', async () => {
    const a = await openStore({});
    const b = await openStore({ mongodbUri: '' });
    await a.nodes.upsert(node());
    expect(await b.nodes.list()).toEqual([]);
  });
});
