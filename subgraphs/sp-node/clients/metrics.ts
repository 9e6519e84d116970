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
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../shared/http';
import { placementKey, type MetricsApiOptions, type MetricsClient, type VmMetrics } from './types';
import { SharedCredential } from '../../shared/credential';
import { answerChecks } from '../../shared/answers';
import { chunk } from '../../shared/chunk';
import { UUID } from '../../shared/director/ids';
import { pagingOf, type FirstPage } from '../../shared/paging';

/** Resources per listing page asked for; equal to the stats query's id limit, so each page is one stats query. */
const PAGE_SIZE = 1000;
/** The most resource ids one stats query takes. */
const MAX_STATS_IDS = 1000;

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

const MOREF = /^vm-\d+$/;

const tokenSchema = z.object({ token: z.string().min(1) });
export const resourcesSchema = z.object({
  pageInfo: z.object({ totalCount: z.number().int().nonnegative(), pageSize: z.number().int().positive() }),
  resourceList: z
    .array(
      z.object({
        identifier: z.string(),
        resourceKey: z.object({
          resourceIdentifiers: z.array(z.object({ identifierType: z.object({ name: z.string() }), value: z.string() })).optional(),
        }),
      }),
    )
    .optional(),
});
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

/** A resource the application knows, with the vCenter VM it is (`placementKey`). */
export interface VmResource {
  resourceId: string;
  placementKey: string;
}

/** A resources page as VM resources; those without a vCenter uuid and moref cannot be matched and are left out. */
export function vmResourcesOf(body: z.infer<typeof resourcesSchema>): VmResource[] {
  return (body.resourceList ?? []).flatMap((r): VmResource[] => {
    const ids = r.resourceKey.resourceIdentifiers ?? [];
    const value = (name: string) => ids.find((i) => i.identifierType.name === name)?.value;
    const vcenterUuid = value('VMEntityVCID');
    const moref = value('VMEntityObjectID');
    return vcenterUuid !== undefined && UUID.test(vcenterUuid) && moref !== undefined && MOREF.test(moref)
      ? [{ resourceId: r.identifier, placementKey: placementKey({ vcenterUuid, moref }) }]
      : [];
  });
}

/**
 * Map an answer >= 400; upstream messages are not copied. http.ts made 502/503/504
 * and non-JSON 5xx CLOUD_UNAVAILABLE already; a JSON 5xx (the application's own
 * `{message, httpStatusCode, apiErrorCode}`) reaches here.
 */
function metricsError(status: number, subject: string): CloudApiError {
  if (status === 404) return new CloudApiError(ErrorCode.NOT_FOUND, `${subject} not found`, status);
  if (status === 401 || status === 403)
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'The metrics application refused the credentials', status);
  // The application is up and says it failed: for a read that is no operation failing
  // (CLOUD_OPERATION_FAILED) and no outage, just an answer we cannot use.
  if (status >= 500) return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `The metrics application failed to answer the ${subject}`, status);
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `The metrics application answered ${status} for ${subject}`, status);
}

const answers = answerChecks('The metrics application');

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

/** A resources page: how paging sees it (`count`: resources it held, before those that cannot be matched are left out), and its VM resources. */
interface ResourcePage extends FirstPage {
  resources: VmResource[];
}

/** Create the client; it acquires a token on first use and shares it among its calls. */
export function createMetricsClient(options: MetricsApiOptions): MetricsClient {
  const http = createHttpClient(options.baseUrl, options);
  const api = /\/suite-api\/?$/.test(new URL(options.baseUrl).pathname) ? '/api' : '/suite-api/api';
  async function acquire(): Promise<string> {
    const res = await http.request({
      method: 'POST',
      path: `${api}/auth/token/acquire`,
      // Without authSource the application looks the user up among its local users only.
      json: {
        username: options.username,
        password: options.password,
        ...(options.authSource !== undefined ? { authSource: options.authSource } : {}),
      },
    });
    if (res.status >= 400) throw metricsError(res.status, 'token acquisition');
    return answers.parse(tokenSchema, res.body, 'token acquisition').token;
  }
  const token = new SharedCredential(acquire);

  /** Send with the token; on a 401 (expired or released) acquire a new one once and retry. */
  async function call(req: HttpRequest, subject: string): Promise<HttpResponse> {
    const res = await token.send((t) => http.request({ ...req, headers: { ...req.headers, authorization: `vRealizeOpsToken ${t}` } }));
    if (res.status >= 400) throw metricsError(res.status, subject);
    return res;
  }

  /** One page of VM resources at `size`, with the size the application says it served it at and how many it did. */
  async function resourcePage(page: number, size: number): Promise<ResourcePage> {
    const subject = 'VM resource list';
    const params = new URLSearchParams({ resourceKind: 'VirtualMachine', page: String(page), pageSize: String(size) });
    const body = answers.parse(resourcesSchema, (await call({ method: 'GET', path: `${api}/resources?${params}` }, subject)).body, subject);
    return {
      total: body.pageInfo.totalCount,
      pageSize: body.pageInfo.pageSize,
      count: body.resourceList?.length ?? 0,
      resources: vmResourcesOf(body),
    };
  }

  /** Latest figures of up to MAX_STATS_IDS resources; resources without any sample are left out. */
  async function latestStats(resources: readonly VmResource[]): Promise<VmMetrics[]> {
    if (resources.length === 0) return [];
    const subject = 'latest stats query';
    const res = await call(
      {
        method: 'POST',
        path: `${api}/resources/stats/latest/query`,
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
      const first = await resourcePage(0, PAGE_SIZE);
      const { pages, size } = pagingOf(first);
      const results = await Promise.all([
        statsOfPage(first.resources),
        ...Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => statsOfPage((await resourcePage(i + 1, size)).resources)),
      ]);
      return new Map(results.flat().map((m) => [m.placementKey, m]));
    },

    async close() {
      await token.release((t) =>
        http.request({ method: 'POST', path: `${api}/auth/token/release`, headers: { authorization: `vRealizeOpsToken ${t}` } }),
      );
      await http.close();
    },
  };
}
