/**
 * The process around a node: start it, join the gateway (register if asked to),
 * print one JSON line with its URL for launchers, stop cleanly on a signal.
 */
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import type { SubgraphKind } from '../../schema/kinds';
import { registerWithGateway, type Join } from './join';
import type { RunningNode } from './serve';

const VERSION = (JSON.parse(readFileSync(joinPath(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

export async function runNode(
  kind: SubgraphKind,
  cloudId: string,
  join: Join,
  start: (secret: string | undefined) => Promise<RunningNode>,
): Promise<void> {
  const node = await start('secret' in join ? join.secret : undefined);
  const stop = (): void => void node.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
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
