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
 * - Restarts: a child that exits on its own after it listened is started again with
 *   the same options on the same port (so its neighbours' URLs stay right), after
 *   1 s, doubling up to 30 s; one that died 5 times within 2 minutes is left stopped,
 *   and the rest keeps running. One terminal line per restart says so.
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

/** Restart backoff: the first after 1 s, doubling, at most 30 s apart. */
const RESTART_DELAY_MS = { first: 1000, max: 30_000 };
/** A child that died this often within the window is left stopped: it will not come back by itself. */
const GIVE_UP = { deaths: 5, windowMs: 120_000 };

/** The one JSON line each entry point prints when it listens. */
export interface Listening {
  event: 'listening';
  url: string;
  [key: string]: unknown;
}

/** Stopped first to last: whoever calls others stops before those it calls. */
export type StopRank = 'gateway' | 'node' | 'cloud';
const STOP_ORDER: readonly StopRank[] = ['gateway', 'node', 'cloud'];

/** One part, across its restarts: `process`, `exited` and `url` are those of its current run. */
interface Child {
  label: string;
  rank: StopRank;
  options: StartOptions;
  process: ChildProcess;
  exited: Promise<void>;
  /** The URL it listened on (kept across restarts, which reuse its port). */
  url?: string;
  /** Whether the current run has printed its `listening` line. */
  listening: boolean;
  /** When it exited on its own (for the backoff and the give-up rule). */
  deaths: number[];
  restartTimer?: NodeJS.Timeout;
}

export interface StartOptions {
  label: string;
  /** An entry point, relative to the repository root. */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  rank: StopRank;
  /** The variable that sets its port: a restart sets it to the port the first run listened on. */
  portVar?: string;
}

/** Thrown by `start` once stopping has begun: nothing new is started then. */
export class StoppingError extends Error {}

export class DemoProcesses {
  private readonly children: Child[] = [];
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly logDir: string,
    /** Told whenever a child was started, began to listen, or was given up on (the lock lists them). */
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Every child started so far, with its pid and, once it listens, its URL. */
  list(): Array<{ label: string; pid: number; url?: string }> {
    return this.children.map((c) => ({ label: c.label, pid: c.process.pid!, ...(c.listening && c.url ? { url: c.url } : {}) }));
  }

  /** Start one part; resolves with its `listening` line, rejects if it exits first. */
  start(options: StartOptions): Promise<Listening> {
    if (this.stopping) return Promise.reject(new StoppingError(`not starting ${options.label}: the demo is stopping`));
    // `process` and `exited` are set by run(), before anything reads them.
    const entry = { label: options.label, rank: options.rank, options, deaths: [] } as unknown as Child;
    this.children.push(entry);
    return this.run(entry, false);
  }

  /** One run of `entry`'s process; a restart (`again`) appends to its log and reuses its port. */
  private run(entry: Child, again: boolean): Promise<Listening> {
    const { label, script, args = [], env = {}, portVar } = entry.options;
    const inherited = { ...process.env };
    for (const name of PER_CHILD_VARS) delete inherited[name];
    const port = again && portVar && entry.url ? { [portVar]: new URL(entry.url).port } : {};
    const child = spawn(process.execPath, ['--import', 'tsx', '--import', LIFELINE, join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...inherited, APOLLO_TELEMETRY_DISABLED: 'true', ...env, ...port },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const log = createWriteStream(join(this.logDir, `${label.replace(/[^a-z0-9-]+/gi, '-')}.log`), { flags: again ? 'a' : 'w' });
    entry.process = child;
    entry.listening = false;
    entry.exited = new Promise<void>((resolve) => child.once('close', () => log.end(resolve)));
    this.onChange();
    let ready = false;
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      forward(child, label, log, (listening) => {
        if (ready) return;
        ready = true;
        entry.url = listening.url;
        entry.listening = true;
        this.onChange();
        resolve(listening);
      });
      child.once('exit', (code, signal) => {
        // The first run failing is a start that failed (the demo stops); a restart failing is one more death.
        if (!ready) reject(new Error(`${label} exited (${code ?? signal}) before it was ready; its log: ${log.path as string}`));
        entry.listening = false;
        if ((ready || again) && !this.stopping) this.restart(entry, code, signal);
      });
    });
  }

  /** After an exit of its own: start it again later, or give up on it (see the module comment). */
  private restart(entry: Child, code: number | null, signal: NodeJS.Signals | null): void {
    const now = Date.now();
    entry.deaths = [...entry.deaths.filter((at) => now - at < GIVE_UP.windowMs), now];
    if (entry.deaths.length >= GIVE_UP.deaths) {
      console.error(
        `[${entry.label}] exited (${code ?? signal}), ${entry.deaths.length} times within ${GIVE_UP.windowMs / 60_000} minutes: left stopped (the rest keeps running; see its log)`,
      );
      this.children.splice(this.children.indexOf(entry), 1);
      this.onChange();
      return;
    }
    this.onChange(); // no longer listening: the lock shows its pid without a URL until it is back
    const delayMs = Math.min(RESTART_DELAY_MS.first * 2 ** (entry.deaths.length - 1), RESTART_DELAY_MS.max);
    console.error(`[${entry.label}] exited (${code ?? signal}); restarting in ${delayMs / 1000} s`);
    entry.restartTimer = setTimeout(() => {
      entry.restartTimer = undefined;
      // Its failure is handled by its exit (one more death); nothing waits on this promise.
      if (!this.stopping) this.run(entry, true).catch(() => undefined);
    }, delayMs);
  }

  /** Stop every child, rank by rank; resolves when all have exited. Idempotent. */
  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      for (const child of this.children) clearTimeout(child.restartTimer);
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
