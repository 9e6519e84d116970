/**
 * The VI/JSON API (vCenter 8.0U1+, `/sdk/vim25/{release}/…`) as far as usage
 * metering needs it: SessionManager Login, the PerformanceManager's `perfCounter`
 * property and `QueryPerf` with the historical 5-minute interval (300 s), and a VM's
 * `config` property (VirtualMachineConfigInfo: createDate, hardware). Samples come
 * from the seed's usage history (../usageHistory.ts); nothing is invented here.
 *
 * Shapes follow developer.broadcom.com's `virtual-infrastructure-json-api` data
 * structures (QueryPerfRequestType, PerfQuerySpec, PerfEntityMetric,
 * PerfMetricIntSeries, PerfCounterInfo) and vim_rs's generated client (paths
 * `/PerformanceManager/{moId}/QueryPerf`, `/PerformanceManager/{moId}/perfCounter`,
 * the session key read from the `vmware-api-session-id` response header of Login).
 * Not confirmed against a real vCenter, and chosen here:
 * - the HTTP statuses of faults: 500 with a MethodFault body (`_typeName` names the
 *   fault) for every fault, except NotAuthenticated, answered 401;
 * - counter keys: vCenter numbers its counters per installation, hence clients look
 *   them up by name; the keys below are this mock's;
 * - the `vpxd.stats.maxQueryMetrics` limit (64 entity×counter pairs in one historical
 *   query, InvalidArgument `querySpec.size` beyond it): the vCenter setting's documented
 *   default, the fault as clients report it; neither checked against a live vCenter.
 * Sessions are the same store as the Automation API's (`/__mock/expire-sessions` ends
 * both); a real vCenter keeps the two apart, which no client here depends on.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SeedCloud } from '../seed';
import { SAMPLE_MS, type UsageSample, type VmHistory } from '../usageHistory';

/** The historical interval of 5-minute samples (vCenter's "past day" level). */
export const FIVE_MINUTES = 300;
/** `vpxd.stats.maxQueryMetrics`' default: entity×counter pairs one historical QueryPerf may ask for. */
export const MAX_QUERY_METRICS = 64;

const SESSION_HEADER = 'vmware-api-session-id';
const PREFIX = '/sdk/vim25/';

interface Session {
  user: string;
  created: string;
  lastAccessed: string;
}

interface Counter {
  key: number;
  group: string;
  name: string;
  rollup: 'average' | 'latest' | 'maximum' | 'minimum' | 'summation' | 'none';
  unit: 'megaHertz' | 'kiloBytes' | 'kiloBytesPerSecond' | 'percent';
  stats: 'rate' | 'absolute' | 'delta';
  /** The counter's value in a sample; undefined for counters the history does not hold. */
  read?: (s: UsageSample) => number;
}

/**
 * The counters served. Two decoys share a group and name with a metered one but not
 * its rollup (`cpu.usagemhz.maximum`) or its name (`cpu.usage.average`, percent), so a
 * client that matches names loosely reads the wrong series.
 */
export const COUNTERS: readonly Counter[] = [
  { key: 2, group: 'cpu', name: 'usage', rollup: 'average', unit: 'percent', stats: 'rate' },
  { key: 6, group: 'cpu', name: 'usagemhz', rollup: 'average', unit: 'megaHertz', stats: 'rate', read: (s) => s.cpuUsedMhz },
  { key: 8, group: 'cpu', name: 'usagemhz', rollup: 'maximum', unit: 'megaHertz', stats: 'rate', read: (s) => s.cpuUsedMhz * 2 },
  { key: 98, group: 'mem', name: 'consumed', rollup: 'average', unit: 'kiloBytes', stats: 'absolute', read: (s) => s.memoryUsedMb * 1024 },
  {
    key: 146,
    group: 'net',
    name: 'usage',
    rollup: 'average',
    unit: 'kiloBytesPerSecond',
    stats: 'rate',
    read: (s) => kiloBytesPerSecond(s),
  },
  {
    key: 240,
    group: 'disk',
    name: 'used',
    rollup: 'latest',
    unit: 'kiloBytes',
    stats: 'absolute',
    read: (s) => s.storageUsedGb * 1024 * 1024,
  },
];

/**
 * `net.usage.average` is a PerfMetricIntSeries in KBps: the history's kilobits per
 * second, rounded to whole kilobytes per second as the integer series holds them.
 */
export function kiloBytesPerSecond(sample: UsageSample): number {
  return Math.round(sample.networkKbps / 8);
}

const description = (key: string, label = key) => ({ _typeName: 'ElementDescription', label, summary: label, key });

function counterInfo(c: Counter): Record<string, unknown> {
  return {
    _typeName: 'PerfCounterInfo',
    key: c.key,
    nameInfo: description(c.name),
    groupInfo: description(c.group),
    unitInfo: description(c.unit),
    rollupType: c.rollup,
    statsType: c.stats,
    level: 1,
    perDeviceLevel: 3,
  };
}

/** A MethodFault body, as VI/JSON sends one (`_typeName` is the fault). */
function sendFault(reply: FastifyReply, type: string, status = 500, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).send({ _typeName: type, faultMessage: [], ...extra });
}

/** `2026-11-01T00:05:00Z`-style xsd:dateTime as vCenter writes it (UTC, `Z`). */
const dateTime = (ms: number): string => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');

/** A ManagedObjectReference as VI/JSON writes one. */
const moRef = (type: string, value: string) => ({ _typeName: 'ManagedObjectReference', type, value });

interface QuerySpec {
  entity?: { type?: unknown; value?: unknown };
  startTime?: unknown;
  endTime?: unknown;
  maxSample?: unknown;
  intervalId?: unknown;
  format?: unknown;
  metricId?: { counterId?: unknown; instance?: unknown }[];
}

const parseTime = (value: unknown): number | undefined | 'bad' => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return 'bad';
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? 'bad' : ms;
};

/**
 * One PerfEntityMetric for a spec, or a fault name. Sample timestamps mark the end of
 * their 5-minute interval (vCenter's convention): the history slot starting at `t` is
 * the sample stamped `t + 300 s`. `startTime` is exclusive, `endTime` inclusive (the
 * PerfQuerySpec documentation), and no sample is answered before its interval has
 * ended: the collector has not taken it yet.
 */
function entityMetric(spec: QuerySpec, history: ReadonlyMap<string, VmHistory>, now: number): Record<string, unknown> | string | undefined {
  if (spec.entity?.type !== 'VirtualMachine' || typeof spec.entity.value !== 'string') return undefined;
  const vm = history.get(spec.entity.value);
  // Only entities that resolve are answered ("Only metrics for entities that can be resolved … are returned").
  if (!vm) return undefined;
  if (spec.intervalId !== FIVE_MINUTES) return 'InvalidArgument';
  if (spec.format !== undefined && spec.format !== 'normal') return 'InvalidArgument';
  const start = parseTime(spec.startTime);
  const end = parseTime(spec.endTime);
  if (start === 'bad' || end === 'bad') return 'InvalidArgument';
  // No metricId: every counter the entity has (here, those the history holds).
  const counters =
    spec.metricId === undefined
      ? COUNTERS.filter((c) => c.read !== undefined)
      : spec.metricId
          .map((m) => COUNTERS.find((c) => c.key === m.counterId && c.read !== undefined))
          .filter((c): c is Counter => c !== undefined);
  const stamps: number[] = [];
  const samples: UsageSample[] = [];
  const last = Math.min(end ?? now, now);
  // The first stamp after `start` (exclusive) on the 5-minute grid; without a start, the history's own.
  const origin = vm.createdAt + SAMPLE_MS;
  let stamp = start === undefined ? origin : Math.max(origin, (Math.floor(start / SAMPLE_MS) + 1) * SAMPLE_MS);
  for (; stamp <= last; stamp += SAMPLE_MS) {
    const sample = vm.sampleAt(stamp - SAMPLE_MS);
    if (sample === null) continue;
    stamps.push(stamp);
    samples.push(sample);
  }
  const max = typeof spec.maxSample === 'number' && spec.maxSample > 0 ? spec.maxSample : undefined;
  const from = max === undefined ? 0 : Math.max(0, stamps.length - max);
  const metric: Record<string, unknown> = { _typeName: 'PerfEntityMetric', entity: moRef('VirtualMachine', vm.vm.nativeId) };
  // A VM with no sample in the range has no series: the optional arrays stay unset.
  if (stamps.length > from && counters.length > 0) {
    metric.sampleInfo = stamps.slice(from).map((t) => ({ _typeName: 'PerfSampleInfo', timestamp: dateTime(t), interval: FIVE_MINUTES }));
    metric.value = counters.map((c) => ({
      _typeName: 'PerfMetricIntSeries',
      id: { _typeName: 'PerfMetricId', counterId: c.key, instance: '' },
      value: samples.slice(from).map((s) => c.read!(s)),
    }));
  }
  return metric;
}

/** VirtualMachineConfigInfo, the subset a metering client reads (and what identifies the VM). */
function configInfo(vm: VmHistory, current: SeedCloud['vms'][number]): Record<string, unknown> {
  const capacityBytes = current.storageGb * 1024 ** 3;
  return {
    _typeName: 'VirtualMachineConfigInfo',
    changeVersion: dateTime(vm.createdAt),
    modified: dateTime(vm.createdAt),
    name: current.name,
    guestFullName: 'Other Linux (64-bit)',
    version: 'vmx-19',
    uuid: `bios-${current.nativeId}`,
    createDate: dateTime(vm.createdAt),
    instanceUuid: `instance-${current.nativeId}`,
    template: false,
    guestId: 'otherLinux64Guest',
    hardware: {
      _typeName: 'VirtualHardware',
      numCPU: current.cpuCount,
      numCoresPerSocket: 1,
      memoryMB: current.memoryMb,
      device: [
        {
          _typeName: 'VirtualDisk',
          key: 2000,
          deviceInfo: { _typeName: 'Description', label: 'Hard disk 1', summary: `${capacityBytes / 1024} KB` },
          controllerKey: 1000,
          unitNumber: 0,
          capacityInKB: capacityBytes / 1024,
          capacityInBytes: capacityBytes,
        },
      ],
    },
  };
}

/**
 * Register the VI/JSON routes. `sessions`: the mock's session store (shared with the
 * Automation API); `history`: the seeded VMs' usage history, in `cloud.vms` order.
 */
export function registerPerfRoutes(
  app: FastifyInstance,
  cloud: SeedCloud,
  history: readonly VmHistory[],
  sessions: Map<string, Session>,
  credentials: { username: string; password: string },
): void {
  const byId = new Map(history.map((h) => [h.vm.nativeId, h]));
  const release = (request: FastifyRequest): boolean => /^\d+\.\d+\.\d+\.\d+$/.test((request.params as { release?: string }).release ?? '');

  app.addHook('preHandler', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith(PREFIX) || path.endsWith('/SessionManager/SessionManager/Login')) return undefined;
    const id = request.headers[SESSION_HEADER];
    const session = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!session) return sendFault(reply, 'NotAuthenticated', 401, { object: moRef('Folder', 'group-d1'), privilegeId: 'System.View' });
    session.lastAccessed = new Date().toISOString();
    return undefined;
  });

  app.post<{ Params: { release: string } }>(`${PREFIX}:release/SessionManager/SessionManager/Login`, async (request, reply) => {
    if (!release(request)) return sendFault(reply, 'InvalidRequest', 400);
    const body = (request.body ?? {}) as { userName?: unknown; password?: unknown };
    if (body.userName !== credentials.username || body.password !== credentials.password) return sendFault(reply, 'InvalidLogin');
    const key = randomBytes(20).toString('hex');
    const now = new Date().toISOString();
    sessions.set(key, { user: 'VSPHERE.LOCAL\\Administrator', created: now, lastAccessed: now });
    // The session key comes back in the header; the body is the UserSession.
    return reply.header(SESSION_HEADER, key).send({
      _typeName: 'UserSession',
      key: randomBytes(16).toString('hex'),
      userName: 'VSPHERE.LOCAL\\Administrator',
      fullName: 'Administrator vsphere.local',
      loginTime: now,
      lastActiveTime: now,
      locale: 'en',
      messageLocale: 'en',
      extensionSession: false,
      ipAddress: '127.0.0.1',
      userAgent: request.headers['user-agent'] ?? '',
      callCount: 0,
    });
  });

  // A void method: 204, no body.
  app.post(`${PREFIX}:release/SessionManager/SessionManager/Logout`, async (request, reply) => {
    sessions.delete(request.headers[SESSION_HEADER] as string);
    return reply.code(204).send();
  });

  app.get(`${PREFIX}:release/PerformanceManager/PerfMgr/perfCounter`, async (request, reply) =>
    release(request) ? COUNTERS.map(counterInfo) : sendFault(reply, 'InvalidRequest', 400),
  );

  app.post(`${PREFIX}:release/PerformanceManager/PerfMgr/QueryPerf`, async (request, reply) => {
    if (!release(request)) return sendFault(reply, 'InvalidRequest', 400);
    const specs = (request.body as { querySpec?: unknown } | undefined)?.querySpec;
    if (!Array.isArray(specs)) return sendFault(reply, 'InvalidArgument', 500, { invalidProperty: 'querySpec' });
    const metrics = (specs as QuerySpec[]).reduce((n, s) => n + (Array.isArray(s.metricId) ? s.metricId.length : COUNTERS.length), 0);
    if (metrics > MAX_QUERY_METRICS) return sendFault(reply, 'InvalidArgument', 500, { invalidProperty: 'querySpec.size' });
    const now = Date.now();
    const answers: Record<string, unknown>[] = [];
    for (const spec of specs as QuerySpec[]) {
      const answer = entityMetric(spec, byId, now);
      if (typeof answer === 'string') return sendFault(reply, answer, 500, { invalidProperty: 'querySpec' });
      if (answer) answers.push(answer);
    }
    return answers;
  });

  app.get<{ Params: { release: string; moId: string } }>(`${PREFIX}:release/VirtualMachine/:moId/config`, async (request, reply) => {
    if (!release(request)) return sendFault(reply, 'InvalidRequest', 400);
    const vm = byId.get(request.params.moId);
    const current = cloud.vms.find((v) => v.nativeId === request.params.moId);
    if (!vm || !current) return sendFault(reply, 'ManagedObjectNotFound', 500, { obj: moRef('VirtualMachine', request.params.moId) });
    return configInfo(vm, current);
  });
}
