/**
 * The process around a node: start it, join the gateway (register if asked to),
 * print one JSON line with its URL for launchers, log to stdout, and stop cleanly on
 * SIGTERM or SIGINT: close the node (its server drains, its clients close) and exit 0.
 */
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import pino from 'pino';
import type { SubgraphKind } from '../../schema/kinds';
import { registerWithGateway, type Join } from './join';
import type { NodeLogOptions } from './logging';
import type { RunningNode } from './serve';

const VERSION = (JSON.parse(readFileSync(joinPath(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Longest a stop may take before the process gives up on a clean one (exit 1). */
const STOP_DEADLINE_MS = 10_000;

export async function runNode(
  kind: SubgraphKind,
  cloudId: string,
  join: Join,
  start: (secret: string | undefined, log: NodeLogOptions) => Promise<RunningNode>,
): Promise<void> {
  // Synchronous writes: the last lines before an exit are not lost in a buffer.
  const node = await start('secret' in join ? join.secret : undefined, { destination: pino.destination({ dest: 1, sync: true }) });
  // The first signal stops; later ones (a launcher's SIGTERM after the terminal's SIGINT) must not
  // close twice or kill the process mid-close: they are noted, and the deadline bounds the stop.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return void node.logger.info({ signal }, 'already stopping');
    stopping = true;
    node.logger.info({ signal }, 'stopping');
    setTimeout(() => {
      node.logger.error(`not stopped within ${STOP_DEADLINE_MS} ms`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    node.close().then(
      () => process.exit(0),
      (err: unknown) => {
        node.logger.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if ('token' in join) {
    try {
      const registered = await registerWithGateway({
        gatewayUrl: join.gatewayUrl,
        token: join.token,
        kind,
        url: node.url,
        version: VERSION,
      });
      node.setSecret(registered.secret);
    } catch (err) {
      await node.close();
      throw err;
    }
  }
  console.log(JSON.stringify({ event: 'listening', cloudId, kind, url: node.url }));
}

/** The entry-point wrapper: any start failure is one line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
