/**
 * The tenant's home figures, from one TenantHome answer: one row per VDC (its org's
 * or its dedicated cloud's), and the clouds that did not answer. A cloud that is down
 * comes back as nulls (its name, its org's VDCs) or as a part missing from the
 * cumulative VDC, not always with an error: the view names it from the gaps as well.
 */
import type { TenantHomeQuery } from '../../../generated/gql/graphql';
import { cloudIdOf } from '../../labels';

export type TenantData = NonNullable<TenantHomeQuery['tenant']>;

export interface VdcRow {
  id: string;
  name: string;
  cloudId: string;
  cloudName: string;
  cloudKind: string | null;
  /** The organization owning it; undefined in a dedicated cloud. */
  org?: string;
  vmCount: number;
  runningCount: number;
  vcpuCount: number;
  memoryMb: number;
}

type Vdc = NonNullable<TenantData['dedicatedClouds'][number]['vdcs']>[number];

function row(vdc: Vdc, cloud: { id: string; name: string | null; kind: string | null }, org?: string): VdcRow {
  const vms = vdc.vms ?? [];
  return {
    id: vdc.id,
    name: vdc.name ?? vdc.id,
    cloudId: cloud.id,
    cloudName: cloud.name ?? cloud.id,
    cloudKind: cloud.kind,
    ...(org !== undefined ? { org } : {}),
    vmCount: vms.length,
    runningCount: vms.filter((vm) => vm.powerState === 'POWERED_ON').length,
    vcpuCount: vms.reduce((sum, vm) => sum + (vm.cpuCount ?? 0), 0),
    memoryMb: vms.reduce((sum, vm) => sum + (vm.memoryMb ?? 0), 0),
  };
}

/** Every VDC the answer has, by cloud then name. */
export function vdcRows(tenant: TenantData): VdcRow[] {
  const rows = [
    ...tenant.dedicatedClouds.flatMap((cloud) => (cloud.vdcs ?? []).map((vdc) => row(vdc, cloud))),
    ...tenant.orgs.flatMap((org) => {
      const cloud = org.cloud ?? tenant.clouds.find((c) => c.id === cloudIdOf(org.id)) ?? { id: cloudIdOf(org.id), name: null, kind: null };
      return (org.vdcs ?? []).map((vdc) => row(vdc, cloud, org.fullName ?? org.name ?? org.id));
    }),
  ];
  return rows.sort((a, b) => a.cloudName.localeCompare(b.cloudName) || a.name.localeCompare(b.name));
}

/** Ids of the tenant's clouds whose part of the answer is missing (down, or not answering). */
export function unansweredClouds(tenant: TenantData): string[] {
  const missing = new Set<string>();
  for (const cloud of tenant.clouds) if (cloud.name === null) missing.add(cloud.id);
  for (const cloud of tenant.dedicatedClouds) if (cloud.vdcs === null) missing.add(cloud.id);
  for (const org of tenant.orgs) if (org.vdcs === null || org.cloud === null) missing.add(cloudIdOf(org.id));
  const parts = new Set(tenant.cumulativeVdc.parts.map((p) => p.cloud.id));
  for (const cloud of tenant.clouds) if (!parts.has(cloud.id)) missing.add(cloud.id);
  return [...missing].sort();
}

/** The name to show for one of the tenant's clouds. */
export const cloudName = (tenant: TenantData, id: string): string => tenant.clouds.find((c) => c.id === id)?.name ?? id;
