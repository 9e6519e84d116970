/**
 * The sp-node's view of a Cloud Director cell's tenancy, read as a provider
 * administrator through the legacy query service: `organization`, `adminOrgVdc`
 * (allocation and usage per org VDC, allocation.ts), `adminVM` (with its org and
 * vSphere placement, vcenters.ts) and `providerVdc`. Each list is one request per
 * page the cell serves, whatever asks for it; records name related entities by
 * href, so org and VDC URNs are rebuilt from the uuid in it.
 */
import { z } from 'zod';
import { directorAnswers } from '../../shared/director/errors';
import { ORG_URN, powerState, urnOf } from '../../shared/director/ids';
import { anyOf, cloudapiList, FILTER_CHUNK, queryRecords } from '../../shared/director/query';
import { createDirectorSession } from '../../shared/director/session';
import { chunk } from '../../shared/chunk';
import type { DirectorApiOptions, OrgRecord, OrgVdcRecord, OrgVmRecord, ProviderRecord, TenancyClient, VmPlacement } from './types';
import { orgVmRecordSchema } from '../../shared/director/records';
import { figure, orgVdcSchema, toOrgVdc } from './allocation';
import { vcenterDirectory, vcenterSchema, vcenterUuids, vimServerOf } from './vcenters';

/** The provider's own organization: it holds administrators, not tenants' workloads. */
const SYSTEM_ORG = 'system';

// `id` is null in a real cell's JSON records: URNs are built from href (ids.ts).
export const orgSchema = z.object({ href: z.string(), id: z.string().nullish(), name: z.string(), displayName: z.string().nullish() });
export const providerVdcSchema = z.object({
  cpuLimitMhz: figure,
  cpuAllocationMhz: figure,
  memoryLimitMB: figure,
  memoryAllocationMB: figure,
  storageLimitMB: figure,
  storageAllocationMB: figure,
});
/** An adminVM record with where vSphere runs it (an AdminVMRecord's `moref` and `vc`, a vimServer href). */
const placedVmSchema = orgVmRecordSchema.extend({ moref: z.string().nullish(), vc: z.string().nullish() });

/** A URN the record must yield; a record without one is not what the API documents. */
function required(urn: string | undefined, subject: string): string {
  if (urn === undefined) throw directorAnswers.unexpected(subject);
  return urn;
}

/** An organization record. */
export function toOrg(r: z.infer<typeof orgSchema>): OrgRecord {
  return { id: required(urnOf('org', r.href, r.id), 'organization query'), name: r.name, fullName: r.displayName || r.name };
}

/** The provider VDCs summed; an absent figure adds nothing. */
export function providerOf(records: ReadonlyArray<z.infer<typeof providerVdcSchema>>): ProviderRecord {
  const total = (get: (r: z.infer<typeof providerVdcSchema>) => number | null | undefined) =>
    records.reduce((sum, r) => sum + (get(r) ?? 0), 0);
  return {
    cpuCapacityMhz: total((r) => r.cpuLimitMhz),
    cpuAllocatedMhz: total((r) => r.cpuAllocationMhz),
    memoryCapacityMb: total((r) => r.memoryLimitMB),
    memoryAllocatedMb: total((r) => r.memoryAllocationMB),
    storageCapacityMb: total((r) => r.storageLimitMB),
    storageAllocatedMb: total((r) => r.storageAllocationMB),
  };
}

function toOrgVm(r: z.infer<typeof placedVmSchema>, vcenters: ReadonlyMap<string, string>): OrgVmRecord {
  const subject = 'VM query';
  const vcenterUuid = vcenters.get(vimServerOf(r.vc) ?? '');
  const placement: VmPlacement | undefined = vcenterUuid !== undefined && r.moref ? { vcenterUuid, moref: r.moref } : undefined;
  return {
    id: required(urnOf('vm', r.href, r.id), subject),
    name: r.name,
    vdcId: required(urnOf('vdc', r.vdc), subject),
    orgId: required(urnOf('org', r.org), subject),
    powerState: powerState(r.status),
    cpuCount: r.numberOfCpus,
    memoryMb: r.memoryMB,
    ...(placement ? { placement } : {}),
  };
}

/**
 * Create the client; it logs in on first use and shares one session among its calls.
 * `now`: the clock of the vCenter list's memory of unknown vCenters.
 */
export function createTenancyClient(options: DirectorApiOptions, now: () => number = Date.now): TenancyClient {
  const director = createDirectorSession(options);
  const vcenters = vcenterDirectory(
    async () => vcenterUuids(await cloudapiList(director, '/cloudapi/1.0.0/virtualCenters', vcenterSchema, 'vCenter list')),
    now,
  );

  /** VMs of vApp templates are not workloads; `extra` narrows further. */
  const queryVms = async (extra?: string): Promise<OrgVmRecord[]> => {
    const filter = extra === undefined ? 'isVAppTemplate==false' : `(isVAppTemplate==false;${extra})`;
    const records = await queryRecords(director, { type: 'adminVM', filter, record: placedVmSchema, subject: 'VM query' });
    const named = [...new Set(records.flatMap((r) => vimServerOf(r.vc) ?? []))];
    const byVimServer = await vcenters.lookup(named);
    return records.map((r) => toOrgVm(r, byVimServer));
  };

  return {
    async listOrgs(): Promise<OrgRecord[]> {
      const records = await queryRecords(director, { type: 'organization', record: orgSchema, subject: 'organization query' });
      return records.filter((r) => r.name.toLowerCase() !== SYSTEM_ORG).map(toOrg);
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
      return providerOf(await queryRecords(director, { type: 'providerVdc', record: providerVdcSchema, subject: 'provider VDC query' }));
    },

    // The session's own record (cloudapi): the cell answering for our session, nothing queried.
    probe: () => director.probe(),

    close: () => director.close(),
  };
}
