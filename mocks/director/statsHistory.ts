/**
 * The metrics application's history query, `POST /suite-api/api/resources/stats/query`,
 * answered from the seed's usage history (../usageHistory.ts); nothing is invented here.
 * Served beside metrics.ts, behind its token guard (the `onRequest` hook there covers
 * every `/suite-api/` path).
 *
 * Body (the documented `stat-query`): `{resourceId: [≤1000], statKey?: [...], begin?, end?
 * (epoch ms), rollUpType, intervalType, intervalQuantifier}` → `{values: [{resourceId,
 * "stat-list": {stat: [{timestamps, statKey: {key}, data, rollUpType, intervalUnit:
 * {quantifier, intervalType}}]}}]}`. Unknown ids are absent, as in the latest query.
 *
 * Stat keys, in the application's units:
 * - used: `cpu|usagemhz_average` (MHz), `mem|consumed_average` (KB), `diskspace|used` (GB),
 *   `net|usage_average` (KBps: kilobytes per second; the history holds kilobits);
 * - allocation: `cpu|corecount_provisioned` (vCPUs), `mem|guest_provisioned` (KB),
 *   `diskspace|provisioned` (GB).
 *
 * Chosen here, not confirmed against a real application (the documentation read gives
 * the body and answer shapes and the rollUp and interval enums, nothing more):
 * - the allocation key names: taken from Aria Operations' VM metric list as the brief
 *   names them; no page of the documentation corpus confirmed them;
 * - intervals are whole UTC hours; an interval is answered when it starts in
 *   [begin, end) and has ended by now (an hour still running has no final rollup), and
 *   each point is stamped with the interval's start;
 * - only `intervalType: HOURS` with `intervalQuantifier: 1` and rollUps `AVG` and `MAX`
 *   are served; anything else is refused with a 400 (the real application has more);
 * - MAX of a used key is the highest 5-minute sample of the hour;
 * - a VM publishes nothing for the hours before it existed, and no used figure for an
 *   hour without a sample (it did not run, or the collector missed the hour): the key
 *   has no point for that hour, and a resource without any point is left out;
 * - `begin` absent: 24 hours before `end`; `end` absent: now (as documented).
 *
 * Failing reads: `POST /__mock/metrics-settings {failStats: true}` (metrics.ts) makes this
 * query fail with the application's JSON 500 too: the setting is read off that request
 * (a hook here), so one switch fails every stats read.
 */
import type { FastifyInstance } from 'fastify';
import type { SeedCloud } from '../seed';
import { SAMPLE_MS, type HourUsage, type UsageSample, type VmHistory } from '../usageHistory';
import { MAX_STATS_IDS, metricsResourceId, sendMetricsError } from './metrics';

export const STATS_QUERY_PATH = '/suite-api/api/resources/stats/query';
const SETTINGS_PATH = '/__mock/metrics-settings';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Rollup = 'AVG' | 'MAX';

/** How each key is read from one hour of a VM's history, per rollUp; undefined: no point. */
interface StatSpec {
  of: (hour: HourUsage, rollup: Rollup, history: VmHistory) => number | undefined;
}

const allocation = (key: 'vcpu' | 'memoryMb' | 'storageGb', scale = 1): StatSpec => ({
  of: (hour, rollup) => hour.allocation[rollup === 'MAX' ? 'max' : 'avg'][key] * scale,
});

/** The highest 5-minute sample of the hour, for MAX of a used key. */
function maxSample(history: VmHistory, hour: number, key: keyof UsageSample): number | undefined {
  const values: number[] = [];
  for (let t = hour; t < hour + HOUR; t += SAMPLE_MS) {
    const sample = history.sampleAt(t);
    if (sample) values.push(sample[key]);
  }
  return values.length ? Math.max(...values) : undefined;
}

const used = (key: keyof UsageSample, scale = 1): StatSpec => ({
  of: (hour, rollup, history) => {
    if (!hour.used) return undefined;
    const value = rollup === 'MAX' ? maxSample(history, hour.hour, key) : hour.used[key];
    return value === undefined ? undefined : value * scale;
  },
});

const STATS: Record<string, StatSpec> = {
  'cpu|usagemhz_average': used('cpuUsedMhz'),
  'mem|consumed_average': used('memoryUsedMb', 1024),
  'diskspace|used': used('storageUsedGb'),
  'net|usage_average': used('networkKbps', 1 / 8),
  'cpu|corecount_provisioned': allocation('vcpu'),
  'mem|guest_provisioned': allocation('memoryMb', 1024),
  'diskspace|provisioned': allocation('storageGb'),
};

const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isMs = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * Register the history query. `history` is the seed's, in `cloud.vms` order as built
 * (createMockServer's); a VM is a resource only while it has a vSphere placement in a
 * listed vCenter, as in metrics.ts.
 */
export function registerStatsHistory(app: FastifyInstance, cloud: SeedCloud, history: readonly VmHistory[]): void {
  const historyOf = new Map(history.map((h) => [h.vm.nativeId, h]));
  let failStats = false;

  // Follow metrics.ts's failStats switch without a second mock control.
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.url.split('?')[0] !== SETTINGS_PATH) return;
    const value = (request.body as { failStats?: unknown } | undefined)?.failStats;
    if (typeof value === 'boolean') failStats = value;
  });

  const resources = (): Map<string, VmHistory> =>
    new Map(
      cloud.vms.flatMap((vm) => {
        const listed = cloud.vcenters?.some((v) => v.vimServerId === vm.vsphere?.vcenterId) ?? false;
        const h = historyOf.get(vm.nativeId);
        return vm.vsphere && listed && h ? [[metricsResourceId(vm.nativeId), h] as const] : [];
      }),
    );

  app.post(STATS_QUERY_PATH, async (request, reply) => {
    if (failStats) return sendMetricsError(reply, 500, 'An internal error occurred while querying the stats.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ids = body.resourceId;
    const keys = body.statKey ?? Object.keys(STATS);
    if (!isStrings(ids)) return sendMetricsError(reply, 400, 'resourceId must be a list of resource identifiers.');
    if (!isStrings(keys)) return sendMetricsError(reply, 400, 'statKey must be a list of stat keys.');
    if (ids.length > MAX_STATS_IDS) {
      return sendMetricsError(reply, 400, `At most ${MAX_STATS_IDS} resource identifiers can be queried at once.`);
    }
    const now = Date.now();
    const end = body.end ?? now;
    const begin = body.begin ?? (isMs(end) ? end - DAY : undefined);
    if (!isMs(begin) || !isMs(end)) return sendMetricsError(reply, 400, 'begin and end must be epoch milliseconds.');
    if (end < begin) return sendMetricsError(reply, 400, 'The ending date must not be less than the beginning date.');
    const rollup = body.rollUpType;
    if (rollup !== 'AVG' && rollup !== 'MAX') return sendMetricsError(reply, 400, 'This mock serves rollUpType AVG and MAX only.');
    if (body.intervalType !== 'HOURS' || body.intervalQuantifier !== 1) {
      return sendMetricsError(reply, 400, 'This mock serves intervalType HOURS with intervalQuantifier 1 only.');
    }

    const hours: number[] = [];
    // Whole hours starting in [begin, end) that have ended by now.
    for (let h = Math.ceil(begin / HOUR) * HOUR; h < end && h + HOUR <= now; h += HOUR) hours.push(h);
    const known = keys.filter((key) => Object.hasOwn(STATS, key));
    const byId = resources();
    const values = [...new Set(ids)].flatMap((resourceId) => {
      const vmHistory = byId.get(resourceId);
      if (!vmHistory) return [];
      const usage = hours.map((h) => vmHistory.hourUsage(h)).filter((u): u is HourUsage => u !== null);
      const stat = known.flatMap((key) => {
        const points = usage.flatMap((u) => {
          const value = STATS[key]!.of(u, rollup, vmHistory);
          return value === undefined ? [] : [{ at: u.hour, value }];
        });
        return points.length
          ? [
              {
                timestamps: points.map((p) => p.at),
                statKey: { key },
                data: points.map((p) => p.value),
                rollUpType: rollup,
                intervalUnit: { quantifier: 1, intervalType: 'HOURS' },
              },
            ]
          : [];
      });
      return stat.length ? [{ resourceId, 'stat-list': { stat } }] : [];
    });
    return reply.type('application/json').send({ values });
  });
}
