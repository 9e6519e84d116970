/**
 * The load generator: autocannon's CLI in a process of its own (so its CPU is not
 * the measured process's), POSTing one GraphQL body over N keep-alive connections
 * for a bounded time, to a loopback URL only.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './procs';

export interface LoadOptions {
  url: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  durationSec: number;
  /** Requests per second over all connections (autocannon -R); as fast as possible when absent. */
  rate?: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const AUTOCANNON = join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');

interface AutocannonJson {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!/^127\.\d+\.\d+\.\d+$/.test(host) && host !== 'localhost' && host !== '[::1]')
    throw new Error(`refusing to load ${url}: loopback only`);
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLoopback(options.url);
  const headers = { 'content-type': 'application/json', ...options.headers };
  const args = [
    AUTOCANNON,
    '--json',
    '--no-progress',
    '-c',
    String(options.connections),
    '-d',
    String(options.durationSec),
    ...(options.rate ? ['-R', String(Math.round(options.rate))] : []),
    '-m',
    'POST',
    '-b',
    options.body,
    ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]),
    options.url,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024, timeout: (options.durationSec + 60) * 1000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`autocannon failed: ${err.message}\n${stderr}`));
        const r = JSON.parse(stdout) as AutocannonJson;
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          requests: r.requests.total,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
        });
      },
    );
  });
}
