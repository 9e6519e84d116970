/**
 * The sp-node's client of the cloud's metrics application, an Aria Operations
 * (vRealize Operations) style `suite-api`. The application is tenant-unaware and
 * names VMs by its own resource ids, so the client lists the VirtualMachine
 * resources (pages of 1000), maps each to the director's VM URN through its
 * `VMEntityInstanceUUID` identifier, and asks for the latest stats of each page
 * in one query (≤ 1000 ids), pages in parallel.
 *
 * `baseUrl` is the application's host (`https://ops.example.com`); `/suite-api`
 * is added unless the URL already ends with it.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../shared/http';
import type { MetricsApiOptions, MetricsClient, VmMetrics } from './types';
import { SharedCredential } from '../../shared/credential';
import { answerChecks } from '../../shared/answers';
import { chunk } from '../../shared/chunk';

/** Resources per listing page; equal to the stats query's id limit, so each page is one stats query. */
const PAGE_SIZE = 1000;
/** The most resource ids one stats query takes. */
const MAX_STATS_IDS = 1000;

/** Statistic keys read, and the VmMetrics field each fills (with its unit conversion). */
const STATS = {
  'cpu|usagemhz_average': { field: 'cpuUsageMhz', scale: 1 },
  // The application reports memory in KB.
  'mem|consumed_average': { field: 'memoryUsedMb', scale: 1 / 1024 },
  'diskspace|used': { field: 'storageUsedGb', scale: 1 },
  'net|usage_average': { field: 'networkKbps', scale: 1 },
} as const satisfies Record<string, { field: keyof Omit<VmMetrics, 'vmId'>; scale: number }>;
type StatKey = keyof typeof STATS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tokenSchema = z.object({ token: z.string().min(1) });
const resourcesSchema = z.object({
  pageInfo: z.object({ totalCount: z.number().int().nonnegative() }),
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
const statsSchema = z.object({
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

/** A resource the application knows, with the director VM it is. */
interface VmResource {
  resourceId: string;
  vmId: string;
}

/** Map an answer >= 400 (5xx is already CLOUD_UNAVAILABLE in http.ts); upstream messages are not copied. */
function metricsError(status: number, subject: string): CloudApiError {
  if (status === 404) return new CloudApiError(ErrorCode.NOT_FOUND, `${subject} not found`, status);
  if (status === 401 || status === 403)
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'The metrics application refused the credentials', status);
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `The metrics application answered ${status} for ${subject}`, status);
}

const answers = answerChecks('The metrics application');

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
  const http = createHttpClient(options.baseUrl, options);
  const api = /\/suite-api\/?$/.test(new URL(options.baseUrl).pathname) ? '/api' : '/suite-api/api';
  async function acquire(): Promise<string> {
    const res = await http.request({
      method: 'POST',
      path: `${api}/auth/token/acquire`,
      json: { username: options.username, password: options.password },
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

  /** One page of VM resources; those without a VM instance uuid cannot be matched to a VM and are left out. */
  async function resourcePage(page: number): Promise<{ total: number; resources: VmResource[] }> {
    const subject = 'VM resource list';
    const params = new URLSearchParams({ resourceKind: 'VirtualMachine', page: String(page), pageSize: String(PAGE_SIZE) });
    const body = answers.parse(resourcesSchema, (await call({ method: 'GET', path: `${api}/resources?${params}` }, subject)).body, subject);
    const resources = (body.resourceList ?? []).flatMap((r): VmResource[] => {
      const uuid = r.resourceKey.resourceIdentifiers?.find((i) => i.identifierType.name === 'VMEntityInstanceUUID')?.value;
      return uuid !== undefined && UUID.test(uuid) ? [{ resourceId: r.identifier, vmId: `urn:vcloud:vm:${uuid.toLowerCase()}` }] : [];
    });
    return { total: body.pageInfo.totalCount, resources };
  }

  /** Latest figures of up to MAX_STATS_IDS resources; resources without any sample are left out. */
  async function latestStats(resources: readonly VmResource[]): Promise<VmMetrics[]> {
    if (resources.length === 0) return [];
    const subject = 'latest stats query';
    const res = await call(
      {
        method: 'POST',
        path: `${api}/resources/stats/latest/query`,
        json: { resourceId: resources.map((r) => r.resourceId), statKey: Object.keys(STATS) },
      },
      subject,
    );
    const vmOf = new Map(resources.map((r) => [r.resourceId, r.vmId]));
    return (answers.parse(statsSchema, res.body, subject).values ?? []).flatMap((value): VmMetrics[] => {
      const vmId = vmOf.get(value.resourceId);
      if (vmId === undefined) return [];
      // A statistic without a sample counts as 0, so one missing figure does not hide the others.
      const metrics: VmMetrics = { vmId, cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 };
      for (const stat of value['stat-list'].stat) {
        const spec = Object.hasOwn(STATS, stat.statKey.key) ? STATS[stat.statKey.key as StatKey] : undefined;
        const sample = latest(stat);
        if (spec !== undefined && sample !== undefined) metrics[spec.field] = sample * spec.scale;
      }
      return [metrics];
    });
  }

  const statsOfPage = async (resources: readonly VmResource[]) =>
    (await Promise.all(chunk(resources, MAX_STATS_IDS).map(latestStats))).flat();

  return {
    async latestByVm() {
      // Page 0 says how many there are; each page's stats are asked for as soon as the page is in.
      const first = await resourcePage(0);
      const pages = Math.ceil(first.total / PAGE_SIZE);
      const results = await Promise.all([
        statsOfPage(first.resources),
        ...Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => statsOfPage((await resourcePage(i + 1)).resources)),
      ]);
      return new Map(results.flat().map((m) => [m.vmId, m]));
    },

    async close() {
      await token.release((t) =>
        http.request({ method: 'POST', path: `${api}/auth/token/release`, headers: { authorization: `vRealizeOpsToken ${t}` } }),
      );
      await http.close();
    },
  };
}
