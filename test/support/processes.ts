/**
 * Parts of Overcast as real processes, for tests that kill them: each entry point
 * (gateway/main.ts, subgraphs/*\/main.ts, mocks/main.ts) started under tsx, its stdout
 * parsed for the one `listening` line, every line kept for assertions, stopped by
 * signal (SIGKILL included) and waited for. Children a test left running are killed
 * by `killAll()` (call it in afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Part {
  child: ChildProcess;
  pid: number;
  /** The URL of its `listening` line. */
  url: string;
  /** The whole `listening` line. */
  listening: Record<string, unknown>;
  /** Every stdout line so far, parsed when JSON (others as `{ text }`). */
  lines: Array<Record<string, unknown>>;
  /** Every stderr line so far. */
  stderr: string[];
  exited: Promise<Exit>;
  /** Send `signal` and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface PartOptions {
  /** An entry point relative to the repository root, e.g. `gateway/main.ts`. */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  /** Longest wait for the `listening` line. @default 30000 */
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();

/** Start a part; resolves once it printed its `listening` line, rejects (with its stderr) if it exits first. */
export function startPart({ script, args = [], env = {}, timeoutMs = 30_000 }: PartOptions): Promise<Part> {
  // Not jest's NODE_ENV=test: the part runs as it does in production.
  // Nor the machine's shared Redis or a MongoDB the test run was given: what a part uses, the test passes it.
  const { NODE_ENV: _test, OVERCAST_DATA_DIR: _dir, REDIS_URL: _redis, MONGODB_URI: _mongo, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...inherited, APOLLO_TELEMETRY_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const stderr: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed no listening line within ${timeoutMs} ms; stderr:\n${stderr.join('\n')}`));
    }, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        const value: unknown = JSON.parse(line);
        parsed = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { text: line };
      } catch {
        parsed = { text: line };
      }
      lines.push(parsed);
      if (parsed.event !== 'listening' || typeof parsed.url !== 'string') return;
      clearTimeout(timer);
      resolve({
        child,
        pid: child.pid!,
        url: parsed.url,
        listening: parsed,
        lines,
        stderr,
        exited,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before listening; stderr:\n${stderr.join('\n')}`));
    });
  });
}

/** Kill every part still running (a failed test's leftovers) and wait for them. */
export async function killAll(): Promise<void> {
  const left = [...running];
  const exits = left.map(
    (child) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('close', () => resolve()))),
  );
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(exits);
}
