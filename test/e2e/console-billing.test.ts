/**
 * The console's Billing view in a real browser against the real gateway, nodes and
 * clouds: the gateway meters the last days of the previous month and this month so far
 * (a short history keeps the run quick, and a whole previous month can still be closed),
 * rates them with the billing suites' test card, and every figure the page shows is
 * checked against what the seed's usage history costs (test/support/billing.ts).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { FOCUS_COLUMNS } from '../../schema/focus';
import { HOUR_MS, monthOf, monthStartOf, type HourRange } from '../../schema/hours';
import { expectedMonthCost, hoursOf, seededVms, TEST_CARD, type SeededVm } from '../support/billing';
import { startConsole, type ConsolePage, type ConsoleUnderTest } from '../support/console';
import { parseCsv } from '../support/csv';

/** Three days of the previous month, then this month so far. */
const CURRENT_MONTH_START = monthStartOf(new Date());
const HISTORY_START = new Date(CURRENT_MONTH_START.getTime() - 72 * HOUR_MS);
const PREVIOUS: HourRange = { start: monthStartOf(HISTORY_START), end: CURRENT_MONTH_START };
const MONTH = monthOf(PREVIOUS.start);
/** How long a view may take to show what it read (a cap, not a measurement). */
const SHOWN = { timeout: 15_000 };

let ui: ConsoleUnderTest;
let vms: SeededVm[];
let adminToken: string;
const opened: ConsolePage[] = [];

const expected = (tenantId: string) => expectedMonthCost(vms, PREVIOUS, (vm) => vm.tenantId === tenantId);
const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
/** "$1,234.56" → 1234.56. */
const amount = (text: string | null) => Number((text ?? '').replace(/[^0-9.-]/g, ''));
/** A figure shown to the cent equals the computed one. */
const toTheCent = (shown: number, computed: number) => expect(Math.abs(shown - computed)).toBeLessThanOrEqual(0.005 + 1e-6);

/** Every id and name of a tenant's tenancy, VDCs and VMs: what must never reach another tenant's page. */
function footprint(tenantId: string): string[] {
  const tenant = ui.topology.seed.tenants.find((t) => t.id === tenantId)!;
  const owned = vms.filter((vm) => vm.tenantId === tenantId);
  const orgs = ui.topology.seed.clouds.flatMap((c) => c.orgs.filter((o) => o.tenantId === tenantId).map((o) => o.nativeId));
  const dedicated = ui.topology.seed.clouds.filter((c) => c.ownerTenantId === tenantId).flatMap((c) => [c.id, c.name]);
  return [tenant.id, tenant.name, ...orgs, ...dedicated, ...owned.flatMap((vm) => [vm.vmId, vm.history.vm.name, vm.vdcId])];
}

async function open(token: string, route = `#/billing`, viewport?: { width: number; height: number }): Promise<ConsolePage> {
  const page = await ui.open(token, route, viewport);
  opened.push(page);
  return page;
}

/** The chart's own table: tenant name → the figure shown. */
async function chartFigures(page: Page): Promise<Map<string, number>> {
  const rows = page.getByTestId('tenant-charges-chart').locator('.chart-data tr');
  await rows.first().waitFor(SHOWN);
  const figures = new Map<string, number>();
  for (const row of await rows.all())
    figures.set((await row.locator('th').textContent()) ?? '', amount(await row.locator('td').textContent()));
  return figures;
}

beforeAll(async () => {
  ui = await startConsole({
    // Two VMs per VDC bound the metering late in a month (up to a month of hours); every kind of VM history is still there.
    seed: { vmsPerVdc: 2 },
    historyStart: HISTORY_START,
    billing: { meter: { from: HISTORY_START.toISOString(), windowHours: 168, settleMs: 0 } },
  });
  vms = seededVms(ui.topology.seed, HISTORY_START);
  adminToken = await ui.topology.tokenFor({ subject: 'ops@example.com', role: 'provider-admin' });
  const put = await ui.topology.query('mutation($card: RateCardInput!) { putRateCard(card: $card) { id } }', { card: TEST_CARD });
  expect(put.errors).toBeUndefined();
  // Usage is attributed to the tenant its organization maps to when it is collected: the organizations are
  // discovered at the gateway's start, and under load that first discovery can fail (an sp-node slower than
  // the gateway's wait). Discover now, and see every organization mapped, before metering.
  const discovery = await ui.topology.query<{ discoverOrgs: { orgCount: number; unmapped: Array<{ id: string }> } }>(
    'mutation { discoverOrgs { orgCount unmapped { id } } }',
  );
  const orgCount = ui.topology.seed.clouds.reduce((n, c) => n + c.orgs.length, 0);
  expect(discovery.data?.discoverOrgs).toEqual({ orgCount, unmapped: [] });
  // Every hour from HISTORY_START to the last whole one, from every cloud: no gap left.
  expect(await ui.topology.query('mutation { meterUsage { cloudId } }')).toEqual({ status: 200, data: { meterUsage: [] } });
}, 60_000);

afterAll(() => ui?.close());

afterEach(() => {
  expect(ui.offLoopback).toEqual([]);
  for (const { pageErrors } of opened.splice(0)) expect(pageErrors).toEqual([]);
});

describe('the Billing view', () => {
  it("shows the provider admin each tenant's charges for the previous month, as the seed's usage prices them", async () => {
    const { page } = await open(adminToken);
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe(MONTH);
    const figures = await chartFigures(page);
    const tenants = ui.topology.seed.tenants;
    expect([...figures.keys()].sort()).toEqual(tenants.map((t) => t.name).sort());
    for (const tenant of tenants) {
      expect(expected(tenant.id)).toBeGreaterThan(0);
      toTheCent(figures.get(tenant.name)!, expected(tenant.id));
      toTheCent(amount(await page.getByTestId(`tenant-${tenant.id}`).getByTestId('total').textContent()), expected(tenant.id));
    }
    // The month is open: no invoices yet, and the page says why.
    expect(await page.getByTestId('period-state').textContent()).toBe('Open');
    await page.getByTestId('no-invoices').waitFor(SHOWN);
  });

  it('keeps the month in the route: another month shows its own charges and invoices', async () => {
    const { page } = await open(adminToken);
    await chartFigures(page);
    const current = monthOf(CURRENT_MONTH_START);
    await page.getByLabel('Month', { exact: true }).fill(current);
    await page.waitForURL(new RegExp(`#/billing\\?month=${current}$`), SHOWN);
    const name = CURRENT_MONTH_START.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    await page.getByRole('heading', { name: `Charges per tenant, ${name}` }).waitFor(SHOWN);
    await page.getByRole('heading', { name: `Invoices, ${name}` }).waitFor(SHOWN);
    // This month has not ended: it cannot have invoices.
    await page.getByTestId('no-invoices').waitFor(SHOWN);
    expect(await page.getByLabel('Month', { exact: true }).inputValue()).toBe(current);
  });

  it('lists the invoices once the month is closed, each with its total and its lines', async () => {
    const { page } = await open(adminToken, `#/billing?month=${MONTH}`);
    await page.getByTestId('no-invoices').waitFor(SHOWN);
    const closed = await ui.topology.query<{
      closeBillingPeriod: Array<{ id: string; tenantId: string; total: number; lines: unknown[] }>;
    }>('mutation($m: String!) { closeBillingPeriod(month: $m) { id tenantId total lines { cost } } }', { m: MONTH });
    expect(closed.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('invoices').waitFor(SHOWN);
    const issued = closed.data!.closeBillingPeriod;
    expect(issued.map((i) => i.tenantId).sort()).toEqual(ui.topology.seed.tenants.map((t) => t.id).sort());
    for (const invoice of issued) {
      const item = page.getByTestId(`invoice-${invoice.id}`);
      toTheCent(amount(await item.getByTestId('invoice-total').textContent()), expected(invoice.tenantId));
      toTheCent(invoice.total, expected(invoice.tenantId));
    }
    expect(await page.getByTestId('period-state').textContent()).toBe('Closed');
    // A disclosure per invoice: its lines, one row each.
    const acme = page.getByTestId(`invoice-inv-acme-${MONTH}`);
    await acme.locator('summary').click();
    const lines = issued.find((i) => i.tenantId === 'acme')!.lines.length;
    expect(lines).toBeGreaterThan(0);
    expect(await acme.locator('tbody tr').count()).toBe(lines);
    await ui.screenshot(page, 'billing');
  });

  it("downloads the month's FOCUS CSV for an acme admin with acme's rows only", async () => {
    const { page } = await open(await ui.topology.tokenFor({ subject: 'ann@acme', role: 'tenant-admin', tenantId: 'acme' }));
    await page.getByRole('button', { name: /as FOCUS CSV/ }).click();
    const file = page.getByTestId('export-file');
    await file.waitFor(SHOWN);
    const [download] = await Promise.all([page.waitForEvent('download', SHOWN), file.click()]);
    expect(download.suggestedFilename()).toBe(`focus-${MONTH}-acme.csv`);
    const [header, ...rows] = parseCsv(await readFile((await download.path())!, 'utf8'));
    const names: string[] = FOCUS_COLUMNS.map((c) => c.name);
    expect(header).toEqual(names);
    const column = (name: string) => names.indexOf(name);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[column('x_TenantId')]))).toEqual(new Set(['acme']));
    expect(new Set(rows.map((r) => r[column('BillingAccountId')]))).toEqual(new Set(['acme']));
    const acmeVms = new Set(vms.filter((vm) => vm.tenantId === 'acme').map((vm) => vm.vmId));
    expect(rows.filter((r) => !acmeVms.has(r[column('ResourceId')] ?? ''))).toEqual([]);
    toTheCent(
      rows.reduce((sum, r) => sum + Number(r[column('BilledCost')]), 0),
      expected('acme'),
    );
  });

  it("says so when the gateway refuses the export, with the gateway's reason", async () => {
    // A token for a tenant the directory does not have (one removed, say): valid, but the route has no rows to give it.
    const { page } = await open(await ui.topology.tokenFor({ subject: 'old@gone', role: 'tenant-admin', tenantId: 'gone' }));
    await page.getByRole('button', { name: /as FOCUS CSV/ }).click();
    const refusal = page.getByTestId('export-status').getByRole('alert');
    await refusal.waitFor(SHOWN);
    expect(await refusal.textContent()).toBe('The gateway refused the export: No tenant "gone"');
    expect(await page.getByTestId('export-file').count()).toBe(0);
    // The charges say the same beside it, with the API's code.
    expect(await page.getByTestId('problems').first().textContent()).toContain('NOT_FOUND');
  });

  it('says so when the export cannot reach the gateway, and offers it again', async () => {
    const { page } = await open(adminToken);
    await chartFigures(page);
    const button = page.getByRole('button', { name: /as FOCUS CSV/ });
    ui.network.cut(true);
    try {
      await button.click();
      const failure = page.getByTestId('export-status').getByRole('alert');
      await failure.waitFor(SHOWN);
      expect(await failure.textContent()).toMatch(/^The export could not be fetched: /);
    } finally {
      ui.network.cut(false);
    }
    await button.click();
    await page.getByTestId('export-file').waitFor(SHOWN);
  });

  it("shows an acme viewer acme's own charges, per cloud, VDC and VM, and nothing of globex", async () => {
    const viewer = await ui.topology.tokenFor({ subject: 'eve@acme', role: 'tenant-viewer', tenantId: 'acme' });
    const { page } = await open(viewer);
    await page.getByTestId('charges-total').waitFor(SHOWN);
    toTheCent(amount(await page.getByTestId('charges-total').textContent()), expected('acme'));
    const acmeVms = vms.filter((vm) => vm.tenantId === 'acme');
    // Every acme VM that existed in the month has its line, with its cost.
    const billed = acmeVms.filter((vm) => expectedMonthCost([vm], PREVIOUS, () => true) > 0);
    expect(billed.length).toBeGreaterThan(0);
    for (const vm of billed) {
      toTheCent(
        amount(await page.getByTestId(`vm-${vm.vmId}`).getByTestId('total').textContent()),
        expectedMonthCost([vm], PREVIOUS, () => true),
      );
    }
    expect(await page.locator('[data-testid^="vm-"]').count()).toBe(billed.length);
    for (const cloudId of new Set(billed.map((vm) => vm.cloud.id))) {
      const cost = expectedMonthCost(billed, PREVIOUS, (vm) => vm.cloud.id === cloudId);
      const card = page.getByTestId(`cloud-${cloudId}`);
      toTheCent(amount(await card.getByTestId('cloud-total').textContent()), cost);
      // Its chart: what the cost is made of, e.g. the vCPUs allocated ($1 per vCPU-hour at the month's max) and $0.01 per VM-hour.
      const inCloud = billed.filter((vm) => vm.cloud.id === cloudId).map((vm) => hoursOf(vm, PREVIOUS));
      const bar = async (label: string) => amount(await card.locator('.chart-data tr', { hasText: label }).locator('td').textContent());
      toTheCent(
        await bar('CPU allocated'),
        sum(inCloud.map((hours) => Math.max(...hours.map((h) => h.allocation.max.vcpu)) * hours.length)),
      );
      toTheCent(await bar('Per VM'), sum(inCloud.map((hours) => 0.01 * hours.length)));
    }
    const html = await page.content();
    expect(footprint('globex').filter((text) => html.includes(text))).toEqual([]);
    await ui.screenshot(page, 'billing-tenant');
  });

  it('reads at phone width, and gives the billing role the operators’ view', async () => {
    const billing = await ui.topology.tokenFor({ subject: 'ledger', role: 'billing' });
    const { page } = await open(billing, '#/billing', { width: 390, height: 844 });
    const figures = await chartFigures(page);
    for (const tenant of ui.topology.seed.tenants) toTheCent(figures.get(tenant.name)!, expected(tenant.id));
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual(['Billing']);
    // Nothing wider than the screen but the tables' own scrolling boxes.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await ui.screenshot(page, 'billing-phone');
  });
});
