/**
 * Metering never loses or doubles an hour: two gateway replicas metering the same
 * clouds at once, and a replica stopped in the middle of a run, leave exactly one
 * record per VM and hour it existed (counted against the seed's history).
 */
import { defaultHistoryStart } from '../../mocks/usageHistory';
import { HOUR_MS, hourStart, type HourRange } from '../../schema/hours';
import { startGateway } from '../../gateway/server';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { hoursOf, seededVms, type SeededVm } from '../support/billing';
import { postGraphQL, startTopology, type Topology } from '../support/topology';
import { waitFor } from '../support/waitFor';

const HISTORY_START = defaultHistoryStart();
const FROM = hourStart(Date.now() - 72 * HOUR_MS);
/** Hours every run has collected, whenever it ends: the range counted. */
const COUNTED: HourRange = { start: FROM, end: new Date(FROM.getTime() + 48 * HOUR_MS) };

let topology: Topology;
let store: Store;
let vms: SeededVm[];

beforeAll(async () => {
  store = await createMemoryStore();
  topology = await startTopology({ store, historyStart: HISTORY_START, billing: { meter: { from: FROM.toISOString(), windowHours: 6 } } });
  vms = seededVms(topology.seed, HISTORY_START);
}, 60_000);

afterAll(() => topology?.close());

const expectedCount = (): number => vms.reduce((n, vm) => n + hoursOf(vm, COUNTED).length, 0);
const storedCount = (): Promise<number> => store.usage.count({ ...COUNTED });
const meter = (url: string, token: string) =>
  postGraphQL<{ meterUsage: unknown[] }>(url, 'mutation { meterUsage { cloudId } }', undefined, token);

it('two replicas metering at once store each VM-hour once', async () => {
  const admin = await topology.tokenFor({ subject: 'ops', role: 'provider-admin' });
  const replica = await startGateway({ config: topology.gatewayConfig(), store });
  try {
    const [a, b] = await Promise.all([meter(topology.gateway.url, admin), meter(replica.url, admin)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    expect(expectedCount()).toBeGreaterThan(0);
    expect(await storedCount()).toBe(expectedCount());
  } finally {
    await replica.close();
  }
});

it('a replica stopped mid-run loses nothing: the next run collects what it left', async () => {
  // Forget what was metered: this run starts from nothing again.
  await topology.restartGateway(async () => {
    store = await createMemoryStore();
    return store;
  });
  const admin = await topology.tokenFor({ subject: 'ops', role: 'provider-admin' });
  const replica = await startGateway({ config: topology.gatewayConfig(), store });
  const interrupted = meter(replica.url, admin).catch(() => undefined);
  await waitFor('the replica to have stored some usage', async () => (await store.usage.count({ start: FROM, end: new Date() })) > 0, {
    timeoutMs: 20_000,
  });
  await replica.close();
  await interrupted;
  // Stopped mid-run indeed: hours were left to collect.
  const left = await topology.query<{ usageGaps: Array<{ hours: number }> }>('{ usageGaps { hours } }');
  expect(left.data!.usageGaps.reduce((n, gap) => n + gap.hours, 0)).toBeGreaterThan(0);
  const res = await meter(topology.gateway.url, admin);
  expect(res.errors).toBeUndefined();
  expect(res.data!.meterUsage).toEqual([]);
  expect(await storedCount()).toBe(expectedCount());
});
