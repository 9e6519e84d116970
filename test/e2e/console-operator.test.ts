/**
 * The operator's console in a real browser against the real gateway, nodes and mock
 * clouds, as the provider admin: the overview's figures against the seed's, a cloud
 * taken down and restored through the mock's fault switch, the busiest VMs once
 * metered, and the node registry with configuration drift. Expected figures are
 * computed here from the seed (and its usage history), never copied from the page.
 */
import type { Page } from 'playwright-core';
import { defaultHistoryStart } from '../../mocks/usageHistory';
import { HOUR_MS, hourStart } from '../../schema/hours';
import { hoursOf, seededVms } from '../support/billing';
import { startConsole, type ConsoleUnderTest } from '../support/console';
import { globalId } from '../support/expected';
import { expectedCumulativeVdc } from '../support/tenancy';
import { waitFor } from '../support/waitFor';

const POWER_STATES = ['POWERED_ON', 'POWERED_OFF', 'SUSPENDED'] as const;
/** Metering starts three whole hours back (only `meterUsage` meters in the suites). */
const METER_FROM = new Date(hourStart(Date.now()).getTime() - 3 * HOUR_MS);
/** Waits for what the page shows: generous caps, each failing with what it waited for. */
const SHOWN_MS = 15_000;

const count = (n: number) => n.toLocaleString('en-US');
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

describe('the operator console', () => {
  let ui: ConsoleUnderTest;
  let adminToken: string;
  const historyStart = defaultHistoryStart(new Date());

  beforeAll(async () => {
    ui = await startConsole({ billing: { meter: { from: METER_FROM.toISOString(), settleMs: 0 } } });
    adminToken = await ui.topology.tokenFor({ subject: 'ops@example.com', role: 'provider-admin' });
  }, 60_000);

  afterAll(() => ui?.close());

  afterEach(() => expect(ui.offLoopback).toEqual([]));

  const seed = () => ui.topology.seed;
  const nodeIds = () => seed().clouds.flatMap((c) => [`${c.id}/cloud-node`, ...(c.kind === 'director' ? [`${c.id}/sp-node`] : [])]);
  const powerCounts = (cloudId: string) => {
    const vms = seed().clouds.find((c) => c.id === cloudId)!.vms;
    return Object.fromEntries(POWER_STATES.map((s) => [s, vms.filter((vm) => vm.powerState === s).length])) as Record<
      (typeof POWER_STATES)[number],
      number
    >;
  };
  const cloudState = (page: Page, cloudId: string) => page.getByTestId(`cloud-${cloudId}-state`).getAttribute('data-state');
  const expectCloudCounts = async (page: Page, cloudId: string) => {
    const counts = powerCounts(cloudId);
    for (const state of POWER_STATES) expect(await text(page, `cloud-${cloudId}-vms-${state}`)).toBe(count(counts[state]));
    expect(await text(page, `cloud-${cloudId}-vms`)).toBe(count(counts.POWERED_ON + counts.POWERED_OFF + counts.SUSPENDED));
  };
  /** The overview once every cloud answered and every node was health-checked up (its badge shown). */
  const overviewLoaded = async (page: Page) => {
    await page.getByTestId('ribbon-clouds').waitFor({ timeout: SHOWN_MS });
    await page.locator('[data-testid^="tenant-"][data-testid$="-vdcs"]').first().waitFor({ timeout: SHOWN_MS });
    await waitFor(
      'every cloud card up with its VM counts',
      async () => {
        for (const cloud of seed().clouds) {
          if ((await cloudState(page, cloud.id)) !== 'up') return false;
          if ((await page.getByTestId(`cloud-${cloud.id}-vms`).count()) === 0) return false;
        }
        for (const node of nodeIds())
          if ((await page.locator(`[data-testid="node-health-${node}"] [data-status="UP"]`).count()) === 0) return false;
        return (await page.getByTestId('busiest').count()) > 0;
      },
      { timeoutMs: SHOWN_MS },
    );
  };

  it("shows the seed's clouds, VM counts by power state, provider capacity and tenants' cumulative VDCs", async () => {
    const { page, pageErrors } = await ui.open(adminToken);
    await overviewLoaded(page);
    const all = seed().clouds.flatMap((c) => c.vms);
    expect(await text(page, 'ribbon-clouds')).toBe(count(seed().clouds.length));
    expect(await text(page, 'ribbon-tenants')).toBe(count(seed().tenants.length));
    expect(await text(page, 'ribbon-vms')).toBe(count(all.length));
    expect(await text(page, 'ribbon-powered-on')).toBe(count(all.filter((vm) => vm.powerState === 'POWERED_ON').length));

    for (const cloud of seed().clouds) {
      await expectCloudCounts(page, cloud.id);
      for (const node of nodeIds().filter((id) => id.startsWith(`${cloud.id}/`)))
        expect(await page.getByTestId(`node-health-${node}`).textContent()).toContain('up');
      const provider = page.getByTestId(`cloud-${cloud.id}-provider`);
      if (!cloud.provider) {
        expect(await provider.count()).toBe(0);
        continue;
      }
      expect(await text(page, `cloud-${cloud.id}-orgs`)).toBe(count(cloud.orgs.length));
      expect(await text(page, `cloud-${cloud.id}-org-vdcs`)).toBe(count(cloud.vdcs.length));
      const allocated = (key: 'cpuLimitMhz' | 'memoryLimitMb' | 'storageLimitMb') => cloud.vdcs.reduce((sum, v) => sum + v[key], 0);
      const meters: Array<[string, number, number]> = [
        ['CPU allocated', allocated('cpuLimitMhz'), cloud.provider.cpuMhz],
        ['Memory allocated', allocated('memoryLimitMb'), cloud.provider.memoryMb],
        ['Storage allocated', allocated('storageLimitMb'), cloud.provider.storageMb],
      ];
      for (const [label, used, capacity] of meters)
        expect(await provider.getByRole('meter', { name: label }).getAttribute('aria-valuenow')).toBe(
          String(Math.round((100 * used) / capacity)),
        );
    }

    for (const tenant of seed().tenants) {
      const expected = expectedCumulativeVdc(seed(), tenant.id);
      expect(await text(page, `tenant-${tenant.id}-vdcs`)).toBe(count(expected.vdcCount));
      expect(await text(page, `tenant-${tenant.id}-vms`)).toBe(count(expected.vmCount));
      expect(await text(page, `tenant-${tenant.id}-powered-on`)).toBe(count(expected.poweredOnVmCount));
      expect(await text(page, `tenant-${tenant.id}-vcpus`)).toBe(count(expected.vcpuCount));
    }
    // Nothing has been metered yet (the suites meter only on meterUsage): said plainly.
    expect(await page.getByTestId('busiest-none').textContent()).toContain('Nothing metered yet');
    await ui.screenshot(page, 'overview');
    expect(pageErrors).toEqual([]);
  });

  it('ranks the busiest VMs of the latest metered hour by CPU used, as the usage history has them', async () => {
    const before = Date.now();
    const metered = await ui.topology.query<{ meterUsage: unknown[] }>('mutation { meterUsage { cloudId } }');
    const after = Date.now();
    expect(metered).toEqual({ status: 200, data: { meterUsage: [] } });
    const { page, pageErrors } = await ui.open(adminToken);
    await page.getByTestId('busiest-row').first().waitFor({ timeout: SHOWN_MS });
    // The latest whole hour that had ended when metering ran (settleMs 0).
    const candidates = [before, after].map((t) => new Date(hourStart(t).getTime() - HOUR_MS).toISOString().replace('.000Z', 'Z'));
    const hour = await page.getByTestId('busiest-hour').getAttribute('data-hour');
    expect(candidates).toContain(hour);
    const start = new Date(hour!);
    const expected = seededVms(seed(), historyStart)
      .map((vm) => ({ vmId: vm.vmId, cpu: hoursOf(vm, { start, end: new Date(start.getTime() + HOUR_MS) })[0]?.used?.cpuUsedMhz }))
      .filter((vm): vm is { vmId: string; cpu: number } => vm.cpu !== undefined)
      .sort((a, b) => b.cpu - a.cpu)
      .slice(0, 5)
      .map((vm) => vm.vmId);
    expect(expected).toHaveLength(5);
    expect(await page.getByTestId('busiest-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-vm')))).toEqual(expected);
    expect(pageErrors).toEqual([]);
  });

  it('shows a cloud taken down as down, without reload, with the others still counted, and back when restored', async () => {
    const director = seed().clouds.find((c) => c.kind === 'director')!;
    const { page, pageErrors } = await ui.open(adminToken);
    await overviewLoaded(page);
    await page.evaluate('window.__sameDocument = true');
    ui.topology.cloud(director.id).mock.setFaults({ down: true });
    try {
      await waitFor('the cloud card to show the cloud down', async () => (await cloudState(page, director.id)) === 'down', {
        timeoutMs: SHOWN_MS,
      });
      expect(await page.getByTestId(`cloud-${director.id}-down`).textContent()).toContain('cannot reach');
      await page.getByTestId(`cloud-${director.id}-vms-unknown`).waitFor({ timeout: SHOWN_MS });
      // The API's error, with its code, beside what the other clouds answered.
      await waitFor(
        'CLOUD_UNAVAILABLE on the page',
        async () => (await page.getByTestId('problems').allTextContents()).join(' ').includes('CLOUD_UNAVAILABLE'),
        {
          timeoutMs: SHOWN_MS,
        },
      );
      for (const cloud of seed().clouds.filter((c) => c.id !== director.id)) {
        expect(await cloudState(page, cloud.id)).toBe('up');
        await expectCloudCounts(page, cloud.id);
      }
      const others = seed()
        .clouds.filter((c) => c.id !== director.id)
        .flatMap((c) => c.vms);
      expect(await text(page, 'ribbon-vms')).toBe(count(others.length));
      await ui.screenshot(page, 'overview-cloud-down');
    } finally {
      ui.topology.cloud(director.id).mock.setFaults({ down: false });
    }
    await waitFor('the cloud card to show the cloud up again', async () => (await cloudState(page, director.id)) === 'up', {
      timeoutMs: SHOWN_MS,
    });
    await page.getByTestId(`cloud-${director.id}-vms`).waitFor({ timeout: SHOWN_MS });
    await expectCloudCounts(page, director.id);
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('re-reads the overview when live updates come back: a power change made while they were lost is shown', async () => {
    const cloud = seed().clouds.find((c) => c.kind === 'vsphere' && c.vms.some((vm) => vm.powerState === 'POWERED_ON'))!;
    const vm = cloud.vms.find((v) => v.powerState === 'POWERED_ON')!;
    const id = globalId(cloud, vm.nativeId);
    const mockState = () => ui.topology.cloud(cloud.id).mock.cloud.vms.find((v) => v.nativeId === vm.nativeId)!.powerState;
    const before = powerCounts(cloud.id).POWERED_ON;
    const { page, pageErrors } = await ui.open(adminToken);
    await overviewLoaded(page);
    await page.locator('[data-live="connected"]').waitFor({ timeout: SHOWN_MS });
    expect(await text(page, `cloud-${cloud.id}-vms-POWERED_ON`)).toBe(count(before));
    try {
      ui.network.cut(true);
      await page.locator('[data-live="reconnecting"]').waitFor({ timeout: SHOWN_MS });
      // Straight to the gateway, not through the cut relay: the page misses the event.
      const off = await ui.topology.query('mutation($id: ID!) { powerOffVm(id: $id) { powerState } }', { id });
      expect(off.data).toEqual({ powerOffVm: { powerState: 'POWERED_OFF' } });
      expect(await text(page, `cloud-${cloud.id}-vms-POWERED_ON`)).toBe(count(before));
      ui.network.cut(false);
      await page.locator('[data-live="connected"]').waitFor({ timeout: 45_000 });
      await waitFor(
        `${cloud.id} showing one VM fewer powered on after reconnecting`,
        async () => (await text(page, `cloud-${cloud.id}-vms-POWERED_ON`)) === count(before - 1),
        { timeoutMs: SHOWN_MS },
      );
      expect(await text(page, `cloud-${cloud.id}-vms-POWERED_OFF`)).toBe(count(powerCounts(cloud.id).POWERED_OFF + 1));
    } finally {
      ui.network.cut(false);
      await ui.topology.query('mutation($id: ID!) { powerOnVm(id: $id) { powerState } }', { id });
      await waitFor('the VM powered on again in its cloud', async () => mockState() === 'POWERED_ON', { timeoutMs: SHOWN_MS });
    }
    expect(pageErrors).toEqual([]);
  });

  it('fits a phone screen', async () => {
    const { page, pageErrors } = await ui.open(adminToken, '#/', { width: 390, height: 844 });
    await overviewLoaded(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await ui.screenshot(page, 'overview-phone');
    expect(pageErrors).toEqual([]);
  });

  // Last: it stops a node for good.
  it('lists every node with its kind and cloud, and shows configuration drift until a node applies it', async () => {
    const { page, pageErrors } = await ui.open(adminToken, '#/nodes');
    const rows = page.getByTestId('node-row');
    await waitFor('a row per node', async () => (await rows.count()) === nodeIds().length, { timeoutMs: SHOWN_MS });
    const row = (id: string) => page.locator(`[data-testid="node-row"][data-node="${id}"]`);
    for (const cloud of seed().clouds) {
      for (const [id, kind] of [
        [`${cloud.id}/cloud-node`, 'cloud-node'],
        ...(cloud.kind === 'director' ? [[`${cloud.id}/sp-node`, 'sp-node']] : []),
      ]) {
        expect(await row(id!).getByTestId('node-kind').textContent()).toBe(kind);
        expect(await row(id!).getByTestId('node-cloud').getAttribute('data-cloud')).toBe(cloud.id);
        expect(await row(id!).getByTestId('node-config').textContent()).toBe('never configured');
      }
    }
    const configState = (id: string) =>
      row(id)
        .locator('[data-drift]')
        .getAttribute('data-drift')
        .catch(() => null);
    const configure = (id: string) =>
      ui.topology.query<{ configureNode: { version: number; appliedVersion: number } }>(
        'mutation($id: ID!) { configureNode(id: $id, settings: { logLevel: DEBUG }) { version appliedVersion } }',
        { id },
      );

    // A node that is up applies a configuration as it is posted: in sync at once.
    const target = seed().clouds.find((c) => c.kind === 'nova')!;
    const id = `${target.id}/cloud-node`;
    expect(await configure(id)).toEqual({ status: 200, data: { configureNode: { version: 1, appliedVersion: 1 } } });
    await waitFor('v1 in sync', async () => (await configState(id)) === 'in-sync', { timeoutMs: SHOWN_MS });
    expect(await row(id).getByTestId('node-config').textContent()).toContain('v1 in sync');

    // A node that is down cannot apply it: drift, until it comes back.
    await ui.topology.cloud(target.id).node.close();
    await waitFor('the stopped node DOWN', async () => (await row(id).getByTestId('node-status').textContent()) === 'down', {
      timeoutMs: SHOWN_MS,
    });
    expect(await configure(id)).toEqual({ status: 200, data: { configureNode: { version: 2, appliedVersion: 1 } } });
    await waitFor('v2 pending', async () => (await configState(id)) === 'pending', { timeoutMs: SHOWN_MS });
    expect(await row(id).getByTestId('node-config').textContent()).toContain('v2 pending — node applied v1');
    await ui.screenshot(page, 'nodes');
    expect(pageErrors).toEqual([]);
  });
});
