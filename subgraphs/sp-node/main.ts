/**
 * Entry point of an sp-node process: `tsx subgraphs/sp-node/main.ts` with CLOUD_*,
 * DIRECTOR_*, METRICS_* env, and NODE_SECRET or GATEWAY_URL + REGISTRATION_TOKEN.
 */
import { runMain, runNode } from '../shared/runNode';
import { createTenancyClient } from './clients/director';
import { createMetricsClient } from './clients/metrics';
import { createStatsHistoryClient } from './clients/statsHistory';
import { loadSpNodeConfig } from './config';
import { startSpNode } from './server';

runMain(async () => {
  const config = loadSpNodeConfig();
  await runNode('sp-node', config.cloud.id, config.join, (secret, log) =>
    startSpNode({
      cloud: config.cloud,
      tenancy: createTenancyClient(config.director),
      metrics: createMetricsClient(config.metrics),
      statsHistory: createStatsHistoryClient(config.metrics),
      host: config.host,
      port: config.port,
      basePath: config.basePath,
      tls: config.tls,
      secret,
      cloudProbe: config.cloudProbe,
      log,
    }),
  );
});
