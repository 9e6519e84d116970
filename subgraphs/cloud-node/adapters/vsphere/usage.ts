/**
 * vSphere usage metering through the VI/JSON API (vCenter 8.0U1+, `/sdk/vim25/{release}`):
 * the PerformanceManager's historical 5-minute statistics for the used figures, and each
 * VM's `config` for its creation time and disk capacity. The Automation API (`/api`)
 * has no statistics but the vStats Technology Preview, which VMware says is not for
 * production; VI/JSON is the production API beside SOAP.
 *
 * Calls per read: the VM list (one per datacenter, as listVms), one `config` read per
 * VM (what the API needs: createDate is a per-VM property; a PropertyCollector could
 * batch it, at the cost of a second protocol), the counter list once per adapter, and
 * one QueryPerf per 16 VMs: vCenter refuses a historical query of more than 64
 * entity×counter pairs (`vpxd.stats.maxQueryMetrics`), and we ask for four counters.
 *
 * Figures: allocation is the VM's configuration now (vCPUs, memory, the sum of its
 * disks' capacity) for every hour from its creation (or the window's start); used is
 * the mean of the hour's 5-minute samples, with `mem.consumed` KB → MB, `disk.used` KB →
 * GB (1024²) and `net.usage` KBps → kilobits/s (×8); an hour without a sample is null.
 * vCenter keeps 5-minute samples only 1 to 5 days (statistics level settings), so the
 * meter must run at least daily; older hours answer allocation with null used figures.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { chunk } from '../../../shared/chunk';
import { SharedCredential } from '../../../shared/credential';
import { headerValue, type HttpClient, type HttpRequest, type HttpResponse } from '../../../shared/http';
import { HOUR_MS, hourStart, isoSeconds } from '../../../../schema/hours';
import { isRecord } from '../../../../schema/values';
import type { AdapterOptions, UsageHourRecord, UsageWindow, VmRecord } from '../types';
import { vsphereAnswers } from './errors';

/** The first release serving VI/JSON; later vCenters serve older releases' paths too. */
const RELEASE = '8.0.1.0';
const SDK = `/sdk/vim25/${RELEASE}`;
const SESSION_HEADER = 'vmware-api-session-id';
/** The historical interval holding 5-minute samples. */
const FIVE_MINUTES = 300;
/** 64 entity×counter pairs per historical query (vCenter's default limit), four counters each. */
const VMS_PER_QUERY = 16;
/** Config reads and queries in flight at once: enough to hide latency, few enough not to crowd vCenter. */
const CONCURRENCY = 8;

/** The counters read, by `group.name.rollup`. */
const COUNTERS = {
  cpu: 'cpu.usagemhz.average',
  memory: 'mem.consumed.average',
  disk: 'disk.used.latest',
  network: 'net.usage.average',
} as const;
type Metric = keyof typeof COUNTERS;
const METRICS = Object.keys(COUNTERS) as Metric[];

const counterList = z.array(
  z.object({ key: z.number(), nameInfo: z.object({ key: z.string() }), groupInfo: z.object({ key: z.string() }), rollupType: z.string() }),
);

const vmConfig = z.object({
  // Unset for VMs created before vSphere 6.7.
  createDate: z.string().nullish(),
  hardware: z.object({
    device: z
      .array(z.object({ _typeName: z.string().optional(), capacityInBytes: z.number().nullish(), capacityInKB: z.number().nullish() }))
      .default([]),
  }),
});

const perfAnswer = z.array(
  z.object({
    entity: z.object({ value: z.string() }),
    sampleInfo: z.array(z.object({ timestamp: z.string(), interval: z.number() })).nullish(),
    value: z
      .array(z.object({ id: z.object({ counterId: z.number(), instance: z.string().nullish() }), value: z.array(z.number()).nullish() }))
      .nullish(),
  }),
);

/** The fault type of a VI/JSON error body (`NotAuthenticated`, `InvalidLogin`, …), when it looks like one. */
function faultType(body: unknown): string | undefined {
  const type = isRecord(body) ? body._typeName : undefined;
  return typeof type === 'string' && /^[A-Za-z]{1,64}$/.test(type) ? type : undefined;
}

/** The error for a VI/JSON answer that is not a success; only the fault's type name is echoed. */
function vimError(res: HttpResponse, what: string): CloudApiError {
  const type = faultType(res.body);
  if (type === 'ManagedObjectNotFound' || res.status === 404) {
    return new CloudApiError(ErrorCode.NOT_FOUND, `${what} not found in vCenter`, res.status);
  }
  if (res.status === 401 || type === 'InvalidLogin' || type === 'NotAuthenticated') {
    return new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'vCenter refused the credentials', res.status);
  }
  return new CloudApiError(ErrorCode.UPSTREAM_ERROR, `vCenter answered ${res.status}${type ? ` ${type}` : ''} for ${what}`, res.status);
}

/** `items` mapped by `task`, at most `limit` at a time, in order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface VmConfig {
  vm: VmRecord;
  /** The first hour the VM existed in (ms); undefined when vCenter does not know. */
  createdHour: number | undefined;
  storageGb: number;
}

/** Per hour (ms) and metric: the sum and count of the hour's samples. */
type HourSums = Map<number, Record<Metric, { sum: number; count: number }>>;

export interface VsphereUsage {
  usage(window: UsageWindow): Promise<UsageHourRecord[]>;
  /** Log the VI/JSON session out (best effort). */
  close(): Promise<void>;
}

/** Usage metering for one vCenter over `http`; `listVms` is the adapter's own VM list. */
export function createVsphereUsage(http: HttpClient, options: AdapterOptions, listVms: () => Promise<VmRecord[]>): VsphereUsage {
  async function login(): Promise<string> {
    const res = await http.request({
      method: 'POST',
      path: `${SDK}/SessionManager/SessionManager/Login`,
      json: { userName: options.username, password: options.password },
    });
    if (res.status === 404) {
      throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, 'vCenter has no VI/JSON API: usage metering needs vCenter 8.0U1 or later', 404);
    }
    if (res.status !== 200) throw vimError(res, 'vCenter VI/JSON login');
    const key = headerValue(res, SESSION_HEADER);
    if (!key) throw vsphereAnswers.unexpected('vCenter VI/JSON login', res.status);
    return key;
  }
  const session = new SharedCredential(login);

  /** A request with the session; a NotAuthenticated fault counts as a 401, so the session logs in again once. */
  const call = (req: HttpRequest): Promise<HttpResponse> =>
    session.send(async (key) => {
      const res = await http.request({ ...req, headers: { ...req.headers, [SESSION_HEADER]: key } });
      return faultType(res.body) === 'NotAuthenticated' ? { ...res, status: 401 } : res;
    });

  // Counter keys are fixed for the life of a vCenter: read once, again only after a failure.
  let counterKeys: Promise<Record<Metric, number>> | undefined;
  function counters(): Promise<Record<Metric, number>> {
    counterKeys ??= (async () => {
      const res = await call({ method: 'GET', path: `${SDK}/PerformanceManager/PerfMgr/perfCounter` });
      if (res.status !== 200) throw vimError(res, 'performance counters');
      const list = vsphereAnswers.parse(counterList, res.body, 'performance counters', res.status);
      const byName = new Map(list.map((c) => [`${c.groupInfo.key}.${c.nameInfo.key}.${c.rollupType}`, c.key]));
      const keys = {} as Record<Metric, number>;
      for (const metric of METRICS) {
        const key = byName.get(COUNTERS[metric]);
        if (key === undefined) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `vCenter has no performance counter ${COUNTERS[metric]}`);
        keys[metric] = key;
      }
      return keys;
    })();
    counterKeys.catch(() => (counterKeys = undefined));
    return counterKeys;
  }

  /** The VM's creation hour and disk capacity; undefined for a VM gone since it was listed. */
  async function configOf(vm: VmRecord): Promise<VmConfig | undefined> {
    const what = `VM ${vm.id} configuration`;
    const res = await call({ method: 'GET', path: `${SDK}/VirtualMachine/${encodeURIComponent(vm.id)}/config` });
    if (res.status !== 200) {
      const error = vimError(res, what);
      if (error.code === ErrorCode.NOT_FOUND) return undefined;
      throw error;
    }
    const config = vsphereAnswers.parse(vmConfig, res.body, what, res.status);
    const created = config.createDate ? Date.parse(config.createDate) : Number.NaN;
    const bytes = config.hardware.device
      .filter((d) => d._typeName === 'VirtualDisk')
      .reduce((sum, d) => sum + (d.capacityInBytes ?? (d.capacityInKB ?? 0) * 1024), 0);
    return { vm, createdHour: Number.isNaN(created) ? undefined : hourStart(created).getTime(), storageGb: bytes / 1024 ** 3 };
  }

  /** The samples of `vms` in (start, end], summed per VM and hour. startTime is exclusive and endTime inclusive in QueryPerf. */
  async function samples(vms: readonly VmConfig[], start: number, end: number): Promise<Map<string, HourSums>> {
    const keys = await counters();
    const metricOf = new Map(METRICS.map((m) => [keys[m], m]));
    const byVm = new Map<string, HourSums>();
    const batches = chunk(vms, VMS_PER_QUERY);
    await mapLimit(batches, CONCURRENCY, async (batch) => {
      const querySpec = batch.map((c) => ({
        entity: { type: 'VirtualMachine', value: c.vm.id },
        startTime: isoSeconds(Math.max(start, c.createdHour ?? start)),
        endTime: isoSeconds(end),
        intervalId: FIVE_MINUTES,
        metricId: METRICS.map((m) => ({ counterId: keys[m], instance: '' })),
        format: 'normal',
      }));
      const res = await call({ method: 'POST', path: `${SDK}/PerformanceManager/PerfMgr/QueryPerf`, json: { querySpec } });
      if (res.status !== 200) throw vimError(res, 'performance statistics');
      for (const entity of vsphereAnswers.parse(perfAnswer, res.body, 'performance statistics', res.status)) {
        const hours: HourSums = byVm.get(entity.entity.value) ?? new Map();
        byVm.set(entity.entity.value, hours);
        // A timestamp is the end of its sample's interval: the sample belongs to the hour its interval starts in.
        const slotHours = (entity.sampleInfo ?? []).map((s) => hourStart(Date.parse(s.timestamp) - s.interval * 1000).getTime());
        for (const series of entity.value ?? []) {
          const metric = metricOf.get(series.id.counterId);
          // Only the VM-wide aggregate (instance ""), not per-device series.
          if (metric === undefined || (series.id.instance ?? '') !== '') continue;
          (series.value ?? []).forEach((value, i) => {
            const hour = slotHours[i];
            // vCenter writes -1 for a sample it has no value of.
            if (hour === undefined || Number.isNaN(hour) || value < 0) return;
            let sums = hours.get(hour);
            if (!sums) hours.set(hour, (sums = emptySums()));
            sums[metric].sum += value;
            sums[metric].count += 1;
          });
        }
      }
    });
    return byVm;
  }

  return {
    async usage(window) {
      const start = window.start.getTime();
      // Hours that have begun: the current one with the samples taken so far, none of the future.
      const end = Math.min(window.end.getTime(), hourStart(Date.now()).getTime() + HOUR_MS);
      if (end <= start) return [];
      const configs = (await mapLimit(await listVms(), CONCURRENCY, configOf)).filter(
        (c): c is VmConfig => c !== undefined && (c.createdHour ?? start) < end,
      );
      const sums = await samples(configs, start, end);
      const records: UsageHourRecord[] = [];
      for (const c of configs) {
        const allocation = { vcpu: c.vm.cpuCount, memoryMb: c.vm.memoryMb, storageGb: c.storageGb };
        const hours = sums.get(c.vm.id);
        for (let hour = Math.max(start, c.createdHour ?? start); hour < end; hour += HOUR_MS) {
          const s = hours?.get(hour);
          const mean = (metric: Metric, scale: number): number | null =>
            s && s[metric].count > 0 ? (s[metric].sum / s[metric].count) * scale : null;
          records.push({
            vmId: c.vm.id,
            vmName: c.vm.name,
            vdcId: c.vm.vdcId,
            hour: new Date(hour),
            max: allocation,
            avg: allocation,
            cpuUsedMhz: mean('cpu', 1),
            memoryUsedMb: mean('memory', 1 / 1024),
            storageUsedGb: mean('disk', 1 / 1024 ** 2),
            networkKbps: mean('network', 8),
          });
        }
      }
      return records;
    },

    async close() {
      await session.release((key) =>
        http.request({ method: 'POST', path: `${SDK}/SessionManager/SessionManager/Logout`, headers: { [SESSION_HEADER]: key } }),
      );
    },
  };
}

function emptySums(): Record<Metric, { sum: number; count: number }> {
  return { cpu: { sum: 0, count: 0 }, memory: { sum: 0, count: 0 }, disk: { sum: 0, count: 0 }, network: { sum: 0, count: 0 } };
}
