/**
 * Child process of the gateway-overhead benchmark: the four subgraphs, each on its
 * own loopback port. Prints one JSON line `{ event: 'listening', urls: { name: url } }`.
 */
import './production';

import { SUBGRAPH_NAMES, subgraphSchema } from './subgraphs';
import { serveSchema } from './subgraphServer';

async function main(): Promise<void> {
  const running = await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await serveSchema(subgraphSchema(name))] as const));
  const urls = Object.fromEntries(running.map(([name, s]) => [name, s.url]));
  console.log(JSON.stringify({ event: 'listening', url: urls.products, urls }));
  const stop = (): void => void Promise.all(running.map(([, s]) => s.close())).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
