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
  await runNode('cloud-node', config.cloud.id, config.join, (secret) =>
    startCloudNode({
      cloud: config.cloud,
      adapter: createAdapter(config.cloud.kind, config.api),
      host: config.host,
      port: config.port,
      basePath: config.basePath,
      secret,
      watchIntervalMs: config.watchIntervalMs,
      // One line per failed poll: an unreachable cloud shows up in the node's log, not only as silence.
      onWatchError: (err) => console.error(JSON.stringify({ event: 'watch-failed', cloudId: config.cloud.id, error: err.message })),
    }),
  );
});
