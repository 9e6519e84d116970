/**
 * The console suites' fixture: the console built from this repository (once per test
 * process), a topology whose gateway serves it with its loops on (health checks, the
 * inventory index), and Debian's Chromium driven by Playwright. Every page is held to
 * loopback: a request anywhere else is aborted and recorded, and each suite asserts
 * none was made (the console works with the network cut).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildConsole } from '../../gateway/console/build';
import { startTopology, type Topology, type TopologyOptions } from './topology';

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless, and nothing of Chromium's own reaching for the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];
/** Where the suites' screenshots go: one PNG per view, named by the suite. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-output', 'console');

let built: Promise<string> | undefined;
/** The console built from the current sources into this process's own directory (suites in parallel do not share one). */
export function consoleBuild(): Promise<string> {
  built ??= buildConsole(join(tmpdir(), `overcast-console-${process.pid}`)).then((b) => b.dir);
  return built;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors in the page and Content-Security-Policy refusals (each suite expects none). */
  pageErrors: string[];
}

/**
 * The browser's way to the gateway: a TCP relay on loopback, so a suite can cut the
 * network under a page (its WebSocket dropped, new connections refused) and restore it.
 */
export interface Network {
  /** Destroy every open connection (HTTP keep-alive and WebSocket alike). */
  drop(): void;
  /** While cut, new connections are closed at once; `false` restores the way. */
  cut(on: boolean): void;
  close(): Promise<void>;
}

async function relay(target: URL): Promise<{ origin: string; network: Network }> {
  const sockets = new Set<Socket>();
  let cut = false;
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no TCP address');
  const drop = () => {
    for (const socket of sockets) socket.destroy();
  };
  return {
    origin: `http://127.0.0.1:${address.port}`,
    network: {
      drop,
      cut: (on) => {
        cut = on;
        if (on) drop();
      },
      close: () => {
        drop();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    },
  };
}

export interface ConsoleUnderTest {
  topology: Topology;
  /** The origin the browser uses (a relay to the gateway, see Network), e.g. `http://127.0.0.1:41234`. */
  origin: string;
  network: Network;
  browser: Browser;
  /** Requests a page tried to make off loopback (aborted). */
  offLoopback: string[];
  /**
   * A new browser context (its own sessionStorage) signed in with `token` through the
   * URL fragment, as the demo's printed link does, then at `route` (`#/vms`).
   */
  open(token: string, route?: string, viewport?: { width: number; height: number }): Promise<ConsolePage>;
  /** Write a full-page screenshot to test-output/console/<name>.png; answers its path. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

const LOOPBACK = /^(https?|wss?):\/\/127\.0\.0\.1(:\d+)?\//;

export async function startConsole(options: TopologyOptions = {}): Promise<ConsoleUnderTest> {
  const consoleDir = await consoleBuild();
  const topology = await startTopology({
    consoleDir,
    ...options,
    loops: { healthCheckIntervalMs: 500, inventorySyncIntervalMs: 1000, cloudProbeIntervalMs: 250, ...options.loops },
  });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    await topology.close();
    throw err;
  }
  const { origin, network } = await relay(new URL(topology.gateway.url));
  const offLoopback: string[] = [];
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    topology,
    origin,
    network,
    browser,
    offLoopback,
    async open(token, route = '#/', viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      await context.route('**/*', (r) => {
        const url = r.request().url();
        if (LOOPBACK.test(url) || url.startsWith('data:')) return r.continue();
        offLoopback.push(url);
        return r.abort('internetdisconnected');
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (err) => pageErrors.push(err.message));
      // A Content-Security-Policy refusal is reported only on the console: count it as an error of the page.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
      });
      // WebSockets pass no route handler: watched here, so a socket off loopback fails the suite too.
      page.on('websocket', (socket) => {
        if (!LOOPBACK.test(socket.url())) offLoopback.push(socket.url());
      });
      await page.goto(`${origin}/#token=${encodeURIComponent(token)}`);
      if (route !== '#/') await page.evaluate(`location.hash = ${JSON.stringify(route)}`);
      return { page, context, pageErrors };
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await network.close();
      await topology.close();
    },
  };
}
