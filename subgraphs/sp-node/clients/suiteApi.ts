/**
 * The metrics application's API (an Aria Operations / vRealize Operations style
 * `suite-api`) as both of the sp-node's readers of it use it: a token acquired on first
 * use and shared by the calls (SharedCredential: a 401 acquires a new one once), the
 * application's refusals as our error codes, and its VirtualMachine resources, keyed by
 * what makes a VM unique there: its vCenter's instance uuid (`VMEntityVCID`) and moref
 * (`VMEntityObjectID`), the pair the tenancy client's adminVM records carry
 * (OrgVmRecord.placement). `VMEntityInstanceUUID` is vCenter's instanceUuid of the VM,
 * not the director's uuid.
 *
 * `baseUrl` is the application's host (`https://ops.example.com`); `/suite-api` is
 * added unless the URL already ends with it.
 */
import { z } from 'zod';
import { answerChecks } from '../../shared/answers';
import { CloudApiError, ErrorCode } from '../../shared/cloudApiError';
import { SharedCredential } from '../../shared/credential';
import { UUID } from '../../shared/director/ids';
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../shared/http';
import { pagingOf, type FirstPage } from '../../shared/paging';
import { placementKey, type MetricsApiOptions } from './types';

/** Resources per listing page asked for; equal to a stats query's id limit, so each page is one query. */
export const PAGE_SIZE = 1000;
/** The most resource ids one stats query (latest or history) takes. */
export const MAX_STATS_IDS = 1000;

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

/** Checks of the application's answers (an unusable body is UPSTREAM_ERROR, naming the application). */
export const answers = answerChecks('The metrics application');

/** A resources page: how paging sees it (`count`: resources it held, before those that cannot be matched are left out), and its VM resources. */
export interface ResourcePage extends FirstPage {
  resources: VmResource[];
}

export interface SuiteApi {
  /** `/api` below the configured URL (`/suite-api/api` unless the URL names `/suite-api`). */
  readonly api: string;
  /** Send with the token; an answer >= 400 throws, as the registry's codes, naming `subject`. */
  call(req: HttpRequest, subject: string): Promise<HttpResponse>;
  /** One page of VM resources at `size`, with the size the application says it served it at and how many it did. */
  resourcePage(page: number, size: number): Promise<ResourcePage>;
  /** Every VM resource: page 0 says how many there are and the page size served (capped without a word), the rest in parallel. */
  allResources(): Promise<VmResource[]>;
  /** Release the token and the connections. */
  close(): Promise<void>;
}

export function createSuiteApi(options: MetricsApiOptions): SuiteApi {
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

  async function call(req: HttpRequest, subject: string): Promise<HttpResponse> {
    const res = await token.send((t) => http.request({ ...req, headers: { ...req.headers, authorization: `vRealizeOpsToken ${t}` } }));
    if (res.status >= 400) throw metricsError(res.status, subject);
    return res;
  }

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

  return {
    api,
    call,
    resourcePage,
    async allResources() {
      const first = await resourcePage(0, PAGE_SIZE);
      const { pages, size } = pagingOf(first);
      const rest = await Promise.all(
        Array.from({ length: Math.max(0, pages - 1) }, async (_, i) => (await resourcePage(i + 1, size)).resources),
      );
      return [first.resources, ...rest].flat();
    },
    async close() {
      await token.release((t) =>
        http.request({ method: 'POST', path: `${api}/auth/token/release`, headers: { authorization: `vRealizeOpsToken ${t}` } }),
      );
      await http.close();
    },
  };
}
