/**
 * Child process: Overcast's gateway in supergraph mode over the benchmark's
 * subgraphs (their URLs are those written in the supergraph). Authentication is
 * disabled, as documented for benchmarks: the plain gateway it is compared with has none.
 *   BENCH_SUPERGRAPH=<file> node --import tsx bench/federation/overcastMain.ts
 */
import './production';

import { startGateway } from '../../gateway/server';
import { benchEnv } from '../lib/env';

async function main(): Promise<void> {
  const { BENCH_SUPERGRAPH: path, BENCH_SHARING: only } = benchEnv();
  if (!path) throw new Error('set BENCH_SUPERGRAPH');
  // BENCH_SHARING: measure the gateway with only some of its sharing on (bench/lib/env.ts).
  const on = only?.split(',');
  const sharing = on && {
    operations: on.includes('operations'),
    upstream: on.includes('upstream'),
    representations: on.includes('representations'),
  };
  const gateway = await startGateway({
    config: {
      host: '127.0.0.1',
      port: 0,
      logLevel: 'warn',
      auth: { disabled: true },
      supergraph: { path },
      ...(sharing ? { sharing } : {}),
    },
  });
  console.log(JSON.stringify({ event: 'listening', url: gateway.url }));
  const stop = (): void => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
