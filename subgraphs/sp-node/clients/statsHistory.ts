/**
 * The sp-node's reader of the metrics application's history (`POST
 * /suite-api/api/resources/stats/query`): hourly rollups of every VM resource, for
 * metering. Like the latest-stats client (metrics.ts) it lists the VirtualMachine
 * resources, keys each by its placement (`VMEntityVCID` + `VMEntityObjectID`, the pair
 * OrgVmRecord.placement carries), and asks about ≤ 1000 resource ids per query. One
 * query names one rollUp, so each batch costs two: AVG of every key (allocation means and
 * used means) and MAX of the allocation keys.
 *
 * Allocation: `cpu|corecount_provisioned` (vCPUs), `mem|guest_provisioned` (KB),
 * `diskspace|provisioned` (GB). Used: `cpu|usagemhz_average` (MHz), `mem|consumed_average`
 * (KB), `diskspace|used` (GB), `net|usage_average` (KBps). Converted as metrics.ts does:
 * memory to MB, network to kilobits per second.
 *
 * The token, the refusals and the resource listing are suiteApi.ts's, as metrics.ts's are;
 * it holds a token of its own (the same user).
 */
import { z } from 'zod';
import { hourStart, type HourRange } from '../../../schema/hours';
import { chunk } from '../../shared/chunk';
import { answers, createSuiteApi, MAX_STATS_IDS } from './suiteApi';
import type { MetricsApiOptions } from './types';

/** The most resource ids one history query takes (as a latest-stats query). */
export const MAX_HISTORY_IDS = MAX_STATS_IDS;

/** Allocation keys and the field each fills, with its conversion to our units. */
const ALLOCATION = {
  'cpu|corecount_provisioned': { field: 'vcpu', scale: 1 },
  'mem|guest_provisioned': { field: 'memoryMb', scale: 1 / 1024 },
  'diskspace|provisioned': { field: 'storageGb', scale: 1 },
} as const;
/** Used keys (AVG only) and the field each fills. */
const USED = {
  'cpu|usagemhz_average': { field: 'cpuUsedMhz', scale: 1 },
  'mem|consumed_average': { field: 'memoryUsedMb', scale: 1 / 1024 },
  'diskspace|used': { field: 'storageUsedGb', scale: 1 },
  // KBps (kilobytes per second), reported as kilobits per second.
  'net|usage_average': { field: 'networkKbps', scale: 8 },
} as const;

export interface Allocation {
  vcpu: number;
  memoryMb: number;
  storageGb: number;
}

/** One VM resource over one hour. Used figures are null when the application has no sample for the hour. */
export interface VmUsageHour {
  /** The hour's start (ms). */
  hour: number;
  max: Allocation;
  avg: Allocation;
  cpuUsedMhz: number | null;
  memoryUsedMb: number | null;
  storageUsedGb: number | null;
  /** Kilobits per second. */
  networkKbps: number | null;
}

export interface StatsHistoryClient {
  /**
   * Hourly usage in `range` of the VM resources whose placement key is in `wanted`,
   * keyed by placement key; only hours with every allocation figure appear (the hours
   * the VM existed). Costs the resource listing plus two queries per ≤ 1000 resources.
   */
  usageByVm(range: HourRange, wanted: ReadonlySet<string>): Promise<Map<string, VmUsageHour[]>>;
  close(): Promise<void>;
}

const historySchema = z.object({
  values: z
    .array(
      z.object({
        resourceId: z.string(),
        'stat-list': z.object({
          stat: z.array(
            z.object({
              timestamps: z.array(z.number()).optional(),
              statKey: z.object({ key: z.string() }),
              data: z.array(z.number()).optional(),
            }),
          ),
        }),
      }),
    )
    .optional(),
});
type HistoryAnswer = z.infer<typeof historySchema>;

/** resource id → hour (ms) → stat key → value, from one answer. */
type Points = Map<string, Map<number, Map<string, number>>>;

function pointsOf(body: HistoryAnswer, into: Points = new Map()): Points {
  for (const value of body.values ?? []) {
    const hours = into.get(value.resourceId) ?? new Map<number, Map<string, number>>();
    into.set(value.resourceId, hours);
    for (const stat of value['stat-list'].stat) {
      const data = stat.data ?? [];
      (stat.timestamps ?? []).forEach((at, i) => {
        const v = data[i];
        // A point stamped inside an hour belongs to that hour, whichever edge the application stamps.
        const hour = hourStart(at).getTime();
        if (v === undefined) return;
        const keys = hours.get(hour) ?? new Map<string, number>();
        hours.set(hour, keys);
        keys.set(stat.statKey.key, v);
      });
    }
  }
  return into;
}

/** The hours of one resource that carry every allocation figure, with used figures where present. */
export function usageHoursOf(
  avg: Map<number, Map<string, number>> | undefined,
  max: Map<number, Map<string, number>> | undefined,
): VmUsageHour[] {
  const allocation = (keys: Map<string, number> | undefined): Allocation | undefined => {
    const out: Partial<Allocation> = {};
    for (const [key, spec] of Object.entries(ALLOCATION)) {
      const v = keys?.get(key);
      if (v === undefined) return undefined;
      out[spec.field] = v * spec.scale;
    }
    return out as Allocation;
  };
  const hours = [...(avg?.keys() ?? [])].sort((a, b) => a - b);
  return hours.flatMap((hour): VmUsageHour[] => {
    const avgKeys = avg?.get(hour);
    const a = allocation(avgKeys);
    const m = allocation(max?.get(hour));
    // Allocated figures are non-null in the schema: an hour missing one is not an hour the VM is known to have existed.
    if (!a || !m) return [];
    const used = (key: keyof typeof USED): number | null => {
      const v = avgKeys?.get(key);
      return v === undefined ? null : v * USED[key].scale;
    };
    return [
      {
        hour,
        max: m,
        avg: a,
        cpuUsedMhz: used('cpu|usagemhz_average'),
        memoryUsedMb: used('mem|consumed_average'),
        storageUsedGb: used('diskspace|used'),
        networkKbps: used('net|usage_average'),
      },
    ];
  });
}

/** Create the client; it acquires a token on first use and shares it among its calls. */
export function createStatsHistoryClient(options: MetricsApiOptions): StatsHistoryClient {
  const suite = createSuiteApi(options);

  async function query(ids: readonly string[], range: HourRange, rollUpType: 'AVG' | 'MAX', statKey: string[]): Promise<HistoryAnswer> {
    const subject = 'stats history query';
    const res = await suite.call(
      {
        method: 'POST',
        path: `${suite.api}/resources/stats/query`,
        // end is exclusive on our side; the application's end bound is not documented as either, so stop 1 ms short of it.
        json: {
          resourceId: ids,
          statKey,
          begin: range.start.getTime(),
          end: range.end.getTime() - 1,
          rollUpType,
          intervalType: 'HOURS',
          intervalQuantifier: 1,
        },
      },
      subject,
    );
    return answers.parse(historySchema, res.body, subject);
  }

  return {
    async usageByVm(range, wanted) {
      const resources = (await suite.allResources()).filter((r) => wanted.has(r.placementKey));
      const avg: Points = new Map();
      const max: Points = new Map();
      await Promise.all(
        chunk(resources, MAX_HISTORY_IDS).map(async (batch) => {
          const ids = batch.map((r) => r.resourceId);
          const [a, m] = await Promise.all([
            query(ids, range, 'AVG', [...Object.keys(ALLOCATION), ...Object.keys(USED)]),
            query(ids, range, 'MAX', Object.keys(ALLOCATION)),
          ]);
          pointsOf(a, avg);
          pointsOf(m, max);
        }),
      );
      const from = range.start.getTime();
      const to = range.end.getTime();
      return new Map(
        resources.map((r) => [
          r.placementKey,
          usageHoursOf(avg.get(r.resourceId), max.get(r.resourceId)).filter((u) => u.hour >= from && u.hour < to),
        ]),
      );
    },

    close: () => suite.close(),
  };
}
