/**
 * A Redis server of a test's own (`redis-server` on a free loopback port, nothing
 * saved), so that a test may kill it for an outage and start it again on the same
 * port, never touching the machine's shared Redis.
 *
 * ```ts
 * const redis = await startRedisServer();
 * await redis.kill(); // SIGKILL: an outage
 * await redis.start(); // back, same port, empty
 * await redis.close();
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { createInterface } from 'node:readline';

export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:<port>` */
  url: string;
  /** Start it again on the same port (after `kill`); resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL, as a crash: connections drop at once. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** Kill it if it runs (call in afterAll). */
  close(): Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  // A port freed a moment ago may be taken by then: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    let child: ChildProcess | undefined;
    const start = async () => {
      if (child) throw new Error(`redis-server on port ${port} is already running`);
      child = await spawnRedis(port);
      child.once('close', () => (child = undefined));
    };
    const kill = async () => {
      const running = child;
      if (!running) return;
      const closed = new Promise((resolve) => running.once('close', resolve));
      running.kill('SIGKILL');
      await closed;
    };
    try {
      await start();
    } catch (err) {
      if (attempt >= 3) throw err;
      continue;
    }
    return { port, url: `redis://127.0.0.1:${port}`, start, kill, close: kill };
  }
}

function spawnRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server on port ${port} was not ready within 5 s:\n${output.join('\n')}`));
    }, 5000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`redis-server on port ${port} exited (${code ?? signal}) before it was ready:\n${output.join('\n')}`));
    });
    createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (!line.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      resolve(child);
    });
  });
}
