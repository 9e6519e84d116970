/**
 * The sp-node's client of the cloud's metrics application, an Aria Operations
 * (vRealize Operations) style `suite-api`. The application is tenant-unaware and
 * names VMs by its own resource ids, so the client lists the VirtualMachine
 * resources (pages of 1000 asked, of whatever size the application says it
 * served), keys each by what makes it unique there, its vCenter's instance uuid
 * (`VMEntityVCID`) and moref (`VMEntityObjectID`), and asks for the latest current
 * stats of each page in queries of ≤ 1000 ids, pages in parallel. The tenancy
 * client's adminVM records carry the same pair (OrgVmRecord.placement).
 * `VMEntityInstanceUUID` is vCenter's instanceUuid of the VM, not the director's uuid.
 *
 * `baseUrl` is the application's host (`https://ops.example.com`); `/suite-api`
 * is added unless the URL already ends with it.
 */
import { z } from 'zod';
import { chunk } from '../../shared/chunk';
import { pagingOf } from '../../shared/paging';
import { answers, createSuiteApi, MAX_STATS_IDS, PAGE_SIZE, type VmResource } from './suiteApi';
import type { MetricsApiOptions, MetricsClient, VmMetrics } from './types';

/** Statistic keys read, and the VmMetrics field each fills (with its unit conversion). */
const STATS = {
  'cpu|usagemhz_average': { field: 'cpuUsageMhz', scale: 1 },
  // The application reports memory in KB.
  'mem|consumed_average': { field: 'memoryUsedMb', scale: 1 / 1024 },
  'diskspace|used': { field: 'storageUsedGb', scale: 1 },
  // KBps (kilobytes per second, vSphere's net.usage.average), reported as kilobits per second.
  'net|usage_average': { field: 'networkKbps', scale: 8 },
} as const satisfies Record<string, { field: keyof Omit<VmMetrics, 'placementKey'>; scale: number }>;
type StatKey = keyof typeof STATS;

export const statsSchema = z.object({
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

/** Each resource's figures from a stats answer, for the resources asked about (`keyOf`: resource id → placement key). */
export function metricsOf(body: z.infer<typeof statsSchema>, keyOf: ReadonlyMap<string, string>): VmMetrics[] {
  return (body.values ?? []).flatMap((value): VmMetrics[] => {
    const key = keyOf.get(value.resourceId);
    if (key === undefined) return [];
    // A statistic without a sample counts as 0, so one missing figure does not hide the others.
    const metrics: VmMetrics = { placementKey: key, cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 };
    for (const stat of value['stat-list'].stat) {
      const spec = Object.hasOwn(STATS, stat.statKey.key) ? STATS[stat.statKey.key as StatKey] : undefined;
      const sample = latest(stat);
      if (spec !== undefined && sample !== undefined) metrics[spec.field] = sample * spec.scale;
    }
    return [metrics];
  });
}

/** The sample with the latest timestamp (the last one when there are none). */
function latest(stat: { timestamps?: number[] | undefined; data?: number[] | undefined }): number | undefined {
  const data = stat.data ?? [];
  const times = stat.timestamps ?? [];
  let best = data.length - 1;
  for (let i = 0; i < data.length; i++) if ((times[i] ?? -Infinity) > (times[best] ?? -Infinity)) best = i;
  return data[best];
}

/** Create the client; it acquires a token on first use and shares it among its calls. */
export function createMetricsClient(options: MetricsApiOptions): MetricsClient {
  const suite = createSuiteApi(options);

  /** Latest figures of up to MAX_STATS_IDS resources; resources without any sample are left out. */
  async function latestStats(resources: readonly VmResource[]): Promise<VmMetrics[]> {
    if (resources.length === 0) return [];
    const subject = 'latest stats query';
    const res = await suite.call(
      {
        method: 'POST',
        path: `${suite.api}/resources/stats/latest/query`,
        // currentOnly: a VM that stopped publishing (powered off) would otherwise report its last figures, however old.
        json: { resourceId: resources.map((r) => r.resourceId), statKey: Object.keys(STATS), currentOnly: true },
      },
      subject,
    );
    return metricsOf(answers.parse(statsSchema, res.body, subject), new Map(resources.map((r) => [r.resourceId, r.placementKey])));
  }

  const statsOfPage = async (resources: readonly VmResource[]) =>
    (await Promise.all(chunk(resources, MAX_STATS_IDS).map(latestStats))).flat();

  return {
    async latestByVm() {
      // Page 0 says how many there are and the page size served (the application caps it without
      // another word); each page's stats are asked for as soon as the page is in.
      const first = await suite.resourcePage(0, PAGE_SIZE);
      const { pages, size } = pagingOf(first);
      const results = await Promise.all([
        statsOfPage(first.resources),
        ...Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => statsOfPage((await suite.resourcePage(i + 1, size)).resources)),
      ]);
      return new Map(results.flat().map((m) => [m.placementKey, m]));
    },

    close: () => suite.close(),
  };
}
