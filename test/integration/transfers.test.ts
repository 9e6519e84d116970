/**
 * Copies and moves between clouds over the real parts: mock clouds serving seeded
 * disks, cloud-nodes that stream them node to node, the gateway coordinating. Every
 * checksum expected is computed here from the seed (seededDisk), never read from an
 * answer; sizes are odd so that no chunk boundary is round.
 */
import { seededDisk } from '../../mocks/content/seededBytes';
import { vmDiskKey } from '../../mocks/content/seededContent';
import type { SeedCloud, SeedVm } from '../../mocks/seed';
import { globalId } from '../support/expected';
import { connect, feed, inProcessTopology } from '../support/feeds';
import { type GraphQLResponse, type Topology } from '../support/topology';
import { transferEnded, transferPast } from '../support/transfers';
import { waitFor } from '../support/waitFor';

const DISK_BYTES = 3 * 1024 * 1024 + 4321;
const CHUNK_BYTES = 256 * 1024;
/** What an interrupted run may have fetched past its last checkpoint: the chunk being written and the one fetched ahead. */
const IN_FLIGHT_BYTES = 2 * CHUNK_BYTES;

const TRANSFER_FIELDS = `id taskId operation state sourceId sourceCloudId targetCloudId targetVdcId name
  progress { phase bytesDone bytesTotal percent } sourceChecksum targetChecksum resultId resumes bytesSent error`;
const COPY = `mutation($input: CopyVmInput!) { copyVm(input: $input) { ${TRANSFER_FIELDS} } }`;
const MOVE = `mutation($input: CopyVmInput!) { moveVm(input: $input) { ${TRANSFER_FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelTransfer(id: $id) { ${TRANSFER_FIELDS} } }`;
const READ = `query($id: ID!) { transfer(id: $id) { ${TRANSFER_FIELDS} } }`;
const VM = 'query($id: ID!) { vm(id: $id) { id name cpuCount memoryMb vdc { id } } }';

interface TransferView {
  id: string;
  taskId: string;
  operation: string;
  state: string;
  sourceId: string;
  targetVdcId: string | null;
  name: string;
  progress: { phase: string; bytesDone: number; bytesTotal: number; percent: number };
  sourceChecksum: string | null;
  targetChecksum: string | null;
  resultId: string | null;
  resumes: number;
  bytesSent: number;
  error: string | null;
}

describe('VMs copied and moved between clouds, node to node', () => {
  let topology: Topology;
  /** Names made unique per test: a copy stays in its target cloud. */
  let serial = 0;
  beforeAll(async () => {
    topology = await inProcessTopology({
      diskBytes: DISK_BYTES,
      watchIntervalMs: 0,
      gatewayOverrides: { transfers: { chunkBytes: CHUNK_BYTES, stallMs: 2000 } } as never,
    });
  });
  afterAll(() => topology.close());

  const cloudOf = (kind: SeedCloud['kind']): SeedCloud => topology.seed.clouds.find((c) => c.kind === kind)!;
  /** A VM its cloud can export as it is: powered off where the cloud requires it. */
  const exportable = (cloud: SeedCloud, skip = 0): SeedVm => cloud.vms.filter((vm) => vm.powerState === 'POWERED_OFF')[skip]!;
  const diskSha = (cloud: SeedCloud, vm: SeedVm): Promise<string> => seededDisk(vmDiskKey(cloud.id, vm.nativeId), DISK_BYTES).sha256();
  const uniqueName = (base: string): string => `${base}-copy-${++serial}`;

  const read = async (id: string, token?: string): Promise<TransferView> => {
    const res = await topology.query<{ transfer: TransferView | null }>(READ, { id }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.transfer!;
  };
  const ended = (id: string, timeoutMs = 30_000): Promise<TransferView> => transferEnded(read, id, timeoutMs);
  const started = (res: GraphQLResponse<Record<string, TransferView>>, field: string): TransferView => {
    expect(res.errors).toBeUndefined();
    return res.data![field]!;
  };

  it.each([
    ['vsphere', 'director'],
    ['director', 'vsphere'],
    ['director', 'nova'],
    ['nova', 'director'],
    ['nova', 'vsphere'],
    ['vsphere', 'nova'],
  ] as const)('copies a %s VM into a %s VDC with the source disk checksum', async (fromKind, toKind) => {
    const from = cloudOf(fromKind);
    const to = cloudOf(toKind);
    const vm = exportable(from);
    const vdc = to.vdcs[0]!;
    const name = uniqueName(vm.name);
    const transfer = started(
      await topology.query(COPY, { input: { vmId: globalId(from, vm.nativeId), targetVdcId: globalId(to, vdc.nativeId), name } }),
      'copyVm',
    );
    expect(transfer).toMatchObject({ operation: 'COPY_VM', state: 'RUNNING', sourceId: globalId(from, vm.nativeId), name });
    expect(transfer.taskId).toBe(`${to.id}:${transfer.id}`);

    const done = await ended(transfer.id);
    const expected = await diskSha(from, vm);
    expect(done).toMatchObject({ state: 'SUCCEEDED', sourceChecksum: expected, targetChecksum: expected, error: null });
    expect(done.progress).toMatchObject({ phase: 'DONE', bytesDone: done.progress.bytesTotal, percent: 100 });
    // Every byte of the disk crossed once, nothing resent (a descriptor the destination writes itself is not fetched).
    expect(done.bytesSent).toBeGreaterThanOrEqual(DISK_BYTES);
    expect(done.bytesSent).toBeLessThanOrEqual(done.progress.bytesTotal);
    expect(done.progress.bytesTotal).toBeGreaterThanOrEqual(DISK_BYTES);

    const copy = await topology.query<{ vm: { id: string; name: string; cpuCount: number; memoryMb: number; vdc: { id: string } } }>(VM, {
      id: done.resultId,
    });
    expect(copy.data?.vm).toMatchObject({ name, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb, vdc: { id: globalId(to, vdc.nativeId) } });
    // A copy leaves the source as it was.
    expect(topology.cloud(from.id).mock.cloud.vms.some((v) => v.nativeId === vm.nativeId)).toBe(true);
  });

  it('moves a VM: copied, verified, then removed at the source', async () => {
    const from = cloudOf('nova');
    const to = cloudOf('director');
    const vm = from.vms[from.vms.length - 1]!;
    const name = uniqueName(vm.name);
    const transfer = started(
      await topology.query(MOVE, { input: { vmId: globalId(from, vm.nativeId), targetVdcId: globalId(to, to.vdcs[1]!.nativeId), name } }),
      'moveVm',
    );
    const done = await ended(transfer.id);
    expect(done).toMatchObject({ operation: 'MOVE_VM', state: 'SUCCEEDED', targetChecksum: await diskSha(from, vm) });
    expect(topology.cloud(from.id).mock.cloud.vms.some((v) => v.nativeId === vm.nativeId)).toBe(false);
    const copy = await topology.query<{ vm: { name: string } | null }>(VM, { id: done.resultId });
    expect(copy.data?.vm?.name).toBe(name);
  });

  it('validates before any byte moves: running source, name clash, same cloud, unknown target', async () => {
    const vsphere = cloudOf('vsphere');
    const director = cloudOf('director');
    const running = vsphere.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
    const target = globalId(director, director.vdcs[0]!.nativeId);
    const refuse = async (input: Record<string, unknown>): Promise<string | undefined> => {
      const res = await topology.query(COPY, { input });
      expect(res.data?.copyVm ?? null).toBeNull();
      return res.errors?.[0]?.extensions?.code as string | undefined;
    };
    topology.cloud(director.id).mock.resetRequests();
    expect(await refuse({ vmId: globalId(vsphere, running.nativeId), targetVdcId: target })).toBe('CONFLICT');
    // The name of a VM already in the target VDC.
    const taken = director.vms.find((vm) => vm.vdcNativeId === director.vdcs[0]!.nativeId)!;
    expect(await refuse({ vmId: globalId(vsphere, exportable(vsphere).nativeId), targetVdcId: target, name: taken.name })).toBe('CONFLICT');
    expect(
      await refuse({ vmId: globalId(vsphere, exportable(vsphere).nativeId), targetVdcId: globalId(vsphere, vsphere.vdcs[1]!.nativeId) }),
    ).toBe('BAD_USER_INPUT');
    expect(await refuse({ vmId: globalId(vsphere, exportable(vsphere).nativeId), targetVdcId: `${director.id}:vdc-missing` })).toBe(
      'NOT_FOUND',
    );
    expect(await refuse({ vmId: `${vsphere.id}:vm-missing`, targetVdcId: target })).toBe('NOT_FOUND');
    // Nothing was uploaded to the target cloud by any of them.
    expect(topology.cloud(director.id).mock.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('refuses a VM its target VDC has no room for, before any byte moves', async () => {
    const nova = cloudOf('nova');
    const director = cloudOf('director');
    const vm = nova.vms[0]!;
    const mock = topology.cloud(director.id).mock;
    // A VDC whose pool has a limit, tightened to one MiB less free memory than the VM has.
    const vdc = mock.cloud.vdcs.find((v) => v.allocationModel === 'AllocationPool' || v.allocationModel === 'Flex')!;
    const used = mock.cloud.vms
      .filter((v) => v.vdcNativeId === vdc.nativeId && v.powerState === 'POWERED_ON')
      .reduce((sum, v) => sum + v.memoryMb, 0);
    const limit = vdc.memoryLimitMb;
    vdc.memoryLimitMb = used + vm.memoryMb - 1;
    try {
      mock.resetRequests();
      const res = await topology.query(COPY, {
        input: { vmId: globalId(nova, vm.nativeId), targetVdcId: globalId(director, vdc.nativeId) },
      });
      expect(res.data?.copyVm ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(res.errors?.[0]?.message).toMatch(/memory/);
      expect(mock.requests.filter((r) => r.method === 'PUT' || r.url.includes('/action/upload'))).toEqual([]);
    } finally {
      vdc.memoryLimitMb = limit;
    }
  });

  it('resumes from the last acknowledged chunk after the destination node went away', async () => {
    const from = cloudOf('director');
    const to = cloudOf('vsphere');
    const vm = exportable(from, 2);
    const toMock = topology.cloud(to.id).mock;
    // Slow uploads, so the copy is still running when the node goes.
    toMock.setFaults({ latencyMs: 40 });
    try {
      const transfer = started(
        await topology.query(COPY, {
          input: {
            vmId: globalId(from, vm.nativeId),
            targetVdcId: globalId(to, to.vdcs[to.vdcs.length - 1]!.nativeId),
            name: uniqueName(vm.name),
          },
        }),
        'copyVm',
      );
      const before = await transferPast(read, transfer.id, 1 / 4);
      await topology.restartCloudNode(to.id, () => new Promise((resolve) => setTimeout(resolve, 300)));
      toMock.setFaults({ latencyMs: 0 });
      // The gateway sees the node back (a health check), and resumes the import.
      await topology.gateway.checkHealth();
      const done = await ended(transfer.id, 60_000);
      const expected = await diskSha(from, vm);
      expect(done).toMatchObject({ state: 'SUCCEEDED', targetChecksum: expected, sourceChecksum: expected });
      expect(done.resumes).toBeGreaterThanOrEqual(1);
      // Resumed from the checkpoint, not from zero: under twice the size in all, and the acknowledged part not resent.
      // Not from zero: the export once, plus at most the chunks in flight when the node went (one being written,
      // one fetched ahead); a restart from zero would fetch the acknowledged quarter again.
      expect(before.progress.bytesDone).toBeGreaterThan(IN_FLIGHT_BYTES);
      expect(done.bytesSent).toBeLessThanOrEqual(done.progress.bytesTotal + IN_FLIGHT_BYTES);
    } finally {
      toMock.setFaults({ latencyMs: 0 });
    }
  });

  it('waits while the source cloud is cut, then goes on', async () => {
    const from = cloudOf('nova');
    const to = cloudOf('vsphere');
    const vm = from.vms[0]!;
    const fromMock = topology.cloud(from.id).mock;
    const toMock = topology.cloud(to.id).mock;
    toMock.setFaults({ latencyMs: 20 });
    try {
      const transfer = started(
        await topology.query(COPY, {
          input: { vmId: globalId(from, vm.nativeId), targetVdcId: globalId(to, to.vdcs[1]!.nativeId), name: uniqueName(vm.name) },
        }),
        'copyVm',
      );
      await waitFor('the copy under way', async () => ((await read(transfer.id)).progress.bytesDone > 0 ? true : undefined), {
        timeoutMs: 30_000,
      });
      fromMock.setFaults({ down: true });
      await waitFor(
        'the transfer waiting for its source',
        async () => ((await read(transfer.id)).progress.phase === 'WAITING' ? true : undefined),
        {
          timeoutMs: 30_000,
        },
      );
      fromMock.setFaults({ down: false });
      toMock.setFaults({ latencyMs: 0 });
      const done = await ended(transfer.id, 60_000);
      expect(done).toMatchObject({ state: 'SUCCEEDED', targetChecksum: await diskSha(from, vm) });
      // Waited out in place: nothing acknowledged was fetched again (a failed fetch brings no bytes).
      expect(done.bytesSent).toBeLessThanOrEqual(done.progress.bytesTotal + IN_FLIGHT_BYTES);
    } finally {
      fromMock.setFaults({ down: false });
      toMock.setFaults({ latencyMs: 0 });
    }
  });

  it('cancels: the transfer stops and the destination keeps nothing of it', async () => {
    const from = cloudOf('director');
    const to = cloudOf('nova');
    const vm = exportable(from, 1);
    const toMock = topology.cloud(to.id).mock;
    const vmsBefore = toMock.cloud.vms.length;
    toMock.setFaults({ latencyMs: 40 });
    try {
      const name = uniqueName(vm.name);
      const transfer = started(
        await topology.query(COPY, { input: { vmId: globalId(from, vm.nativeId), targetVdcId: globalId(to, to.vdcs[0]!.nativeId), name } }),
        'copyVm',
      );
      await waitFor('the copy under way', async () => ((await read(transfer.id)).progress.bytesDone > 0 ? true : undefined), {
        timeoutMs: 30_000,
      });
      const cancel = await topology.query<{ cancelTransfer: TransferView }>(CANCEL, { id: transfer.id });
      expect(cancel.errors).toBeUndefined();
      const done = await ended(transfer.id);
      expect(done).toMatchObject({ state: 'FAILED', resultId: null, progress: { phase: 'CANCELLED' } });
      expect(toMock.cloud.vms.length).toBe(vmsBefore);
      expect(toMock.cloud.vms.some((v) => v.name === name)).toBe(false);
      // A second cancel of an ended transfer is refused.
      const again = await topology.query(CANCEL, { id: transfer.id });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    } finally {
      toMock.setFaults({ latencyMs: 0 });
    }
  });

  it('reports progress on the taskProgress feed to the owner only: phase, bytes, percent', async () => {
    const acme = await topology.tokenFor({ subject: 'alice', role: 'tenant-admin', tenantId: 'acme' });
    const globex = await topology.tokenFor({ subject: 'gina', role: 'tenant-admin', tenantId: 'globex' });
    const vsphere = cloudOf('vsphere'); // acme's
    const director = cloudOf('director');
    const acmeVdc = director.vdcs.find((vdc) => director.orgs.find((o) => o.nativeId === vdc.orgNativeId)?.tenantId === 'acme')!;
    const vm = exportable(vsphere);
    const vmId = globalId(vsphere, vm.nativeId);
    const selection =
      'taskProgress(vmId: $vm) { taskId operation state progress transfer { phase bytesDone bytesTotal percent rateBytesPerSec } }';
    type Event = {
      taskProgress: {
        taskId: string;
        operation: string;
        state: string;
        progress: number;
        transfer: { phase: string; bytesDone: number; bytesTotal: number; percent: number; rateBytesPerSec: number } | null;
      };
    };
    const clients = [connect(topology.gateway.url, acme), connect(topology.gateway.url, globex)];
    const base = topology.gateway.subscriptionStats().subscribed;
    const own = feed<Event>(clients[0]!, `subscription($vm: ID) { ${selection} }`, { vm: vmId });
    const foreign = feed<Event>(clients[1]!, `subscription($vm: ID) { ${selection} }`, { vm: vmId });
    const byTaskFeeds: Array<{ dispose(): void }> = [];
    try {
      // The other tenant's feed may be refused outright (a foreign VM id); it must never carry the copy.
      const subscribed = () => topology.gateway.subscriptionStats().subscribed - base;
      await waitFor(
        'both feeds registered, or the foreign one refused',
        () => subscribed() >= 2 || (foreign.errors.length > 0 && subscribed() >= 1),
      );
      // Slow uploads: the copy still runs while feeds by its task id are opened.
      topology.cloud(director.id).mock.setFaults({ latencyMs: 30 });
      const res = await topology.query<{ copyVm: TransferView }>(
        COPY,
        { input: { vmId, targetVdcId: globalId(director, acmeVdc.nativeId), name: uniqueName(vm.name) } },
        acme,
      );
      expect(res.errors).toBeUndefined();
      const taskId = res.data!.copyVm.taskId;
      const byTask = 'subscription($task: ID) { taskProgress(taskId: $task) { taskId state } }';
      const ownByTask = feed<{ taskProgress: { taskId: string } }>(clients[0]!, byTask, { task: taskId });
      const foreignByTask = feed<{ taskProgress: { taskId: string } }>(clients[1]!, byTask, { task: taskId });
      byTaskFeeds.push(ownByTask, foreignByTask);
      // The owner's feed by task id carries the copy while the other tenant's, open as long, stays empty.
      await ownByTask.until(1);
      topology.cloud(director.id).mock.setFaults({ latencyMs: 0 });
      const done = await ended(res.data!.copyVm.id);
      const events = await waitFor(
        'the SUCCEEDED task event',
        () => own.events.some((e) => e.taskProgress.state === 'SUCCEEDED') && own.events.map((e) => e.taskProgress),
        { timeoutMs: 10_000 },
      );
      expect(new Set(events.map((e) => e.taskId))).toEqual(new Set([done.taskId]));
      expect(new Set(events.map((e) => e.operation))).toEqual(new Set(['COPY_VM']));
      const copying = events.filter((e) => e.transfer?.phase === 'COPYING');
      expect(copying.length).toBeGreaterThan(0);
      // Bytes only grow, and the last event is the whole transfer, done.
      const done_ = events.map((e) => e.transfer!.bytesDone);
      expect(done_).toEqual([...done_].sort((a, b) => a - b));
      expect(events[events.length - 1]).toMatchObject({
        state: 'SUCCEEDED',
        progress: 100,
        transfer: { phase: 'DONE', percent: 100, bytesDone: done.progress.bytesTotal, bytesTotal: done.progress.bytesTotal },
      });
      expect(foreign.events).toEqual([]);
      expect(foreignByTask.events).toEqual([]);
    } finally {
      topology.cloud(director.id).mock.setFaults({ latencyMs: 0 });
      byTaskFeeds.forEach((f) => f.dispose());
      own.dispose();
      foreign.dispose();
      await Promise.all(clients.map((c) => c.dispose()));
    }
  });

  describe('tenants copy only their own VMs into their own VDCs', () => {
    it.each([
      ['acme', 'globex'],
      ['globex', 'acme'],
    ] as const)('refuses %s a copy or move of a VM of %s exactly as one of a VM that does not exist', async (self, other) => {
      const token = await topology.tokenFor({ subject: `${self}-admin`, role: 'tenant-admin', tenantId: self });
      const director = cloudOf('director');
      const ownVdc = director.vdcs.find((v) => director.orgs.find((o) => o.nativeId === v.orgNativeId)?.tenantId === self)!;
      const dedicated = topology.seed.clouds.find((c) => c.ownerTenantId === other)!;
      const foreign = globalId(dedicated, dedicated.vms[0]!.nativeId);
      const missing = `${foreign}-missing`;
      const input = (vmId: string) => ({ input: { vmId, targetVdcId: globalId(director, ownVdc.nativeId) } });
      const mask = (value: unknown, id: string) => JSON.parse(JSON.stringify(value).replaceAll(id, '<vm>')) as unknown;
      for (const mutation of [COPY, MOVE]) {
        const refused = await topology.query(mutation, input(foreign), token);
        const unknown = await topology.query(mutation, input(missing), token);
        expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(mask(refused, foreign)).toEqual(mask(unknown, missing));
      }
      expect(topology.cloud(dedicated.id).mock.cloud.vms.some((v) => v.nativeId === dedicated.vms[0]!.nativeId)).toBe(true);
    });
    const tenantVdc = (cloud: SeedCloud, tenantId: string) =>
      cloud.vdcs.find((vdc) => cloud.orgs.find((o) => o.nativeId === vdc.orgNativeId)?.tenantId === tenantId)!;

    it('refuses a foreign source or target exactly as a nonexistent one, and lets a tenant copy its own', async () => {
      const acme = await topology.tokenFor({ subject: 'alice', role: 'tenant-admin', tenantId: 'acme' });
      const vsphere = cloudOf('vsphere'); // acme's
      const nova = cloudOf('nova'); // globex's
      const director = cloudOf('director');
      const own = exportable(vsphere);
      const foreign = nova.vms[0]!;
      const ownVdc = globalId(director, tenantVdc(director, 'acme').nativeId);
      const foreignVdc = globalId(director, tenantVdc(director, 'globex').nativeId);
      const answer = async (input: Record<string, unknown>) => {
        const res = await topology.query(COPY, { input }, acme);
        return {
          data: res.data,
          errors: res.errors?.map((e) => ({
            message: e.message.replaceAll(String(input.vmId), '<vm>').replaceAll(String(input.targetVdcId), '<vdc>'),
            code: e.extensions?.code,
          })),
        };
      };
      const foreignSource = await answer({ vmId: globalId(nova, foreign.nativeId), targetVdcId: ownVdc });
      const missingSource = await answer({ vmId: `${nova.id}:${foreign.nativeId}-missing`, targetVdcId: ownVdc });
      expect(foreignSource.errors?.[0]?.code).toBe('NOT_FOUND');
      expect(foreignSource).toEqual(missingSource);
      const foreignTarget = await answer({ vmId: globalId(vsphere, own.nativeId), targetVdcId: foreignVdc });
      const missingTarget = await answer({
        vmId: globalId(vsphere, own.nativeId),
        targetVdcId: `${director.id}:${tenantVdc(director, 'globex').nativeId}-missing`,
      });
      expect(foreignTarget.errors?.[0]?.code).toBe('NOT_FOUND');
      expect(foreignTarget).toEqual(missingTarget);

      const res = await topology.query<{ copyVm: TransferView }>(
        COPY,
        { input: { vmId: globalId(vsphere, own.nativeId), targetVdcId: ownVdc, name: uniqueName(own.name) } },
        acme,
      );
      expect(res.errors).toBeUndefined();
      const done = await ended(res.data!.copyVm.id);
      expect(done).toMatchObject({ state: 'SUCCEEDED', targetChecksum: await diskSha(vsphere, own) });
      // globex cannot read acme's transfer: answered as an unknown id.
      const globex = await topology.tokenFor({ subject: 'gina', role: 'tenant-admin', tenantId: 'globex' });
      const peek = await topology.query<{ transfer: TransferView | null }>(READ, { id: done.id }, globex);
      const unknown = await topology.query<{ transfer: TransferView | null }>(
        READ,
        { id: 'transfer-00000000-0000-4000-8000-000000000000' },
        globex,
      );
      expect(peek.data).toEqual({ transfer: null });
      expect(peek).toEqual(unknown);
      // Nor cancel it, nor find it in its list: the same answers as for an id that does not exist.
      const unknownId = 'transfer-00000000-0000-4000-8000-000000000000';
      const mask = (res: GraphQLResponse, id: string) => JSON.parse(JSON.stringify(res).replaceAll(id, '<id>')) as unknown;
      const cancelForeign = await topology.query(CANCEL, { id: done.id }, globex);
      const cancelUnknown = await topology.query(CANCEL, { id: unknownId }, globex);
      expect(cancelForeign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(mask(cancelForeign, done.id)).toEqual(mask(cancelUnknown, unknownId));
      const list = await topology.query<{ transfers: Array<{ id: string }> }>('{ transfers(first: 100) { id } }', {}, globex);
      expect(list.data!.transfers.map((t) => t.id)).not.toContain(done.id);
      const ownList = await topology.query<{ transfers: Array<{ id: string }> }>('{ transfers(first: 100) { id } }', {}, acme);
      expect(ownList.data!.transfers.map((t) => t.id)).toContain(done.id);
    });
  });
});
