/** Per-request state of an sp-node: loaders over the clients, nothing else. */
import type { MetricsClient, TenancyClient } from './clients/types';
import { createSpLoaders, type SpLoaders } from './loaders';

export interface SpCloud {
  id: string;
  name: string;
}

export interface SpNodeContext {
  cloud: SpCloud;
  loaders: SpLoaders;
}

export function createSpContext(cloud: SpCloud, tenancy: TenancyClient, metrics: MetricsClient): SpNodeContext {
  return { cloud, loaders: createSpLoaders(tenancy, metrics) };
}
