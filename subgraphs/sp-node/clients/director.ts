/**
 * The sp-node's view of a Cloud Director cell's tenancy, read as a provider
 * administrator through the legacy query service: `organization`, `adminOrgVdc`
 * (allocation and usage per org VDC), `adminVM` (with its org) and `providerVdc`.
 * Each list is one request per page the cell serves, whatever asks for it; records
 * name related entities by href, so org and VDC URNs are rebuilt from the uuid in it.
 * A VM's vCenter is a vimServer href: `GET /cloudapi/1.0.0/virtualCenters` turns it
 * into the vCenter's instance uuid (read once, again when a record names one not seen).
 */
import { z } from 'zod';
import { directorAnswers } from '../../shared/director/errors';
import { ORG_URN, powerState, urnOf } from '../../shared/director/ids';
import { anyOf, cloudapiList, FILTER_CHUNK, queryRecords } from '../../shared/director/query';
import { createDirectorSession } from '../../shared/director/session';
import { chunk } from '../../shared/chunk';
import type { DirectorApiOptions, OrgRecord, OrgVdcRecord, OrgVmRecord, ProviderRecord, TenancyClient, VmPlacement } from './types';
import { orgVmRecordSchema } from '../../shared/director/records';

/** The provider's own organization: it holds administrators, not tenants' workloads. */
const SYSTEM_ORG = 'system';

// `id` is null in a real cell's JSON records: URNs are built from href (ids.ts).
export const orgSchema = z.object({ href: z.string(), id: z.string().nullish(), name: z.string(), displayName: z.string().nullish() });
/** Numeric attributes of a record are optional (null or absent), as the API types declare them. */
const figure = z.number().nullish();
export const orgVdcSchema = z.object({
  href: z.string(),
  id: z.string().nullish(),
  name: z.string(),
  org: z.string(),
  allocationModel: z.string().nullish(),
  cpuAllocationMhz: figure,
  cpuLimitMhz: figure,
  cpuUsedMhz: figure,
  memoryAllocationMB: figure,
  memoryLimitMB: figure,
  memoryUsedMB: figure,
  storageLimitMB: figure,
  storageUsedMB: figure,
  numberOfVMs: figure,
  numberOfRunningVMs: figure,
});
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
/** A cloudapi `VCenterServer`: `vcId` is `urn:vcloud:vimserver:<uuid>`, `uuid` vCenter's own instance uuid. */
export const vcenterSchema = z.object({ vcId: z.string(), uuid: z.string().nullish() });

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const VIM_SERVER_HREF = new RegExp(`/vimServer/(${UUID})$`, 'i');
const VIM_SERVER_URN = new RegExp(`^urn:vcloud:vimserver:(${UUID})$`, 'i');

/** vimServer uuid → vCenter instance uuid, from a virtualCenters listing. */
export function vcenterUuids(values: ReadonlyArray<z.infer<typeof vcenterSchema>>): Map<string, string> {
  return new Map(
    values.flatMap((v): Array<[string, string]> => {
      const id = VIM_SERVER_URN.exec(v.vcId)?.[1];
      return id !== undefined && v.uuid ? [[id.toLowerCase(), v.uuid.toLowerCase()]] : [];
    }),
  );
}

/** The vimServer uuid a VM record's `vc` href names. */
const vimServerOf = (vc: string | null | undefined): string | undefined => (vc ? VIM_SERVER_HREF.exec(vc)?.[1]?.toLowerCase() : undefined);

/** A URN the record must yield; a record without one is not what the API documents. */
function required(urn: string | undefined, subject: string): string {
  if (urn === undefined) throw directorAnswers.unexpected(subject);
  return urn;
}

/** A limit as a number of units, or null for "no limit" (0, null or absent in the record). */
const limitOf = (value: number | null | undefined): number | null => (value ? value : null);

/**
 * One compute resource (CPU or memory) of an org VDC in the record's one meaning
 * (OrgVdcRecord), whatever the allocation model, so that summing VDCs of
 * different models (the virtual VDC, figures.ts) adds like to like:
 * - AllocationVApp (pay-as-you-go) and Flex: the limit caps the VDC, 0 is unlimited;
 *   used is in units.
 * - AllocationPool: the pool allocated is what the VDC may use (its limit equals it).
 * - ReservationPool: the reservation is what the VDC has; "used" is a percentage of
 *   it (CapacityWithUsageType), turned back into units.
 * Any other model is read as pay-as-you-go, the documented meaning of each field.
 */
export function computeOf(
  model: string,
  allocation: number | null | undefined,
  limit: number | null | undefined,
  used: number | null | undefined,
): { limit: number | null; used: number } {
  switch (model) {
    case 'AllocationPool':
      return { limit: limitOf(allocation ?? limit), used: used ?? 0 };
    case 'ReservationPool': {
      const reserved = limitOf(allocation ?? limit);
      return { limit: reserved, used: reserved === null ? 0 : Math.round(((used ?? 0) * reserved) / 100) };
    }
    default:
      return { limit: limitOf(limit), used: used ?? 0 };
  }
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

/** An adminOrgVdc record as the figures the sp-node sums (see computeOf). */
export function toOrgVdc(r: z.infer<typeof orgVdcSchema>): OrgVdcRecord {
  const subject = 'org VDC query';
  const model = r.allocationModel ?? 'AllocationVApp';
  const cpu = computeOf(model, r.cpuAllocationMhz, r.cpuLimitMhz, r.cpuUsedMhz);
  const memory = computeOf(model, r.memoryAllocationMB, r.memoryLimitMB, r.memoryUsedMB);
  return {
    id: required(urnOf('vdc', r.href, r.id), subject),
    name: r.name,
    orgId: required(urnOf('org', r.org), subject),
    allocationModel: model,
    cpuLimitMhz: cpu.limit,
    cpuUsedMhz: cpu.used,
    memoryLimitMb: memory.limit,
    memoryUsedMb: memory.used,
    // Storage is per storage profile in every model: MB, and a limit of 0 is unlimited.
    storageLimitMb: limitOf(r.storageLimitMB),
    storageUsedMb: r.storageUsedMB ?? 0,
    vmCount: r.numberOfVMs ?? 0,
    poweredOnVmCount: r.numberOfRunningVMs ?? 0,
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

/** Create the client; it logs in on first use and shares one session among its calls. */
export function createTenancyClient(options: DirectorApiOptions): TenancyClient {
  const director = createDirectorSession(options);

  // vCenters are registered rarely: kept for the client's life, read again when a record names one not seen.
  let vcenters: Promise<Map<string, string>> | undefined;
  const readVcenters = () => {
    const read = cloudapiList(director, '/cloudapi/1.0.0/virtualCenters', vcenterSchema, 'vCenter list').then(vcenterUuids);
    read.catch(() => {
      if (vcenters === read) vcenters = undefined;
    });
    return (vcenters = read);
  };
  const vcentersFor = async (records: ReadonlyArray<z.infer<typeof placedVmSchema>>): Promise<Map<string, string>> => {
    const known = await (vcenters ?? readVcenters());
    const unseen = records.some((r) => {
      const id = vimServerOf(r.vc);
      return id !== undefined && !known.has(id);
    });
    return unseen ? readVcenters() : known;
  };

  /** VMs of vApp templates are not workloads; `extra` narrows further. */
  const queryVms = async (extra?: string): Promise<OrgVmRecord[]> => {
    const filter = extra === undefined ? 'isVAppTemplate==false' : `(isVAppTemplate==false;${extra})`;
    const records = await queryRecords(director, { type: 'adminVM', filter, record: placedVmSchema, subject: 'VM query' });
    const byVimServer = await vcentersFor(records);
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
