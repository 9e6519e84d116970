/**
 * Entry point of the gateway process: `OVERCAST_CONFIG=overcast.json tsx gateway/main.ts`.
 * SIGTERM or SIGINT stops it cleanly (exit 0): /readyz turns 503, the server drains,
 * then subscriptions, the event bus, the node client and the store close.
 */
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

import { loadGatewayConfig } from './config';
import { startGateway } from './server';

/** Longest a stop may take before the process gives up on a clean one (exit 1). */
const STOP_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const gateway = await startGateway({ config: loadGatewayConfig() });
  // One JSON line on stdout: launchers (the demo) read the URL from it.
  console.log(JSON.stringify({ event: 'listening', url: gateway.url }));
  // The first signal stops; later ones (a launcher's SIGTERM after the terminal's SIGINT) must not
  // close twice or kill the process mid-close: they are ignored, and the deadline bounds the stop.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      console.error(`gateway: not stopped within ${STOP_DEADLINE_MS} ms after ${signal}`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    gateway.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`gateway: stop failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
