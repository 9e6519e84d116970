/**
 * The demo's children: each part started from its own entry point under tsx, in a
 * process group of its own, and stopped — every one, whatever stops the launcher.
 *
 * Why each piece is there:
 * - `detached: true` (own process group): a Ctrl-C reaches the terminal's foreground
 *   group, not the children; the launcher stops them itself, in order (gateway, then
 *   nodes, then clouds, so that nothing logs its neighbours' departure as an outage),
 *   and killing the group takes anything a child started with it.
 * - The lifeline (demo/lifeline.ts on the child's stdin): a launcher killed with SIGKILL
 *   runs no handler; its children see their stdin close and stop themselves.
 * - Logs: every line goes to `<logDir>/<label>.log`; the terminal gets only warnings,
 *   errors and lines that are not JSON logs, so the demo's own output stays readable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { PER_CHILD_VARS } from './env';

const ROOT = join(__dirname, '..');
const LIFELINE = pathToFileURL(join(__dirname, 'lifeline.ts')).href;

/** Longer than a child's own stop deadline (10 s in gateway/main.ts and runNode): past it, SIGKILL. */
const STOP_GRACE_MS = 12_000;

/** pino's level numbers: warn and above reach the terminal. */
const PINO_WARN = 40;

/** The one JSON line each entry point prints when it listens. */
export interface Listening {
  event: 'listening';
  url: string;
  [key: string]: unknown;
}

/** Stopped first to last: whoever calls others stops before those it calls. */
export type StopRank = 'gateway' | 'node' | 'cloud';
const STOP_ORDER: readonly StopRank[] = ['gateway', 'node', 'cloud'];

interface Child {
  label: string;
  rank: StopRank;
  process: ChildProcess;
  exited: Promise<void>;
  url?: string;
}

export interface StartOptions {
  label: string;
  /** An entry point, relative to the repository root. */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  rank: StopRank;
}

/** Thrown by `start` once stopping has begun: nothing new is started then. */
export class StoppingError extends Error {}

export class DemoProcesses {
  private readonly children: Child[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly logDir: string,
    /** Told when a child exits on its own after it listened (the demo then stops). */
    private readonly onUnexpectedExit: (label: string, code: number | null, signal: NodeJS.Signals | null) => void,
    /** Told whenever a child was started or began to listen (the lock lists them). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Every child started so far, with its pid and, once it listens, its URL. */
  list(): Array<{ label: string; pid: number; url?: string }> {
    return this.children.map((c) => ({ label: c.label, pid: c.process.pid!, ...(c.url ? { url: c.url } : {}) }));
  }

  /** Start one part; resolves with its `listening` line, rejects if it exits first. */
  start({ label, script, args = [], env = {}, rank }: StartOptions): Promise<Listening> {
    if (this.stopping) return Promise.reject(new StoppingError(`not starting ${label}: the demo is stopping`));
    const inherited = { ...process.env };
    for (const name of PER_CHILD_VARS) delete inherited[name];
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', LIFELINE, join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...inherited, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const log = createWriteStream(join(this.logDir, `${label.replace(/[^a-z0-9-]+/gi, '-')}.log`));
    const exited = new Promise<void>((resolve) => child.once('close', () => log.end(resolve)));
    const entry: Child = { label, rank, process: child, exited };
    this.children.push(entry);
    this.onChange();
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      forward(child, label, log, (listening) => {
        if (entry.url) return;
        entry.url = listening.url;
        this.onChange();
        resolve(listening);
      });
      child.once('exit', (code, signal) => {
        if (!entry.url) reject(new Error(`${label} exited (${code ?? signal}) before it was ready; its log: ${log.path as string}`));
        else if (!this.stopping) this.onUnexpectedExit(label, code, signal);
      });
    });
  }

  /** Stop every child, rank by rank; resolves when all have exited. Idempotent. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const rank of STOP_ORDER) {
        await Promise.all(this.children.filter((c) => c.rank === rank).map((c) => stopOne(c)));
      }
    })();
    return this.stopping;
  }
}

/** SIGTERM to the child's group; SIGKILL when it has not exited within the grace. */
async function stopOne(child: Child): Promise<void> {
  if (!signalGroup(child.process, 'SIGTERM')) return child.exited;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_GRACE_MS)));
  if ((await Promise.race([child.exited, late])) === 'late') {
    console.error(`[${child.label}] not stopped within ${STOP_GRACE_MS} ms: killed`);
    signalGroup(child.process, 'SIGKILL');
    await child.exited;
  }
  clearTimeout(timer);
}

/** Signal the child's whole process group; false when it has already exited. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.exitCode !== null || child.signalCode !== null) return false;
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // ESRCH: gone in between
  }
}

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Every line to the log file; to the terminal, what a person should see (see the module comment). */
function forward(child: ChildProcess, label: string, log: WriteStream, onListening: (line: Listening) => void): void {
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      log.write(`${line}\n`);
      const json = parseJson(line);
      if (json?.event === 'listening' && typeof json.url === 'string' && stream === child.stdout) return onListening(json as Listening);
      if (json && typeof json.level === 'number' && json.level < PINO_WARN) return;
      (stream === child.stderr ? console.error : console.log)(`[${label}] ${line}`);
    });
  }
}
