/**
 * Content across clouds in the console, in a real browser against the real gateway,
 * nodes and mock clouds: a VM copied to another cloud from its page (the task's
 * progress as it moves, then the Transfers view with both checksums equal to the
 * seed's disk), a running copy cancelled from the Transfers view, published catalogs
 * with the version each subscriber holds, and a tenant viewer who sees only its own
 * tenant's transfers and nothing it may not use. Checksums expected are computed from
 * the seed (seededDisk of the VM's disk key), never read from an answer.
 *
 * Disks are small and chunks the smallest the gateway takes, so a copy is many
 * chunks; a copy meant to be seen running has a destination slowed by the mock's
 * fault switch (a Cloud Director destination: one PUT per chunk).
 */
import type { Page } from 'playwright-core';
import { seededDisk } from '../../mocks/content/seededBytes';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../../mocks/content/seededContent';
import type { SeedCloud, SeedVm } from '../../mocks/seed';
import { startConsole, type ConsoleUnderTest } from '../support/console';
import { globalId } from '../support/expected';
import { tenantOfVm } from '../support/tenancy';
import { waitFor } from '../support/waitFor';

const DISK_BYTES = 2 * 1024 * 1024 + 4321;
const CHUNK_BYTES = 64 * 1024;
/** A cap on how long a view may take to show what it read (not a measurement). */
const SHOWN = { timeout: 15_000 };
/** A cap on a whole copy of DISK_BYTES (not a measurement). */
const COPIED_MS = 60_000;
/** Per request at a destination meant to be seen running: about 35 chunks × this, seconds of copying. */
const SLOW_DESTINATION_MS = 300;

const COPY = 'mutation($input: CopyVmInput!) { copyVm(input: $input) { id taskId } }';
const CANCEL = 'mutation($id: ID!) { cancelTransfer(id: $id) { id } }';
const READ = 'query($id: ID!) { transfer(id: $id) { id state progress { phase } error sourceChecksum targetChecksum } }';

interface TransferView {
  id: string;
  state: string;
  progress: { phase: string };
  error: string | null;
  sourceChecksum: string | null;
  targetChecksum: string | null;
}

describe('the console: transfers and catalogs', () => {
  let ui: ConsoleUnderTest;
  let adminToken: string;
  const pageErrors: string[] = [];
  /** Names made unique per copy: a copy stays in its target VDC. */
  let serial = 0;

  beforeAll(async () => {
    ui = await startConsole({ diskBytes: DISK_BYTES, gatewayOverrides: { transfers: { chunkBytes: CHUNK_BYTES } } });
    adminToken = await ui.topology.tokenFor({ subject: 'ops@example.com', role: 'provider-admin' });
  }, 60_000);

  afterAll(() => ui?.close());

  afterEach(() => {
    expect(ui.offLoopback).toEqual([]);
    expect(pageErrors.splice(0)).toEqual([]);
    // No test leaves a cloud slowed for the next.
    for (const cloud of ui.topology.seed.clouds) ui.topology.cloud(cloud.id).mock.setFaults({ latencyMs: 0 });
  });

  async function open(token: string, route: string): Promise<Page> {
    const opened = await ui.open(token, route);
    opened.page.on('pageerror', (err) => pageErrors.push(err.message));
    pageErrors.push(...opened.pageErrors);
    return opened.page;
  }

  const cloud = (id: string): SeedCloud => ui.topology.seed.clouds.find((c) => c.id === id)!;
  const vdcOf = (c: SeedCloud, name: string): string => globalId(c, c.vdcs.find((v) => v.name === name)!.nativeId);
  const poweredOff = (c: SeedCloud, tenantId?: string): SeedVm[] =>
    c.vms.filter((vm) => vm.powerState === 'POWERED_OFF' && (tenantId === undefined || tenantOfVm(c, vm) === tenantId));
  const diskSha = (c: SeedCloud, vm: SeedVm): Promise<string> => seededDisk(vmDiskKey(c.id, vm.nativeId), DISK_BYTES).sha256();
  const uniqueName = (vm: SeedVm): string => `${vm.name}-copy-${++serial}`;
  const vmRoute = (id: string) => `#/vms/${encodeURIComponent(id)}`;
  const row = (page: Page, id: string, state?: string) =>
    page.locator(`[data-testid="transfer-row"][data-transfer="${id}"]${state ? `[data-state="${state}"]` : ''}`);

  async function copy(token: string, vmId: string, targetVdcId: string, name: string): Promise<{ id: string; taskId: string }> {
    const res = await ui.topology.query<{ copyVm: { id: string; taskId: string } }>(COPY, { input: { vmId, targetVdcId, name } }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.copyVm;
  }
  const read = async (id: string): Promise<TransferView> => {
    const res = await ui.topology.query<{ transfer: TransferView }>(READ, { id });
    expect(res.errors).toBeUndefined();
    return res.data!.transfer;
  };
  const ended = (id: string): Promise<TransferView> =>
    waitFor(
      `transfer ${id} to end`,
      async () => {
        const t = await read(id);
        return t.state !== 'RUNNING' ? t : undefined;
      },
      { timeoutMs: COPIED_MS, intervalMs: 100 },
    );
  /** At phone width, how far the page and its table scroll sideways (each row reads as a block: none). */
  async function sidewaysAtPhoneWidth(page: Page): Promise<number[]> {
    await page.setViewportSize({ width: 390, height: 844 });
    return (await page.evaluate(
      `[document.documentElement, document.querySelector('.table-wrap')].map((e) => e.scrollWidth - e.clientWidth)`,
    )) as number[];
  }
  /** Cancel over the API what a test left running (a no-op CONFLICT once it ended). */
  const cancelled = (id: string) => ui.topology.query(CANCEL, { id });

  it("copies a powered-off VM from its page: the task's progress moves, then the Transfers view has it SUCCEEDED with equal checksums", async () => {
    const from = cloud('dc-east');
    const to = cloud('vcd-nl');
    const vm = poweredOff(from)[0]!;
    const vmId = globalId(from, vm.nativeId);
    const targetVdcId = vdcOf(to, 'acme-vdc-1');
    const name = uniqueName(vm);
    const expected = await diskSha(from, vm);

    const page = await open(adminToken, vmRoute(vmId));
    await page.getByRole('heading', { level: 1, name: vm.name }).waitFor(SHOWN);
    await page.locator('[data-live="connected"]').waitFor(SHOWN);
    await page.locator('[data-testid="power-state"][data-state="POWERED_OFF"]').waitFor(SHOWN);
    // A marker the page would lose on a reload.
    await page.evaluate('window.__sameDocument = true');
    // Every figure the task's progress bar shows, in order, recorded by the page itself (no read can miss one).
    await page.evaluate(`(() => {
      window.__percents = [];
      new MutationObserver(() => {
        const value = document.querySelector('[data-testid="task"] [role="progressbar"]')?.getAttribute('aria-valuenow');
        if (value != null && window.__percents[window.__percents.length - 1] !== Number(value)) window.__percents.push(Number(value));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    ui.topology.cloud(to.id).mock.setFaults({ latencyMs: 40 });

    await page.getByRole('button', { name: 'Copy to another cloud…' }).click();
    // The caller's VDCs in the other clouds, and only those.
    const others = ui.topology.seed.clouds.filter((c) => c.id !== from.id).flatMap((c) => c.vdcs.map((v) => globalId(c, v.nativeId)));
    const offered = await waitFor(
      'the VDCs of the other clouds offered',
      async () => {
        const values = await page
          .getByLabel('Target VDC')
          .locator('option:not([value=""])')
          .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
        return values.length >= others.length ? values : undefined;
      },
      { timeoutMs: SHOWN.timeout },
    );
    expect([...offered].sort()).toEqual([...others].sort());
    await page.getByLabel('Target VDC').selectOption(targetVdcId);
    await page.getByLabel('Name of the copy').fill(name);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();

    const running = page.locator(`[data-testid="task"][data-task-state="RUNNING"][data-task-id^="${to.id}:transfer-"]`, {
      has: page.getByRole('progressbar', { name: 'Copying to another cloud: running', exact: true }),
    });
    await running.waitFor(SHOWN);
    await ui.screenshot(page, 'vm-copy');
    const taskId = (await page.getByTestId('task').getAttribute('data-task-id'))!;
    await page.locator(`[data-testid="task"][data-task-id="${taskId}"][data-task-state="SUCCEEDED"]`).waitFor({ timeout: COPIED_MS });
    const percents = (await page.evaluate('window.__percents')) as number[];
    // It moved: figures between none and all were shown, never going back.
    expect(percents.filter((p) => p > 0 && p < 100).length).toBeGreaterThan(0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(await page.getByTestId('task').textContent()).toContain('Copied');

    // To the Transfers view by its link: the same document, no reload.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Transfers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transfers' }).waitFor(SHOWN);
    const done = page.locator(`[data-testid="transfer-row"][data-task-id="${taskId}"][data-state="SUCCEEDED"]`);
    await done.waitFor(SHOWN);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    const checksum = done.getByTestId('transfer-checksum');
    expect(await checksum.getAttribute('data-source-sha')).toBe(expected);
    expect(await checksum.getAttribute('data-target-sha')).toBe(expected);
    expect(await checksum.getAttribute('data-match')).toBe('true');
    expect(await checksum.textContent()).toContain(`✓ match ${expected.slice(0, 12)}`);
    expect(await done.getAttribute('data-phase')).toBe('DONE');
    expect(await done.getByTestId('transfer-state').textContent()).toBe('succeeded');
    expect(await done.getByTestId('transfer-name').textContent()).toBe(name);
    expect(await done.getByTestId('transfer-source').textContent()).toBe(vmId);
    const target = done.getByTestId('transfer-target');
    expect([await target.getAttribute('data-cloud'), await target.getAttribute('data-vdc')]).toEqual([to.id, targetVdcId]);
    // Named once the clouds' VDCs are read (a read of its own, which may answer after the list's).
    await target.filter({ hasText: `${to.name} / acme-vdc-1` }).waitFor(SHOWN);
    expect(await target.textContent()).toBe(`${to.name} / acme-vdc-1`);
    expect(await done.getByTestId('transfer-progress').getAttribute('data-percent')).toBe('100');
    // Newest first: this copy heads the list.
    expect(await page.getByTestId('transfer-row').first().getAttribute('data-task-id')).toBe(taskId);
    // The copy is in the destination cloud under its name.
    expect(ui.topology.cloud(to.id).mock.cloud.vms.some((v) => v.name === name)).toBe(true);
    await ui.screenshot(page, 'transfers');
    expect(await sidewaysAtPhoneWidth(page)).toEqual([0, 0]);
    await ui.screenshot(page, 'transfers-phone');
  }, 120_000);

  it('cancels a running copy from the Transfers view: it ends CANCELLED', async () => {
    const from = cloud('nova-eu');
    const to = cloud('vcd-nl');
    const vm = poweredOff(from)[0]!;
    ui.topology.cloud(to.id).mock.setFaults({ latencyMs: SLOW_DESTINATION_MS });
    const started = await copy(adminToken, globalId(from, vm.nativeId), vdcOf(to, 'globex-vdc-1'), uniqueName(vm));
    try {
      const page = await open(adminToken, '#/transfers');
      await page.locator('[data-live="connected"]').waitFor(SHOWN);
      const shown = row(page, started.id, 'RUNNING');
      await shown.getByRole('button', { name: /^Cancel/ }).waitFor(SHOWN);
      // Live: its progress moves on the page by its own taskProgress feed (not a re-read of the list), without a reload.
      await page.evaluate('window.__sameDocument = true');
      const first = Number(await shown.getByTestId('transfer-progress').getAttribute('data-percent'));
      await waitFor(
        `the progress of ${started.id} to move past ${first} % by its feed`,
        async () =>
          (await shown.getAttribute('data-source')) === 'taskProgress' &&
          Number(await shown.getByTestId('transfer-progress').getAttribute('data-percent')) > first,
        { timeoutMs: SHOWN.timeout },
      );
      expect(await page.evaluate('window.__sameDocument')).toBe(true);
      await ui.screenshot(page, 'transfers-running');
      await shown.getByRole('button', { name: /^Cancel/ }).click();
      const gone = page.locator(`[data-testid="transfer-row"][data-transfer="${started.id}"][data-phase="CANCELLED"]`);
      await gone.waitFor(SHOWN);
      expect(await gone.getAttribute('data-state')).toBe('FAILED');
      expect(await gone.getByTestId('transfer-state').locator('[data-status]').textContent()).toBe('cancelled');
      expect(await gone.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
      expect(await page.getByTestId('problems').count()).toBe(0);
      expect((await read(started.id)).progress.phase).toBe('CANCELLED');
    } finally {
      await cancelled(started.id);
    }
  }, 120_000);

  it('shows each published catalog with every item at version 1 SYNCED in each subscriber, and syncs it now', async () => {
    const publisher = cloud('dc-east');
    const subscribers = [cloud('vcd-nl'), cloud('nova-eu')];
    const published = await ui.topology.query<{ publishCatalog: { id: string } }>(
      'mutation($cloudId: ID!, $name: String!) { publishCatalog(cloudId: $cloudId, name: $name) { id } }',
      { cloudId: publisher.id, name: seedCatalogName(publisher) },
    );
    expect(published.errors).toBeUndefined();
    const catalogId = published.data!.publishCatalog.id;
    for (const subscriber of subscribers) {
      const res = await ui.topology.query('mutation($input: SubscribeCatalogInput!) { subscribeCatalog(input: $input) { id } }', {
        input: { catalogId, cloudId: subscriber.id, targetCatalog: `from-${publisher.id}`, syncIntervalSeconds: 0 },
      });
      expect(res.errors).toBeUndefined();
    }
    const synced = await ui.topology.query('mutation($id: ID!) { syncCatalog(id: $id) { id } }', { id: catalogId });
    expect(synced.errors).toBeUndefined();

    const page = await open(adminToken, '#/catalogs');
    const card = page.locator(`[data-testid="catalog"][data-catalog="${catalogId}"]`);
    await card.waitFor(SHOWN);
    expect(await card.getAttribute('data-version')).toBe('1');
    expect(await card.getByRole('heading', { level: 2 }).textContent()).toBe(`${seedCatalogName(publisher)} v1`);
    const items = seedTemplates(publisher).map((t) => t.name);
    expect((await card.getByTestId('catalog-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')))).sort()).toEqual(
      [...items].sort(),
    );
    const matrix = async () =>
      (
        await card
          .getByTestId('catalog-cell')
          .evaluateAll((cells) =>
            cells.map((c) =>
              [
                c.getAttribute('data-item'),
                c.getAttribute('data-cloud'),
                c.getAttribute('data-version'),
                c.getAttribute('data-state'),
              ].join(' '),
            ),
          )
      ).sort();
    const everywhereAtOne = items.flatMap((item) => [publisher, ...subscribers].map((c) => `${item} ${c.id} 1 SYNCED`)).sort();
    expect(await matrix()).toEqual(everywhereAtOne);
    for (const item of items)
      for (const c of subscribers)
        expect(await card.locator(`[data-testid="catalog-cell"][data-item="${item}"][data-cloud="${c.id}"]`).textContent()).toBe(
          'v1 synced',
        );
    await ui.screenshot(page, 'catalogs');
    expect(await sidewaysAtPhoneWidth(page)).toEqual([0, 0]);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Sync now: the button says it runs, then the matrix is read again (nothing changed at the publisher).
    await card.getByRole('button', { name: /^Sync .* now$/ }).click();
    await card.getByRole('button', { name: /^Sync .* now$/, disabled: true }).waitFor(SHOWN);
    await card.getByRole('button', { name: /^Sync .* now$/, disabled: false }).waitFor({ timeout: COPIED_MS });
    const syncedVersions = await card
      .getByTestId('catalog-subscription')
      .evaluateAll((li) => li.map((l) => [l.getAttribute('data-cloud'), l.getAttribute('data-synced-version')].join(' ')));
    expect(syncedVersions.sort()).toEqual(subscribers.map((c) => `${c.id} 1`).sort());
    expect(await matrix()).toEqual(everywhereAtOne);
    expect(await page.getByTestId('problems').count()).toBe(0);
  }, 120_000);

  it("shows a tenant viewer its own tenant's transfers only, no Catalogs, and no Cancel or Copy buttons", async () => {
    const acmeAdmin = await ui.topology.tokenFor({ subject: 'admin@acme', role: 'tenant-admin', tenantId: 'acme' });
    const globexAdmin = await ui.topology.tokenFor({ subject: 'admin@globex', role: 'tenant-admin', tenantId: 'globex' });
    const viewer = await ui.topology.tokenFor({ subject: 'eve@acme', role: 'tenant-viewer', tenantId: 'acme' });
    const shared = cloud('vcd-nl');
    const acmeVm = poweredOff(shared, 'acme')[0]!;
    const globexVm = poweredOff(cloud('nova-eu'), 'globex')[1]!;
    const runningVm = poweredOff(cloud('dc-east'), 'acme')[0]!;
    // Each tenant's admin copies one of its VMs into one of its VDCs; acme's second copy is kept running.
    const acmeDone = await copy(acmeAdmin, globalId(shared, acmeVm.nativeId), vdcOf(cloud('dc-east'), 'dc-east-vdc-1'), uniqueName(acmeVm));
    const globexName = uniqueName(globexVm);
    const globexDone = await copy(globexAdmin, globalId(cloud('nova-eu'), globexVm.nativeId), vdcOf(shared, 'globex-vdc-1'), globexName);
    expect((await ended(acmeDone.id)).state).toBe('SUCCEEDED');
    expect((await ended(globexDone.id)).state).toBe('SUCCEEDED');
    ui.topology.cloud(shared.id).mock.setFaults({ latencyMs: SLOW_DESTINATION_MS });
    const runningVmId = globalId(cloud('dc-east'), runningVm.nativeId);
    const acmeRunning = await copy(acmeAdmin, runningVmId, vdcOf(shared, 'acme-vdc-2'), uniqueName(runningVm));
    try {
      // Where the viewer sees none, the tenant's admin has a Cancel button: the viewer's page lacks it, it is there to lack.
      const adminPage = await open(acmeAdmin, '#/transfers');
      await row(adminPage, acmeRunning.id, 'RUNNING')
        .getByRole('button', { name: /^Cancel/ })
        .waitFor(SHOWN);

      const page = await open(viewer, '#/transfers');
      await row(page, acmeRunning.id, 'RUNNING').waitFor(SHOWN);
      const ids = await page.getByTestId('transfer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-transfer')));
      // Acme's, newest first: what acme's users started in this suite, and nothing else (globex's, the provider's).
      expect(ids).toEqual([acmeRunning.id, acmeDone.id]);
      const html = (await page.content()).toLowerCase();
      for (const foreign of [globexDone.id, globexName, globalId(cloud('nova-eu'), globexVm.nativeId)])
        expect(html).not.toContain(foreign.toLowerCase());
      expect(await page.getByRole('button', { name: /cancel/i }).count()).toBe(0);
      const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();
      expect(nav).toContain('Transfers');
      expect(nav).not.toContain('Catalogs');
      await page.evaluate(`location.hash = '#/catalogs'`);
      await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor(SHOWN);

      // The VM page of acme's VM, as a role with the actions would have them (its state known, live): no Copy.
      await page.evaluate(`location.hash = ${JSON.stringify(vmRoute(runningVmId))}`);
      await page.getByRole('heading', { level: 1, name: runningVm.name }).waitFor(SHOWN);
      await page.locator('[data-testid="power-state"][data-state="POWERED_OFF"]').waitFor(SHOWN);
      await page.locator('[data-live="connected"]').waitFor(SHOWN);
      expect(await page.getByRole('button', { name: /copy/i }).count()).toBe(0);
    } finally {
      await cancelled(acmeRunning.id);
    }
  }, 120_000);
});
