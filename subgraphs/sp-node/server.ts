/** An sp-node: the sp-node subgraph for one multi-tenant cloud. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { NodeLogOptions } from '../shared/logging';
import { CloudProbe } from '../shared/cloudProbe';
import { serveSubgraph, type RunningNode } from '../shared/serve';
import type { NodeTls } from '../shared/nodeEnv';
import type { StatsHistoryClient } from './clients/statsHistory';
import type { MetricsClient, TenancyClient } from './clients/types';
import { sampledMetrics } from './clients/sampledMetrics';
import { createSpContext, type SpCloud } from './context';
import { resolvers } from './resolvers';

export interface SpNodeOptions {
  cloud: SpCloud;
  tenancy: TenancyClient;
  metrics: MetricsClient;
  /** The metrics application's hourly history (the same API and account as `metrics`). */
  statsHistory: StatsHistoryClient;
  host?: string;
  port?: number;
  /** Prefix of every route (see ServeOptions.basePath). @default '' */
  basePath?: string;
  /** Serve HTTPS (see ServeOptions.tls); absent: plain HTTP. */
  tls?: NodeTls;
  /** Shared with the gateway: only requests it signed are answered. Undefined for a node that registers (see RunningNode.setSecret). */
  secret: string | undefined;
  /** Where the node's log goes (nowhere by default; the process writes to stdout). */
  log?: NodeLogOptions;
  /** The probe of the director's API that /health reports; as CloudNodeOptions.cloudProbe. @default { intervalMs: 0 } */
  cloudProbe?: { intervalMs: number; timeoutMs?: number };
}

export interface RunningSpNode extends RunningNode {
  /** The probe behind /health's `cloud` (tests call `check()`). */
  cloudProbe: CloudProbe;
}

export async function startSpNode(options: SpNodeOptions): Promise<RunningSpNode> {
  const { cloud, tenancy } = options;
  const metrics = sampledMetrics(options.metrics);
  // The director, not the metrics application: without it the node answers nothing; without metrics, figures only.
  const cloudProbe = new CloudProbe({
    probe: () => tenancy.probe(),
    intervalMs: options.cloudProbe?.intervalMs ?? 0,
    timeoutMs: options.cloudProbe?.timeoutMs,
    onFailure: (failure, err) => node.logger.warn({ failure, err: (err as Error).message }, 'cloud probe failed'),
  });
  const node = await serveSubgraph({
    kind: 'sp-node',
    cloudId: cloud.id,
    schema: buildSubgraphSchema({ typeDefs: parse(readSdl('sp-node')), resolvers: resolvers as never }),
    context: (principal) => createSpContext(cloud, tenancy, metrics, options.statsHistory, principal),
    secret: options.secret,
    onConfig: (settings) => metrics.setSamplingInterval(settings.metricsSamplingIntervalMs ?? 0),
    appliesSettings: ['metricsSamplingIntervalMs'],
    log: options.log,
    host: options.host,
    port: options.port,
    basePath: options.basePath,
    tls: options.tls,
    cloudHealth: () => cloudProbe.latest,
    onClose: async () => {
      await cloudProbe.stop();
      await Promise.all([tenancy.close(), metrics.close(), options.statsHistory.close()]);
    },
  });
  // Only once listening: a node that failed to start leaves no timer behind.
  cloudProbe.start();
  return { ...node, cloudProbe };
}
