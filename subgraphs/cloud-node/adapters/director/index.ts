/**
 * Adapter for VMware Cloud Director (API 37.0 to 39.1, negotiated), logged in as a provider
 * administrator so it sees every organization. VDCs come from the OpenAPI
 * (`/cloudapi/1.0.0/vdcs`); VMs come from the legacy query service
 * (`/api/query?type=adminVM`), whose FIQL filter lets one request answer for
 * many VDCs or many VM ids. Native ids are URNs (`urn:vcloud:vm:<uuid>`).
 * The session and the paging live in `shared/director`, shared with the sp-node.
 * Catalogs, templates, exports and imports: content.ts, with byte transfers to the
 * cell's transfer URLs over the same session.
 */
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { directorAnswers } from '../../../shared/director/errors';
import { VDC_URN, VM_URN } from '../../../shared/director/ids';
import { anyOf, cloudapiList, FILTER_CHUNK, queryRecords } from '../../../shared/director/query';
import { createDirectorSession } from '../../../shared/director/session';
import { DEFAULT_BUDGETS, type AdapterOptions, type CloudAdapter, type VdcRecord, type VmRecord } from '../types';
import { orgVdcValueSchema, vmRecordSchema } from '../../../shared/director/records';
import { chunk } from '../../../shared/chunk';
import { createDirectorContent } from './content';
import { followTask, taskSchema } from './tasks';
import { toVmRecord } from './vms';

/**
 * How long a content task is followed (enabling a download, resolving an upload,
 * instantiating, deleting): a cell takes minutes to import a large OVF into vCenter.
 */
export const CONTENT_BUDGET_MS = 30 * 60_000;

/** Create the adapter; it logs in on first use and keeps the bearer token. `contentBudgetMs`: see CONTENT_BUDGET_MS. */
export function createDirectorAdapter(options: AdapterOptions, contentBudgetMs = CONTENT_BUDGET_MS): CloudAdapter {
  const director = createDirectorSession(options);
  const budgets = options.budgets ?? DEFAULT_BUDGETS;

  /** All VM records matching a FIQL filter: one request per page the cell serves. */
  async function queryVms(filter: string): Promise<VmRecord[]> {
    const records = await queryRecords(director, { type: 'adminVM', filter, record: vmRecordSchema, subject: 'VM query' });
    return records.map(toVmRecord);
  }

  /** `(isVAppTemplate==false;(attr==a,attr==b,...))`: VMs of vApp templates are not workloads. */
  const workloadsWith = (attr: string, values: readonly string[]) => `(isVAppTemplate==false;${anyOf(attr, values)})`;

  async function power(id: string, action: 'powerOn' | 'powerOff'): Promise<void> {
    const subject = `VM ${id}`;
    const uuid = VM_URN.exec(id)?.[1];
    if (uuid === undefined) throw new CloudApiError(ErrorCode.NOT_FOUND, `${subject} not found`);
    const res = await director.call(
      { method: 'POST', path: `/api/vApp/vm-${uuid}/power/action/${action}` },
      { subject, action: true, entity: true },
    );
    const budgetMs = action === 'powerOn' ? budgets.powerOnMs : budgets.powerOffMs;
    await followTask(director, directorAnswers.parse(taskSchema, res.body, subject), { subject, budgetMs });
  }

  return {
    kind: 'director',

    async listVdcs(): Promise<VdcRecord[]> {
      const values = await cloudapiList(director, '/cloudapi/1.0.0/vdcs', orgVdcValueSchema, 'VDC list');
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

    content: createDirectorContent({ director, budgetMs: contentBudgetMs }),

    close: () => director.close(),
  };
}
