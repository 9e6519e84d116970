/**
 * The console's frame in a real browser against the real gateway, nodes and clouds:
 * how it is served, signing in and out, the token kept out of the address bar, live
 * updates that say when they are lost and come back, and nothing fetched off loopback.
 */
import { request } from 'undici';
import { startConsole, type ConsoleUnderTest } from '../support/console';
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
    const script = html.match(/src="(\/assets\/main-[A-Z0-9]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await request(`${ui.origin}${script}`);
    await asset.body.text();
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    // Nothing in the page or its code names another host to load from.
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('signs in with a token from the URL fragment and takes it out of the address bar', async () => {
    const { page, pageErrors } = await ui.open(adminToken);
    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('who').textContent()).toBe('ops@example.com · provider admin');
    expect(page.url()).not.toContain(adminToken);
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate("sessionStorage.getItem('overcast.token')")).toBe(adminToken);
    await page.locator('[data-live="connected"]').waitFor();
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
      await page.getByLabel('Bearer token').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('overcast.token')")).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('ends the session when the gateway no longer takes its token', async () => {
    const shortLived = await ui.topology.tokenFor({ subject: 'brief', role: 'provider-admin' }, '2s');
    const { page } = await ui.open(shortLived);
    await page.getByTestId('who').waitFor();
    // Expired: the next read (a view change) is refused with UNAUTHENTICATED, and the form says so.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await page.evaluate("location.hash = '#/vms'");
    await page.getByLabel('Bearer token').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('status').first().textContent()).toMatch(/Signed out/);
  });

  it('says on screen when live updates are lost, retries with backoff, and says when they are back', async () => {
    const { page } = await ui.open(adminToken);
    await page.locator('[data-live="connected"]').waitFor();
    ui.network.cut(true);
    await page.locator('[data-live="reconnecting"]').waitFor();
    expect(await page.locator('[data-live]').textContent()).toMatch(/Live updates lost.*reconnecting, attempt \d+/);
    // Attempts go on while the way is cut (each one refused), then one gets through.
    await waitFor(
      'a second reconnection attempt',
      async () => /attempt [2-9]/.test((await page.locator('[data-live]').textContent()) ?? ''),
      { timeoutMs: 10_000 },
    );
    ui.network.cut(false);
    await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
    await ui.screenshot(page, 'live-restored');
  });
});
