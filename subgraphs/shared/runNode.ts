/**
 * The process around a node: start it, join the gateway (register, or rejoin with
 * the credential it kept), print one JSON line with its URL for launchers, log to
 * stdout, and stop cleanly on SIGTERM or SIGINT: close the node (its server drains,
 * its clients close) and exit 0.
 */
import { readFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import pino from 'pino';
import { ErrorCode } from '../../schema/errorCodes';
import { nodeId, type SubgraphKind } from '../../schema/kinds';
import { registrationTokenHash } from '../../schema/nodeSettings';
import { isUnknownNode, registerWithGateway, RegistrationRefusedError, rejoinGateway, TOKEN_USED_HINT, type Join } from './join';
import type { NodeLogOptions } from './logging';
import { credentialPath, readCredential, saveCredential, type NodeCredential } from './nodeCredential';
import type { RunningNode } from './serve';

const VERSION = (JSON.parse(readFileSync(joinPath(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Longest a stop may take before the process gives up on a clean one (exit 1). */
const STOP_DEADLINE_MS = 10_000;
/** Retries of the first rejoin while the gateway is unreachable: 1 s, doubling, at most 30 s apart. */
const REJOIN_RETRY_MS = { first: 1000, max: 30_000 };

type DataDirJoin = Extract<Join, { dataDir: string }>;

/** What a node with a data directory does at start, decided before it listens. */
type Plan =
  { action: 'register'; gatewayUrl: string; token: string } | { action: 'rejoin'; gatewayUrl: string; credential: NodeCredential };

/**
 * Rejoin when the stored credential matches (no token given, or the one it
 * registered with: the same command line after a restart); register when a new
 * token is given. Anything else cannot work, and says what to do.
 */
function planFor(join: DataDirJoin, kind: SubgraphKind, cloudId: string): Plan {
  const path = credentialPath(join.dataDir);
  const credential = readCredential(join.dataDir);
  const id = nodeId({ cloudId, kind });
  if (credential && credential.nodeId !== id) {
    throw new Error(`${path} is the credential of ${credential.nodeId}, not of ${id}: give each node a NODE_DATA_DIR of its own`);
  }
  if (credential && (join.token === undefined || registrationTokenHash(join.token) === credential.tokenHash)) {
    return { action: 'rejoin', gatewayUrl: join.gatewayUrl ?? credential.gatewayUrl, credential };
  }
  if (join.token === undefined) {
    throw new Error(
      `no credential in ${path} and no REGISTRATION_TOKEN: start with GATEWAY_URL and REGISTRATION_TOKEN=<token> to register`,
    );
  }
  if (join.gatewayUrl === undefined) throw new Error('GATEWAY_URL is required to register with REGISTRATION_TOKEN');
  return { action: 'register', gatewayUrl: join.gatewayUrl, token: join.token };
}

/** What a node must be told when only an administrator can let it join again. */
const NEW_TOKEN = 'an administrator must issue a new token (createRegistrationToken); start again with REGISTRATION_TOKEN=<new token>';

export async function runNode(
  kind: SubgraphKind,
  cloudId: string,
  join: Join,
  start: (secret: string | undefined, log: NodeLogOptions) => Promise<RunningNode>,
): Promise<void> {
  const plan = 'dataDir' in join ? planFor(join, kind, cloudId) : undefined;
  const initialSecret = 'secret' in join ? join.secret : plan?.action === 'rejoin' ? plan.credential.secret : undefined;
  // Synchronous writes: the last lines before an exit are not lost in a buffer.
  const node = await start(initialSecret, { destination: pino.destination({ dest: 1, sync: true }) });
  const timers = new Set<NodeJS.Timeout>();
  // The first signal stops; later ones (a launcher's SIGTERM after the terminal's SIGINT) must not
  // close twice or kill the process mid-close: they are noted, and the deadline bounds the stop.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return void node.logger.info({ signal }, 'already stopping');
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
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
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopping) fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const listening = () => console.log(JSON.stringify({ event: 'listening', cloudId, kind, url: node.url }));

  try {
    if ('token' in join && !('dataDir' in join)) {
      node.setSecret((await register(kind, node, join.gatewayUrl, join.token, TOKEN_USED_HINT)).secret);
    } else if (plan?.action === 'register' && 'dataDir' in join) {
      const path = credentialPath(join.dataDir);
      const registered = await register(
        kind,
        node,
        plan.gatewayUrl,
        plan.token,
        `this registration token was already used, and ${path} holds no credential registered with it: ${NEW_TOKEN}`,
      );
      saveCredential(join.dataDir, {
        nodeId: registered.nodeId,
        cloudId: registered.cloudId,
        secret: registered.secret,
        gatewayUrl: plan.gatewayUrl,
        tokenHash: registrationTokenHash(plan.token),
        registeredAt: new Date().toISOString(),
      });
      node.setSecret(registered.secret);
      node.logger.info({ credential: path }, 'registered with the gateway; credential kept');
    }
  } catch (err) {
    await node.close();
    throw err;
  }
  if (!plan || !('dataDir' in join)) return listening();

  const path = credentialPath(join.dataDir);
  // From here the credential is the one on disk (just saved, or read at start).
  let credential = plan.action === 'rejoin' ? plan.credential : readCredential(join.dataDir)!;
  const gatewayUrl = plan.gatewayUrl;
  const rejoin = async (): Promise<void> => {
    await rejoinGateway({ gatewayUrl, nodeId: credential.nodeId, secret: credential.secret, kind, url: node.url, version: VERSION });
    // GATEWAY_URL moved the node to another gateway address: the next start without it goes there too.
    if (credential.gatewayUrl !== gatewayUrl) saveCredential(join.dataDir, (credential = { ...credential, gatewayUrl }));
  };
  /** The last outcome logged: a refusal or an outage is logged once, when it starts, not at every attempt. */
  let state: 'joined' | 'unreachable' | string = plan.action === 'register' ? 'joined' : 'starting';

  if (plan.action === 'rejoin') {
    // The first attempt before the `listening` line: a refusal then is an exit 1 before a launcher thinks it runs.
    const first = await attempt(rejoin);
    if (first.outcome === 'refused') {
      await node.close();
      throw new Error(refusedMessage(first.error, path));
    }
    if (first.outcome === 'joined') {
      state = 'joined';
      node.logger.info({ gateway: gatewayUrl, credential: path }, 'rejoined the gateway');
      listening();
    } else {
      listening();
      state = 'unreachable';
      node.logger.warn(
        { gateway: gatewayUrl, err: first.error.message },
        'gateway unreachable; rejoining when it is back (serving meanwhile)',
      );
      await new Promise<void>((resolve) => {
        const retry = (delayMs: number): void =>
          later(delayMs, () => {
            void attempt(rejoin).then((next) => {
              if (next.outcome === 'unreachable') return retry(Math.min(delayMs * 2, REJOIN_RETRY_MS.max));
              if (next.outcome === 'refused') {
                // Still the start: the credential cannot work, and nothing this node does will change that.
                console.error(refusedMessage(next.error, path));
                void node.close().finally(() => process.exit(1));
                return;
              }
              state = 'joined';
              node.logger.info({ gateway: gatewayUrl, credential: path }, 'rejoined the gateway');
              resolve();
            });
          });
        retry(REJOIN_RETRY_MS.first);
      });
    }
  } else {
    listening();
  }

  // While running: a gateway that sent nothing signed for a while may have restarted without this node, or
  // with another URL for it; rejoining says where it is (and learns whether it is still known).
  if (join.rejoinAfterMs === 0) return;
  let since = Date.now();
  const watch = (): void => {
    const due = Math.max(since, node.lastSignedAt() ?? 0) + join.rejoinAfterMs - Date.now();
    if (due > 0) return later(due, watch);
    void attempt(rejoin).then((result) => {
      since = Date.now();
      const next = result.outcome === 'refused' ? (result.error.code ?? 'refused') : result.outcome;
      if (next !== state) {
        if (result.outcome === 'joined') node.logger.info({ gateway: gatewayUrl }, 'rejoined the gateway');
        else if (result.outcome === 'unreachable')
          node.logger.warn({ gateway: gatewayUrl, err: result.error.message }, 'gateway unreachable');
        else node.logger.error({ code: result.error.code, credential: path }, refusedMessage(result.error, path));
      }
      state = next;
      later(join.rejoinAfterMs, watch);
    });
  };
  later(join.rejoinAfterMs, watch);
}

type Attempt = { outcome: 'joined' } | { outcome: 'refused'; error: RegistrationRefusedError } | { outcome: 'unreachable'; error: Error };

async function attempt(rejoin: () => Promise<void>): Promise<Attempt> {
  try {
    await rejoin();
    return { outcome: 'joined' };
  } catch (err) {
    if (err instanceof RegistrationRefusedError) return { outcome: 'refused', error: err };
    return { outcome: 'unreachable', error: err as Error };
  }
}

function refusedMessage(error: RegistrationRefusedError, path: string): string {
  return isUnknownNode(error) ? `${error.message}; the credential in ${path} is of no use: ${NEW_TOKEN}` : error.message;
}

/** Register with `token`; a TOKEN_USED refusal is told `usedHint` (what this node should do about it). */
async function register(kind: SubgraphKind, node: RunningNode, gatewayUrl: string, token: string, usedHint: string) {
  try {
    return await registerWithGateway({ gatewayUrl, token, kind, url: node.url, version: VERSION });
  } catch (err) {
    if (err instanceof RegistrationRefusedError && err.code === ErrorCode.TOKEN_USED) {
      throw new RegistrationRefusedError(`registration refused (${err.code}): ${usedHint}`, err.code);
    }
    throw err;
  }
}

/** The entry-point wrapper: any start failure is one line on stderr and exit code 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
