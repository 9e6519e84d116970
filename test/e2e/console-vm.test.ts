/**
 * The console's inventory and VM page in a real browser against the real gateway,
 * nodes and mock clouds: search, filter, sort and paging over the index equal to the
 * seed's VMs; a power operation from a VM's page with the task's progress and the new
 * state pushed by subscription (no reload), landing in the mock cloud; and a tenant
 * viewer with no power actions, to whom another tenant's VM reads like no VM at all.
 */
import type { Page } from 'playwright-core';
import type { SeedCloud, SeedPowerState, SeedVm } from '../../mocks/seed';
import { startConsole, type ConsoleUnderTest } from '../support/console';
import { globalId } from '../support/expected';
import { waitFor } from '../support/waitFor';

/** The gateway's wait for a node: a power task shorter than it is answered, a longer one is followed by its id. */
const GATEWAY_WAIT_MS = 7000;
/** A VM page once it has the VM's power state (the buttons that apply follow from it). */
const KNOWN_STATE = '[data-testid="power-state"][data-state]:not([data-state=""])';

interface Vm {
  id: string;
  cloud: SeedCloud;
  seed: SeedVm;
  tenantId: string;
}

describe('the console: inventory and VM page', () => {
  let ui: ConsoleUnderTest;
  let adminToken: string;
  let acmeViewer: string;
  let vms: Vm[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The gateway waits 7 s for a node (the fixture's 2 s would end a 5 s power task early, as CLOUD_UNAVAILABLE).
    ui = await startConsole({ nodeTimeoutMs: GATEWAY_WAIT_MS });
    adminToken = await ui.topology.tokenFor({ subject: 'ops@example.com', role: 'provider-admin' });
    acmeViewer = await ui.topology.tokenFor({ subject: 'eve@acme', role: 'tenant-viewer', tenantId: 'acme' });
    vms = ui.topology.seed.clouds.flatMap((cloud) =>
      cloud.vms.map((vm) => ({
        id: globalId(cloud, vm.nativeId),
        cloud,
        seed: vm,
        tenantId:
          cloud.ownerTenantId ??
          cloud.orgs.find((o) => o.nativeId === cloud.vdcs.find((v) => v.nativeId === vm.vdcNativeId)?.orgNativeId)!.tenantId,
      })),
    );
  }, 60_000);

  afterAll(() => ui?.close());

  afterEach(() => {
    expect(ui.offLoopback).toEqual([]);
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function open(token: string, route: string, viewport?: { width: number; height: number }): Promise<Page> {
    const opened = await ui.open(token, route, viewport);
    opened.page.on('pageerror', (err) => pageErrors.push(err.message));
    pageErrors.push(...opened.pageErrors);
    return opened.page;
  }

  /** The inventory once every seeded cloud is in the index and the rows answer the route. */
  async function inventory(token: string, route = '#/vms', viewport?: { width: number; height: number }): Promise<Page> {
    const page = await open(token, route, viewport);
    for (const cloud of ui.topology.seed.clouds) {
      if (token === acmeViewer && !vms.some((vm) => vm.cloud === cloud && vm.tenantId === 'acme')) continue;
      await page.locator(`[data-testid="freshness-${cloud.id}"][data-synced="true"]`).waitFor({ timeout: 15_000 });
    }
    await settled(page);
    return page;
  }

  /** Wait for the rows of the current route (after a click changed it); answers the range text. */
  async function settled(page: Page): Promise<string> {
    await page.locator('[data-testid="vm-range"][data-ready="true"]').waitFor({ timeout: 15_000 });
    return (await page.getByTestId('vm-range').textContent()) ?? '';
  }

  /**
   * Wait for the rows of a route just changed to, told by their range: until Preact
   * re-renders on the hashchange, the previous route's range is still there, ready.
   */
  async function showing(page: Page, range: string | RegExp): Promise<string> {
    const pattern = typeof range === 'string' ? new RegExp(`^${range}$`) : range;
    await page.locator('[data-testid="vm-range"][data-ready="true"]', { hasText: pattern }).waitFor({ timeout: 15_000 });
    return (await page.getByTestId('vm-range').textContent()) ?? '';
  }

  const rowIds = (page: Page): Promise<string[]> =>
    page.locator('[data-testid="vm-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-vm-id') ?? ''));

  const sorted = (ids: readonly string[]): string[] => [...ids].sort();

  describe('as provider admin', () => {
    it('lists every seeded VM over its pages, 25 a page, with Previous back to the first', async () => {
      const page = await inventory(adminToken);
      // The index answers once every cloud has synced; before that its count is short of the seed's.
      await waitFor(`the index to count all ${vms.length} VMs`, async () => (await settled(page)).endsWith(`of ${vms.length}`), {
        timeoutMs: 15_000,
      });
      await ui.screenshot(page, 'inventory');
      const seen: string[] = [];
      let first = 1;
      for (;;) {
        const range = await showing(page, new RegExp(`^${first}–`));
        const ids = await rowIds(page);
        expect(range).toBe(`${first}–${first + ids.length - 1} of ${vms.length}`);
        expect(ids.length).toBe(Math.min(25, vms.length - first + 1));
        seen.push(...ids);
        const next = page.getByRole('button', { name: 'Next' });
        if (await next.isDisabled()) break;
        await next.click();
        await page.waitForURL(/after=/);
        first += ids.length;
      }
      expect(sorted(seen)).toEqual(sorted(vms.map((vm) => vm.id)));
      await page.getByRole('button', { name: 'Previous' }).click();
      await page.waitForURL((url) => !url.hash.includes('after='));
      expect(await showing(page, `1–25 of ${vms.length}`)).toBe(`1–25 of ${vms.length}`);
    });

    it('searches by a substring of the names (kept in the route: Back undoes it)', async () => {
      const substring = 'vdc-2-vm-00';
      const expected = vms.filter((vm) => vm.seed.name.toLowerCase().includes(substring)).map((vm) => vm.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(Math.min(25, vms.length));
      const page = await inventory(adminToken);
      await page.getByLabel('Name contains').fill(substring.toUpperCase());
      await page.waitForURL(/q=VDC-2-VM-00/);
      expect(await showing(page, `1–${expected.length} of ${expected.length}`)).toBe(`1–${expected.length} of ${expected.length}`);
      expect(sorted(await rowIds(page))).toEqual(sorted(expected));
      await page.goBack();
      await page.waitForURL((url) => !url.hash.includes('q='));
      expect(await showing(page, `1–25 of ${vms.length}`)).toBe(`1–25 of ${vms.length}`);
      // The box follows the route in an effect, after the render that brought the rows.
      await waitFor('the search box emptied by Back', async () => (await page.getByLabel('Name contains').inputValue()) === '', {
        timeoutMs: 15_000,
      });
    });

    it("filters by cloud and power state: the total is the seed's count", async () => {
      // Powered off in the director cloud: the power test below changes a VM of dc-east only.
      const cloudId = 'vcd-nl';
      const state: SeedPowerState = 'POWERED_OFF';
      const expected = vms.filter((vm) => vm.cloud.id === cloudId && vm.seed.powerState === state);
      expect(expected.length).toBeGreaterThan(0);
      const page = await inventory(adminToken);
      await page.getByLabel('Cloud').selectOption(cloudId);
      await page.waitForURL(/cloud=vcd-nl/);
      const inCloud = vms.filter((vm) => vm.cloud.id === cloudId).length;
      expect(await showing(page, `1–${inCloud} of ${inCloud}`)).toBe(`1–${inCloud} of ${inCloud}`);
      await page.getByLabel('Power state').selectOption(state);
      await page.waitForURL(/power=POWERED_OFF/);
      expect(await showing(page, `1–${expected.length} of ${expected.length}`)).toBe(`1–${expected.length} of ${expected.length}`);
      expect(sorted(await rowIds(page))).toEqual(sorted(expected.map((vm) => vm.id)));
      const badges = await page
        .locator('[data-testid="vm-row"] [data-status]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
      expect(badges).toEqual(expected.map(() => state));
    });

    it("sorts by CPUs from a column header: the seed's largest first", async () => {
      const most = Math.max(...vms.map((vm) => vm.seed.cpuCount));
      const largest = vms.filter((vm) => vm.seed.cpuCount === most).map((vm) => vm.id);
      expect(largest.length).toBeLessThanOrEqual(25);
      const page = await inventory(adminToken);
      await page.getByRole('button', { name: 'CPUs' }).click();
      await page.waitForURL(/sort=CPU_COUNT/);
      const header = page.locator('th', { has: page.getByRole('button', { name: 'CPUs' }) });
      // The header says the route's order in the render that asks for its rows: ready after it is theirs.
      await page.locator('th[aria-sort="descending"]', { has: page.getByRole('button', { name: 'CPUs' }) }).waitFor({ timeout: 15_000 });
      await settled(page);
      expect(await header.getAttribute('aria-sort')).toBe('descending');
      const ids = await rowIds(page);
      expect(sorted(ids.slice(0, largest.length))).toEqual(sorted(largest));
      const cpus = (await page.getByTestId('cpu').allTextContents()).map(Number);
      expect(cpus[0]).toBe(most);
      expect(cpus).toEqual([...cpus].sort((a, b) => b - a));
    });

    it('powers a VM off from its page: the task runs with progress, the state arrives by subscription, the cloud has it', async () => {
      const target = vms.find((vm) => vm.cloud.id === 'dc-east' && vm.seed.powerState === 'POWERED_ON')!;
      const mock = ui.topology.cloud(target.cloud.id).mock;
      const mockState = () => mock.cloud.vms.find((vm) => vm.nativeId === target.seed.nativeId)!.powerState;
      const page = await open(adminToken, `#/vms/${encodeURIComponent(target.id)}`);
      await page.getByRole('heading', { level: 1, name: target.seed.name }).waitFor({ timeout: 15_000 });
      await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
      await page.locator(KNOWN_STATE).waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('power-state').getAttribute('data-state')).toBe('POWERED_ON');
      expect(await page.getByTestId('vm-cpus').textContent()).toBe(String(target.seed.cpuCount));
      expect(await page.getByTestId('vm-vdc').textContent()).toBe(
        target.cloud.vdcs.find((v) => v.nativeId === target.seed.vdcNativeId)!.name,
      );
      expect(await page.getByTestId('vm-tenant').textContent()).toBe(ui.topology.seed.tenants.find((t) => t.id === target.tenantId)!.name);
      // Only the action that applies.
      await page.getByRole('button', { name: 'Power off' }).waitFor({ timeout: 15_000 });
      expect(await page.getByRole('button', { name: 'Power on' }).count()).toBe(0);
      await ui.screenshot(page, 'vm');
      // A marker the page would lose on a reload.
      await page.evaluate('window.__sameDocument = true');
      // Long enough to be seen running, short enough for the gateway to answer it (no CLOUD_UNAVAILABLE).
      mock.setFaults({ operationMs: 5000 });
      try {
        await page.getByRole('button', { name: 'Power off' }).click();
        // One look at the running task, its id and its progress bar together: each read after another could miss them.
        const task = page.locator('[data-testid="task"][data-task-state="RUNNING"][data-task-id^="dc-east:task-"]', {
          has: page.getByRole('progressbar', { name: 'Powering off: running', exact: true }),
        });
        await task.waitFor({ timeout: 15_000 });
        expect(await task.getAttribute('data-task-id')).toMatch(/^dc-east:task-/);
        await ui.screenshot(page, 'vm-progress');
        await page.locator('[data-testid="power-state"][data-state="POWERED_OFF"]').waitFor({ timeout: 15_000 });
        expect(['vmEvents', 'taskProgress']).toContain(await page.getByTestId('power-state').getAttribute('data-source'));
        expect(await page.evaluate('window.__sameDocument')).toBe(true);
        await page.locator('[data-testid="task"][data-task-state="SUCCEEDED"]').waitFor({ timeout: 15_000 });
        await page.getByRole('button', { name: 'Power on' }).waitFor({ timeout: 15_000 });
        expect(await page.getByRole('button', { name: 'Power off' }).count()).toBe(0);
        // Answered by the gateway, not followed after a CLOUD_UNAVAILABLE.
        expect(await page.getByTestId('problems').count()).toBe(0);
        expect(await page.getByTestId('task').textContent()).not.toContain('the task was followed');
        expect(mockState()).toBe('POWERED_OFF');
      } finally {
        mock.setFaults({ operationMs: 0 });
        // The seed's state again, for the suites' other tests.
        await ui.topology.query('mutation($id: ID!) { powerOnVm(id: $id) { id } }', { id: target.id });
        await waitFor('the VM powered on again in its cloud', async () => mockState() === 'POWERED_ON', { timeoutMs: 15_000 });
      }
    });

    it('follows a task the gateway stopped waiting for (CLOUD_UNAVAILABLE with its taskId) to its end', async () => {
      // A director task outlasting the gateway's wait for the node (GATEWAY_WAIT_MS); globex's, which no other test reads.
      const target = vms.find((vm) => vm.cloud.kind === 'director' && vm.tenantId === 'globex' && vm.seed.powerState === 'POWERED_ON')!;
      const mock = ui.topology.cloud(target.cloud.id).mock;
      const page = await open(adminToken, `#/vms/${encodeURIComponent(target.id)}`);
      await page.getByRole('heading', { level: 1, name: target.seed.name }).waitFor({ timeout: 15_000 });
      await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
      mock.setFaults({ operationMs: GATEWAY_WAIT_MS + 3000 });
      try {
        await page.getByRole('button', { name: 'Power off' }).click();
        await page
          .getByTestId('problems')
          .filter({ hasText: 'CLOUD_UNAVAILABLE' })
          .waitFor({ timeout: GATEWAY_WAIT_MS + 8000 });
        const taskId = await page.getByTestId('task').getAttribute('data-task-id');
        expect(taskId).toMatch(new RegExp(`^${target.cloud.id}:task-`));
        await page.locator('[data-testid="task"][data-task-state="SUCCEEDED"]').waitFor({ timeout: 15_000 });
        expect(await page.getByTestId('task').getAttribute('data-task-id')).toBe(taskId);
        expect(await page.getByTestId('task').textContent()).toContain('the task was followed');
        await page.locator('[data-testid="power-state"][data-state="POWERED_OFF"]').waitFor({ timeout: 10_000 });
        // Its end replaced the error: nothing failed in the end.
        expect(await page.getByTestId('problems').count()).toBe(0);
        expect(mock.cloud.vms.find((vm) => vm.nativeId === target.seed.nativeId)!.powerState).toBe('POWERED_OFF');
      } finally {
        mock.setFaults({ operationMs: 0 });
        await ui.topology.query('mutation($id: ID!) { powerOnVm(id: $id) { id } }', { id: target.id });
      }
    });

    it('reads at phone width', async () => {
      const page = await inventory(adminToken, '#/vms', { width: 390, height: 844 });
      await ui.screenshot(page, 'inventory-phone');
      // Neither the page nor the table scrolls sideways: each VM reads as a block at this width.
      const overflow = await page.evaluate(
        `[document.documentElement, document.querySelector('.table-wrap')].map((e) => e.scrollWidth - e.clientWidth)`,
      );
      expect(overflow).toEqual([0, 0]);
    });
  });

  describe('as a tenant viewer', () => {
    const acmeVm = () => vms.find((vm) => vm.tenantId === 'acme' && vm.cloud.kind === 'director')!;

    it("lists acme's VMs only, with no tenant filter", async () => {
      const page = await inventory(acmeViewer);
      const own = vms.filter((vm) => vm.tenantId === 'acme').map((vm) => vm.id);
      await waitFor(`the index to count acme's ${own.length} VMs`, async () => (await settled(page)).endsWith(`of ${own.length}`), {
        timeoutMs: 15_000,
      });
      expect(own.length).toBeLessThanOrEqual(25);
      expect(sorted(await rowIds(page))).toEqual(sorted(own));
      expect(await page.getByLabel('Tenant').count()).toBe(0);
    });

    it('shows an acme VM with no power buttons', async () => {
      const target = acmeVm();
      const page = await open(acmeViewer, `#/vms/${encodeURIComponent(target.id)}`);
      await page.getByRole('heading', { level: 1, name: target.seed.name }).waitFor({ timeout: 15_000 });
      // The page as a role with the actions would have them: its state known, live.
      await page.locator(KNOWN_STATE).waitFor({ timeout: 15_000 });
      await page.locator('[data-live="connected"]').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('power-state').getAttribute('data-state')).toBe(target.seed.powerState);
      expect(await page.getByRole('button', { name: /^Power (on|off)$/ }).count()).toBe(0);
    });

    // Both ways round: each tenant's viewer, given the other's VM ids (in the shared cloud and in its dedicated one).
    it.each([
      ['acme', 'globex'],
      ['globex', 'acme'],
    ])('says to a %s viewer of a %s VM exactly what it says of an id that does not exist', async (own, other) => {
      const viewer = await ui.topology.tokenFor({ subject: `viewer@${own}`, role: 'tenant-viewer', tenantId: own });
      const foreign = vms.filter((vm) => vm.tenantId === other);
      const shared = foreign.find((vm) => vm.cloud.kind === 'director')!;
      const dedicated = foreign.find((vm) => vm.cloud.ownerTenantId === other)!;
      const missing = [`${shared.cloud.id}:urn:vcloud:vm:00000000-0000-4000-a000-000000000000`, `${dedicated.cloud.id}:vm-999999`];
      const texts: string[] = [];
      for (const id of [shared.id, dedicated.id, ...missing]) {
        const page = await open(viewer, `#/vms/${encodeURIComponent(id)}`);
        await page.getByRole('heading', { level: 1, name: 'Virtual machine' }).waitFor({ timeout: 15_000 });
        await page.getByTestId('vm-missing').waitFor({ timeout: 5000 });
        texts.push((await page.locator('main').innerText()).trim());
        await page.context().close();
      }
      expect(texts[0]).toContain('No virtual machine with this id');
      expect(new Set(texts).size).toBe(1);
      for (const vm of [shared, dedicated]) {
        expect(texts[0]).not.toContain(vm.seed.nativeId);
        expect(texts[0]).not.toContain(vm.seed.name);
      }
    });
  });
});
