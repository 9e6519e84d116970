/**
 * Entry point of one simulated cloud process:
 * `tsx mocks/main.ts <cloudId>` serves that cloud of the default seed (see seed.ts);
 * MOCK_PORT picks the port, MOCK_LATENCY_MS adds latency. Prints one JSON line with
 * its URL and credentials.
 */
import { METRICS_CREDENTIALS } from './director';
import { mockCloudOptions } from './env';
import { startMockCloud } from './index';
import { buildSeed } from './seed';

async function main(): Promise<void> {
  const options = mockCloudOptions(process.env);
  const cloudId = process.argv[2];
  const cloud = buildSeed().clouds.find((c) => c.id === cloudId);
  if (!cloud)
    throw new Error(
      `usage: mocks/main.ts <cloudId>; known: ${buildSeed()
        .clouds.map((c) => c.id)
        .join(', ')}`,
    );
  const mock = await startMockCloud(cloud, options);
  // A multi-tenant cloud also runs its metrics application (same server, /suite-api).
  const metrics = cloud.kind === 'director' ? { metrics: METRICS_CREDENTIALS } : {};
  console.log(
    JSON.stringify({ event: 'listening', cloudId, kind: cloud.kind, url: mock.url, apiUrl: mock.apiUrl, ...mock.credentials, ...metrics }),
  );
  const stop = (): void => void mock.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
