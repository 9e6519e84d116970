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
import { demoEnv } from './env';
import { buildSeed } from './seed';

const ROOT = join(__dirname, '..');
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
  const env = demoEnv(process.env);
  const { clouds, tenants } = buildSeed();
  console.log('Overcast demo: starting simulated clouds, cloud-nodes and the gateway on 127.0.0.1 …');

  const mocks = await Promise.all(clouds.map((cloud) => launch(`cloud ${cloud.id}`, 'mocks/main.ts', [cloud.id])));

  // The gateway starts with no nodes: they join by registration, as real nodes do.
  // Its configuration lives in .overcast/ so that `npm run token` finds its secret.
  mkdirSync(join(ROOT, '.overcast'), { recursive: true });
  const configPath = join(ROOT, '.overcast', 'demo.json');
  const config = {
    port: env.PORT,
    auth: { hs256Secret: randomBytes(32).toString('hex') },
    logLevel: 'warn',
    // Dedicated clouds by configuration; organizations are matched by name once their sp-node registers.
    tenants: tenants.map((t) => ({ id: t.id, name: t.name, clouds: clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id) })),
  };
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const gateway = await launch('gateway', 'gateway/main.ts', [], { OVERCAST_CONFIG: configPath });
  const token = (...args: string[]): string =>
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'gateway/token.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, OVERCAST_CONFIG: configPath },
    })
      .toString()
      .trim();
  const adminToken = token('--role', 'admin');
  const admin = async (query: string): Promise<Record<string, unknown>> => {
    const res = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
    return body.data ?? {};
  };
  const registrationToken = async (cloudId: string, kind: 'CLOUD_NODE' | 'SP_NODE'): Promise<string> =>
    (
      (await admin(`mutation { createRegistrationToken(cloudId: "${cloudId}", kind: ${kind}) { token } }`)).createRegistrationToken as {
        token: string;
      }
    ).token;
  const joinEnv = async (cloudId: string, kind: 'CLOUD_NODE' | 'SP_NODE') => ({
    GATEWAY_URL: gateway.url,
    REGISTRATION_TOKEN: await registrationToken(cloudId, kind),
  });

  await Promise.all(
    clouds.map(async (cloud, i) => {
      const mock = mocks[i]!;
      await launch(`node ${cloud.id}`, 'subgraphs/cloud-node/main.ts', [], {
        CLOUD_ID: cloud.id,
        CLOUD_KIND: cloud.kind,
        CLOUD_NAME: cloud.name,
        CLOUD_API_URL: mock.url,
        CLOUD_USERNAME: String(mock.username),
        CLOUD_PASSWORD: String(mock.password),
        ...(await joinEnv(cloud.id, 'CLOUD_NODE')),
      });
      // One sp-node in every multi-tenant cloud, next to its cloud-node.
      if (cloud.kind !== 'director') return;
      const metrics = mock.metrics as { username: string; password: string };
      await launch(`sp-node ${cloud.id}`, 'subgraphs/sp-node/main.ts', [], {
        CLOUD_ID: cloud.id,
        CLOUD_NAME: cloud.name,
        DIRECTOR_API_URL: mock.url,
        DIRECTOR_USERNAME: String(mock.username),
        DIRECTOR_PASSWORD: String(mock.password),
        METRICS_API_URL: mock.url,
        METRICS_USERNAME: metrics.username,
        METRICS_PASSWORD: metrics.password,
        ...(await joinEnv(cloud.id, 'SP_NODE')),
      });
    }),
  );
  // Every node has registered: match organizations and fill the inventory index now rather than on the next tick.
  await admin('mutation { discoverOrgs { orgCount } }');
  await admin('mutation { syncInventory { vmCount } }');

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
Gateway configuration: ${configPath} (nodes joined by registration token; see { nodes { id status url } })
Press Ctrl-C to stop.`);
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
main().catch((err: unknown) => {
  console.error(`demo failed to start: ${(err as Error).message}`);
  stop(1);
});
