/**
 * The parts of Keystone and Nova answers the adapter reads, as zod schemas (zod
 * drops every other field), and the mapping from a nova server to a VmRecord.
 */
import { z } from 'zod';
import type { PowerState, VmRecord } from '../types';

export const tokenBody = z.object({
  token: z.object({
    expires_at: z.string(),
    catalog: z
      .array(
        z.object({
          type: z.string(),
          endpoints: z.array(
            z.object({ interface: z.string(), region_id: z.string().nullish(), region: z.string().nullish(), url: z.string() }),
          ),
        }),
      )
      .default([]),
  }),
});

/** `GET {compute}/`: the microversion range of the endpoint (`version` is the maximum). */
export const versionDocument = z.object({
  version: z.object({ id: z.string(), version: z.string(), min_version: z.string() }),
});

export const zoneList = z.object({
  availabilityZoneInfo: z.array(z.object({ zoneName: z.string() })),
});

export const server = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  // Null or absent while a server has not been scheduled yet.
  'OS-EXT-AZ:availability_zone': z.string().nullish(),
  'OS-EXT-STS:power_state': z.number().nullish(),
  'OS-EXT-STS:task_state': z.string().nullish(),
  // Embedded flavor: present from microversion 2.47, which the adapter always asks for.
  flavor: z.object({ vcpus: z.number(), ram: z.number() }),
});
export type NovaServer = z.infer<typeof server>;

export const serverList = z.object({
  servers: z.array(server),
  servers_links: z.array(z.object({ rel: z.string(), href: z.string() })).optional(),
});

export const serverShow = z.object({ server });

const BY_STATUS: Record<string, PowerState> = {
  ACTIVE: 'POWERED_ON',
  SHUTOFF: 'POWERED_OFF',
  SUSPENDED: 'SUSPENDED',
  PAUSED: 'SUSPENDED',
};

/**
 * Power state from `status`; for other statuses (REBOOT, ERROR, SHELVED, ...) from
 * the hypervisor's `OS-EXT-STS:power_state` (1 running, 3 paused, 7 suspended).
 */
function powerStateOf(s: NovaServer): PowerState {
  const byStatus = BY_STATUS[s.status];
  if (byStatus) return byStatus;
  const power = s['OS-EXT-STS:power_state'];
  if (power === 1) return 'POWERED_ON';
  if (power === 3 || power === 7) return 'SUSPENDED';
  return 'POWERED_OFF';
}

export function toVmRecord(s: NovaServer): VmRecord {
  return {
    id: s.id,
    name: s.name,
    vdcId: s['OS-EXT-AZ:availability_zone'] ?? '',
    powerState: powerStateOf(s),
    cpuCount: s.flavor.vcpus,
    memoryMb: s.flavor.ram,
  };
}
