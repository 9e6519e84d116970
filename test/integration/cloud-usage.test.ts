/**
 * `Query.cloudUsage` on cloud-nodes over HTTP, asked as the gateway asks (signed
 * requests): hours in global ids and wire format, the window's checks, the refusal of
 * tenants, a cloud metered elsewhere (Cloud Director) and a cloud that is down.
 * Expected figures come from the seed's usage history (mocks/usageHistory.ts).
 */
import { randomBytes } from 'node:crypto';
import { request } from 'undici';
import { startMockCloud, type MockCloud } from '../../mocks';
import { buildSeed } from '../../mocks/seed';
import { vmHistory } from '../../mocks/usageHistory';
import { HOUR_MS, MAX_USAGE_WINDOW_HOURS, hourStart, isoSeconds } from '../../schema/hours';
import type { Principal } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import { createAdapter } from '../../subgraphs/cloud-node/adapters';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';

const DAY_MS = 24 * HOUR_MS;
const seed = buildSeed();
const vsphere = seed.clouds.find((c) => c.kind === 'vsphere')!;
const director = seed.clouds.find((c) => c.kind === 'director')!;
const ADMIN: Principal = { subject: 'meter', role: 'billing' };
const TENANT: Principal = { subject: 'alice', role: 'tenant-admin', tenantId: vsphere.ownerTenantId ?? 'acme' };

const QUERY = `query($cloudId: ID!, $start: String!, $end: String!) {
  cloudUsage(cloudId: $cloudId, start: $start, end: $end) {
    vmId vmName vdcId hour vcpuMax vcpuAvg memoryMbMax memoryMbAvg storageGbMax storageGbAvg cpuUsedMhz memoryUsedMb storageUsedGb networkKbps
  }
}`;

interface Answer {
  data?: { cloudUsage: Record<string, unknown>[] } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('cloudUsage on a cloud-node', () => {
  const secret = randomBytes(32).toString('hex');
  const historyStart = new Date(hourStart(Date.now()).getTime() - 20 * DAY_MS);
  const start = historyStart.getTime() + 10 * DAY_MS;
  const hours = 6;
  const window = { start: isoSeconds(start), end: isoSeconds(start + hours * HOUR_MS) };
  const mocks: MockCloud[] = [];
  const nodes: RunningCloudNode[] = [];
  let vsphereNode: RunningCloudNode;
  let vsphereMock: MockCloud;
  let directorNode: RunningCloudNode;

  const ask = async (node: RunningCloudNode, variables: Record<string, unknown>, principal: Principal = ADMIN): Promise<Answer> => {
    const body = JSON.stringify({ query: QUERY, variables });
    const headers = signRequest({ secret, method: 'POST', path: new URL(node.url).pathname, body, principal });
    const res = await request(node.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return (await res.body.json()) as Answer;
  };
  const codeOf = (answer: Answer) => answer.errors?.map((e) => e.extensions?.code);

  beforeAll(async () => {
    for (const cloud of [vsphere, director]) {
      const mock = await startMockCloud(cloud, { historyStart });
      mocks.push(mock);
      const node = await startCloudNode({
        cloud: { id: cloud.id, name: cloud.name, kind: cloud.kind },
        adapter: createAdapter(cloud.kind, { baseUrl: mock.apiUrl, ...mock.credentials, timeoutMs: 2000 }),
        secret,
      });
      nodes.push(node);
    }
    [vsphereNode, directorNode] = nodes as [RunningCloudNode, RunningCloudNode];
    vsphereMock = mocks[0]!;
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    await Promise.all(mocks.map((m) => m.close()));
  });

  it('answers every hour of every VM in global ids, hours written YYYY-MM-DDTHH:00:00Z, figures from the history', async () => {
    const answer = await ask(vsphereNode, { cloudId: vsphere.id, ...window });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.cloudUsage;
    const expected = vsphere.vms.flatMap((vm, i) => {
      const h = vmHistory(vsphere, i, historyStart);
      return Array.from({ length: hours }, (_, k) => h.hourUsage(start + k * HOUR_MS))
        .filter((u) => u !== null)
        .map((u) => ({
          vmId: `${vsphere.id}:${vm.nativeId}`,
          vmName: vm.name,
          vdcId: `${vsphere.id}:${vm.vdcNativeId}`,
          hour: new Date(u.hour).toISOString().replace('.000Z', 'Z'),
          vcpuMax: u.allocation.max.vcpu,
          vcpuAvg: u.allocation.avg.vcpu,
          memoryMbMax: u.allocation.max.memoryMb,
          memoryMbAvg: u.allocation.avg.memoryMb,
          storageGbMax: u.allocation.max.storageGb,
          storageGbAvg: u.allocation.avg.storageGb,
          cpuUsedMhz: u.used === null ? null : expect.closeTo(u.used.cpuUsedMhz, 6),
          memoryUsedMb: u.used === null ? null : expect.closeTo(u.used.memoryUsedMb, 6),
          storageUsedGb: u.used === null ? null : expect.closeTo(u.used.storageUsedGb, 6),
          // vCenter's KBps series is whole kilobytes per second: the kilobits within 4 of the history's.
          networkKbps: u.used === null ? null : expect.closeTo(u.used.networkKbps, -1),
        }));
    });
    const order = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      `${String(a.vmId)}@${String(a.hour)}`.localeCompare(`${String(b.vmId)}@${String(b.hour)}`);
    expect(expected.length).toBeGreaterThan(0);
    expect([...rows].sort(order)).toEqual(expected.sort(order));
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/.test(String(r.hour)))).toBe(true);
  });

  it('refuses a window over 744 hours and a malformed hour with BAD_USER_INPUT, saying what is wrong', async () => {
    const long = { start: window.start, end: isoSeconds(start + (MAX_USAGE_WINDOW_HOURS + 1) * HOUR_MS) };
    const malformed = { start: isoSeconds(start + 30 * 60_000), end: window.end };
    const cases: Array<[typeof long, string]> = [
      [long, 'the period is 745 hours; at most 744 are allowed'],
      [malformed, 'start must be a whole UTC hour'],
    ];
    for (const [range, reason] of cases) {
      const answer = await ask(vsphereNode, { cloudId: vsphere.id, ...range });
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining(reason),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
    // The check sees something: the longest window allowed is answered.
    const longest = await ask(vsphereNode, {
      cloudId: vsphere.id,
      start: isoSeconds(historyStart),
      end: isoSeconds(historyStart.getTime() + MAX_USAGE_WINDOW_HOURS * HOUR_MS),
    });
    expect(longest.errors).toBeUndefined();
  });

  it('refuses a tenant with FORBIDDEN and asks the cloud nothing', async () => {
    vsphereMock.resetRequests();
    const answer = await ask(vsphereNode, { cloudId: vsphere.id, ...window }, TENANT);
    expect(codeOf(answer)).toEqual(['FORBIDDEN']);
    expect(answer.data ?? null).toBeNull();
    expect(vsphereMock.countRequests('/sdk/')).toBe(0);
    // The count moves when the same request comes from the meter.
    await ask(vsphereNode, { cloudId: vsphere.id, ...window });
    expect(vsphereMock.countRequests('/sdk/')).toBeGreaterThan(0);
  });

  it('answers a Cloud Director cloud with BAD_USER_INPUT: it is metered through its sp-node', async () => {
    const answer = await ask(directorNode, { cloudId: director.id, ...window });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'this cloud is metered through its sp-node',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
  });

  it('answers another cloud id with NOT_FOUND', async () => {
    expect(codeOf(await ask(vsphereNode, { cloudId: director.id, ...window }))).toEqual(['NOT_FOUND']);
  });

  it('answers CLOUD_UNAVAILABLE, naming the cloud, when vCenter is down', async () => {
    vsphereMock.setFaults({ failRequests: true });
    try {
      const answer = await ask(vsphereNode, { cloudId: vsphere.id, ...window });
      expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: 'CLOUD_UNAVAILABLE', cloudId: vsphere.id } })]);
    } finally {
      vsphereMock.setFaults({ failRequests: false });
    }
  });
});
