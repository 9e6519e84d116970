/**
 * Per-request loaders of an sp-node. Tenancy facts (orgs, org VDCs, provider) and
 * metrics are read at most once per request whatever the number of VMs or orgs
 * asked about: the org of 1,000 VMs costs one org-VDC query, not 1,000 lookups.
 */
import DataLoader from 'dataloader';
import type { MetricsClient, OrgRecord, OrgVdcRecord, OrgVmRecord, ProviderRecord, TenancyClient, VmMetrics } from './clients/types';

export interface SpLoaders {
  orgs(): Promise<Map<string, OrgRecord>>;
  orgVdcs(): Promise<Map<string, OrgVdcRecord>>;
  /** VMs of an org by the org's native id. */
  vmsByOrg: DataLoader<string, OrgVmRecord[]>;
  metrics(): Promise<Map<string, VmMetrics>>;
  provider(): Promise<ProviderRecord>;
}

/** Memoize a call for the life of the request. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

export function createSpLoaders(tenancy: TenancyClient, metrics: MetricsClient, orgScope?: ReadonlySet<string>): SpLoaders {
  // Out of scope reads as absent: the org, its VDCs and its VMs.
  const inScope = (orgId: string): boolean => !orgScope || orgScope.has(orgId);
  return {
    orgs: once(async () => new Map((await tenancy.listOrgs()).filter((org) => inScope(org.id)).map((org) => [org.id, org]))),
    orgVdcs: once(async () => new Map((await tenancy.listOrgVdcs()).filter((vdc) => inScope(vdc.orgId)).map((vdc) => [vdc.id, vdc]))),
    vmsByOrg: new DataLoader(async (orgIds) => {
      const scoped = orgIds.filter(inScope);
      const vms = scoped.length ? await tenancy.listOrgVms(scoped) : [];
      return orgIds.map((orgId) => vms.filter((vm) => vm.orgId === orgId));
    }),
    metrics: once(() => metrics.latestByVm()),
    provider: once(() => tenancy.provider()),
  };
}
