/**
 * The query types a provider reads tenancy from: `organization`, `adminOrgVdc`
 * (allocation and usage of every org VDC) and `providerVdc` (one per cloud here).
 * Usage is derived from the live VMs at request time, as a cell reports what its
 * vCenter holds now:
 *
 * - cpuUsedMhz: vCPUs of POWERED_ON VMs × VCPU_SPEED_MHZ (a pay-as-you-go VDC's vCPU speed);
 * - memoryUsedMB: memory of POWERED_ON VMs;
 * - storageUsedMB: disks of every VM, powered on or not (storage stays provisioned).
 *
 * Each VDC has the seed's allocation model, rendered with the real fields' meaning
 * (see `computeFields`): AllocationVApp (pay-as-you-go) with compute limits of 0
 * (unlimited), AllocationPool and Flex with allocation = limit = the seed's
 * limits, ReservationPool with its reservation = the seed's limits and "used"
 * as a whole percentage of the reservation. Figures a model does not use are
 * null or absent, as numeric attributes of a real record may be.
 *
 * Filter attributes: `id`, `name`, `isEnabled` on all three; `org` (URN or href)
 * and `orgName` on adminOrgVdc; `displayName` on organization.
 */
import { createHash } from 'node:crypto';
import type { SeedCloud, SeedOrg, SeedVdc } from '../seed';
import { trailingUuid } from './fiql';
import { orgHref, uuidOf, vdcHref } from './hrefs';
import type { QueryType } from './queryTypes';

/** MHz one vCPU counts for in a VDC's CPU usage. */
export const VCPU_SPEED_MHZ = 2000;

interface Usage {
  cpuUsedMhz: number;
  memoryUsedMB: number;
  storageUsedMB: number;
  numberOfVMs: number;
  numberOfRunningVMs: number;
}

interface VdcRow {
  vdc: SeedVdc;
  org: SeedOrg | undefined;
  usage: Usage;
}

interface OrgRow {
  org: SeedOrg;
  numberOfVdcs: number;
  numberOfVApps: number;
}

interface ProviderRow {
  uuid: string;
  name: string;
  capacity: NonNullable<SeedCloud['provider']>;
  vdcs: VdcRow[];
}

const empty = (): Usage => ({ cpuUsedMhz: 0, memoryUsedMB: 0, storageUsedMB: 0, numberOfVMs: 0, numberOfRunningVMs: 0 });

/** Usage of every VDC, in one pass over the VMs. */
function vdcRows(cloud: SeedCloud): VdcRow[] {
  const usage = new Map(cloud.vdcs.map((vdc) => [vdc.nativeId, empty()]));
  for (const vm of cloud.vms) {
    const u = usage.get(vm.vdcNativeId);
    if (!u) continue;
    u.numberOfVMs++;
    u.storageUsedMB += vm.storageGb * 1024;
    if (vm.powerState === 'POWERED_ON') {
      u.numberOfRunningVMs++;
      u.cpuUsedMhz += vm.cpuCount * VCPU_SPEED_MHZ;
      u.memoryUsedMB += vm.memoryMb;
    }
  }
  return cloud.vdcs.map((vdc) => ({ vdc, org: cloud.orgs.find((o) => o.nativeId === vdc.orgNativeId), usage: usage.get(vdc.nativeId)! }));
}

/** A stable uuid (v4-shaped, as the seed's) for things the seed does not name: the provider VDC, catalogs, templates, vApps. */
export function derivedUuid(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A whole percentage of `of`, as a ReservationPool VDC reports "used" (0 when nothing is reserved). */
const percentOf = (used: number, of: number): number => (of > 0 ? Math.round((100 * used) / of) : 0);

/** The CPU and memory attributes of an adminOrgVdc record under the VDC's allocation model. */
function computeFields(vdc: SeedVdc, usage: Usage): Record<string, number | null> {
  switch (vdc.allocationModel ?? 'AllocationPool') {
    case 'AllocationVApp':
      // Pay-as-you-go: no pool; a limit of 0 means unlimited. Allocation is not used (null).
      return {
        cpuAllocationMhz: null,
        cpuLimitMhz: 0,
        cpuUsedMhz: usage.cpuUsedMhz,
        memoryAllocationMB: null,
        memoryLimitMB: 0,
        memoryUsedMB: usage.memoryUsedMB,
      };
    case 'ReservationPool':
      // Everything is reserved up front; "used" is a percentage of the reservation (CapacityWithUsageType).
      return {
        cpuAllocationMhz: vdc.cpuLimitMhz,
        cpuLimitMhz: vdc.cpuLimitMhz,
        cpuReservedMhz: null,
        cpuUsedMhz: percentOf(usage.cpuUsedMhz, vdc.cpuLimitMhz),
        memoryAllocationMB: vdc.memoryLimitMb,
        memoryLimitMB: vdc.memoryLimitMb,
        memoryReservedMB: null,
        memoryUsedMB: percentOf(usage.memoryUsedMB, vdc.memoryLimitMb),
      };
    case 'AllocationPool':
    case 'Flex':
      return {
        cpuAllocationMhz: vdc.cpuLimitMhz,
        cpuLimitMhz: vdc.cpuLimitMhz,
        cpuReservedMhz: 0,
        cpuUsedMhz: usage.cpuUsedMhz,
        memoryAllocationMB: vdc.memoryLimitMb,
        memoryLimitMB: vdc.memoryLimitMb,
        memoryReservedMB: 0,
        memoryUsedMB: usage.memoryUsedMB,
      };
  }
}

const providerVdcHref = (base: string, uuid: string): string => `${base}/api/admin/providervdc/${uuid}`;
const sum = (rows: readonly VdcRow[], get: (row: VdcRow) => number): number => rows.reduce((total, row) => total + get(row), 0);

/** The tenancy query types of `cloud`, by query type name. */
export function tenancyQueryTypes(cloud: SeedCloud): {
  adminOrgVdc: QueryType<VdcRow>;
  organization: QueryType<OrgRow>;
  providerVdc: QueryType<ProviderRow>;
} {
  // The one provider VDC backing every org VDC of the cloud (none without provider capacity).
  const pvdc = cloud.provider ? { uuid: derivedUuid(`providervdc:${cloud.id}`), name: `${cloud.id}-pvdc` } : undefined;
  const providerRows = (): ProviderRow[] => (pvdc && cloud.provider ? [{ ...pvdc, capacity: cloud.provider, vdcs: vdcRows(cloud) }] : []);

  const adminOrgVdc: QueryType<VdcRow> = {
    rows: () => vdcRows(cloud),
    fields: {
      id: { get: (r) => r.vdc.nativeId },
      name: { get: (r) => r.vdc.name },
      org: { get: (r) => uuidOf(r.vdc.orgNativeId ?? ''), normalize: trailingUuid },
      orgName: { get: (r) => r.org?.name ?? '' },
      isEnabled: { get: () => 'true' },
    },
    render: ({ vdc, org, usage }, base) => ({
      otherAttributes: {},
      link: [],
      metadata: null,
      href: vdcHref(base, vdc.nativeId),
      // A real cell's JSON records carry no id (clients take the uuid from href), and no type.
      id: null,
      type: null,
      _type: 'QueryResultAdminVdcRecordType',
      name: vdc.name,
      description: '',
      isEnabled: true,
      isBusy: false,
      orgName: org?.name ?? '',
      org: org ? orgHref(base, org.nativeId) : null,
      providerVdcName: pvdc?.name ?? null,
      providerVdc: pvdc ? providerVdcHref(base, pvdc.uuid) : null,
      allocationModel: vdc.allocationModel ?? 'AllocationPool',
      ...computeFields(vdc, usage),
      storageLimitMB: vdc.storageLimitMb,
      storageUsedMB: usage.storageUsedMB,
      numberOfVMs: usage.numberOfVMs,
      numberOfRunningVMs: usage.numberOfRunningVMs,
      // The seed has no vApps; each VM counts as living in its own one (as cloudapi.ts says).
      numberOfVApps: usage.numberOfVMs,
      numberOfMedia: 0,
      numberOfVAppTemplates: 0,
      numberOfStorageProfiles: 1,
      isThinProvision: true,
      isFastProvision: false,
      vcName: 'vcenter-mock',
    }),
  };

  const organization: QueryType<OrgRow> = {
    rows: () =>
      cloud.orgs.map((org) => {
        const vdcIds = new Set(cloud.vdcs.filter((v) => v.orgNativeId === org.nativeId).map((v) => v.nativeId));
        return { org, numberOfVdcs: vdcIds.size, numberOfVApps: cloud.vms.filter((vm) => vdcIds.has(vm.vdcNativeId)).length };
      }),
    fields: {
      id: { get: (r) => r.org.nativeId },
      name: { get: (r) => r.org.name },
      displayName: { get: (r) => r.org.fullName },
      isEnabled: { get: () => 'true' },
    },
    render: ({ org, numberOfVdcs, numberOfVApps }, base) => ({
      otherAttributes: {},
      link: [],
      metadata: null,
      href: orgHref(base, org.nativeId),
      id: null,
      type: null,
      _type: 'QueryResultOrgRecordType',
      name: org.name,
      displayName: org.fullName,
      isEnabled: true,
      isReadOnly: false,
      canPublishCatalogs: false,
      deployedVMQuota: 0,
      storedVMQuota: 0,
      numberOfCatalogs: 0,
      numberOfVdcs,
      numberOfVApps,
      numberOfGroups: 0,
      numberOfDisks: 0,
    }),
  };

  const providerVdc: QueryType<ProviderRow> = {
    rows: providerRows,
    fields: {
      id: { get: (p) => `urn:vcloud:providervdc:${p.uuid}` },
      name: { get: (p) => p.name },
      isEnabled: { get: () => 'true' },
    },
    render: (p, base) => ({
      otherAttributes: {},
      link: [],
      metadata: null,
      href: providerVdcHref(base, p.uuid),
      id: null,
      type: null,
      _type: 'QueryResultVMWProviderVdcRecordType',
      name: p.name,
      description: '',
      isEnabled: true,
      isBusy: false,
      status: 'READY',
      cpuLimitMhz: p.capacity.cpuMhz,
      cpuAllocationMhz: sum(p.vdcs, (r) => r.vdc.cpuLimitMhz),
      cpuUsedMhz: sum(p.vdcs, (r) => r.usage.cpuUsedMhz),
      memoryLimitMB: p.capacity.memoryMb,
      memoryAllocationMB: sum(p.vdcs, (r) => r.vdc.memoryLimitMb),
      memoryUsedMB: sum(p.vdcs, (r) => r.usage.memoryUsedMB),
      storageLimitMB: p.capacity.storageMb,
      storageAllocationMB: sum(p.vdcs, (r) => r.vdc.storageLimitMb),
      storageUsedMB: sum(p.vdcs, (r) => r.usage.storageUsedMB),
      numberOfVdcs: p.vdcs.length,
      numberOfDatastores: 1,
      numberOfStorageProfiles: 1,
      numberOfResourcePools: 1,
      vcName: 'vcenter-mock',
    }),
  };

  return { adminOrgVdc, organization, providerVdc };
}
