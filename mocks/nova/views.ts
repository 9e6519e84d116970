/**
 * How nova renders things: compute API microversions (the response shape depends
 * on the version a client asks for) and the server representation.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SeedPowerState, SeedVm } from '../seed';
import { PROJECT, USER, type NovaState } from './state';

export interface Microversion {
  major: number;
  minor: number;
}

export const MIN_VERSION: Microversion = { major: 2, minor: 1 };
/** The highest microversion of a recent nova (2024.2): the mock's maximum unless a lower one is set. */
export const MAX_VERSION = '2.96';
export const show = (v: Microversion): string => `${v.major}.${v.minor}`;
const compare = (a: Microversion, b: Microversion): number => a.major - b.major || a.minor - b.minor;

/** True when `v` is at least 2.`minor`. */
export const atLeast = (v: Microversion, minor: number): boolean => compare(v, { major: 2, minor }) >= 0;

/** `2.60` as a Microversion; undefined when it is not one. */
export function parseVersion(raw: string): Microversion | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(raw);
  return match ? { major: Number(match[1]), minor: Number(match[2]) } : undefined;
}

/**
 * The version a request asks for: `OpenStack-API-Version: compute X.Y` wins over the
 * legacy `X-OpenStack-Nova-API-Version`; no header means the minimum (2.1). Above
 * `max` (the deployment's maximum) nova answers 406.
 */
export function requestedVersion(headers: IncomingHttpHeaders, max: Microversion): Microversion | { status: 400 | 406; message: string } {
  let raw: string | undefined;
  const modern = headers['openstack-api-version'];
  if (typeof modern === 'string') {
    for (const part of modern.split(',')) {
      const [service, value] = part.trim().split(/\s+/);
      if (service?.toLowerCase() === 'compute') raw = value;
    }
  }
  const legacy = headers['x-openstack-nova-api-version'];
  if (raw === undefined && typeof legacy === 'string') raw = legacy.trim();
  if (raw === undefined) return MIN_VERSION;
  if (raw.toLowerCase() === 'latest') return max;
  const version = parseVersion(raw);
  if (!version) {
    return { status: 400, message: `API Version String ${raw} is of invalid format. Must be of format MajorNum.MinorNum.` };
  }
  if (compare(version, MIN_VERSION) < 0 || compare(version, max) > 0) {
    return {
      status: 406,
      message: `Version ${raw} is not supported by the API. Minimum is ${show(MIN_VERSION)} and maximum is ${show(max)}.`,
    };
  }
  return version;
}

export const versionHeaders = (v: Microversion): Record<string, string> => ({
  'OpenStack-API-Version': `compute ${show(v)}`,
  'X-OpenStack-Nova-API-Version': show(v),
  Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
});

/** Nova's status, vm_state and power_state (nova.compute.power_state) for a seed state. */
export const NOVA_STATES: Record<SeedPowerState, { status: string; vmState: string; powerState: number }> = {
  POWERED_ON: { status: 'ACTIVE', vmState: 'active', powerState: 1 },
  POWERED_OFF: { status: 'SHUTOFF', vmState: 'stopped', powerState: 4 },
  SUSPENDED: { status: 'SUSPENDED', vmState: 'suspended', powerState: 7 },
};

const CREATED = '2024-03-04T09:15:00Z';
const IMAGE_ID = '70a599e0-31e7-49b7-b260-868f441e862b';

/** Flavor name as an operator might call it: `ov.c2r4` = 2 vCPUs, 4 GiB. */
const flavorName = (vm: SeedVm): string => `ov.c${vm.cpuCount}r${Math.round(vm.memoryMb / 1024)}d${vm.storageGb}`;

function flavorView(vm: SeedVm, state: NovaState, version: Microversion): Record<string, unknown> {
  // From 2.47 nova embeds the flavor as it was at boot instead of linking to it.
  if (atLeast(version, 47)) {
    return {
      vcpus: vm.cpuCount,
      ram: vm.memoryMb,
      disk: vm.storageGb,
      ephemeral: 0,
      swap: 0,
      original_name: flavorName(vm),
      extra_specs: {},
    };
  }
  const id = flavorName(vm);
  return { id, links: [{ rel: 'bookmark', href: `${state.baseUrl}/compute/flavors/${id}` }] };
}

/** What nova shows for a server in ERROR: vm_state error, the hypervisor's power state unchanged. */
const ERROR_STATE = { status: 'ERROR', vmState: 'error' } as const;

/**
 * The detailed server representation (GET /servers/detail, GET /servers/{id}).
 * `links`: the compute URL self links are built on (see NovaDeployment.computeLinkPrefix).
 */
export function serverView(vm: SeedVm, state: NovaState, version: Microversion, links: string): Record<string, unknown> {
  const pending = state.pending.get(vm.nativeId);
  const errored = state.errored.get(vm.nativeId);
  const shown = pending?.shownStatus ?? (errored ? 'ERROR' : vm.powerState);
  const nova = shown === 'ERROR' ? { ...ERROR_STATE, powerState: NOVA_STATES[vm.powerState].powerState } : NOVA_STATES[shown];
  const view: Record<string, unknown> = {
    id: vm.nativeId,
    name: vm.name,
    status: nova.status,
    tenant_id: PROJECT.id,
    user_id: USER.id,
    metadata: {},
    hostId: createHash('sha224')
      .update(PROJECT.id + vm.vdcNativeId)
      .digest('hex'),
    image: { id: IMAGE_ID, links: [{ rel: 'bookmark', href: `${state.baseUrl}/compute/images/${IMAGE_ID}` }] },
    flavor: flavorView(vm, state, version),
    created: CREATED,
    updated: state.updated.get(vm.nativeId) ?? CREATED,
    addresses: {},
    accessIPv4: '',
    accessIPv6: '',
    links: [
      { rel: 'self', href: `${links}/servers/${vm.nativeId}` },
      { rel: 'bookmark', href: `${state.baseUrl}/compute/servers/${vm.nativeId}` },
    ],
    'OS-DCF:diskConfig': 'MANUAL',
    progress: 0,
    'OS-EXT-AZ:availability_zone': vm.vdcNativeId,
    config_drive: '',
    key_name: null,
    'OS-SRV-USG:launched_at': '2024-03-04T09:15:42.000000',
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-STS:task_state': pending?.taskState ?? null,
    'OS-EXT-STS:vm_state': nova.vmState,
    'OS-EXT-STS:power_state': nova.powerState,
    'os-extended-volumes:volumes_attached': [],
    security_groups: [{ name: 'default' }],
    locked: false,
  };
  // As nova embeds it in a server in ERROR (details are for admins only).
  if (errored && !pending)
    view.fault = { code: 500, created: errored.created, message: 'Timed out during operation: cannot acquire state change lock' };
  if (atLeast(version, 19)) view.description = null;
  if (atLeast(version, 26)) view.tags = [];
  if (atLeast(version, 63)) view.trusted_image_certificates = null;
  if (atLeast(version, 73)) view.locked_reason = null;
  return view;
}
