/** What the control subgraph's resolvers pass between each other (codegen mappers). */
import type { ShardedKind } from '../../schema/kinds';
import type { NodeInstance } from '../registry';
import type { CloudSyncRecord, NodeConfigRecord } from '../store/types';
import type { VirtualVdc } from './generated/graphql';

export type NodeModel = NodeInstance;

/** A Cloud as control knows it: by its cloudId only. */
export interface CloudRefModel {
  id: string;
}

/** A VirtualMachine reference; `org` arrives through @requires when `tenant` is asked for. */
export interface VmRefModel {
  id: string;
  org?: { id: string } | null;
}

/** The sp-node's virtual VDC of one organization, as @requires delivers it. */
export type RequiredVirtualVdc = Omit<VirtualVdc, '__typename' | 'cloud'> & { cloud: { id: string } };

interface RequiredVm {
  id?: string;
  powerState?: string | null;
  cpuCount?: number | null;
  memoryMb?: number | null;
}

/** A dedicated cloud as @requires delivers it (null parts where its cloud-node failed). */
export interface RequiredDedicatedCloud {
  vdcs?: Array<{ vms?: RequiredVm[] | null }> | null;
}

export interface TenantModel {
  id: string;
  name: string;
  /** Present when the gateway resolves a field that @requires them. */
  orgs?: Array<{ vms?: Array<{ id: string }> | null; virtualVdc?: RequiredVirtualVdc | null } | null>;
  dedicatedClouds?: Array<RequiredDedicatedCloud | null>;
}

export interface OrgRefModel {
  id: string;
}

export interface VdcRefModel {
  id: string;
}

type Allocations = Record<
  'cpuLimitMhz' | 'memoryLimitMb' | 'storageLimitMb' | 'cpuUsedMhz' | 'memoryUsedMb' | 'storageUsedMb',
  number | null
>;
type Counts = Record<'vdcCount' | 'vmCount' | 'poweredOnVmCount' | 'vcpuCount' | 'memoryMb', number>;

export type CumulativeVdcPartModel = Counts & Allocations & { cloudId: string; source: 'ORG' | 'DEDICATED_CLOUD' };
export type CumulativeVdcModel = Counts & Allocations & { parts: CumulativeVdcPartModel[] };
/** What Tenant.cumulativeVdc answers: the sum, keyed by its tenant (billing adds its cost). */
export type TenantCumulativeVdcModel = CumulativeVdcModel & { tenantId: string };

export interface OrgDiscoveryModel {
  orgCount: number;
  matched: OrgRefModel[];
  unmapped: OrgRefModel[];
}

export type NodeConfigModel = NodeConfigRecord;

export interface VmEdgeModel {
  cursor: string;
  node: VmRefModel;
}

export interface VmConnectionModel {
  edges: VmEdgeModel[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

export type CloudFreshnessModel = CloudSyncRecord;

export interface RegistrationTokenModel {
  token: string;
  cloudId: string;
  kind: ShardedKind;
  expiresAt: Date;
}
