/** Entry point of the gateway process: `OVERCAST_CONFIG=overcast.json tsx gateway/main.ts`. */
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

import { loadGatewayConfig } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
  const gateway = await startGateway({ config: loadGatewayConfig() });
  // One JSON line on stdout: launchers (the demo) read the URL from it.
  console.log(JSON.stringify({ event: 'listening', url: gateway.url }));
  const stop = (): void => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
