/** Per-request state of an sp-node: loaders over the clients, nothing else. */
import type { Principal } from '../../schema/principal';
import type { StatsHistoryClient } from './clients/statsHistory';
import type { MetricsClient, TenancyClient } from './clients/types';
import { createSpLoaders, type SpLoaders } from './loaders';

export interface SpCloud {
  id: string;
  name: string;
}

export interface SpNodeContext {
  cloud: SpCloud;
  loaders: SpLoaders;
  /** The metrics application's history: hourly usage, read only by the gateway's meter (orgUsage). */
  statsHistory: StatsHistoryClient;
  /** Who the gateway asks for; verified from its signature. */
  principal: Principal;
}

export function createSpContext(
  cloud: SpCloud,
  tenancy: TenancyClient,
  metrics: MetricsClient,
  statsHistory: StatsHistoryClient,
  principal: Principal,
): SpNodeContext {
  // A scoped principal (a tenant) sees only its organizations and what they own.
  const orgScope = principal.scope ? new Set(principal.scope.orgs) : undefined;
  return { cloud, loaders: createSpLoaders(tenancy, metrics, orgScope), statsHistory, principal };
}
