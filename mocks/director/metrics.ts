/**
 * A tenant-unaware metrics application in the style of VMware Aria Operations
 * (vRealize Operations) `suite-api`, served by the director mock under
 * `/suite-api/`. It knows the cloud's VMs as its own resources (identifiers of its
 * own, not the director's) and nothing of orgs or VDCs. A VM resource carries the
 * identifier set of the vCenter adapter: `VMEntityObjectID` (the moref) and
 * `VMEntityVCID` (the vCenter's instance uuid) make it unique; `VMEntityName`,
 * `VMEntityInstanceUUID` (vCenter's instanceUuid of the VM, not the director's
 * uuid), `isPingEnabled` and `VMServiceMonitoringEnabled` do not. Only VMs with a
 * vSphere placement in a listed vCenter are resources (the application learns VMs
 * from vCenter); others are absent, never rendered with empty identifiers.
 *
 * - `POST /suite-api/api/auth/token/acquire` `{username, password[, authSource]}` → `{token, validity, expiresAt, roles}`;
 *   other calls send `Authorization: vRealizeOpsToken <token>` (`OpsToken` works too);
 *   `POST .../auth/token/release` ends the token.
 * - `GET /suite-api/api/resources?resourceKind=VirtualMachine&page=0&pageSize=1000`
 *   (page 0-based; a larger pageSize than the application's maximum is served at
 *   the maximum, said only in `pageInfo.pageSize`) → `{pageInfo, links, resourceList}`.
 * - `POST /suite-api/api/resources/stats/latest/query` `{resourceId: [≤1000], statKey: [...], currentOnly?}`
 *   → `{values: [{resourceId, "stat-list": {stat: [...]}}]}`; unknown ids are absent. A VM
 *   that is not running publishes no CPU, memory or network figures: its last ones,
 *   days old, are answered unless `currentOnly` is true, which leaves them out.
 *
 * Errors are `{message, httpStatusCode, apiErrorCode}`. Mock-only:
 * `POST /__mock/expire-metrics-tokens` ends every token; `POST /__mock/metrics-settings`
 * `{maxPageSize?, authSource?, failStats?, echoPageSize?}` sets the largest page served, the one
 * authentication source accepted (null: local users only), whether stats
 * queries fail with the application's JSON 500 (the application up, the read failing),
 * and whether `pageInfo.pageSize` echoes the size asked for instead of the one served.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SeedCloud, SeedVm } from '../seed';
import { uuidOf } from './hrefs';

/** The metrics application's local administrator the mock accepts. */
export const METRICS_CREDENTIALS = { username: 'admin', password: 'overcast' } as const;

/** Every path of the metrics application starts with this. */
export const METRICS_PREFIX = '/suite-api/';
const ACQUIRE_PATH = '/suite-api/api/auth/token/acquire';
/** Tokens live six hours, as the application's default. */
const TOKEN_VALIDITY_MS = 6 * 60 * 60 * 1000;
/** The largest resource page served by default. */
const MAX_PAGE_SIZE = 5000;
const DEFAULT_PAGE_SIZE = 1000;
/** How old the last figures of a VM that stopped running are. */
const STALE_MS = 3 * 24 * 60 * 60 * 1000;
/** Resource ids one stats query may name. */
export const MAX_STATS_IDS = 1000;
/** Metrics are collected every five minutes; the latest sample is stamped at the last boundary. */
const COLLECTION_INTERVAL_MS = 5 * 60 * 1000;
/** The application's error code for a missing, unknown or expired token. */
const AUTH_ERROR_CODE = 1512;

/**
 * The statistics the mock has, how each is read from a seeded VM (in the
 * application's units), and whether a VM publishes it only while running.
 */
const STATS: Record<string, { of: (vm: SeedVm) => number; whileRunning: boolean }> = {
  'cpu|usagemhz_average': { of: (vm) => vm.metrics.cpuUsageMhz, whileRunning: true },
  // KB, as the application reports memory.
  'mem|consumed_average': { of: (vm) => vm.metrics.memoryUsedMb * 1024, whileRunning: true },
  // GB; a stopped VM's disks are still measured.
  'diskspace|used': { of: (vm) => vm.metrics.storageUsedGb, whileRunning: false },
  // KBps (kilobytes per second, vSphere's net.usage.average); the seed holds kilobits.
  'net|usage_average': { of: (vm) => vm.metrics.networkKbps / 8, whileRunning: true },
};

/** Answer in the application's error shape. */
export function sendMetricsError(reply: FastifyReply, status: number, message: string, apiErrorCode = status): FastifyReply {
  return reply.code(status).type('application/json').send({ message, httpStatusCode: status, apiErrorCode });
}

/** The application's own id of a VM: stable, and deliberately not the VM's uuid. */
export function metricsResourceId(vmUrn: string): string {
  const hex = createHash('sha1')
    .update(`vrops-resource:${uuidOf(vmUrn)}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function tokenOf(header: string | undefined): string | undefined {
  const match = /^(?:vRealizeOpsToken|OpsToken)\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** vROps prints expiry as `Friday, August 5, 2016 6:22:05 PM UTC`. */
function expiryText(ms: number): string {
  const text = new Date(ms).toLocaleString('en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'UTC',
  });
  return `${text.replace(' at ', ' ')} UTC`;
}

/** A VM the application knows: one vSphere runs, with its vCenter's instance uuid and moref. */
interface PlacedVm {
  vm: SeedVm;
  vcenterUuid: string;
  moref: string;
  instanceUuid: string;
}

function renderResource({ vm, vcenterUuid, moref, instanceUuid }: PlacedVm): unknown {
  const identifier = (name: string, value: string, isPartOfUniqueness: boolean) => ({
    identifierType: { name, dataType: 'STRING', isPartOfUniqueness },
    value,
  });
  return {
    creationTime: 1_700_000_000_000,
    resourceKey: {
      name: vm.name,
      adapterKindKey: 'VMWARE',
      resourceKindKey: 'VirtualMachine',
      resourceIdentifiers: [
        identifier('VMEntityInstanceUUID', instanceUuid, false),
        identifier('VMEntityName', vm.name, false),
        identifier('VMEntityObjectID', moref, true),
        identifier('VMEntityVCID', vcenterUuid, true),
        identifier('VMServiceMonitoringEnabled', 'false', false),
        identifier('isPingEnabled', 'false', false),
      ],
    },
    resourceStatusStates: [{ resourceStatus: 'DATA_RECEIVING', resourceState: 'STARTED', statusMessage: '' }],
    resourceHealth: 'GREEN',
    resourceHealthValue: 100,
    dtEnabled: true,
    badges: [],
    relatedResources: [],
    identifier: metricsResourceId(vm.nativeId),
  };
}

type Query = Record<string, string | string[] | undefined>;
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Register the suite-api routes, their token guard and `POST /__mock/expire-metrics-tokens`. */
export function registerMetricsApi(app: FastifyInstance, cloud: SeedCloud, credentials: { username: string; password: string }): void {
  const tokens = new Map<string, number>();
  const settings: { maxPageSize: number; authSource: string | null; failStats: boolean; echoPageSize: boolean } = {
    maxPageSize: MAX_PAGE_SIZE,
    authSource: null,
    failStats: false,
    echoPageSize: false,
  };
  /**
   * The VMs the application knows: those vSphere runs in a registered vCenter. Its
   * resources come from the vCenter adapter, so a VM without a vSphere placement (or
   * in a vCenter the cloud does not list) is no resource at all, rather than one with
   * empty identifiers.
   */
  const placedVms = (): PlacedVm[] =>
    cloud.vms.flatMap((vm) => {
      const vcenterUuid = cloud.vcenters?.find((v) => v.vimServerId === vm.vsphere?.vcenterId)?.instanceUuid;
      return vm.vsphere && vcenterUuid ? [{ vm, vcenterUuid, moref: vm.vsphere.moref, instanceUuid: vm.vsphere.instanceUuid }] : [];
    });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(METRICS_PREFIX)) return undefined;
    if (request.method === 'POST' && request.url.split('?')[0] === ACQUIRE_PATH) return undefined;
    const token = tokenOf(request.headers.authorization);
    const expires = token === undefined ? undefined : tokens.get(token);
    if (expires === undefined || expires <= Date.now()) {
      return sendMetricsError(reply, 401, 'Authentication credentials are invalid or expired.', AUTH_ERROR_CODE);
    }
    return undefined;
  });

  app.post(ACQUIRE_PATH, async (request, reply) => {
    const body = (request.body ?? {}) as { username?: unknown; password?: unknown; authSource?: unknown };
    if (typeof body.username !== 'string' || typeof body.password !== 'string') {
      return sendMetricsError(reply, 400, 'username and password are required.');
    }
    // The user is looked up in the named source only (absent: local users), so a wrong source refuses the login.
    const source = typeof body.authSource === 'string' ? body.authSource.toLowerCase() : null;
    if (source !== (settings.authSource?.toLowerCase() ?? null)) {
      return sendMetricsError(reply, 401, 'Invalid username or password.', AUTH_ERROR_CODE);
    }
    if (body.username !== credentials.username || body.password !== credentials.password) {
      return sendMetricsError(reply, 401, 'Invalid username or password.', AUTH_ERROR_CODE);
    }
    const token = `${randomUUID()}::${randomUUID()}`;
    const validity = Date.now() + TOKEN_VALIDITY_MS;
    tokens.set(token, validity);
    return reply.type('application/json').send({ token, validity, expiresAt: expiryText(validity), roles: [] });
  });

  app.post('/suite-api/api/auth/token/release', async (request, reply) => {
    tokens.delete(tokenOf(request.headers.authorization) ?? '');
    return reply.code(200).send();
  });

  app.get('/suite-api/api/resources', async (request, reply) => {
    const query = request.query as Query;
    const page = Number(list(query.page)[0] ?? 0);
    const requested = Number(list(query.pageSize)[0] ?? DEFAULT_PAGE_SIZE);
    if (!Number.isInteger(page) || page < 0) return sendMetricsError(reply, 400, 'page must be a non-negative integer.');
    if (!Number.isInteger(requested) || requested < 1) return sendMetricsError(reply, 400, 'pageSize must be a positive integer.');
    // Capped without a word but in pageInfo.pageSize.
    const pageSize = Math.min(requested, settings.maxPageSize);
    // Every resource here is a vSphere VM: a filter naming other kinds or adapters matches none.
    const kinds = list(query.resourceKind);
    const adapters = list(query.adapterKind);
    const matches =
      (kinds.length === 0 || kinds.includes('VirtualMachine')) && (adapters.length === 0 || adapters.includes('VMWARE')) ? placedVms() : [];
    const lastPage = Math.max(0, Math.ceil(matches.length / pageSize) - 1);
    const link = (name: string, n: number) => {
      const params = new URLSearchParams(request.url.split('?')[1] ?? '');
      params.set('page', String(n));
      params.set('pageSize', String(pageSize));
      return { href: `/suite-api/api/resources?${params}`, rel: name === 'current' ? 'SELF' : 'RELATED', name };
    };
    const links = [link('current', page), link('first', 0), link('last', lastPage)];
    if (page < lastPage) links.push(link('next', page + 1));
    if (page > 0) links.push(link('previous', Math.min(page - 1, lastPage)));
    return reply.type('application/json').send({
      pageInfo: { totalCount: matches.length, page, pageSize: settings.echoPageSize ? requested : pageSize },
      links,
      resourceList: matches.slice(page * pageSize, (page + 1) * pageSize).map(renderResource),
    });
  });

  app.post('/suite-api/api/resources/stats/latest/query', async (request, reply) => {
    if (settings.failStats) return sendMetricsError(reply, 500, 'An internal error occurred while querying the stats.');
    const body = (request.body ?? {}) as { resourceId?: unknown; statKey?: unknown; currentOnly?: unknown };
    const ids = body.resourceId;
    const keys = body.statKey ?? Object.keys(STATS);
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      return sendMetricsError(reply, 400, 'resourceId must be a list of resource identifiers.');
    }
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) {
      return sendMetricsError(reply, 400, 'statKey must be a list of stat keys.');
    }
    if (ids.length > MAX_STATS_IDS) {
      return sendMetricsError(reply, 400, `At most ${MAX_STATS_IDS} resource identifiers can be queried at once.`);
    }
    const byId = new Map(placedVms().map(({ vm }) => [metricsResourceId(vm.nativeId), vm]));
    const timestamp = Math.floor(Date.now() / COLLECTION_INTERVAL_MS) * COLLECTION_INTERVAL_MS;
    const known = keys.filter((key) => Object.hasOwn(STATS, key));
    const currentOnly = body.currentOnly === true;
    const values = [...new Set(ids)].flatMap((resourceId) => {
      const vm = byId.get(resourceId);
      if (!vm) return [];
      const running = vm.powerState === 'POWERED_ON';
      const stat = known.flatMap((key) => {
        const spec = STATS[key]!;
        const stale = spec.whileRunning && !running;
        if (stale && currentOnly) return [];
        const at = stale ? timestamp - STALE_MS : timestamp;
        return [
          {
            timestamps: [at],
            statKey: { key },
            rollUpType: 'AVG',
            intervalUnit: { quantifier: 5, intervalType: 'MINUTES' },
            data: [spec.of(vm)],
          },
        ];
      });
      return stat.length ? [{ resourceId, 'stat-list': { stat } }] : [];
    });
    return reply.type('application/json').send({ values });
  });

  // Mock-only: the application's configuration a provider may have changed.
  app.post('/__mock/metrics-settings', async (request) => {
    const body = (request.body ?? {}) as { maxPageSize?: unknown; authSource?: unknown; failStats?: unknown; echoPageSize?: unknown };
    if (typeof body.echoPageSize === 'boolean') settings.echoPageSize = body.echoPageSize;
    if (typeof body.maxPageSize === 'number' && Number.isInteger(body.maxPageSize) && body.maxPageSize > 0) {
      settings.maxPageSize = body.maxPageSize;
    }
    if (body.authSource === null || typeof body.authSource === 'string') settings.authSource = body.authSource;
    if (typeof body.failStats === 'boolean') settings.failStats = body.failStats;
    return { ...settings };
  });

  // Mock-only: end every token, as the application's expiry or a restart would.
  app.post('/__mock/expire-metrics-tokens', async () => {
    const expired = tokens.size;
    tokens.clear();
    return { expired };
  });
}
