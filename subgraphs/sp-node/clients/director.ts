/**
 * The sp-node's view of a Cloud Director cell's tenancy, read as a provider
 * administrator through the legacy query service: `organization`, `adminOrgVdc`
 * (allocation and usage per org VDC), `adminVM` (with its org) and `providerVdc`.
 * Each list is one request per 128 records, whatever asks for it; records name
 * related entities by href, so org and VDC URNs are rebuilt from the uuid in it.
 */
import { z } from 'zod';
import { directorAnswers } from '../../shared/director/errors';
import { ORG_URN, powerState, urnOf } from '../../shared/director/ids';
import { anyOf, FILTER_CHUNK, queryRecords } from '../../shared/director/query';
import { createDirectorSession } from '../../shared/director/session';
import { chunk } from '../../shared/chunk';
import type { DirectorApiOptions, OrgRecord, OrgVdcRecord, OrgVmRecord, ProviderRecord, TenancyClient } from './types';
import { orgVmRecordSchema } from '../../shared/director/records';

/** The provider's own organization: it holds administrators, not tenants' workloads. */
const SYSTEM_ORG = 'system';

// `id` is null in a real cell's JSON records: URNs are built from href (ids.ts).
const orgSchema = z.object({ href: z.string(), id: z.string().nullish(), name: z.string(), displayName: z.string().nullish() });
const orgVdcSchema = z.object({
  href: z.string(),
  id: z.string().nullish(),
  name: z.string(),
  org: z.string(),
  cpuLimitMhz: z.number(),
  cpuUsedMhz: z.number(),
  memoryLimitMB: z.number(),
  memoryUsedMB: z.number(),
  storageLimitMB: z.number(),
  storageUsedMB: z.number(),
  numberOfVMs: z.number().int(),
  numberOfRunningVMs: z.number().int(),
});
const providerVdcSchema = z.object({
  cpuLimitMhz: z.number(),
  cpuAllocationMhz: z.number(),
  memoryLimitMB: z.number(),
  memoryAllocationMB: z.number(),
  storageLimitMB: z.number(),
  storageAllocationMB: z.number(),
});

/** A URN the record must yield; a record without one is not what the API documents. */
function required(urn: string | undefined, subject: string): string {
  if (urn === undefined) throw directorAnswers.unexpected(subject);
  return urn;
}

function toOrgVdc(r: z.infer<typeof orgVdcSchema>): OrgVdcRecord {
  const subject = 'org VDC query';
  return {
    id: required(urnOf('vdc', r.href, r.id), subject),
    name: r.name,
    orgId: required(urnOf('org', r.org), subject),
    cpuLimitMhz: r.cpuLimitMhz,
    cpuUsedMhz: r.cpuUsedMhz,
    memoryLimitMb: r.memoryLimitMB,
    memoryUsedMb: r.memoryUsedMB,
    storageLimitMb: r.storageLimitMB,
    storageUsedMb: r.storageUsedMB,
    vmCount: r.numberOfVMs,
    poweredOnVmCount: r.numberOfRunningVMs,
  };
}

function toOrgVm(r: z.infer<typeof orgVmRecordSchema>): OrgVmRecord {
  const subject = 'VM query';
  return {
    id: required(urnOf('vm', r.href, r.id), subject),
    name: r.name,
    vdcId: required(urnOf('vdc', r.vdc), subject),
    orgId: required(urnOf('org', r.org), subject),
    powerState: powerState(r.status),
    cpuCount: r.numberOfCpus,
    memoryMb: r.memoryMB,
  };
}

/** Create the client; it logs in on first use and shares one session among its calls. */
export function createTenancyClient(options: DirectorApiOptions): TenancyClient {
  const director = createDirectorSession(options);

  /** VMs of vApp templates are not workloads; `extra` narrows further. */
  const queryVms = async (extra?: string): Promise<OrgVmRecord[]> => {
    const filter = extra === undefined ? 'isVAppTemplate==false' : `(isVAppTemplate==false;${extra})`;
    const records = await queryRecords(director, { type: 'adminVM', filter, record: orgVmRecordSchema, subject: 'VM query' });
    return records.map(toOrgVm);
  };

  return {
    async listOrgs(): Promise<OrgRecord[]> {
      const records = await queryRecords(director, { type: 'organization', record: orgSchema, subject: 'organization query' });
      return records
        .filter((r) => r.name.toLowerCase() !== SYSTEM_ORG)
        .map((r) => ({ id: required(urnOf('org', r.href, r.id), 'organization query'), name: r.name, fullName: r.displayName || r.name }));
    },

    async listOrgVdcs(): Promise<OrgVdcRecord[]> {
      const records = await queryRecords(director, { type: 'adminOrgVdc', record: orgVdcSchema, subject: 'org VDC query' });
      return records.map(toOrgVdc);
    },

    async listOrgVms(orgIds?: readonly string[]): Promise<OrgVmRecord[]> {
      if (orgIds === undefined) return queryVms();
      // Anything that is not an org URN cannot match, and must not reach the FIQL filter.
      const valid = [...new Set(orgIds)].filter((id) => ORG_URN.test(id));
      const chunks = await Promise.all(chunk(valid, FILTER_CHUNK).map((ids) => queryVms(anyOf('org', ids))));
      return chunks.flat();
    },

    async provider(): Promise<ProviderRecord> {
      const records = await queryRecords(director, { type: 'providerVdc', record: providerVdcSchema, subject: 'provider VDC query' });
      const total = (get: (r: z.infer<typeof providerVdcSchema>) => number) => records.reduce((sum, r) => sum + get(r), 0);
      return {
        cpuCapacityMhz: total((r) => r.cpuLimitMhz),
        cpuAllocatedMhz: total((r) => r.cpuAllocationMhz),
        memoryCapacityMb: total((r) => r.memoryLimitMB),
        memoryAllocatedMb: total((r) => r.memoryAllocationMB),
        storageCapacityMb: total((r) => r.storageLimitMB),
        storageAllocatedMb: total((r) => r.storageAllocationMB),
      };
    },

    // The session's own record (cloudapi): the cell answering for our session, nothing queried.
    probe: () => director.probe(),

    close: () => director.close(),
  };
}
