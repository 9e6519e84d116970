/**
 * Graceful shutdown of the processes as deployed: the gateway (gateway/main.ts) and a
 * cloud-node (subgraphs/cloud-node/main.ts), started with tsx, stop on SIGTERM or
 * SIGINT by closing everything, and exit 0 (not 143: no signal re-raised by Apollo's
 * own handler).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { request } from 'undici';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';

const ROOT = join(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  url: string;
  /** Every stdout line so far, parsed when JSON. */
  lines: Array<Record<string, unknown>>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start `script` with tsx and this environment; resolves once it printed its `listening` line. */
function start(script: string, env: Record<string, string>): Promise<Started> {
  // Not jest's NODE_ENV=test: Apollo installs its own signal handlers only outside tests, which is what this is about.
  const { NODE_ENV: _test, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
    cwd: ROOT,
    env: { ...inherited, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const lines: Array<Record<string, unknown>> = [];
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        if (parsed.event === 'listening') resolve({ child, url: String(parsed.url), lines, exit });
      } catch {
        // not a JSON line
      }
    });
    void exit.then(({ code, signal }) => reject(new Error(`${script} exited (${code ?? signal}) before listening:\n${stderr.join('\n')}`)));
  });
}

describe('graceful shutdown', () => {
  let dir: string;
  let mock: MockCloud;
  const cloud = buildSeed({ clouds: [{ id: 'dc-east', kind: 'vsphere', name: 'Private DC East' }] }).clouds[0]!;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'overcast-shutdown-'));
    mock = await startMockCloud(cloud);
  });
  afterAll(async () => {
    // A child a failed test left running.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('stops the gateway process on %s, and it exits 0', async (signal) => {
    const config = join(dir, `gateway-${signal}.json`);
    const secret = randomBytes(32).toString('hex');
    // Port 0: the gateway takes a free port and prints its URL.
    writeFileSync(
      config,
      JSON.stringify({
        host: '127.0.0.1',
        port: 0,
        auth: { hs256Secret: randomBytes(32).toString('hex') },
        healthCheckIntervalMs: 1000,
        nodes: [{ cloudId: cloud.id, kind: 'cloud-node', url: 'http://127.0.0.1:9/graphql', secret }],
      }),
    );
    const gateway = await start('gateway/main.ts', { OVERCAST_CONFIG: config });
    children.push(gateway.child);
    // Serving, with a keep-alive connection open: the drain must not wait on it.
    const live = await request(new URL('/healthz', gateway.url));
    expect(live.statusCode).toBe(200);
    await live.body.dump();
    gateway.child.kill(signal);
    expect(await gateway.exit).toEqual({ code: 0, signal: null });
  });

  it('stops a cloud-node process on SIGTERM, and it exits 0 after logging it', async () => {
    const node = await start('subgraphs/cloud-node/main.ts', {
      CLOUD_ID: cloud.id,
      CLOUD_KIND: 'vsphere',
      CLOUD_API_URL: mock.url,
      CLOUD_USERNAME: mock.credentials.username,
      CLOUD_PASSWORD: mock.credentials.password,
      NODE_SECRET: randomBytes(32).toString('hex'),
      // Polling its cloud when the signal comes: the watcher must stop too.
      WATCH_INTERVAL_MS: '50',
    });
    children.push(node.child);
    const health = await request(node.url.replace(/\/graphql$/, '/health'));
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    node.child.kill('SIGTERM');
    expect(await node.exit).toEqual({ code: 0, signal: null });
    // Its log is pino on stdout: the stop is one line of it.
    expect(node.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ msg: 'stopping', signal: 'SIGTERM', cloudId: cloud.id })]),
    );
  });

  it('stops a node once when a second signal comes while it stops (the terminal SIGINT, then a launcher SIGTERM)', async () => {
    const node = await start('subgraphs/cloud-node/main.ts', {
      CLOUD_ID: cloud.id,
      CLOUD_KIND: 'vsphere',
      CLOUD_API_URL: mock.url,
      CLOUD_USERNAME: mock.credentials.username,
      CLOUD_PASSWORD: mock.credentials.password,
      NODE_SECRET: randomBytes(32).toString('hex'),
    });
    children.push(node.child);
    node.child.kill('SIGINT');
    node.child.kill('SIGTERM');
    expect(await node.exit).toEqual({ code: 0, signal: null });
    // Sent back to back, the two signals may reach the handlers in either order: it stops once, on the first.
    const stopping = node.lines.filter((line) => line.msg === 'stopping');
    expect(stopping).toHaveLength(1);
    expect(['SIGINT', 'SIGTERM']).toContain(stopping[0]!.signal);
    // Not closed twice (a second close fails on clients already destroyed: an error line).
    expect(node.lines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
