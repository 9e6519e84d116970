/**
 * `npm start`: the whole demo on loopback, each part its own process as in
 * production: three simulated clouds, one cloud-node per cloud, an sp-node in the
 * multi-tenant cloud, and the gateway in front, with two tenants across the clouds.
 * Prints the gateway URL, a token, the nodes and how to re-register one.
 *
 * It lives beside the other entry points, not in mocks/ (which simulate clouds), and
 * imports nothing of Overcast's but the seed: the parts are started from their own
 * entry points (demo/processes.ts) and report their URL as one JSON line on stdout.
 *
 * Predictable to stop and to start again: SIGINT, SIGTERM and SIGHUP, and the death of
 * its parent (npm, the shell), stop every child before it exits; a start that fails
 * exits 1; a second demo on the same data directory or port is refused before it
 * writes anything (demo/lock.ts). A part that dies once running is restarted on its
 * port (demo/processes.ts); a node keeps its credential in nodes/<cloudId>.<kind>/ and
 * rejoins with it, so a restart needs no new token.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { buildSeed, type SeedCloud } from '../mocks/seed';
import { DEFAULT_DEMO_DIR, demoDir, demoEnv } from './env';
import { acquireLock, checkPortFree, DemoRefusedError, type DemoLock } from './lock';
import { DemoProcesses, type Listening } from './processes';
import { DOMAIN, PROJECT } from '../mocks/nova/state';

const ROOT = join(__dirname, '..');
const HOST = '127.0.0.1';
const NODE_SCRIPTS = { 'cloud-node': 'subgraphs/cloud-node/main.ts', 'sp-node': 'subgraphs/sp-node/main.ts' } as const;
type NodeKind = keyof typeof NODE_SCRIPTS;

let lock: DemoLock | undefined;
let processes: DemoProcesses | undefined;
let exiting = false;

/**
 * Stop every child, release the lock, and let the process end with `code` (the worst
 * asked for). The code is set on process.exitCode, never left to a timer: a start that
 * failed exits 1 however the event loop drains.
 */
async function shutdown(code: number, reason?: string): Promise<void> {
  process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
  if (exiting) return;
  exiting = true;
  if (reason) console.error(reason);
  clearInterval(parentWatch);
  await processes?.stopAll();
  lock?.release();
  // Everything is closed; should a stray handle keep the loop alive, do not wait for it.
  setTimeout(() => process.exit(), 2000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
// npm forwards SIGINT and SIGTERM, but a parent killed outright (SIGKILL, a closed
// terminal that npm does not relay) sends nothing: the launcher is re-parented, and sees it.
const parent = process.ppid;
const parentWatch = setInterval(() => {
  if (process.ppid !== parent) void shutdown(0, 'the demo’s parent process exited; stopping the demo');
}, 500);
parentWatch.unref();

/** Shown relative to the working directory when inside it: short lines to copy. */
const shown = (path: string): string => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path));

/** The HS256 secret of the demo's gateway, kept across restarts so that tokens outlive one run. */
function secretIn(path: string): string {
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(path, 'utf8').trim();
}

/** A node's environment as a file a shell can source (`set -a; . file`), for starting it again by hand. */
function writeEnvFile(path: string, env: Record<string, string>): void {
  const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    path,
    Object.entries(env)
      .map(([key, value]) => `${key}=${quote(value)}\n`)
      .join(''),
    { mode: 0o600 },
  );
}

async function main(): Promise<void> {
  const env = demoEnv(process.env);
  const dir = demoDir(env);
  mkdirSync(dir, { recursive: true });
  // Before anything is written: a running demo's configuration and secret stay as they are.
  lock = acquireLock(join(dir, 'demo.lock'));
  await checkPortFree(HOST, env.PORT);
  for (const sub of ['logs', 'nodes']) mkdirSync(join(dir, sub), { recursive: true });
  // The lock always names what runs (restarts included), so that whoever finds it knows what to stop.
  const children = (processes = new DemoProcesses(join(dir, 'logs'), () =>
    lock?.update({ url: children.list().find((c) => c.label === 'gateway')?.url, children: children.list() }),
  ));

  const { clouds, tenants } = buildSeed();
  console.log(`Overcast demo: starting ${clouds.length} simulated clouds, their nodes and the gateway on ${HOST} …`);
  const mocks = await Promise.all(
    clouds.map((cloud) =>
      children.start({ label: `cloud ${cloud.id}`, script: 'mocks/main.ts', args: [cloud.id], rank: 'cloud', portVar: 'MOCK_PORT' }),
    ),
  );

  // The gateway starts with no nodes: they join by registration, as real nodes do.
  // Its configuration lives in the data directory so that `npm run token` finds its secret.
  const configPath = join(dir, 'demo.json');
  const secretPath = join(dir, 'hs256.secret');
  const config = {
    host: HOST,
    port: env.PORT,
    auth: { hs256Secret: secretIn(secretPath) },
    // Registrations, configurations, mappings and the index, kept across restarts (gateway/store/durable).
    store: { dataDir: join(dir, 'store') },
    logLevel: 'warn',
    // Dedicated clouds by configuration; organizations are matched by name once their sp-node registers.
    tenants: tenants.map((t) => ({ id: t.id, name: t.name, clouds: clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id) })),
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  const gateway = await children.start({
    label: 'gateway',
    script: 'gateway/main.ts',
    env: { OVERCAST_CONFIG: configPath },
    rank: 'gateway',
  });

  const tokenEnv = { ...process.env, OVERCAST_CONFIG: configPath };
  const mint = async (...args: string[]): Promise<string> =>
    (
      await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'gateway/token.ts'), ...args], {
        cwd: ROOT,
        env: tokenEnv,
      })
    ).stdout.trim();
  const adminToken = await mint('--role', 'admin');
  const viewerToken = await mint('--role', 'viewer', '--tenant', tenants[0]!.id);
  const admin = async <T>(query: string): Promise<T> => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${res.status}`);
    return body.data;
  };
  const registrationMutation = (cloudId: string, kind: NodeKind): string =>
    `mutation { createRegistrationToken(cloudId: "${cloudId}", kind: ${kind === 'cloud-node' ? 'CLOUD_NODE' : 'SP_NODE'}) { token } }`;

  /**
   * Start a node that registers with a fresh one-time token (a simple rule for every start: a node that
   * registered in an earlier run replaces its credential). Its environment (but the token) is kept in
   * nodes/; with it, started again by hand or by a restart, the node rejoins with its credential.
   */
  const startNode = async (cloud: SeedCloud, kind: NodeKind, nodeEnv: Record<string, string>): Promise<Listening> => {
    const joinEnv = { ...nodeEnv, GATEWAY_URL: gateway.url, NODE_DATA_DIR: join(dir, 'nodes', `${cloud.id}.${kind}`) };
    writeEnvFile(join(dir, 'nodes', `${cloud.id}.${kind}.env`), joinEnv);
    const { createRegistrationToken } = await admin<{ createRegistrationToken: { token: string } }>(registrationMutation(cloud.id, kind));
    return children.start({
      label: `${kind} ${cloud.id}`,
      script: NODE_SCRIPTS[kind],
      env: { ...joinEnv, REGISTRATION_TOKEN: createRegistrationToken.token },
      rank: 'node',
      portVar: 'NODE_PORT',
    });
  };
  await Promise.all(
    clouds.map(async (cloud, i) => {
      const mock = mocks[i]!;
      await startNode(cloud, 'cloud-node', {
        CLOUD_ID: cloud.id,
        CLOUD_KIND: cloud.kind,
        CLOUD_NAME: cloud.name,
        CLOUD_API_URL: String(mock.apiUrl),
        CLOUD_USERNAME: String(mock.username),
        CLOUD_PASSWORD: String(mock.password),
        // The mock OpenStack account's project, as an openrc file would name it.
        ...(cloud.kind === 'nova'
          ? { OS_PROJECT_NAME: PROJECT.name, OS_PROJECT_DOMAIN_NAME: DOMAIN.name, OS_USER_DOMAIN_NAME: DOMAIN.name }
          : {}),
      });
      // One sp-node in every multi-tenant cloud, next to its cloud-node.
      if (cloud.kind !== 'director') return;
      const metrics = mock.metrics as { username: string; password: string };
      await startNode(cloud, 'sp-node', {
        CLOUD_ID: cloud.id,
        CLOUD_NAME: cloud.name,
        DIRECTOR_API_URL: mock.url,
        DIRECTOR_USERNAME: String(mock.username),
        DIRECTOR_PASSWORD: String(mock.password),
        METRICS_API_URL: mock.url,
        METRICS_USERNAME: metrics.username,
        METRICS_PASSWORD: metrics.password,
      });
    }),
  );
  // Every node has registered: match organizations and fill the inventory index now rather than on the next tick.
  await admin('mutation { discoverOrgs { orgCount } }');
  await admin('mutation { syncInventory { vmCount } }');
  const { nodes } = await admin<{ nodes: Array<{ id: string; url: string }> }>('{ nodes { id url } }');
  nodes.sort((a, b) => a.id.localeCompare(b.id));

  // What the gateway says, not what was asked for: the node ids and URLs it routes to.
  const example = { cloud: clouds[0]!, kind: 'cloud-node' as const };
  const configEnv = dir === DEFAULT_DEMO_DIR ? '' : `OVERCAST_CONFIG=${shown(configPath)} `;
  const curl = (query: string): string =>
    `curl -s ${gateway.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\\n    -d '${JSON.stringify({ query })}'`;
  const width = Math.max(...nodes.map((n) => n.id.length));
  // The meter collects last month's usage in the background from the start (a minute or two).
  const now = new Date();
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const base = gateway.url.replace(/\/graphql$/, '');
  console.log(`
Overcast is running: ${gateway.url}

Console (the token rides in the URL fragment, which the browser never sends; or open ${base}/ and paste any token):
  provider admin:  ${base}/#token=${adminToken}
  ${tenants[0]!.id} viewer:     ${base}/#token=${viewerToken}

Provider admin token (12 h; still valid after a restart, until ${shown(secretPath)} is deleted):
  export TOKEN=${adminToken}
  ${curl('{ clouds { id name kind vdcs { name vms { id name powerState } } } }')}
Other tokens: ${configEnv}npm run -s token -- --role viewer --tenant ${tenants[0]!.id}   (tenants: ${tenants.map((t) => t.id).join(', ')}; roles: npm run -s token -- --help)

Nodes (joined with one-time registration tokens):
${nodes.map((n) => `  ${n.id.padEnd(width)}  ${n.url}`).join('\n')}
A part that dies is restarted (its terminal line says so); a node rejoins with its credential, no new token.
Start a node by hand (it rejoins the same way), e.g. ${example.cloud.id}'s ${example.kind}:
  (set -a; . ${shown(join(dir, 'nodes', `${example.cloud.id}.${example.kind}.env`))}; exec node --import tsx ${NODE_SCRIPTS[example.kind]})
After deregisterNode its credential is refused: it joins again with a new token,
  ${curl(registrationMutation(example.cloud.id, example.kind))}
  and REGISTRATION_TOKEN=<token> on the command line above.
  (every node's environment is in ${shown(join(dir, 'nodes'))}/, its credential in ${shown(join(dir, 'nodes'))}/<cloud>.<kind>/)

Billing: last month's usage is being metered now (${curl('{ usageGaps { cloudId hours } }')} is empty when done); invoice it with
  ${curl(`mutation { closeBillingPeriod(month: "${lastMonth}") { id total } }`)}
  FOCUS export: curl -s -H "authorization: Bearer $TOKEN" '${base}/export/focus?month=${lastMonth}'

Simulated clouds (take one down: curl -X POST <url>/__mock/faults -H 'content-type: application/json' -d '{"down":true}'):
${clouds.map((c, i) => `  ${c.id.padEnd(8)} ${c.kind.padEnd(8)} ${mocks[i]!.url}`).join('\n')}
Logs: ${shown(join(dir, 'logs'))}/   Stop: Ctrl-C, or kill -TERM ${process.pid}`);
}

main().catch((err: unknown) => {
  // A signal arrived mid-start: what fails now (a child stopped before it was ready) is the stop itself.
  if (exiting) return;
  if (err instanceof DemoRefusedError) {
    // Refused before anything was written or started: the running demo's files stay as they are.
    console.error(`npm start refused: ${err.message}`);
    void shutdown(1);
    return;
  }
  void shutdown(1, `demo failed to start: ${(err as Error).message}`);
});
