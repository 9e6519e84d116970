/**
 * Gateway replicas on a Redis of this suite's own (test/support/redisServer.ts),
 * killed for an outage and started again on its port: what subscribers on each
 * replica receive, what /readyz and the log say, and that deployments sharing one
 * Redis do not hear each other. The machine's shared Redis is never used.
 */
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import { request } from 'undici';
import { eventChannel } from '../../gateway/events/bus';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { createMemoryStore } from '../../gateway/store';
import type { SeedVm } from '../../mocks/seed';
import { globalId } from '../support/expected';
import { connect, settled } from '../support/feeds';
import { parsePrometheusText, sampleValue } from '../support/prometheus';
import { startRedisServer, type RedisServer } from '../support/redisServer';
import { startTopology, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

interface VmEventData {
  vmEvents: { type: string; powerState: string; vm: { id: string } | null };
}

/** Every payload a subscription got (data and extensions), or its errors. */
function watch(client: Client, query: string) {
  const results: Array<FormattedExecutionResult<VmEventData, Record<string, unknown>>> = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe<VmEventData, Record<string, unknown>>(
    { query },
    { next: (r) => results.push(r), error: (e) => errors.push(e), complete: () => undefined },
  );
  const until = (count: number, what: string) =>
    waitFor(`${count} event(s) on ${what}`, () => {
      if (errors.length) throw new Error(`the subscription failed: ${JSON.stringify(errors)}`);
      return results.length >= count;
    });
  /** `vm.id powerState` of each event, in arrival order. */
  const seen = () => results.map((r) => `${r.data?.vmEvents.vm?.id} ${r.data?.vmEvents.powerState}`);
  return { results, seen, until, dispose };
}

/** A pino destination that keeps every line, parsed. */
function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
    },
  };
  return { lines, stream, count: (msg: string) => lines.filter((line) => line.msg === msg).length };
}

async function readyz(gateway: RunningGateway) {
  const res = await request(new URL('/readyz', gateway.url));
  const body = (await res.body.json()) as { ready: boolean; eventBus: { kind: string; state: string }; warnings: string[] };
  return { status: res.statusCode, ...body };
}

const DISCONNECTED = 'event bus disconnected: only the events collected here are delivered until it is back';
const CONNECTED = 'event bus connected';

describe('gateway replicas through an outage of Redis', () => {
  const clouds = [{ id: 'dc-east', kind: 'vsphere' as const }];
  let redis: RedisServer;
  let topology: Topology;
  let token: string;
  const gateways: RunningGateway[] = [];
  const clients: Client[] = [];
  const hiddenRedisUrl = process.env.REDIS_URL;
  // ioredis writes an error no listener took to console.error ("[ioredis] Unhandled error event").
  const consoleError = jest.spyOn(console, 'error');

  /** A replica over the topology's nodes and store, on this suite's Redis, logging into `log`. */
  const replica = async (events: { collect?: boolean; namespace?: string; gapGraceMs?: number }, log = logCapture()) => {
    const gateway = await startGateway({
      config: {
        ...topology.gatewayConfig(),
        logLevel: 'info',
        events: { redisUrl: redis.url, ...events },
      },
      // Replicas share their store (here one in this process).
      store: topology.store!,
      logDestination: log.stream,
    });
    gateways.push(gateway);
    // Ready apart from the bus: its node was seen up.
    await gateway.checkHealth();
    return { gateway, log };
  };
  /** A subscriber on `gateway` to the power changes of `cloudId`, registered at the hub when this resolves. */
  const subscriber = async (gateway: RunningGateway) => {
    const before = gateway.subscriptionStats().subscribed;
    const client = connect(gateway.url, token);
    clients.push(client);
    const w = watch(
      client,
      'subscription { vmEvents(filter: { cloudId: "dc-east", types: [POWER_STATE_CHANGED] }) { type powerState vm { id } } }',
    );
    await settled(gateway, before, 1);
    return w;
  };
  const cloud = () => topology.seed.clouds[0]!;
  /** Power `vm` into `state`; the event each subscriber should get, as `seen()` renders it. */
  const power = async (vm: SeedVm, state: 'POWERED_ON' | 'POWERED_OFF') => {
    const id = globalId(cloud(), vm.nativeId);
    const res = await topology.query(
      `mutation($id: ID!) { ${state === 'POWERED_ON' ? 'powerOnVm' : 'powerOffVm'}(id: $id) { powerState } }`,
      {
        id,
      },
    );
    expect(res.errors).toBeUndefined();
    return `${id} ${state}`;
  };
  const opposite = (state: string): 'POWERED_ON' | 'POWERED_OFF' => (state === 'POWERED_ON' ? 'POWERED_OFF' : 'POWERED_ON');
  const busState = (state: string) => (gateway: RunningGateway) =>
    waitFor(`the event bus of ${gateway.url} to be ${state}`, async () => (await readyz(gateway)).eventBus.state === state, {
      timeoutMs: 10_000,
    });

  beforeAll(async () => {
    // Nothing here may reach the machine's Redis: the topology's own gateway stays on the in-process bus.
    delete process.env.REDIS_URL;
    redis = await startRedisServer();
    topology = await startTopology({ seed: { clouds }, store: await createMemoryStore() });
    token = await topology.tokenFor({ subject: 'ops', role: 'provider-admin' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    for (const gateway of gateways) await gateway.close();
    await topology?.close();
    await redis?.close();
    if (hiddenRedisUrl !== undefined) process.env.REDIS_URL = hiddenRedisUrl;
    consoleError.mockRestore();
  });

  describe('an outage', () => {
    // Two replicas that collect, one that does not (it depends on the bus), and one started during the outage.
    let a: Awaited<ReturnType<typeof replica>>;
    let b: Awaited<ReturnType<typeof replica>>;
    let c: Awaited<ReturnType<typeof replica>>;
    let late: Awaited<ReturnType<typeof replica>> | undefined;
    let feeds: Array<Awaited<ReturnType<typeof subscriber>>>;
    let onC: Awaited<ReturnType<typeof subscriber>>;
    const vms = () => cloud().vms.slice(0, 3);
    // One change every replica hears before the outage: the one that collects nothing knows where the node's events stood.
    const before: string[] = [];
    const during: string[] = [];

    beforeAll(async () => {
      a = await replica({});
      b = await replica({});
      // No grace for the events a jump skipped: the first payload after the gap carries the flag (the grace: test/unit/hubGaps.test.ts).
      c = await replica({ collect: false, gapGraceMs: 0 });
      await Promise.all([a, b, c].map(({ gateway }) => busState('connected')(gateway)));
      feeds = [await subscriber(a.gateway), await subscriber(a.gateway), await subscriber(b.gateway)];
      onC = await subscriber(c.gateway);
      const vm = cloud().vms[4]!;
      before.push(await power(vm, opposite(vm.powerState)));
      for (const feed of [...feeds, onC]) await feed.until(1, 'a replica before the outage');
      for (const feed of [...feeds, onC]) expect(feed.seen()).toEqual(before);
    });

    it('delivers every change collected during the outage to the subscribers of both collecting replicas, once each', async () => {
      await redis.kill();
      for (const { gateway } of [a, b, c]) {
        await busState('disconnected')(gateway);
        // Still ready: queries and local delivery go on; the bus is a warning.
        const report = await readyz(gateway);
        expect(report).toMatchObject({ status: 200, ready: true, eventBus: { kind: 'redis', state: 'disconnected' } });
        expect(report.warnings).toEqual([expect.stringMatching(/^event bus \(redis\) disconnected since /)]);
      }
      for (const vm of vms()) during.push(await power(vm, opposite(vm.powerState)));
      for (const feed of feeds) await feed.until(before.length + during.length, 'a collecting replica during the outage');
      for (const feed of feeds) expect([...feed.seen().slice(before.length)].sort()).toEqual([...during].sort());
    });

    it('starts a replica while Redis is down, and says so in /readyz', async () => {
      late = await replica({});
      const report = await readyz(late.gateway);
      expect(report).toMatchObject({ status: 200, ready: true, eventBus: { kind: 'redis', state: 'disconnected' } });
    });

    it('reconnects when Redis is back: changes reach every replica once, the one that collects nothing included', async () => {
      await redis.start();
      await Promise.all([a, b, c, late!].map(({ gateway }) => busState('connected')(gateway)));
      for (const { gateway } of [a, b, c, late!]) expect(await readyz(gateway)).toMatchObject({ ready: true, warnings: [] });
      const after: string[] = [];
      for (const vm of vms()) after.push(await power(vm, opposite(opposite(vm.powerState))));
      const total = before.length + during.length + after.length;
      for (const feed of feeds) await feed.until(total, 'a collecting replica after the outage');
      for (const feed of feeds) expect([...feed.seen().slice(before.length + during.length)].sort()).toEqual([...after].sort());
      for (const feed of feeds) expect(feed.results).toHaveLength(total);
      // They missed nothing, so nothing tells them to re-read.
      for (const feed of feeds) expect(feed.results.filter((r) => r.extensions?.resync)).toEqual([]);
      // The replica that collects nothing lost what was published during the outage, gets what came after,
      // and its first payload after the gap says so.
      await onC.until(before.length + after.length, 'the replica that collects nothing');
      expect([...onC.seen().slice(before.length)].sort()).toEqual([...after].sort());
      expect(onC.results.map((r) => r.extensions?.resync === true)).toEqual([false, true, ...after.slice(1).map(() => false)]);
      // One jump (the node's events during the outage), on that replica only.
      const metricsOf = async ({ gateway }: { gateway: RunningGateway }) => {
        const res = await request(gateway.url.replace(/\/graphql$/, '/metrics'));
        return parsePrometheusText(await res.body.text());
      };
      expect(await Promise.all([a, b, c].map(async (r) => sampleValue(await metricsOf(r), 'overcast_gateway_event_gaps_total')))).toEqual([
        0, 0, 1,
      ]);
    });

    it('logs each change of the bus state once, and leaves no ioredis error unhandled', () => {
      for (const { log } of [a, b, c]) {
        // Connected at start, lost once, back once: however many reconnection attempts failed between.
        expect([log.count(CONNECTED), log.count(DISCONNECTED)]).toEqual([2, 1]);
      }
      // Down at start (once), then connected (once).
      expect([late!.log.count(DISCONNECTED), late!.log.count(CONNECTED)]).toEqual([1, 1]);
      expect(late!.log.lines.find((line) => line.msg === DISCONNECTED)).toMatchObject({
        level: 40,
        reason: expect.stringContaining('ECONNREFUSED'),
      });
      const fromIoredis = consoleError.mock.calls.filter((args) => args.some((arg) => String(arg).includes('ioredis')));
      expect(fromIoredis).toEqual([]);
    });
  });

  describe('deployments on one Redis', () => {
    it('derives the default channel from the store, without credentials or options, and from the namespace', () => {
      const channel = (uri?: string, namespace?: string) => eventChannel(namespace, uri);
      expect(channel('mongodb://u:p@h1:27017,h2:27017/overcast?retryWrites=true')).toBe(channel('mongodb://H2:27017,h1:27017/'));
      expect(channel('mongodb://h1:27017/overcast')).not.toBe(channel('mongodb://h1:27017/other'));
      expect(channel('mongodb://h1:27017/overcast')).toMatch(/^overcast:[0-9a-f]{12}:events$/);
      expect(channel('mongodb://h1:27017/overcast', 'blue')).toBe('overcast:blue:events');
      expect(channel(undefined)).toBe('overcast:default:events');
    });

    it('keeps each deployment to its own channel', async () => {
      const vm = cloud().vms[3]!;
      const blue = await replica({ namespace: 'blue' });
      const blueListener = await replica({ namespace: 'blue', collect: false });
      const green = await replica({ namespace: 'green', collect: false });
      await Promise.all([blue, blueListener, green].map(({ gateway }) => busState('connected')(gateway)));
      // The channel each one logged at start.
      const channels = [blue, blueListener, green].map(
        ({ log }) => log.lines.find((line) => line.msg === 'event bus: Redis pub/sub')?.channel,
      );
      expect(channels).toEqual(['overcast:blue:events', 'overcast:blue:events', 'overcast:green:events']);

      const onBlue = await subscriber(blueListener.gateway);
      const onGreen = await subscriber(green.gateway);
      const first = await power(vm, opposite(vm.powerState));
      await onBlue.until(1, 'the other replica of the deployment');
      // A second change, so that the first had every chance to reach green before blue saw this one.
      const second = await power(vm, opposite(opposite(vm.powerState)));
      await onBlue.until(2, 'the other replica of the deployment');
      expect(onBlue.seen()).toEqual([first, second]);
      expect(onGreen.results).toEqual([]);
    });
  });
});
