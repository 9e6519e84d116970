/**
 * Adapter for VMware Cloud Director (API 38.0), logged in as a provider
 * administrator so it sees every organization. VDCs come from the OpenAPI
 * (`/cloudapi/1.0.0/vdcs`); VMs come from the legacy query service
 * (`/api/query?type=adminVM`), whose FIQL filter lets one request answer for
 * many VDCs or many VM ids. Native ids are URNs (`urn:vcloud:vm:<uuid>`).
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/errors';
import { createHttpClient, type HttpRequest, type HttpResponse } from '../../../shared/http';
import type { AdapterOptions, CloudAdapter, PowerState, VdcRecord, VmRecord } from '../types';
import { directorError, unexpectedAnswer, type ErrorContext } from './errors';

const API_VERSION = '38.0';
const CLOUDAPI_ACCEPT = `application/json;version=${API_VERSION}`;
const LEGACY_ACCEPT = `application/*+json;version=${API_VERSION}`;
/** The largest page both API halves serve. */
const PAGE_SIZE = 128;
/** Ids or VDCs per query filter: ~3 KB of URL, well inside proxy limits, and under one page. */
const FILTER_CHUNK = 50;
/** Task polls before giving up; with the backoff below that is about a minute. */
const MAX_TASK_POLLS = 60;
const TASK_FAILED = new Set(['error', 'canceled', 'aborted']);

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const VM_URN = new RegExp(`^urn:vcloud:vm:${UUID}$`, 'i');
const VDC_URN = new RegExp(`^urn:vcloud:vdc:${UUID}$`, 'i');
const VM_HREF = new RegExp(`/vm-${UUID}$`, 'i');
const VDC_HREF = new RegExp(`/vdc/${UUID}$`, 'i');

const pageSchema = z.object({
  pageCount: z.number().int().nonnegative(),
  values: z.array(z.object({ id: z.string(), name: z.string() })),
});
const recordSchema = z.object({
  href: z.string(),
  id: z.string().optional(),
  name: z.string(),
  status: z.string(),
  numberOfCpus: z.number(),
  memoryMB: z.number(),
  vdc: z.string(),
});
const recordsSchema = z.object({ total: z.number().int().nonnegative(), record: z.array(recordSchema).optional() });
const taskSchema = z.object({ href: z.string(), status: z.string() });
type Task = z.infer<typeof taskSchema>;

function parse<T>(schema: z.ZodType<T>, body: unknown, subject: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw unexpectedAnswer(subject);
  return result.data;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** Query records carry strings; statuses without a power meaning (UNRESOLVED, ...) count as off. */
function powerState(status: string): PowerState {
  if (status === 'POWERED_ON' || status === 'SUSPENDED') return status;
  if (status === 'PARTIALLY_SUSPENDED') return 'SUSPENDED';
  return 'POWERED_OFF';
}

function toVmRecord(record: z.infer<typeof recordSchema>): VmRecord {
  // Records name their VDC only by href; the VDC's URN is built from the uuid in it.
  const id = record.id ?? `urn:vcloud:vm:${VM_HREF.exec(record.href)?.[1] ?? ''}`;
  const vdcUuid = VDC_HREF.exec(record.vdc)?.[1];
  if (!VM_URN.test(id) || vdcUuid === undefined) throw unexpectedAnswer('VM query');
  return {
    id,
    name: record.name,
    vdcId: `urn:vcloud:vdc:${vdcUuid}`,
    powerState: powerState(record.status),
    cpuCount: record.numberOfCpus,
    memoryMb: record.memoryMB,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Create the adapter; it logs in on first use and keeps the bearer token. */
export function createDirectorAdapter(options: AdapterOptions): CloudAdapter {
  const http = createHttpClient(options.baseUrl, options.timeoutMs);
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');
  // System org users log in at the provider endpoint, tenant users at the plain one.
  const loginPath = /@system$/i.test(options.username) ? '/cloudapi/1.0.0/sessions/provider' : '/cloudapi/1.0.0/sessions';
  let token: string | undefined;
  let pendingLogin: Promise<string> | undefined;

  async function login(): Promise<string> {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    const res = await http.request({
      method: 'POST',
      path: loginPath,
      headers: { accept: CLOUDAPI_ACCEPT, authorization: `Basic ${basic}` },
    });
    if (res.status === 401 || res.status === 403) throw directorError(401, { subject: 'login' });
    if (res.status !== 200) throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `Cloud Director login answered ${res.status}`, res.status);
    const header = res.headers['x-vmware-vcloud-access-token'];
    const value = Array.isArray(header) ? header[0] : header;
    if (!value) throw unexpectedAnswer('login');
    token = value;
    return value;
  }

  /** The current token, logging in once however many calls are waiting for it. */
  function session(): Promise<string> {
    if (token !== undefined) return Promise.resolve(token);
    pendingLogin ??= login().finally(() => {
      pendingLogin = undefined;
    });
    return pendingLogin;
  }

  /** Send with the session token; on a 401 log in again once and retry. */
  async function call(req: HttpRequest, context: ErrorContext): Promise<HttpResponse> {
    const send = (bearer: string) => http.request({ ...req, headers: { ...req.headers, authorization: `Bearer ${bearer}` } });
    const used = await session();
    let res = await send(used);
    if (res.status === 401) {
      // Only drop the token if no concurrent call has already replaced it.
      if (token === used) token = undefined;
      res = await send(await session());
    }
    if (res.status >= 400) throw directorError(res.status, context);
    return res;
  }

  /** Every value of a cloudapi collection: page 1, then the other pages in parallel. */
  async function cloudapiList(path: string, subject: string): Promise<Array<{ id: string; name: string }>> {
    const page = async (n: number) => {
      const res = await call({ method: 'GET', path: `${path}?page=${n}&pageSize=${PAGE_SIZE}`, headers: { accept: CLOUDAPI_ACCEPT } }, { subject });
      return parse(pageSchema, res.body, subject);
    };
    const first = await page(1);
    const rest = await Promise.all(Array.from({ length: Math.max(0, first.pageCount - 1) }, (_, i) => page(i + 2)));
    return [first, ...rest].flatMap((p) => p.values);
  }

  /** All VM records matching a FIQL filter: one request per 128 records. */
  async function queryVms(filter: string): Promise<VmRecord[]> {
    const subject = 'VM query';
    const page = async (n: number) => {
      const params = new URLSearchParams({ type: 'adminVM', format: 'records', page: String(n), pageSize: String(PAGE_SIZE), filter });
      const res = await call({ method: 'GET', path: `/api/query?${params}`, headers: { accept: LEGACY_ACCEPT } }, { subject });
      return parse(recordsSchema, res.body, subject);
    };
    const first = await page(1);
    const pages = Math.ceil(first.total / PAGE_SIZE);
    const rest = await Promise.all(Array.from({ length: Math.max(0, pages - 1) }, (_, i) => page(i + 2)));
    return [first, ...rest].flatMap((p) => p.record ?? []).map(toVmRecord);
  }

  /** `(isVAppTemplate==false;(attr==a,attr==b,...))`: VMs of vApp templates are not workloads. */
  const anyOf = (attr: string, values: readonly string[]) =>
    `(isVAppTemplate==false;(${values.map((v) => `${attr}==${v}`).join(',')}))`;

  /** Map a task href to a request path; http.ts adds the base URL's path itself. */
  function taskPath(href: string): string {
    let path: string;
    try {
      path = new URL(href).pathname;
    } catch {
      throw unexpectedAnswer('power task');
    }
    if (basePath !== '' && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
    if (!path.startsWith('/api/task/')) throw unexpectedAnswer('power task');
    return path;
  }

  async function waitForTask(task: Task, subject: string): Promise<void> {
    const path = taskPath(task.href);
    let current = task;
    for (let polls = 0; ; polls++) {
      if (current.status === 'success') return;
      if (TASK_FAILED.has(current.status)) {
        throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `${subject}: Cloud Director task ended with status ${current.status}`);
      }
      if (polls === MAX_TASK_POLLS) {
        throw new CloudApiError(ErrorCode.CLOUD_UNAVAILABLE, `${subject}: Cloud Director task did not finish in time`);
      }
      // First poll at once (the mock and quick operations finish immediately), then back off.
      if (polls > 0) await delay(Math.min(25 * 2 ** polls, 1000));
      const res = await call({ method: 'GET', path, headers: { accept: LEGACY_ACCEPT } }, { subject: `task of ${subject}` });
      current = parse(taskSchema, res.body, 'power task');
    }
  }

  async function power(id: string, action: 'powerOn' | 'powerOff'): Promise<void> {
    const subject = `VM ${id}`;
    const uuid = VM_URN.exec(id)?.[1];
    if (uuid === undefined) throw new CloudApiError(ErrorCode.NOT_FOUND, `${subject} not found`);
    const res = await call(
      { method: 'POST', path: `/api/vApp/vm-${uuid}/power/action/${action}`, headers: { accept: LEGACY_ACCEPT } },
      { subject, action: true },
    );
    await waitForTask(parse(taskSchema, res.body, subject), subject);
  }

  return {
    kind: 'director',

    async listVdcs(): Promise<VdcRecord[]> {
      const values = await cloudapiList('/cloudapi/1.0.0/vdcs', 'VDC list');
      return values.map(({ id, name }) => ({ id, name }));
    },

    async listVms(vdcIds) {
      if (vdcIds === undefined) return queryVms('isVAppTemplate==false');
      // Anything that is not a VDC URN cannot match, and must not reach the FIQL filter.
      const valid = [...new Set(vdcIds)].filter((id) => VDC_URN.test(id));
      const chunks = await Promise.all(chunk(valid, FILTER_CHUNK).map((ids) => queryVms(anyOf('vdc', ids))));
      return chunks.flat();
    },

    async getVms(ids) {
      const valid = [...new Set(ids)].filter((id) => VM_URN.test(id));
      const chunks = await Promise.all(chunk(valid, FILTER_CHUNK).map((part) => queryVms(anyOf('id', part))));
      const wanted = new Set(valid);
      return new Map(chunks.flat().filter((vm) => wanted.has(vm.id)).map((vm) => [vm.id, vm]));
    },

    powerOn: (id) => power(id, 'powerOn'),
    powerOff: (id) => power(id, 'powerOff'),

    async close() {
      const current = token;
      token = undefined;
      if (current !== undefined) {
        // Best effort: an unreachable cloud must not keep the adapter from closing.
        await http
          .request({ method: 'DELETE', path: '/cloudapi/1.0.0/sessions/current', headers: { accept: CLOUDAPI_ACCEPT, authorization: `Bearer ${current}` } })
          .catch(() => undefined);
      }
      await http.close();
    },
  };
}
