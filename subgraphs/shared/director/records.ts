/** Shapes of the Cloud Director query service's records both node kinds read. */
import { z } from 'zod';

/** An `adminVM` record: the cloud-node reads the VM, the sp-node also its `org`. */
export const vmRecordSchema = z.object({
  href: z.string(),
  // Null in a real cell's JSON records: the URN is built from href (ids.ts).
  id: z.string().nullish(),
  name: z.string(),
  status: z.string(),
  numberOfCpus: z.number(),
  memoryMB: z.number(),
  vdc: z.string(),
});

export const orgVmRecordSchema = vmRecordSchema.extend({ org: z.string() });
export type VmQueryRecord = z.infer<typeof vmRecordSchema>;

/** A cloudapi `OrgVdc` (`/cloudapi/1.0.0/vdcs` values): the fields the cloud-node reads. */
export const orgVdcValueSchema = z.object({ id: z.string(), name: z.string() });
