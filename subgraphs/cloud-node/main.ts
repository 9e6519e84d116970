/**
 * Entry point of a cloud-node process: `tsx subgraphs/cloud-node/main.ts` with
 * CLOUD_* env, and NODE_SECRET or GATEWAY_URL + REGISTRATION_TOKEN.
 */
import { runMain, runNode } from '../shared/runNode';
import { createAdapter } from './adapters';
import { loadNodeConfig } from './config';
import { startCloudNode } from './server';

runMain(async () => {
  const config = loadNodeConfig();
  await runNode('cloud-node', config.cloud.id, config.join, (secret, log) =>
    startCloudNode({
      cloud: config.cloud,
      adapter: createAdapter(config.cloud.kind, config.api),
      host: config.host,
      port: config.port,
      basePath: config.basePath,
      tls: config.tls,
      secret,
      watchIntervalMs: config.watchIntervalMs,
      transfers: { retry: { forMs: config.transferRetryForMs } },
      cloudProbe: config.cloudProbe,
      // A failed poll is a `warn` line in the node's log (startCloudNode's default).
      log,
    }),
  );
});
