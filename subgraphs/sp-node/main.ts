/** Entry point of an sp-node process: `tsx subgraphs/sp-node/main.ts` with CLOUD_*, DIRECTOR_*, METRICS_* env. */
import { createTenancyClient } from './clients/director';
import { createMetricsClient } from './clients/metrics';
import { loadSpNodeConfig } from './config';
import { startSpNode } from './server';

async function main(): Promise<void> {
  const config = loadSpNodeConfig();
  const node = await startSpNode({
    cloud: config.cloud,
    tenancy: createTenancyClient(config.director),
    metrics: createMetricsClient(config.metrics),
    host: config.host,
    port: config.port,
    secret: config.secret,
  });
  // One JSON line on stdout: launchers (the demo) read the URL from it.
  console.log(JSON.stringify({ event: 'listening', cloudId: config.cloud.id, kind: 'sp-node', url: node.url }));
  const stop = (): void => void node.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
