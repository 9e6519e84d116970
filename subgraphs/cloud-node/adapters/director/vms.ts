/** adminVM query records → the adapter's VmRecord. */
import { directorAnswers } from '../../../shared/director/errors';
import { powerState, urnOf } from '../../../shared/director/ids';
import type { VmQueryRecord } from '../../../shared/director/records';
import type { VmRecord } from '../types';

/** A record as the adapter returns it; UPSTREAM_ERROR when its hrefs do not name a VM and a VDC. */
export function toVmRecord(record: VmQueryRecord): VmRecord {
  // Records carry `"id": null` and name their VDC by href only: both URNs come from the uuids in hrefs.
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
