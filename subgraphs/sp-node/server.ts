/** An sp-node: the sp-node subgraph for one multi-tenant cloud. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { NodeLogOptions } from '../shared/logging';
import { serveSubgraph, type RunningNode } from '../shared/serve';
import type { MetricsClient, TenancyClient } from './clients/types';
import { sampledMetrics } from './clients/sampledMetrics';
import { createSpContext, type SpCloud } from './context';
import { resolvers } from './resolvers';

export interface SpNodeOptions {
  cloud: SpCloud;
  tenancy: TenancyClient;
  metrics: MetricsClient;
  host?: string;
  port?: number;
  /** Prefix of every route (see ServeOptions.basePath). @default '' */
  basePath?: string;
  /** Shared with the gateway: only requests it signed are answered. Undefined for a node that registers (see RunningNode.setSecret). */
  secret: string | undefined;
  /** Where the node's log goes (nowhere by default; the process writes to stdout). */
  log?: NodeLogOptions;
}

export function startSpNode(options: SpNodeOptions): Promise<RunningNode> {
  const { cloud, tenancy } = options;
  const metrics = sampledMetrics(options.metrics);
  return serveSubgraph({
    kind: 'sp-node',
    cloudId: cloud.id,
    schema: buildSubgraphSchema({ typeDefs: parse(readSdl('sp-node')), resolvers: resolvers as never }),
    context: (principal) => createSpContext(cloud, tenancy, metrics, principal),
    secret: options.secret,
    onConfig: (settings) => metrics.setSamplingInterval(settings.metricsSamplingIntervalMs ?? 0),
    appliesSettings: ['metricsSamplingIntervalMs'],
    log: options.log,
    host: options.host,
    port: options.port,
    basePath: options.basePath,
    onClose: async () => {
      await Promise.all([tenancy.close(), metrics.close()]);
    },
  });
}
