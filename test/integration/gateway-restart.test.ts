/**
 * A gateway on the durable embedded store, stopped and started again on its data
 * directory: node configurations and the inventory index are still there (org
 * mappings: tenant-mapping-restart.test.ts); a second gateway on the directory is
 * refused; replicas (a shared Redis bus) on an embedded store are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDurableStore } from '../../gateway/store';
import { startGateway } from '../../gateway/server';
import type { Store } from '../../gateway/store/types';
import { startTopology, type Topology } from '../support/topology';

describe('a gateway restarted on its data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-gateway-restart-'));
  let store: Store;
  let topology: Topology;
  beforeAll(async () => {
    store = await openDurableStore(dir);
    topology = await startTopology({ store });
  });
  afterAll(async () => {
    await topology.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps node configurations (versions go on) and the inventory index', async () => {
    const configure = (logLevel: string) =>
      topology.query(
        `mutation { configureNode(id: "dc-east/cloud-node", settings: { logLevel: ${logLevel} }) { version settings { logLevel } } }`,
      );
    expect((await configure('DEBUG')).data).toEqual({ configureNode: { version: 1, settings: { logLevel: 'DEBUG' } } });
    expect((await configure('WARN')).data).toEqual({ configureNode: { version: 2, settings: { logLevel: 'WARN' } } });
    await topology.query('mutation { syncInventory { cloud { id } } }');
    const seedVms = topology.seed.clouds.flatMap((cloud) => cloud.vms.map((vm) => vm.name)).sort();
    const indexQuery = '{ inventoryFreshness { cloud { id } stale vmCount } vms(first: 500) { totalCount edges { node { name } } } }';
    const before = await topology.query<{
      inventoryFreshness: unknown[];
      vms: { totalCount: number; edges: Array<{ node: { name: string } }> };
    }>(indexQuery);
    expect(before.data!.vms.edges.map((e) => e.node.name).sort()).toEqual(seedVms);

    await topology.close();
    await store.close();
    store = await openDurableStore(dir);
    topology = await startTopology({ store });

    // No sync since the restart: what the index answers is what it kept.
    const after = await topology.query<typeof before.data>(indexQuery);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
    const config = await topology.query('{ node(id: "dc-east/cloud-node") { config { version settings { logLevel } } } }');
    expect(config.data).toEqual({ node: { config: { version: 2, settings: { logLevel: 'WARN' } } } });
    expect((await configure('ERROR')).data).toEqual({ configureNode: { version: 3, settings: { logLevel: 'ERROR' } } });
  });
});

describe('who may open a store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-gateway-owner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = {
    port: 0,
    logLevel: 'silent',
    auth: { hs256Secret: 's'.repeat(32) },
    healthCheckIntervalMs: 0,
    inventorySyncIntervalMs: 0,
  } as const;

  it('refuses a second gateway on a data directory in use, and lets it start once the first stopped', async () => {
    const first = await startGateway({ config: { ...config, store: { dataDir: dir } } });
    try {
      await expect(startGateway({ config: { ...config, store: { dataDir: dir } } })).rejects.toThrow(
        `the store in ${dir} is in use by another gateway (process ${process.pid}`,
      );
    } finally {
      await first.close();
    }
    const second = await startGateway({ config: { ...config, store: { dataDir: dir } } });
    await second.close();
  });

  it('refuses replicas (a shared event bus) on an embedded store', async () => {
    await expect(
      startGateway({ config: { ...config, store: { dataDir: dir }, events: { redisUrl: 'redis://127.0.0.1:6379' } } }),
    ).rejects.toThrow('replicas need a shared store: set store.mongodbUri (MONGODB_URI)');
  });
});
