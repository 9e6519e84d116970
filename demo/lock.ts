/**
 * One demo per data directory, and none on a port that is taken: checked before the
 * launcher writes anything, so a second `npm start` cannot overwrite the running
 * demo's configuration (its token secret) and leave its tokens refused.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** What the lock file says about the demo that holds it. */
export interface LockState {
  pid: number;
  /** The gateway's GraphQL URL, once it listens. */
  url?: string;
  /** Every process the launcher started, with its URL once it listens. */
  children?: Array<{ label: string; pid: number; url?: string }>;
}

/** A refusal to start, with the message for the user (exit code 1, nothing written). */
export class DemoRefusedError extends Error {}

/** Whether a process with this pid exists (EPERM: it does, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockState | undefined {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockState>;
    return Number.isInteger(state.pid) && state.pid! > 0 ? (state as LockState) : undefined;
  } catch {
    return undefined;
  }
}

/** The lock of the running demo, held by this process until `release()`. */
export interface DemoLock {
  /** Rewrite the state (atomically: a reader never sees half a file). */
  update(state: Omit<LockState, 'pid'>): void;
  release(): void;
}

/**
 * Take the lock at `path`, or refuse: another demo whose pid is alive holds it. A lock
 * whose process is gone (a launcher killed with SIGKILL) is taken over; one that cannot
 * be read is not (it may be a launcher writing it this instant): the message names it.
 */
export function acquireLock(path: string): DemoLock {
  const mine = (state: Omit<LockState, 'pid'>): string => JSON.stringify({ pid: process.pid, ...state }, null, 2);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine({}), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
    }
    const held = readLock(path);
    if (!held) throw new DemoRefusedError(`${path} exists but names no demo; if no demo is running, remove it`);
    if (alive(held.pid)) {
      throw new DemoRefusedError(
        `a demo is already running (pid ${held.pid}${held.url ? `, ${held.url}` : ''}); stop it first (kill -TERM ${held.pid}), ` +
          `or start another with OVERCAST_DEMO_DIR and PORT set to a directory and port of its own`,
      );
    }
    unlinkSync(path); // stale: its launcher is gone
  }
  let held = true;
  return {
    update(state) {
      if (!held) return;
      writeFileSync(`${path}.${process.pid}`, mine(state));
      renameSync(`${path}.${process.pid}`, path);
    },
    release() {
      if (!held) return;
      held = false;
      // Only our own: never remove a lock another launcher took over.
      if (readLock(path)?.pid === process.pid) unlinkSync(path);
    },
  };
}

/** Refuse when `port` on `host` is taken (another demo with its own data directory, or any program). */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return; // a free port is taken at start
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new DemoRefusedError(`port ${port} on ${host} is in use (another demo, or another program); set PORT to a free port`)
          : err,
      ),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
