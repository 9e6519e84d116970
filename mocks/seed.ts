/**
 * Deterministic topology for the simulated clouds.
 *
 * The same options always give the same clouds, organizations, VDCs and VMs, so
 * tests compute their expected values from `buildSeed(options)` instead of copying
 * them from a response. Mock clouds serve a copy of a `SeedCloud`; nothing here
 * knows about GraphQL or about Overcast's own code.
 */

export type SeedCloudKind = 'vsphere' | 'director' | 'nova';
export type SeedPowerState = 'POWERED_ON' | 'POWERED_OFF' | 'SUSPENDED';

export interface SeedTenant {
  /** Slug, also the organization name the tenant uses in multi-tenant clouds. */
  id: string;
  name: string;
}

/** An organization inside a multi-tenant (director) cloud. */
export interface SeedOrg {
  nativeId: string;
  /** Short org name as the director shows it (`acme`). */
  name: string;
  fullName: string;
  tenantId: string;
}

/** Cloud Director's allocation models of an org VDC. */
export type SeedAllocationModel = 'AllocationVApp' | 'AllocationPool' | 'ReservationPool' | 'Flex';

export interface SeedVdc {
  nativeId: string;
  name: string;
  /** Owning organization (director clouds only). */
  orgNativeId?: string;
  cpuLimitMhz: number;
  memoryLimitMb: number;
  storageLimitMb: number;
  /** Director clouds only: the VDC's allocation model, round robin over the four so every model is served. */
  allocationModel?: SeedAllocationModel;
}

/** Latest per-VM figures as a tenant-unaware metrics application reports them. */
export interface SeedVmMetrics {
  cpuUsageMhz: number;
  memoryUsedMb: number;
  storageUsedGb: number;
  /** Kilobits per second (the metrics application itself reports kilobytes per second). */
  networkKbps: number;
}

/** Where vSphere runs a director VM: what the metrics application names it by. */
export interface SeedVsphereVm {
  /** The director's URN of the vCenter (`urn:vcloud:vimserver:<uuid>`), one of `SeedCloud.vcenters`. */
  vcenterId: string;
  /** The VM's managed object reference in that vCenter (`vm-1001`); unique per vCenter only. */
  moref: string;
  /** vCenter's `config.instanceUuid` of the VM: not the director's VM uuid. */
  instanceUuid: string;
}

/** A vCenter behind a director cloud. */
export interface SeedVcenter {
  /** The director's URN of it (`urn:vcloud:vimserver:<uuid>`). */
  vimServerId: string;
  /** vCenter's own instance uuid (what the metrics application calls VMEntityVCID). */
  instanceUuid: string;
  name: string;
}

export interface SeedVm {
  nativeId: string;
  name: string;
  vdcNativeId: string;
  powerState: SeedPowerState;
  cpuCount: number;
  memoryMb: number;
  storageGb: number;
  metrics: SeedVmMetrics;
  /** Director clouds only. */
  vsphere?: SeedVsphereVm;
}

/** Capacity of a multi-tenant cloud's provider resources (the whole cloud). */
export interface SeedProviderCapacity {
  cpuMhz: number;
  memoryMb: number;
  storageMb: number;
}

export interface SeedCloud {
  /** Overcast cloudId: a slug `[a-z0-9-]+`. */
  id: string;
  kind: SeedCloudKind;
  name: string;
  /** Tenant owning a whole single-tenant cloud (vsphere, nova). */
  ownerTenantId?: string;
  orgs: SeedOrg[];
  vdcs: SeedVdc[];
  vms: SeedVm[];
  /** Director clouds only. */
  provider?: SeedProviderCapacity;
  /** Director clouds only: two vCenters, VDCs alternating between them (so a moref alone is ambiguous). */
  vcenters?: SeedVcenter[];
}

export interface SeedCloudSpec {
  id: string;
  kind: SeedCloudKind;
  name?: string;
  /** For single-tenant clouds: which tenant owns it (default: round robin). */
  ownerTenantId?: string;
}

export interface SeedOptions {
  /** PRNG seed; default 42. */
  seed?: number;
  /** Number of tenants; default 2 (acme, globex). */
  tenants?: number;
  /** VDCs per organization in director clouds; default 2. */
  vdcsPerOrg?: number;
  /** VDCs (datacenters, availability zones) per single-tenant cloud; default 2. */
  vdcsPerCloud?: number;
  /** VMs in every VDC; default 4. */
  vmsPerVdc?: number;
  /** Clouds to generate; default the demo trio (see `DEMO_CLOUDS`). */
  clouds?: SeedCloudSpec[];
}

export interface Seed {
  tenants: SeedTenant[];
  clouds: SeedCloud[];
}

/** The demo's three clouds: a private data centre, a multi-tenant cloud, a public-cloud account. */
export const DEMO_CLOUDS: readonly SeedCloudSpec[] = [
  { id: 'dc-east', kind: 'vsphere', name: 'Private DC East', ownerTenantId: 'acme' },
  { id: 'vcd-nl', kind: 'director', name: 'Cloud Director NL' },
  { id: 'nova-eu', kind: 'nova', name: 'Public Cloud EU', ownerTenantId: 'globex' },
];

const TENANT_NAMES = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries'];
const CPU_CHOICES = [1, 2, 4, 8];
const MEMORY_CHOICES_MB = [1024, 2048, 4096, 8192, 16384];
const DISK_CHOICES_GB = [20, 40, 80, 160];
const ALLOCATION_MODELS: readonly SeedAllocationModel[] = ['AllocationVApp', 'AllocationPool', 'ReservationPool', 'Flex'];
/** vCenters behind each director cloud. */
const VCENTERS_PER_DIRECTOR = 2;

/** mulberry32: a tiny, well-known deterministic PRNG; quality is plenty for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function tenantList(count: number): SeedTenant[] {
  return Array.from({ length: count }, (_, i) => {
    const name = TENANT_NAMES[i] ?? `Tenant ${i + 1}`;
    const id = TENANT_NAMES[i] ? name.split(' ')[0]!.toLowerCase() : `tenant-${i + 1}`;
    return { id, name };
  });
}

/** Build the whole seeded topology. Pure: same options, same result. */
export function buildSeed(options: SeedOptions = {}): Seed {
  const rand = prng(options.seed ?? 42);
  // A second stream for metrics, so adding them left every other seeded value as it was.
  const metricsRand = prng((options.seed ?? 42) ^ 0x5bd1e995);
  // A third stream for the vSphere side of director clouds, for the same reason.
  const vsphereRand = prng((options.seed ?? 42) ^ 0x27d4eb2f);
  const tenants = tenantList(options.tenants ?? 2);
  const vdcsPerOrg = options.vdcsPerOrg ?? 2;
  const vdcsPerCloud = options.vdcsPerCloud ?? 2;
  const vmsPerVdc = options.vmsPerVdc ?? 4;
  const specs = options.clouds ?? DEMO_CLOUDS;
  let singleTenantIndex = 0;
  let vsphereVmCounter = 1000;

  const clouds = specs.map((spec): SeedCloud => {
    const cloud: SeedCloud = { id: spec.id, kind: spec.kind, name: spec.name ?? spec.id, orgs: [], vdcs: [], vms: [] };
    const vcenters: SeedVcenter[] =
      spec.kind === 'director'
        ? Array.from({ length: VCENTERS_PER_DIRECTOR }, (_, i) => ({
            vimServerId: `urn:vcloud:vimserver:${uuid(vsphereRand)}`,
            instanceUuid: uuid(vsphereRand),
            name: `${spec.id}-vc-${i + 1}`,
          }))
        : [];
    // Morefs are numbered per vCenter, as vCenter does: the same moref exists in both.
    const morefCounters = vcenters.map(() => 1000);
    const vdcIdFor = (n: number): string => {
      switch (spec.kind) {
        case 'vsphere':
          return `datacenter-${n + 1}`;
        case 'director':
          return `urn:vcloud:vdc:${uuid(rand)}`;
        case 'nova':
          return `${spec.id}-${String.fromCharCode(97 + (n % 26))}${n >= 26 ? Math.floor(n / 26) : ''}`;
      }
    };
    const vmIdFor = (): string => {
      switch (spec.kind) {
        case 'vsphere':
          return `vm-${++vsphereVmCounter}`;
        case 'director':
          return `urn:vcloud:vm:${uuid(rand)}`;
        case 'nova':
          return uuid(rand);
      }
    };
    const addVdc = (nativeId: string, name: string, orgNativeId?: string): void => {
      const index = cloud.vdcs.length;
      const vdc: SeedVdc = {
        nativeId,
        name,
        ...(orgNativeId ? { orgNativeId } : {}),
        cpuLimitMhz: pick(rand, [20000, 40000, 80000]),
        memoryLimitMb: pick(rand, [65536, 131072, 262144]),
        storageLimitMb: pick(rand, [1048576, 2097152, 4194304]),
        ...(spec.kind === 'director' ? { allocationModel: ALLOCATION_MODELS[index % ALLOCATION_MODELS.length]! } : {}),
      };
      cloud.vdcs.push(vdc);
      const vc = vcenters.length ? index % vcenters.length : -1;
      for (let v = 0; v < vmsPerVdc; v++) {
        const r = rand();
        cloud.vms.push({
          nativeId: vmIdFor(),
          name: `${name}-vm-${String(v + 1).padStart(3, '0')}`,
          vdcNativeId: vdc.nativeId,
          powerState: r < 0.7 ? 'POWERED_ON' : r < 0.9 ? 'POWERED_OFF' : 'SUSPENDED',
          cpuCount: pick(rand, CPU_CHOICES),
          memoryMb: pick(rand, MEMORY_CHOICES_MB),
          storageGb: pick(rand, DISK_CHOICES_GB),
          metrics: {
            cpuUsageMhz: Math.round(metricsRand() * 4000),
            memoryUsedMb: Math.round(metricsRand() * 8192),
            storageUsedGb: Math.round(metricsRand() * 100),
            networkKbps: Math.round(metricsRand() * 10000),
          },
          ...(vc >= 0
            ? {
                vsphere: {
                  vcenterId: vcenters[vc]!.vimServerId,
                  moref: `vm-${++morefCounters[vc]!}`,
                  // vCenter's instance uuids start with 50 (its own prefix), unlike the director's.
                  instanceUuid: `50${uuid(vsphereRand).slice(2)}`,
                },
              }
            : {}),
        });
      }
    };

    if (spec.kind === 'director') {
      let n = 0;
      for (const tenant of tenants) {
        const org: SeedOrg = {
          nativeId: `urn:vcloud:org:${uuid(rand)}`,
          name: tenant.id,
          fullName: tenant.name,
          tenantId: tenant.id,
        };
        cloud.orgs.push(org);
        for (let d = 0; d < vdcsPerOrg; d++) addVdc(vdcIdFor(n++), `${tenant.id}-vdc-${d + 1}`, org.nativeId);
      }
      cloud.vcenters = vcenters;
      // The provider's resources: room for twice what the org VDCs are allocated.
      cloud.provider = {
        cpuMhz: 2 * cloud.vdcs.reduce((sum, v) => sum + v.cpuLimitMhz, 0),
        memoryMb: 2 * cloud.vdcs.reduce((sum, v) => sum + v.memoryLimitMb, 0),
        storageMb: 2 * cloud.vdcs.reduce((sum, v) => sum + v.storageLimitMb, 0),
      };
    } else {
      cloud.ownerTenantId = spec.ownerTenantId ?? tenants[singleTenantIndex++ % tenants.length]!.id;
      for (let d = 0; d < vdcsPerCloud; d++) {
        const nativeId = vdcIdFor(d);
        // An availability zone has no name but its own.
        addVdc(nativeId, spec.kind === 'nova' ? nativeId : `${spec.id}-vdc-${d + 1}`);
      }
    }
    return cloud;
  });

  return { tenants, clouds };
}

/** Generate `count` cloud specs of the given kinds, round robin (for scale tests). */
export function manyClouds(count: number, kinds: readonly SeedCloudKind[] = ['vsphere', 'director', 'nova']): SeedCloudSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length]!;
    return { id: `${kind}-${i + 1}`, kind, name: `${kind} cloud ${i + 1}` };
  });
}
