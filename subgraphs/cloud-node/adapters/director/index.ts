/**
 * Adapter for VMware Cloud Director (API 38.0), logged in as a provider
 * administrator so it sees every organization. VDCs come from the OpenAPI
 * (`/cloudapi/1.0.0/vdcs`); VMs come from the legacy query service
 * (`/api/query?type=adminVM`), whose FIQL filter lets one request answer for
 * many VDCs or many VM ids. Native ids are URNs (`urn:vcloud:vm:<uuid>`).
 * The session and the paging live in `shared/director`, shared with the sp-node.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import { powerState, urnOf, VDC_URN, VM_URN } from '../../../shared/director/ids';
import { anyOf, cloudapiList, FILTER_CHUNK, queryRecords } from '../../../shared/director/query';
import { createDirectorSession, LEGACY_ACCEPT } from '../../../shared/director/session';
import type { AdapterOptions, CloudAdapter, VdcRecord, VmRecord } from '../types';
import { vmRecordSchema } from '../../../shared/director/records';
import { chunk } from '../../../shared/chunk';
import { sleep } from '../../../shared/sleep';

/** Task polls before giving up; with the backoff below that is about a minute. */
const MAX_TASK_POLLS = 60;
const TASK_FAILED = new Set(['error', 'canceled', 'aborted']);

const vdcSchema = z.object({ id: z.string(), name: z.string() });
const taskSchema = z.object({ href: z.string(), status: z.string() });
type Task = z.infer<typeof taskSchema>;

function toVmRecord(record: z.infer<typeof vmRecordSchema>): VmRecord {
  // Records name their VDC only by href; the VDC's URN is built from the uuid in it.
  const id = urnOf('vm', record.href, record.id);
  const vdcId = urnOf('vdc', record.vdc);
  if (id === undefined || vdcId === undefined) throw directorAnswers.unexpected('VM query');
  return {
    id,
    name: record.name,
    vdcId,
    powerState: powerState(record.status),
    cpuCount: record.numberOfCpus,
    memoryMb: record.memoryMB,
  };
}

/** Create the adapter; it logs in on first use and keeps the bearer token. */
export function createDirectorAdapter(options: AdapterOptions): CloudAdapter {
  const director = createDirectorSession(options);
  const basePath = new URL(options.baseUrl).pathname.replace(/\/$/, '');
  const call = director.call;

  /** All VM records matching a FIQL filter: one request per 128 records. */
  async function queryVms(filter: string): Promise<VmRecord[]> {
    const records = await queryRecords(director, { type: 'adminVM', filter, record: vmRecordSchema, subject: 'VM query' });
    return records.map(toVmRecord);
  }

  /** `(isVAppTemplate==false;(attr==a,attr==b,...))`: VMs of vApp templates are not workloads. */
  const workloadsWith = (attr: string, values: readonly string[]) => `(isVAppTemplate==false;${anyOf(attr, values)})`;

  /** Map a task href to a request path; http.ts adds the base URL's path itself. */
  function taskPath(href: string): string {
    let path: string;
    try {
      path = new URL(href).pathname;
    } catch {
      throw directorAnswers.unexpected('power task');
    }
    if (basePath !== '' && path.startsWith(`${basePath}/`)) path = path.slice(basePath.length);
    if (!path.startsWith('/api/task/')) throw directorAnswers.unexpected('power task');
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
      if (polls > 0) await sleep(Math.min(25 * 2 ** polls, 1000));
      const res = await call({ method: 'GET', path, headers: { accept: LEGACY_ACCEPT } }, { subject: `task of ${subject}` });
      current = directorAnswers.parse(taskSchema, res.body, 'power task');
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
    await waitForTask(directorAnswers.parse(taskSchema, res.body, subject), subject);
  }

  return {
    kind: 'director',

    async listVdcs(): Promise<VdcRecord[]> {
      const values = await cloudapiList(director, '/cloudapi/1.0.0/vdcs', vdcSchema, 'VDC list');
      return values.map(({ id, name }) => ({ id, name }));
    },

    async listVms(vdcIds) {
      if (vdcIds === undefined) return queryVms('isVAppTemplate==false');
      // Anything that is not a VDC URN cannot match, and must not reach the FIQL filter.
      const valid = [...new Set(vdcIds)].filter((id) => VDC_URN.test(id));
      const chunks = await Promise.all(chunk(valid, FILTER_CHUNK).map((ids) => queryVms(workloadsWith('vdc', ids))));
      return chunks.flat();
    },

    async getVms(ids) {
      const valid = [...new Set(ids)].filter((id) => VM_URN.test(id));
      const chunks = await Promise.all(chunk(valid, FILTER_CHUNK).map((part) => queryVms(workloadsWith('id', part))));
      const wanted = new Set(valid);
      return new Map(
        chunks
          .flat()
          .filter((vm) => wanted.has(vm.id))
          .map((vm) => [vm.id, vm]),
      );
    },

    powerOn: (id) => power(id, 'powerOn'),
    powerOff: (id) => power(id, 'powerOff'),

    // The session's own record (cloudapi): the cell answering for our session, nothing queried.
    probe: () => director.probe(),

    close: () => director.close(),
  };
}
