/**
 * An org VDC's allocation and usage (an `adminOrgVdc` record) as the figures the
 * sp-node sums. The record's compute fields mean different things under each
 * allocation model; the figures have one meaning whatever the model, so that
 * summing VDCs of different models (the virtual VDC, figures.ts) adds like to like.
 */
import { z } from 'zod';
import { directorAnswers } from '../../shared/director/errors';
import { urnOf } from '../../shared/director/ids';
import type { OrgVdcRecord } from './types';

/** Numeric attributes of a record are optional (null or absent), as the API types declare them. */
export const figure = z.number().nullish();
export const orgVdcSchema = z.object({
  href: z.string(),
  // Null in a real cell's JSON records: the URN is built from href (ids.ts).
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

/** A limit as a number of units, or null for "no limit" (0, null or absent in the record). */
const limitOf = (value: number | null | undefined): number | null => (value ? value : null);

/**
 * One compute resource (CPU or memory) of an org VDC in the record's one meaning
 * (OrgVdcRecord), whatever the allocation model:
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
  // A pool always has a size: an allocation of 0 cannot mean "unlimited" (only a
  // limit of 0 does), so 0, like an absent allocation, is a record that did not fill
  // it in, and the limit (equal to the pool) says how large it is. `??` would keep the
  // 0 and count a sized pool unlimited.
  const pool = allocation ? allocation : limit;
  switch (model) {
    case 'AllocationPool':
      return { limit: limitOf(pool), used: used ?? 0 };
    case 'ReservationPool': {
      const reserved = limitOf(pool);
      return { limit: reserved, used: reserved === null ? 0 : Math.round(((used ?? 0) * reserved) / 100) };
    }
    default:
      return { limit: limitOf(limit), used: used ?? 0 };
  }
}

/** An adminOrgVdc record as the figures the sp-node sums (see computeOf); UPSTREAM_ERROR when its hrefs name no VDC and org. */
export function toOrgVdc(r: z.infer<typeof orgVdcSchema>): OrgVdcRecord {
  const id = urnOf('vdc', r.href, r.id);
  const orgId = urnOf('org', r.org);
  if (id === undefined || orgId === undefined) throw directorAnswers.unexpected('org VDC query');
  const model = r.allocationModel ?? 'AllocationVApp';
  const cpu = computeOf(model, r.cpuAllocationMhz, r.cpuLimitMhz, r.cpuUsedMhz);
  const memory = computeOf(model, r.memoryAllocationMB, r.memoryLimitMB, r.memoryUsedMB);
  return {
    id,
    name: r.name,
    orgId,
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
