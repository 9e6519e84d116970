/**
 * `npm start`: the whole demo on loopback, each part its own process as in
 * production: three simulated clouds, one cloud-node per cloud, an sp-node in the
 * multi-tenant cloud, and the gateway in front, with two tenants across the clouds. Prints the gateway URL; Ctrl-C stops everything.
 *
 * It imports nothing of Overcast's but the seed: the parts are started from their
 * own entry points and report their URL as one JSON line on stdout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildSeed } from './seed';

const ROOT = join(__dirname, '..');
const GATEWAY_PORT = Number(process.env.PORT ?? 4000);
const children: ChildProcess[] = [];

interface Listening {
  event: 'listening';
  url: string;
  [key: string]: unknown;
}

/** Start `script` under tsx; resolve with its `listening` line, forward everything else. */
function launch(label: string, script: string, args: string[], env: Record<string, string> = {}): Promise<Listening> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  createInterface({ input: child.stderr! }).on('line', (line) => console.error(`[${label}] ${line}`));
  return new Promise((resolve, reject) => {
    let ready = false;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const message = JSON.parse(line) as Partial<Listening>;
        if (!ready && message.event === 'listening') {
          ready = true;
          return resolve(message as Listening);
        }
      } catch {
        // not one of our JSON lines: forward it as is
      }
      console.log(`[${label}] ${line}`);
    });
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`${label} exited with code ${code} before it was ready`));
      else if (!stopping) {
        console.error(`[${label}] exited with code ${code}; stopping the demo`);
        stop(1);
      }
    });
  });
}

let stopping = false;
function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}

async function main(): Promise<void> {
  const { clouds, tenants } = buildSeed();
  console.log('Overcast demo: starting simulated clouds, cloud-nodes and the gateway on 127.0.0.1 …');

  const mocks = await Promise.all(clouds.map((cloud) => launch(`cloud ${cloud.id}`, 'mocks/main.ts', [cloud.id])));
  // One secret per node, known to that node and the gateway only: nodes answer only signed requests.
  const newSecret = (): string => randomBytes(32).toString('hex');
  const nodeSecrets = clouds.map(newSecret);
  const spNodeSecrets = clouds.map(newSecret);
  const nodes = await Promise.all(
    clouds.map((cloud, i) =>
      launch(`node ${cloud.id}`, 'subgraphs/cloud-node/main.ts', [], {
        CLOUD_ID: cloud.id,
        CLOUD_KIND: cloud.kind,
        CLOUD_NAME: cloud.name,
        CLOUD_API_URL: mocks[i]!.url,
        CLOUD_USERNAME: String(mocks[i]!.username),
        CLOUD_PASSWORD: String(mocks[i]!.password),
        NODE_SECRET: nodeSecrets[i]!,
      }),
    ),
  );

  // One sp-node in every multi-tenant cloud, next to its cloud-node.
  const spNodes = await Promise.all(
    clouds.map((cloud, i) => {
      if (cloud.kind !== 'director') return undefined;
      const mock = mocks[i]!;
      const metrics = mock.metrics as { username: string; password: string };
      return launch(`sp-node ${cloud.id}`, 'subgraphs/sp-node/main.ts', [], {
        CLOUD_ID: cloud.id,
        CLOUD_NAME: cloud.name,
        DIRECTOR_API_URL: mock.url,
        DIRECTOR_USERNAME: String(mock.username),
        DIRECTOR_PASSWORD: String(mock.password),
        METRICS_API_URL: mock.url,
        METRICS_USERNAME: metrics.username,
        METRICS_PASSWORD: metrics.password,
        NODE_SECRET: spNodeSecrets[i]!,
      });
    }),
  );

  // The demo's configuration lives in .overcast/ so that `npm run token` finds its secret.
  mkdirSync(join(ROOT, '.overcast'), { recursive: true });
  const configPath = join(ROOT, '.overcast', 'demo.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      {
        port: GATEWAY_PORT,
        auth: { hs256Secret: randomBytes(32).toString('hex') },
        logLevel: 'warn',
        nodes: clouds.flatMap((cloud, i) => [
          { cloudId: cloud.id, kind: 'cloud-node', url: nodes[i]!.url, secret: nodeSecrets[i]! },
          ...(spNodes[i] ? [{ cloudId: cloud.id, kind: 'sp-node', url: spNodes[i].url, secret: spNodeSecrets[i]! }] : []),
        ]),
        // Dedicated clouds by configuration; organizations are matched by name at start.
        tenants: tenants.map((t) => ({ id: t.id, name: t.name, clouds: clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id) })),
      },
      null,
      2,
    ),
  );
  const gateway = await launch('gateway', 'gateway/main.ts', [], { OVERCAST_CONFIG: configPath });
  const token = (...args: string[]): string =>
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'gateway/token.ts'), ...args], { cwd: ROOT, env: { ...process.env, OVERCAST_CONFIG: configPath } })
      .toString()
      .trim();
  const adminToken = token('--role', 'admin');

  console.log(`
Overcast is running. GraphQL endpoint: ${gateway.url}

Provider admin token (12 h; tenant tokens: npm run token -- --tenant acme --role viewer):
  export TOKEN=${adminToken}

  curl -s ${gateway.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ clouds { id name kind vdcs { name vms { id name powerState } } } }"}'

  curl -s ${gateway.url} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
    -d '{"query":"{ tenant(id: \\"acme\\") { name vms { name cloud { id } org { name } } cumulativeVdc { vmCount vcpuCount cpuLimitMhz } } }"}'

Simulated clouds (take one down: curl -X POST <url>/__mock/faults -H 'content-type: application/json' -d '{"down":true}'):
${clouds.map((c, i) => `  ${c.id.padEnd(8)} ${c.kind.padEnd(8)} ${mocks[i]!.url}`).join('\n')}
Gateway configuration: ${configPath}
Press Ctrl-C to stop.`);
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
main().catch((err: unknown) => {
  console.error(`demo failed to start: ${(err as Error).message}`);
  stop(1);
});
