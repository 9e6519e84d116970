/**
 * A tenant in the console, in a real browser against the real gateway, nodes and clouds:
 * the home shows its own VDCs and cumulative VDC as the seed has them, kept live; an acme
 * viewer sees nothing of globex on any view it can reach, and no power buttons; an acme
 * admin does. Every figure expected here is computed from the seed.
 */
import type { Page } from 'playwright-core';
import type { Seed } from '../../mocks/seed';
import { startConsole, type ConsoleUnderTest } from '../support/console';
import { globalId } from '../support/expected';
import { expectedCumulativeVdc, footprint, tenantOfVm, vmsOfTenant } from '../support/tenancy';
import { waitFor } from '../support/waitFor';

const VIEW_TIMEOUT_MS = 15_000;

/** The VDCs a tenant has: those of its dedicated clouds and of its organizations. */
function vdcsOfTenant(seed: Seed, tenantId: string): Array<{ id: string; name: string }> {
  return seed.clouds.flatMap((cloud) =>
    cloud.vdcs
      .filter((vdc) => cloud.ownerTenantId === tenantId || cloud.orgs.find((o) => o.nativeId === vdc.orgNativeId)?.tenantId === tenantId)
      .map((vdc) => ({ id: globalId(cloud, vdc.nativeId), name: vdc.name })),
  );
}

/** What would show a tenant on screen: `footprint`'s global ids and names, plus its id, name, org names and native ids. */
function wideFootprint(seed: Seed, tenantId: string): string[] {
  const tenant = seed.tenants.find((t) => t.id === tenantId)!;
  const native = seed.clouds.flatMap((cloud) => [
    ...cloud.orgs.filter((o) => o.tenantId === tenantId).flatMap((o) => [o.nativeId, o.name]),
    ...cloud.vms.filter((vm) => tenantOfVm(cloud, vm) === tenantId).map((vm) => vm.nativeId),
  ]);
  return [...new Set([tenant.id, tenant.name, ...footprint(seed, tenantId), ...native])];
}

/** Which of `needles` the page shows, in its text or anywhere in its HTML (attributes, links), ignoring case. */
async function found(page: Page, needles: readonly string[]): Promise<string[]> {
  const text = (await page.evaluate('document.body.innerText')) as string;
  const haystack = `${text}\n${await page.content()}`.toLowerCase();
  return needles.filter((needle) => haystack.includes(needle.toLowerCase()));
}

/** A view has rendered: its heading is there and nothing on it is loading any more. */
async function settled(page: Page, what: string): Promise<void> {
  await page.locator('#page-title').waitFor({ timeout: VIEW_TIMEOUT_MS });
  await waitFor(`${what} to finish loading`, async () => (await page.locator('.loading, [aria-busy="true"]').count()) === 0, {
    timeoutMs: VIEW_TIMEOUT_MS,
  });
}

/** Navigate, and wait until the new view is the one on screen (each view titles the document its own way). */
async function go(page: Page, route: string): Promise<void> {
  if ((await page.evaluate('location.hash')) === route) return;
  const before = await page.title();
  await page.evaluate(`location.hash = ${JSON.stringify(route)}`);
  await waitFor(`the view of ${route} to replace "${before}"`, async () => (await page.title()) !== before, { timeoutMs: VIEW_TIMEOUT_MS });
}

/** The VM list with all it reads on screen (a leak in any of them would be seen): each cloud's freshness, the Cloud filter's choices, the rows. */
async function inventoryShown(page: Page, seed: Seed, tenantId = 'acme'): Promise<void> {
  for (const cloudId of new Set(vmsOfTenant(seed, tenantId).map(({ cloud }) => cloud.id)))
    await page.getByTestId(`freshness-${cloudId}`).waitFor({ timeout: VIEW_TIMEOUT_MS });
  await waitFor(
    'the Cloud filter to offer clouds',
    async () => (await page.getByLabel('Cloud', { exact: true }).locator('option').count()) > 1,
    {
      timeoutMs: VIEW_TIMEOUT_MS,
    },
  );
  await page.locator('[data-testid="vm-range"][data-ready="true"]').waitFor({ timeout: VIEW_TIMEOUT_MS });
}
const vmRoute = (id: string) => `#/vms/${encodeURIComponent(id)}`;
const POWER_BUTTON = /power (on|off)/i;

describe('the console as a tenant', () => {
  let ui: ConsoleUnderTest;
  let viewerToken: string;
  let seed: Seed;

  beforeAll(async () => {
    ui = await startConsole();
    seed = ui.topology.seed;
    viewerToken = await ui.topology.tokenFor({ subject: 'viewer@acme', role: 'tenant-viewer', tenantId: 'acme' });
  }, 60_000);

  afterAll(() => ui?.close());

  afterEach(() => expect(ui.offLoopback).toEqual([]));

  it("shows exactly acme's VDCs and a cumulative VDC equal to the seed's", async () => {
    const { page, pageErrors } = await ui.open(viewerToken);
    const cards = page.getByTestId('vdc-card');
    const expected = vdcsOfTenant(seed, 'acme');
    await waitFor(`${expected.length} VDC cards`, async () => (await cards.count()) === expected.length, { timeoutMs: VIEW_TIMEOUT_MS });
    const shown = await page
      .locator('[data-testid="vdc-card"] [data-vdc-id]')
      .evaluateAll((els) =>
        els.map((el) => ({ id: el.getAttribute('data-vdc-id'), name: el.closest('article')?.querySelector('h3')?.textContent })),
      );
    expect([...shown].sort((a, b) => a.id!.localeCompare(b.id!))).toEqual([...expected].sort((a, b) => a.id.localeCompare(b.id)));

    const cumulative = expectedCumulativeVdc(seed, 'acme');
    expect(await page.getByTestId('cumulative-vm-count').textContent()).toBe(String(cumulative.vmCount));
    expect(await page.getByTestId('cumulative-powered-on').textContent()).toBe(String(cumulative.poweredOnVmCount));
    expect(await page.getByTestId('cumulative-vdc-count').textContent()).toBe(String(cumulative.vdcCount));
    const parts = await page
      .getByTestId('cumulative-part')
      .evaluateAll((els) =>
        els.map((el) => [
          el.getAttribute('data-cloud-id'),
          el.querySelector('[data-testid="part-vm-count"]')?.textContent,
          el.querySelector('[data-testid="part-powered-on"]')?.textContent,
        ]),
      );
    expect(parts).toEqual(cumulative.parts.map((p) => [p.cloud.id, String(p.vmCount), String(p.poweredOnVmCount)]));
    // Each VDC card's counts are its own VMs in the seed.
    for (const vdc of expected) {
      const card = page.locator(`[data-vdc-id="${vdc.id}"]`);
      const vms = seed.clouds.flatMap((c) => c.vms.filter((vm) => globalId(c, vm.vdcNativeId) === vdc.id));
      expect(await card.getByTestId('vdc-vm-count').textContent()).toBe(String(vms.length));
      expect(await card.getByTestId('vdc-running').textContent()).toBe(String(vms.filter((vm) => vm.powerState === 'POWERED_ON').length));
    }
    await ui.screenshot(page, 'tenant-home');
    expect(pageErrors).toEqual([]);
  });

  it('reads well at phone width', async () => {
    const { page, pageErrors } = await ui.open(viewerToken, '#/', { width: 390, height: 844 });
    await page.getByTestId('vdc-card').first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await ui.screenshot(page, 'tenant-home-phone');
    expect(pageErrors).toEqual([]);
  });

  it("lists only acme's VMs", async () => {
    const { page, pageErrors } = await ui.open(viewerToken, '#/vms');
    const acme = vmsOfTenant(seed, 'acme').map(({ cloud, vm }) => vmRoute(globalId(cloud, vm.nativeId)));
    const links = page.locator('main a[href^="#/vms/"]');
    await links.first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    await settled(page, 'the VM list');
    await inventoryShown(page, seed);
    const shown = await links.evaluateAll((els) => els.map((el) => el.getAttribute('href')));
    // Every one of acme's VMs (16 in the seed: one page), and nothing else.
    expect([...new Set(shown)].sort()).toEqual([...acme].sort());
    expect(await found(page, wideFootprint(seed, 'globex'))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  // Both ways round: each tenant's viewer, scanned for the other's footprint.
  it.each([
    ['acme', 'globex'],
    ['globex', 'acme'],
  ])('shows nothing of the other tenant on any view a %s viewer can reach (%s), and no power buttons', async (own, other) => {
    const token = await ui.topology.tokenFor({ subject: `viewer@${own}`, role: 'tenant-viewer', tenantId: own });
    const { page, pageErrors } = await ui.open(token);
    await page.getByTestId('vdc-card').first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    // The scan sees what is there: on the viewer's home it finds its tenant and every one of its VDCs.
    const ownName = seed.tenants.find((t) => t.id === own)!.name;
    const ownVdcs = vdcsOfTenant(seed, own).flatMap((v) => [v.id, v.name]);
    expect(await found(page, [...ownVdcs, ownName])).toEqual([...ownVdcs, ownName]);

    const foreign = wideFootprint(seed, other);
    const routes = await page.locator('nav[aria-label="Main"] a').evaluateAll((els) => els.map((el) => el.getAttribute('href')!));
    expect(routes).toEqual(expect.arrayContaining(['#/', '#/vms', '#/billing']));
    const { cloud, vm } = vmsOfTenant(seed, own).find(({ vm }) => vm.powerState === 'POWERED_ON')!;
    for (const route of [...routes, vmRoute(globalId(cloud, vm.nativeId))]) {
      await go(page, route);
      await settled(page, route);
      if (route === '#/vms') await inventoryShown(page, seed, own);
      expect({ route, leaked: await found(page, foreign) }).toEqual({ route, leaked: [] });
      expect({ route, powerButtons: await page.getByRole('button', { name: POWER_BUTTON }).count() }).toEqual({ route, powerButtons: 0 });
    }
    // The VM page did show the VM (so "no power buttons" is about a page that rendered it).
    await page.getByText(vm.name).first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    expect(pageErrors).toEqual([]);
  });

  it("offers an acme admin the power buttons on an acme VM's page", async () => {
    const admin = await ui.topology.tokenFor({ subject: 'admin@acme', role: 'tenant-admin', tenantId: 'acme' });
    const { cloud, vm } = vmsOfTenant(seed, 'acme').find(({ vm }) => vm.powerState === 'POWERED_ON')!;
    const { page, pageErrors } = await ui.open(admin, vmRoute(globalId(cloud, vm.nativeId)));
    await page.getByRole('button', { name: POWER_BUTTON }).first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    expect(pageErrors).toEqual([]);
  });

  it('follows a power change on the home without a reload', async () => {
    const { page, pageErrors } = await ui.open(viewerToken);
    const poweredOn = page.getByTestId('cumulative-powered-on');
    const before = expectedCumulativeVdc(seed, 'acme').poweredOnVmCount;
    await waitFor('the seed’s powered-on count', async () => (await poweredOn.textContent()) === String(before), {
      timeoutMs: VIEW_TIMEOUT_MS,
    });
    const { cloud, vm } = vmsOfTenant(seed, 'acme').find(
      ({ cloud, vm }) => cloud.ownerTenantId === 'acme' && vm.powerState === 'POWERED_ON',
    )!;
    const id = globalId(cloud, vm.nativeId);
    const off = await ui.topology.query('mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id });
    expect(off.data).toEqual({ powerOffVm: { powerState: 'POWERED_OFF' } });
    try {
      await waitFor('one VM fewer powered on', async () => (await poweredOn.textContent()) === String(before - 1), {
        timeoutMs: VIEW_TIMEOUT_MS,
      });
    } finally {
      await ui.topology.query('mutation($id: ID!) { powerOnVm(id: $id) { powerState } }', { id });
    }
    await waitFor('the VM powered on again', async () => (await poweredOn.textContent()) === String(before), {
      timeoutMs: VIEW_TIMEOUT_MS,
    });
    expect(pageErrors).toEqual([]);
  });

  it('shows a cloud that is down as such, beside what the other clouds answered', async () => {
    const dedicated = seed.clouds.find((c) => c.ownerTenantId === 'acme')!;
    const others = vdcsOfTenant(seed, 'acme').filter((v) => !v.id.startsWith(`${dedicated.id}:`));
    const { page, pageErrors } = await ui.open(viewerToken);
    await page.getByTestId('vdc-card').first().waitFor({ timeout: VIEW_TIMEOUT_MS });
    ui.topology.cloud(dedicated.id).mock.setFaults({ down: true });
    try {
      // A VM event is not coming from a cloud that is down: the next read is the page's own (a new visit).
      await waitFor(
        `${dedicated.name} reported down`,
        async () => {
          await page.reload();
          // The answer, not just the frame: its cards (or its errors) are on the page before counting the errors.
          // A reload slow to answer is one more try, not the end of the wait.
          const answered = await page
            .locator('[data-testid="vdc-card"], [data-testid="problems"], [data-testid="unanswered"]')
            .first()
            .waitFor({ timeout: VIEW_TIMEOUT_MS })
            .then(() => true)
            .catch(() => false);
          if (!answered) return false;
          return (await page.getByTestId('problems').count()) + (await page.getByTestId('unanswered').count()) > 0;
        },
        { timeoutMs: 45_000, intervalMs: 500 },
      );
      await page.getByTestId('vdc-card').first().waitFor({ timeout: VIEW_TIMEOUT_MS });
      const problems = (await page.locator('[data-testid="problems"], [data-testid="unanswered"]').allInnerTexts()).join('\n');
      expect(problems).toMatch(new RegExp(`CLOUD_UNAVAILABLE|${dedicated.name}`));
      const shown = await page.locator('[data-vdc-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-vdc-id')));
      expect(shown.sort()).toEqual(others.map((v) => v.id).sort());
      await ui.screenshot(page, 'tenant-home-cloud-down');
    } finally {
      ui.topology.cloud(dedicated.id).mock.setFaults({ down: false });
    }
    expect(pageErrors).toEqual([]);
    // Reloads until the cloud is seen down (45 s at most, a slow one retried) and the cards after: more than jest's 30 s.
  }, 90_000);
});
