/**
 * A simulated VMware Cloud Director (API versions 36.0 up to 38.0, or up to
 * `directorMaxApiVersion`, listed at `GET /api/versions`), multi-tenant: the
 * `SeedCloud`'s orgs own its VDCs. It speaks the JSON flavour of both halves of
 * the API: `/cloudapi/1.0.0` (sessions, orgs, vdcs) and the legacy `/api`
 * (query service, VMs, power actions, tasks), with their own error shapes.
 * Next to it, under `/suite-api/`, runs the cloud's tenant-unaware metrics
 * application (metrics.ts; its history query in statsHistory.ts), with its own tokens and error shape.
 *
 * Injected failures (`failRequests`) answer 503: the director's legacy `Error`
 * (`majorErrorCode: 503`, `SERVICE_UNAVAILABLE`) under `/api` and `/cloudapi`, the
 * metrics application's `{message, httpStatusCode: 503, apiErrorCode: 503}` under `/suite-api`.
 *
 * Pages hold at most `directorMaxPageSize` (default 128) on both halves, capped silently.
 * Answers carry the API version the request named in their Content-Type; hrefs use
 * the scheme served (https with `tls`).
 *
 * Mock-only: `POST /__mock/expire-sessions` ends every director session (forces
 * re-login); `POST /__mock/expire-metrics-tokens` ends every metrics token;
 * `POST /__mock/reject-actions` fails the next power actions with a 500 (vms.ts);
 * `POST /__mock/paging {"echoPageSize": true}` answers `pageSize` as asked while
 * serving at most the maximum; `POST /__mock/public-url {"url": "https://host/prefix"}`
 * writes hrefs with that public URL, as a cell behind a proxy.
 */
import type { FastifyReply } from 'fastify';
import { defaultDiskBytes } from '../content/seededBytes';
import type { SeedCloud } from '../seed';
import { createMockServer, type MockCloud, type MockServerOptions } from '../server';
import { registerCatalogs } from './catalogs';
import { MAX_PAGE_SIZE, registerCloudapi, type Paging } from './cloudapi';
import { ContentState } from './contentState';
import { ContentTasks } from './contentTasks';
import { sendError, sendLegacyError, type MinorErrorCode } from './errors';
import { setPublicUrl } from './hrefs';
import { METRICS_CREDENTIALS, METRICS_PREFIX, registerMetricsApi, sendMetricsError } from './metrics';
import { registerQueryService } from './query';
import { registerSessions } from './sessions';
import { registerStatsHistory } from './statsHistory';
import { registerTransfers } from './transfer';
import { registerVApps } from './vapps';
import { registerVAppTemplates } from './vappTemplates';
import { registerVms } from './vms';
import { registerVirtualCenters } from './virtualCenters';
import { API_VERSION, versionsUpTo } from './versions';

export { METRICS_CREDENTIALS, metricsResourceId } from './metrics';
export { VCPU_SPEED_MHZ } from './tenancy';

/** The provider (System org) administrator the mock accepts. */
export const DIRECTOR_CREDENTIALS = { username: 'administrator@System', password: 'overcast' } as const;

/** Answer an error in the shape of whichever API `url` belongs to. */
function sendAnyError(url: string, reply: FastifyReply, status: number, minor: MinorErrorCode, message: string): FastifyReply {
  return url.startsWith(METRICS_PREFIX) ? sendMetricsError(reply, status, message) : sendError(url, reply, status, minor, message);
}

/** Start the mock on loopback; it serves and mutates `cloud` (pass a copy of the seed). */
export async function startDirectorMock(cloud: SeedCloud, options: MockServerOptions = {}): Promise<MockCloud> {
  const { app, faults, history, listen } = createMockServer(
    cloud,
    { ...DIRECTOR_CREDENTIALS },
    (reply) => {
      const message = 'The service is temporarily unavailable. Try again later.';
      // The director answers an outage in its legacy shape on both halves; the metrics application in its own.
      return reply.request.url.startsWith(METRICS_PREFIX)
        ? sendMetricsError(reply, 503, message)
        : sendLegacyError(reply, 503, 'SERVICE_UNAVAILABLE', message);
    },
    options,
  );
  registerSessions(app, DIRECTOR_CREDENTIALS, versionsUpTo(options.directorMaxApiVersion ?? API_VERSION));
  const paging: Paging = { maxPageSize: options.directorMaxPageSize ?? MAX_PAGE_SIZE, echoPageSize: false };
  registerCloudapi(app, cloud, paging);
  const content = new ContentState(cloud, options.diskBytes ?? defaultDiskBytes(), new ContentTasks(faults));
  app.addHook('onClose', () => content.close());
  registerQueryService(app, cloud, paging, content);
  registerVms(app, cloud, faults, content.tasks);
  registerCatalogs(app, content);
  registerVAppTemplates(app, content);
  registerVApps(app, cloud, content);
  registerTransfers(app, content, faults);
  registerMetricsApi(app, cloud, METRICS_CREDENTIALS);
  registerStatsHistory(app, cloud, history);
  registerVirtualCenters(app, cloud, paging);

  // Mock-only: a cell that answers `pageSize` as asked while serving at most its maximum.
  app.post('/__mock/paging', async (request) => {
    const body = (request.body ?? {}) as { echoPageSize?: unknown };
    if (typeof body.echoPageSize === 'boolean') paging.echoPageSize = body.echoPageSize;
    return { ...paging };
  });
  // Mock-only: hrefs written with a public URL, as a cell behind a proxy (`{"url": null}`: as reached).
  app.post('/__mock/public-url', async (request) => {
    const url = (request.body as { url?: unknown } | undefined)?.url;
    setPublicUrl(app, typeof url === 'string' ? url : undefined);
    return { url: typeof url === 'string' ? url : null };
  });

  app.setNotFoundHandler((request, reply) =>
    sendAnyError(request.url, reply, 404, 'RESOURCE_NOT_FOUND', `No resource at ${request.method} ${request.url.split('?')[0]}.`),
  );
  // Anything fastify itself rejects (bad JSON body, ...) still answers in the API's shape.
  app.setErrorHandler((err: { statusCode?: number }, request, reply) => {
    const status = err.statusCode ?? 500;
    return status < 500
      ? sendAnyError(request.url, reply, status, 'BAD_REQUEST', 'The request could not be understood.')
      : sendAnyError(request.url, reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
  });
  return listen();
}
