/**
 * Child processes of a benchmark: ours started under tsx with telemetry off, ready when
 * they print their `{ "event": "listening" }` JSON line (a third-party CLI: when a line of
 * its own says so, see startNode), measured through /proc
 * (resident memory, CPU time), and always stopped — on success, error, Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { benchEnv } from './env';

export const ROOT = join(__dirname, '..', '..');
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface Listening {
  event: 'listening';
  url: string;
  [key: string]: unknown;
}

export interface BenchChild {
  label: string;
  pid: number;
  info: Listening;
  process: ChildProcess;
  /** Resident set size now, in MiB (VmRSS). */
  rssMiB(): number;
  /** User + system CPU time consumed so far, in ms. */
  cpuMs(): number;
  /** Lines the child printed after it was ready (JSON parsed when possible). */
  onLine(listener: (line: string) => void): void;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return kb ? Number(kb[1]) / 1024 : NaN;
}

export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Start `script` (relative to the repository) with node + tsx; resolve once it printed its listening line. */
export function startChild(
  label: string,
  script: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  scriptArgs: string[] = [],
): Promise<BenchChild> {
  const args = [...nodeArgs, '--import', 'tsx', join(ROOT, script), ...scriptArgs];
  return startNode(label, args, { ...process.env, ...env, APOLLO_TELEMETRY_DISABLED: 'true' }, listeningLine);
}

/** Our children's ready signal: a JSON line `{ "event": "listening", "url": … }`. */
function listeningLine(line: string): Listening | undefined {
  try {
    const message = JSON.parse(line) as Partial<Listening>;
    return message.event === 'listening' ? (message as Listening) : undefined;
  } catch {
    return undefined; // not our JSON line
  }
}

/**
 * Start node with `args` and exactly `env`; resolve once `ready` makes the listening info
 * out of a line it printed (given the child's pid), e.g. for a third-party CLI.
 */
export function startNode(
  label: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: (line: string, pid: number) => Listening | undefined,
  cwd = ROOT,
): Promise<BenchChild> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const listeners: Array<(line: string) => void> = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > 50) stderr.shift();
    if (benchEnv().BENCH_VERBOSE) console.error(`[${label}] ${line}`);
  });
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within 60 s:\n${stderr.join('\n')}`));
    }, 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (started) return listeners.forEach((l) => l(line));
      const pid = child.pid!;
      let info: Listening | undefined;
      try {
        info = ready(line, pid);
      } catch (err) {
        child.kill('SIGKILL');
        return reject(err as Error);
      }
      if (!info) return;
      started = true;
      clearTimeout(timer);
      resolve({
        label,
        pid,
        info,
        process: child,
        rssMiB: () => readRssMiB(pid),
        cpuMs: () => readCpuMs(pid),
        onLine: (listener) => listeners.push(listener),
        stop: () => stopChild(child),
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${label} exited (${code ?? signal}) before it was ready:\n${stderr.join('\n')}`));
    });
  });
}

/** SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Peak resident memory of `pids` while `work` runs, sampled every 200 ms. */
export async function sampleRss<T>(pids: readonly number[], work: () => Promise<T>): Promise<{ result: T; peakMiB: number[] }> {
  const peak = pids.map((pid) => readRssMiB(pid));
  const timer = setInterval(() => pids.forEach((pid, i) => (peak[i] = Math.max(peak[i]!, readRssMiB(pid)))), 200);
  try {
    const result = await work();
    pids.forEach((pid, i) => (peak[i] = Math.max(peak[i]!, readRssMiB(pid))));
    return { result, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}
