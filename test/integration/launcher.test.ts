/**
 * The demo launcher (`npm start`, demo/main.ts), started as npm starts it: a process
 * under tsx, on a free gateway port (the clouds and nodes take free ports themselves)
 * and with a data directory of its own (OVERCAST_DEMO_DIR). Whatever stops it, no
 * process it started is left: not by pid (a zombie counts as gone, as the container's
 * init may reap late), and not on any port it listened on. A second demo is refused
 * before it writes anything, so the first one's tokens keep working. A part killed
 * -9 while it runs is restarted on its port, and the graph answers as before.
 */
import { execFile, spawn, type ChildProcess, type SpawnOptionsWithStdioTuple } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '../support/ports';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSeed } from '../../mocks/seed';
import { waitFor } from '../support/waitFor';

const ROOT = join(__dirname, '..', '..');
const LAUNCHER = join(ROOT, 'demo', 'main.ts');
const seed = buildSeed();
/** Every cloud, a cloud-node per cloud, an sp-node per multi-tenant cloud, the gateway. */
const EXPECTED_CHILDREN = seed.clouds.length * 2 + seed.clouds.filter((c) => c.kind === 'director').length + 1;
const START_TIMEOUT_MS = 90_000;

jest.setTimeout(4 * START_TIMEOUT_MS);

interface LockState {
  pid: number;
  url: string;
  children: Array<{ label: string; pid: number; url: string }>;
}

interface Launched {
  /** The process the test spawned: the launcher, or the shell around it. */
  process: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/**
 * How the launcher is started: `tsx`, directly; `npm`, as `npm start` (npm, then the
 * script's shell, which execs it); `shell`, under a shell that stays its parent (as a
 * shell that does not exec would), so that the parent can be killed.
 */
type How = 'tsx' | 'npm' | 'shell';

/** Start the launcher with this data directory and gateway port. */
function launch(dir: string, port: number, how: How = 'tsx'): Launched {
  // Not jest's NODE_ENV=test: the parts run as they do for a user.
  const { NODE_ENV: _test, ...inherited } = process.env;
  const options: SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'> = {
    cwd: ROOT,
    env: { ...inherited, OVERCAST_DEMO_DIR: dir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  };
  const command = [process.execPath, '--import', 'tsx', LAUNCHER];
  const child =
    how === 'npm'
      ? spawn('npm', ['start'], options)
      : how === 'shell'
        ? // `; :` keeps the shell from exec'ing node: it stays the launcher's parent.
          spawn('/bin/sh', ['-c', '"$@"; :', 'sh', ...command], options)
        : spawn(command[0]!, command.slice(1), options);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { process: child, output: () => output, exit };
}

/** Wait until the demo printed that it runs; its lock then lists every process it started. */
async function running(launched: Launched, dir: string): Promise<LockState> {
  await waitFor('the demo to be running', () => launched.output().includes('Overcast is running') || launched.process.exitCode !== null, {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 200,
  });
  if (!launched.output().includes('Overcast is running')) throw new Error(`the demo did not start:\n${launched.output()}`);
  return JSON.parse(readFileSync(join(dir, 'demo.lock'), 'utf8')) as LockState;
}

/** Gone, or a zombie: nothing runs under this pid any more. */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** The pids whose parent is `pid`, from the kernel's process table (not from the launcher's word). */
function childrenOf(pid: number, { nodeOnly = false } = {}): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid || gone(Number(name))) return false;
        return !nodeOnly || readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')[0] === process.execPath;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Whether something accepts connections on this URL's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Everything the demo started is gone: every pid, and every port. */
async function expectAllStopped(state: LockState): Promise<void> {
  const pids = [state.pid, ...state.children.map((c) => c.pid)];
  await waitFor(`pids ${pids.join(', ')} to be gone`, () => pids.every(gone), { timeoutMs: 30_000, intervalMs: 100 });
  for (const child of state.children) expect(await listening(child.url)).toBe(false);
}

/** What `npm run token` prints for this data directory's demo. */
async function mintToken(dir: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'gateway', 'token.ts'), '--role', 'admin'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, OVERCAST_CONFIG: join(dir, 'demo.json') },
    },
  );
  return stdout.trim();
}

async function cloudIds(url: string, token: string): Promise<string[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ clouds { id } }' }),
  });
  const body = (await res.json()) as { data?: { clouds: Array<{ id: string }> } };
  return (body.data?.clouds ?? []).map((c) => c.id).sort();
}

/** Every VM name the graph answers for this token, sorted; undefined while it does not answer them all. */
async function vmNames(url: string, token: string): Promise<string[] | undefined> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ clouds { vdcs { vms { name } } } }' }),
  }).catch(() => undefined);
  const body = (await res?.json().catch(() => undefined)) as
    { data?: { clouds: Array<{ vdcs: Array<{ vms: Array<{ name: string }> }> }> }; errors?: unknown[] } | undefined;
  if (!body?.data || body.errors?.length) return undefined;
  return body.data.clouds.flatMap((c) => c.vdcs.flatMap((v) => v.vms.map((vm) => vm.name))).sort();
}

/** Each file of the directory (nodes/ included: environments and credentials) with its content and modification time. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const nodeFiles = readdirSync(join(dir, 'nodes'), { recursive: true, encoding: 'utf8' })
    .map((n) => join('nodes', n))
    .filter((name) => statSync(join(dir, name)).isFile());
  for (const name of ['demo.json', 'demo.lock', 'hs256.secret', ...nodeFiles]) {
    files[name] = `${statSync(join(dir, name)).mtimeMs} ${readFileSync(join(dir, name), 'utf8')}`;
  }
  return files;
}

describe('the demo launcher', () => {
  const dirs: string[] = [];
  const started: Launched[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'overcast-launcher-'));
    dirs.push(dir);
    return dir;
  };
  const start = (dir: string, port: number, how: How = 'tsx'): Launched => {
    const launched = launch(dir, port, how);
    started.push(launched);
    return launched;
  };

  afterAll(() => {
    // A failed test may have left a demo: stop it by the pids its lock names, never by name.
    for (const dir of dirs) {
      try {
        const state = JSON.parse(readFileSync(join(dir, 'demo.lock'), 'utf8')) as LockState;
        for (const pid of [state.pid, ...state.children.map((c) => c.pid)]) if (!gone(pid)) process.kill(pid, 'SIGKILL');
      } catch {
        // no lock: nothing left running there
      }
      rmSync(dir, { recursive: true, force: true });
    }
    for (const launched of started) if (launched.process.exitCode === null) launched.process.kill('SIGKILL');
  });

  describe('while one demo runs', () => {
    let dir: string;
    let port: number;
    let first: Launched;
    let state: LockState;

    beforeAll(async () => {
      dir = tempDir();
      port = await freePort();
      first = start(dir, port, 'npm');
      state = await running(first, dir);
    }, START_TIMEOUT_MS);

    it('runs as npm’s own child (the script’s shell exec’d it), and lists in its lock every process it started', () => {
      expect(childrenOf(first.process.pid!)).toEqual([state.pid]);
      expect(state.url).toBe(`http://127.0.0.1:${port}/graphql`);
      expect(state.children).toHaveLength(EXPECTED_CHILDREN);
      // Node processes only: tsx may keep its esbuild service as a child of the launcher too.
      expect(childrenOf(state.pid, { nodeOnly: true }).sort()).toEqual(state.children.map((c) => c.pid).sort());
    });

    it('prints the gateway URL and every node URL the gateway routes to', () => {
      const nodes = state.children.filter((c) => c.label.includes('node'));
      for (const url of [state.url, ...nodes.map((n) => n.url)]) expect(first.output()).toContain(url);
    });

    it('refuses a second demo on the same data directory: exit 1, and the first one’s files untouched', async () => {
      const before = snapshot(dir);
      const second = start(dir, await freePort());
      expect(await second.exit).toBe(1);
      expect(second.output()).toContain(`a demo is already running (pid ${state.pid}`);
      expect(snapshot(dir)).toEqual(before);
    });

    it('refuses a second demo on the same port from another directory, writing nothing there', async () => {
      const other = tempDir();
      const second = start(other, port);
      expect(await second.exit).toBe(1);
      expect(second.output()).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(readdirSync(other)).toEqual([]);
    });

    it('still accepts tokens minted from its configuration after the refusals', async () => {
      expect(await cloudIds(state.url, await mintToken(dir))).toEqual(seed.clouds.map((c) => c.id).sort());
    });

    it('restarts a node, a cloud and the gateway killed -9, one at a time, on their ports: the graph answers as before, with the token minted at start', async () => {
      const token = /export TOKEN=(\S+)/.exec(first.output())![1]!;
      const seedVms = seed.clouds.flatMap((c) => c.vms.map((vm) => vm.name)).sort();
      const answersAsBefore = () =>
        waitFor(
          'the graph to answer the seed’s VMs',
          async () => JSON.stringify(await vmNames(state.url, token)) === JSON.stringify(seedVms),
          {
            timeoutMs: 30_000,
            intervalMs: 250,
          },
        );
      await answersAsBefore();
      const readState = () => JSON.parse(readFileSync(join(dir, 'demo.lock'), 'utf8')) as LockState;
      for (const label of [`cloud-node ${seed.clouds[0]!.id}`, `cloud ${seed.clouds[1]!.id}`, 'gateway']) {
        const before = readState().children.find((c) => c.label === label)!;
        process.kill(before.pid, 'SIGKILL');
        const after = await waitFor(
          `the lock to list ${label} again, with a new pid, listening`,
          () => {
            const child = readState().children.find((c) => c.label === label);
            return child && child.pid !== before.pid && child.url ? child : undefined;
          },
          { timeoutMs: 30_000, intervalMs: 100 },
        );
        expect(after.url).toBe(before.url);
        expect(first.output()).toContain(`[${label}] exited (SIGKILL); restarting in 1 s`);
        await answersAsBefore();
      }
      // The restarted ones are the demo's children like the others: the stop below must find them too.
      state = readState();
      expect(state.children).toHaveLength(EXPECTED_CHILDREN);
      expect(childrenOf(state.pid, { nodeOnly: true }).sort()).toEqual(state.children.map((c) => c.pid).sort());
    });

    it('stops every process it started when npm gets SIGTERM, removes its lock, and exits 0', async () => {
      const all = childrenOf(state.pid);
      first.process.kill('SIGTERM');
      expect(await first.exit).toBe(0);
      await expectAllStopped(state);
      expect(all.filter((pid) => !gone(pid))).toEqual([]);
      expect(readdirSync(dir)).not.toContain('demo.lock');
    });
  });

  it('stops every process it started when its parent dies without a signal to pass on', async () => {
    const dir = tempDir();
    const shell = start(dir, await freePort(), 'shell');
    const state = await running(shell, dir);
    expect(childrenOf(shell.process.pid!)).toEqual([state.pid]);
    shell.process.kill('SIGKILL');
    await expectAllStopped(state);
  });

  it('leaves no process behind when it is killed outright, and the next demo takes over its stale lock', async () => {
    const dir = tempDir();
    const first = start(dir, await freePort());
    const state = await running(first, dir);
    first.process.kill('SIGKILL');
    // No handler ran: the children stop themselves when their stdin from the launcher closes.
    await expectAllStopped(state);
    const next = start(dir, await freePort());
    const nextState = await running(next, dir);
    expect(nextState.pid).toBe(next.process.pid);
    next.process.kill('SIGINT');
    expect(await next.exit).toBe(0);
    await expectAllStopped(nextState);
  });

  it('exits 1, with every process it started stopped, when a part fails to start', async () => {
    const dir = tempDir();
    // A secret the gateway refuses: the clouds start, then the gateway exits before it listens.
    writeFileSync(join(dir, 'hs256.secret'), 'short\n');
    const launched = start(dir, await freePort());
    expect(await launched.exit).toBe(1);
    expect(launched.output()).toMatch(/demo failed to start: gateway exited \(1\) before it was ready/);
    expect(launched.output()).toContain('auth.hs256Secret');
    expect(readdirSync(dir)).not.toContain('demo.lock');
    // The clouds had started (their logs hold their listening lines), and none listens any more.
    const clouds = seed.clouds.map((c) => {
      const line = readFileSync(join(dir, 'logs', `cloud-${c.id}.log`), 'utf8').split('\n')[0]!;
      return (JSON.parse(line) as { url: string }).url;
    });
    expect(clouds).toHaveLength(seed.clouds.length);
    for (const url of clouds) expect(await listening(url)).toBe(false);
  });
});
