/**
 * The simulated clouds of one fan-out setup, split across child processes
 * (bench/fanout/topologyMain.ts, one shard each) so that neither the bench nor the
 * gateway shares a process with them. Seen from the bench they are one topology:
 * its nodes (for the gateway's configuration), its tenants, and exact counts of the
 * requests its nodes and mock clouds received, summed over the shards.
 */
import { request } from 'undici';
import { buildSeed, type SeedCloudSpec, type SeedOptions } from '../../mocks/seed';
import { startChild, type BenchChild, type Listening } from '../lib/procs';

/** What a shard child is started with (FANOUT_SHARD, JSON). */
export interface ShardSpec {
  seed: SeedOptions;
  /** Latency of every mock cloud API call, ms. */
  latencyMs: number;
}

export interface ShardNode {
  cloudId: string;
  kind: 'cloud-node' | 'sp-node';
  url: string;
  secret: string;
}

/** The line a shard prints once every mock cloud and node listens. */
export interface ShardListening extends Listening {
  /** The control endpoint. */
  url: string;
  nodes: ShardNode[];
  clouds: Array<{ id: string; ownerTenantId?: string; vms: number }>;
  tenants: Array<{ id: string; name: string }>;
}

export interface ShardCounts {
  /** GraphQL requests received by the shard's cloud-nodes and sp-nodes (their /metrics). */
  nodeRequests: number;
  /** Requests received by its mock cloud APIs since the last reset. */
  cloudApiRequests: number;
}

export interface ShardedClouds {
  shards: BenchChild[];
  nodes: ShardNode[];
  tenants: Array<{ id: string; name: string; clouds: string[] }>;
  vms: number;
  counts(): Promise<ShardCounts>;
  /** Empty the mock clouds' request logs (they only grow otherwise). */
  resetCloudRequests(): Promise<void>;
  /** CPU time of every shard process so far, ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/**
 * Slices of `seed.clouds` for `count` shards. Owners are fixed from the whole seed first:
 * each slice is seeded on its own, and its round robin would otherwise start again at the
 * first tenant. Each slice gets its own PRNG seed, so no two shards' director clouds
 * share VDC and VM ids (a slice seeded alike would repeat the first slice's).
 */
export function shardSeeds(seed: SeedOptions, count: number): SeedOptions[] {
  const whole = buildSeed(seed);
  const specs: SeedCloudSpec[] = (seed.clouds ?? []).map((spec, i) => ({ ...spec, ownerTenantId: whole.clouds[i]!.ownerTenantId }));
  const size = Math.ceil(specs.length / count);
  return Array.from({ length: count }, (_, i) => ({
    ...seed,
    seed: (seed.seed ?? 42) + i,
    clouds: specs.slice(i * size, (i + 1) * size),
  })).filter((s) => s.clouds.length > 0);
}

async function getJson<T>(url: string, method: 'GET' | 'POST' = 'GET'): Promise<T> {
  const res = await request(url, { method });
  const body = (await res.body.json()) as T;
  if (res.statusCode !== 200) throw new Error(`${method} ${url}: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
  return body;
}

/** Start the shards of one setup side by side; if one fails, stop the others. */
export async function startShardedClouds(label: string, seed: SeedOptions, shardCount: number, latencyMs: number): Promise<ShardedClouds> {
  const seeds = shardSeeds(seed, shardCount);
  const results = await Promise.allSettled(
    seeds.map((s, i) =>
      startChild(`${label} shard ${i + 1}/${seeds.length}`, 'bench/fanout/topologyMain.ts', {
        FANOUT_SHARD: JSON.stringify({ seed: s, latencyMs } satisfies ShardSpec),
      }),
    ),
  );
  const shards = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(shards.map((s) => s.stop()));
    throw failed.reason;
  }
  const infos = shards.map((s) => s.info as ShardListening);
  const clouds = infos.flatMap((i) => i.clouds);
  const tenants = infos[0]!.tenants.map((t) => ({ ...t, clouds: clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id) }));
  return {
    shards,
    nodes: infos.flatMap((i) => i.nodes),
    tenants,
    vms: clouds.reduce((n, c) => n + c.vms, 0),
    async counts() {
      const each = await Promise.all(infos.map((i) => getJson<ShardCounts>(`${i.url}/counts`)));
      return {
        nodeRequests: each.reduce((n, c) => n + c.nodeRequests, 0),
        cloudApiRequests: each.reduce((n, c) => n + c.cloudApiRequests, 0),
      };
    },
    async resetCloudRequests() {
      await Promise.all(infos.map((i) => getJson(`${i.url}/reset`, 'POST')));
    },
    cpuMs: () => shards.reduce((ms, s) => ms + s.cpuMs(), 0),
    stop: async () => void (await Promise.all(shards.map((s) => s.stop()))),
  };
}
