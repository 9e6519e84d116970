/** Entry point of a cloud-node process: `tsx subgraphs/cloud-node/main.ts` with CLOUD_* env. */
import { createAdapter } from './adapters';
import { loadNodeConfig } from './config';
import { startCloudNode } from './server';

async function main(): Promise<void> {
  const config = loadNodeConfig();
  const node = await startCloudNode({
    cloud: config.cloud,
    adapter: createAdapter(config.cloud.kind, config.api),
    host: config.host,
    port: config.port,
    secret: config.secret,
  });
  // One JSON line on stdout: launchers (the demo) read the URL from it.
  console.log(JSON.stringify({ event: 'listening', cloudId: config.cloud.id, url: node.url }));
  const stop = (): void => void node.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
