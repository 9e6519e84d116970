/**
 * The console's frame in a real browser against the real gateway, nodes and clouds:
 * how it is served, signing in and out, the token kept out of the address bar, live
 * updates that say when they are lost and come back, and nothing fetched off loopback.
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { issueToken } from '../../gateway/auth/tokens';
import { consoleBuild, startConsole, type ConsoleUnderTest } from '../support/console';
import { waitFor } from '../support/waitFor';

describe('the console', () => {
  let ui: ConsoleUnderTest;
  let adminToken: string;

  beforeAll(async () => {
    ui = await startConsole();
    adminToken = await ui.topology.tokenFor({ subject: 'ops@example.com', role: 'provider-admin' });
  }, 60_000);

  afterAll(() => ui?.close());

  afterEach(() => expect(ui.offLoopback).toEqual([]));

  it('is served at / with a strict content security policy, its assets cached for good', async () => {
    const index = await request(`${ui.origin}/`);
    const html = await index.body.text();
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(index.headers['content-security-policy']).not.toMatch(/unsafe/);
    const script = html.match(/src="(assets\/main-[A-Z0-9]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await request(`${ui.origin}/${script}`);
    await asset.body.text();
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // Nothing in the page or its code names another host to load from.
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('serves its index and assets, and no other file of its directory', async () => {
    const stray = join(await consoleBuild(), 'stray.txt');
    writeFileSync(stray, 'not for the web');
    try {
      for (const path of ['/stray.txt', '/index.html', '/assets/../stray.txt', '/assets/%2e%2e/stray.txt']) {
        const res = await request(`${ui.origin}${path}`);
        expect({ path, status: res.statusCode, body: await res.body.text() }).toEqual({
          path,
          status: 404,
          body: expect.not.stringContaining('not for the web'),
        });
      }
    } finally {
      rmSync(stray, { force: true });
    }
  });

  it('signs in with a token from the URL fragment and takes it out of the address bar', async () => {
    const { page, pageErrors } = await ui.open(adminToken);
    await page.getByTestId('who').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('who').textContent()).toBe('ops@example.com · provider admin');
    expect(page.url()).not.toContain(adminToken);
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate("sessionStorage.getItem('overcast.token')")).toBe(adminToken);
    await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
    expect(pageErrors).toEqual([]);
  });

  it('takes a token in its login form, refuses one that is not a token, and signs out', async () => {
    const context = await ui.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${ui.origin}/`);
      await page.getByLabel('Bearer token').fill('not-a-token');
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByRole('alert').textContent()).toContain('not a token');
      const viewer = await ui.topology.tokenFor({ subject: 'eve@acme', role: 'tenant-viewer', tenantId: 'acme' });
      await page.getByLabel('Bearer token').fill(viewer);
      await page.getByRole('button', { name: 'Sign in' }).click();
      expect(await page.getByTestId('who').textContent()).toBe('eve@acme · acme viewer');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Bearer token').waitFor({ timeout: 15_000 });
      expect(await page.evaluate("sessionStorage.getItem('overcast.token')")).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('ends the session when the gateway does not take its token, saying why', async () => {
    // Well formed, so the console signs in with it; signed with another secret (as a revoked key would be), so the gateway refuses it.
    const foreign = await issueToken(
      { ...ui.topology.auth, hs256Secret: randomBytes(32).toString('hex') },
      { subject: 'mallory', role: 'provider-admin' },
    );
    const { page } = await ui.open(foreign);
    await page.getByLabel('Bearer token').waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice').textContent()).toMatch(/^Signed out: .+/);
    expect(await page.evaluate("sessionStorage.getItem('overcast.token')")).toBeNull();
  });

  it('says why a link whose token has expired signs nobody in', async () => {
    const expired = await issueToken(ui.topology.auth, { subject: 'late', role: 'provider-admin' }, '-1m');
    const { page } = await ui.open(expired);
    await page.getByLabel('Bearer token').waitFor({ timeout: 15_000 });
    expect(await page.locator('.notice').textContent()).toBe("The link's token was not taken: The token has expired.");
    expect(page.url()).not.toContain('token=');
  });

  it('says on screen when live updates are lost, retries with backoff, and says when they are back', async () => {
    const { page } = await ui.open(adminToken);
    await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
    ui.network.cut(true);
    await page.locator('[data-live="reconnecting"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-live]').textContent()).toMatch(/Live updates lost.*reconnecting, attempt \d+/);
    // Attempts go on while the way is cut (each one refused), then one gets through.
    await waitFor(
      'a second reconnection attempt',
      async () => /attempt [2-9]/.test((await page.locator('[data-live]').textContent()) ?? ''),
      { timeoutMs: 15_000 },
    );
    ui.network.cut(false);
    await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
    await ui.screenshot(page, 'live-restored');
  });
});
