/**
 * The demo launcher's pure parts: its environment (demo/env.ts) and its lock
 * (demo/lock.ts). The processes themselves: test/integration/launcher.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_DIR, demoDir, demoEnv } from '../../demo/env';
import { acquireLock, checkPortFree, DemoRefusedError } from '../../demo/lock';

describe('the demo environment', () => {
  it('puts the gateway on PORT, 4000 by default, and names a bad value', () => {
    expect(demoEnv({}).PORT).toBe(4000);
    expect(demoEnv({ PORT: '4100' }).PORT).toBe(4100);
    expect(() => demoEnv({ PORT: 'abc' })).toThrow(/invalid demo environment: PORT: must be a port number/);
  });

  it('refuses GATEWAY_PORT and GATEWAY_HOST, which only the gateway process reads', () => {
    expect(() => demoEnv({ GATEWAY_PORT: '4100' })).toThrow(/GATEWAY_PORT: is read by gateway\/main\.ts, not by npm start.*reads PORT/);
    expect(() => demoEnv({ GATEWAY_HOST: '0.0.0.0' })).toThrow(/GATEWAY_HOST/);
    // Cleared on the command line (`GATEWAY_PORT= npm start`) is unset.
    expect(demoEnv({ GATEWAY_PORT: '' }).PORT).toBe(4000);
  });

  it('keeps its files in .overcast/ unless OVERCAST_DEMO_DIR names another directory', () => {
    expect(demoDir(demoEnv({}))).toBe(DEFAULT_DEMO_DIR);
    expect(DEFAULT_DEMO_DIR).toBe(join(__dirname, '..', '..', '.overcast'));
    expect(demoDir(demoEnv({ OVERCAST_DEMO_DIR: '/tmp/elsewhere' }))).toBe('/tmp/elsewhere');
  });
});

describe('the demo lock', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'overcast-lock-'));
    path = join(dir, 'demo.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A pid that was alive a moment ago and is gone now. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

  it('refuses while the holder is alive, naming its pid and URL, and leaves its lock as it was', () => {
    const held = JSON.stringify({ pid: process.ppid, url: 'http://127.0.0.1:4000/graphql' });
    writeFileSync(path, held);
    expect(() => acquireLock(path)).toThrow(DemoRefusedError);
    expect(() => acquireLock(path)).toThrow(`a demo is already running (pid ${process.ppid}, http://127.0.0.1:4000/graphql)`);
    expect(readFileSync(path, 'utf8')).toBe(held);
  });

  it('takes over the lock of a launcher that is gone', () => {
    writeFileSync(path, JSON.stringify({ pid: deadPid() }));
    const lock = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ pid: process.pid });
    lock.update({ url: 'http://127.0.0.1:1/graphql', children: [] });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ pid: process.pid, url: 'http://127.0.0.1:1/graphql', children: [] });
    lock.release();
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });

  it('refuses a lock it cannot read rather than guess (a launcher may be writing it)', () => {
    writeFileSync(path, '{"pi');
    expect(() => acquireLock(path)).toThrow(/names no demo; if no demo is running, remove it/);
    expect(readFileSync(path, 'utf8')).toBe('{"pi');
  });

  it('never removes a lock another launcher has taken over', () => {
    const lock = acquireLock(path);
    const theirs = JSON.stringify({ pid: process.ppid });
    writeFileSync(path, theirs);
    lock.release();
    expect(readFileSync(path, 'utf8')).toBe(theirs);
  });

  it('refuses a port in use, and lets a free one (or 0) through', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await expect(checkPortFree('127.0.0.1', port)).rejects.toThrow(`port ${port} on 127.0.0.1 is in use`);
    await new Promise((resolve) => server.close(resolve));
    await expect(checkPortFree('127.0.0.1', port)).resolves.toBeUndefined();
    await expect(checkPortFree('127.0.0.1', 0)).resolves.toBeUndefined();
  });
});
