/**
 * Child process: the baseline, a plain @apollo/gateway + @apollo/server with
 * startStandaloneServer and the default RemoteGraphQLDataSource, nothing tuned.
 *   BENCH_SUPERGRAPH=<file> node --import tsx bench/federation/apolloMain.ts
 */
import './production';

import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { benchEnv } from '../lib/env';

async function main(): Promise<void> {
  const path = benchEnv().BENCH_SUPERGRAPH;
  if (!path) throw new Error('set BENCH_SUPERGRAPH');
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(path, 'utf8') }) });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  console.log(JSON.stringify({ event: 'listening', url }));
  const stop = (): void => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
