/**
 * The transfer coordinator's bookkeeping over the embedded store, with stand-in node
 * routes: what start stores and asks, how destination reports become the checkpoint
 * and task events (idempotent, forward only, bytes sent per run), resume, the endings
 * (checksums, a move's source, cancel) and who may read what.
 */
import { createHash } from 'node:crypto';
import { nodeBaseUrl } from '../../gateway/nodes/endpoints';
import type { NodeInstance } from '../../gateway/registry';
import { createMemoryStore } from '../../gateway/store';
import type { Store } from '../../gateway/store/types';
import { createTransferCoordinator, type TransferCoordinator } from '../../gateway/transfers';
import type { NodeRoutes } from '../../gateway/transfers/nodeRoutes';
import type { TransferEvent } from '../../gateway/transfers/progress';
import type { TransferSpec } from '../../gateway/transfers/types';
import type { AccessGuard } from '../../gateway/isolation/guard';
import { BLOCK_BYTES, seededDisk } from '../../mocks/content/seededBytes';
import { vmDiskKey } from '../../mocks/content/seededContent';
import type { NodeEvent } from '../../schema/events';
import { type Principal } from '../../schema/principal';
import { DEFAULT_CHUNK_BYTES, grantKeyFor, type ExportManifest, type ImportRequest, type TransferReport } from '../../schema/transfers';
import { waitFor } from '../support/waitFor';

const acme: Principal = { subject: 'alice', role: 'tenant-admin', tenantId: 'acme' };
const acmeViewer: Principal = { subject: 'bob', role: 'tenant-viewer', tenantId: 'acme' };
const globex: Principal = { subject: 'gina', role: 'tenant-admin', tenantId: 'globex' };
const admin: Principal = { subject: 'ops', role: 'provider-admin' };

const node = (cloudId: string): NodeInstance => ({
  cloudId,
  kind: 'cloud-node',
  url: `http://127.0.0.1:9/${cloudId}/graphql`,
  secret: `${cloudId}-secret-`.padEnd(40, 'x'),
});
const NODES = new Map(['dc-east', 'dc-west', 'nova-eu'].map((id) => [id, node(id)]));

const disk = seededDisk(vmDiskKey('dc-east', 'vm-1'), 3 * BLOCK_BYTES + 100);
const descriptor = Buffer.from('<Envelope name="vm-1"/>');

const copyVm = (operation: 'COPY_VM' | 'MOVE_VM' = 'COPY_VM'): TransferSpec => ({
  operation,
  sourceId: 'dc-east:vm-1',
  targetCloudId: 'dc-west',
  target: { kind: 'vm', vdcId: 'vdc-w', name: '' },
});

describe('transfer progress and endings', () => {
  let store: Store;
  let coordinator: TransferCoordinator;
  let calls: Array<{ op: string; cloudId: string; arg?: unknown }>;
  let published: NodeEvent[];
  /** Failures nobody awaited (cleanups, resumes): none is expected. */
  let errors: string[];
  let manifest: ExportManifest;
  let clock: number;
  let seq: number;
  /** What the store held for the transfer when the source node was asked to export. */
  let storedAtExport: unknown;

  beforeAll(async () => {
    manifest = {
      descriptor: { name: 'vm-1', cpuCount: 1, memoryMb: 512 },
      files: [
        { name: 'descriptor.ovf', size: descriptor.length, sha256: createHash('sha256').update(descriptor).digest('hex') },
        { name: 'disk-0.vmdk', size: disk.size, sha256: await disk.sha256() },
      ],
    };
  });

  beforeEach(async () => {
    store = await createMemoryStore();
    calls = [];
    published = [];
    errors = [];
    clock = Date.parse('2026-12-04T12:00:00Z');
    seq = 0;
    const record = (op: string, n: NodeInstance, arg?: unknown) =>
      void calls.push({ op, cloudId: n.cloudId, ...(arg !== undefined ? { arg } : {}) });
    const routes: NodeRoutes = {
      inspect: async (n, source) => {
        record('inspect', n, source.id);
        return {
          name: 'vm-1',
          cpuCount: 1,
          memoryMb: 512,
          sizeBytes: 0,
          powerState: 'POWERED_OFF',
          sha256: null,
          exportNeedsPoweredOff: true,
        };
      },
      check: async (n) => (record('check', n), { ok: true }),
      openExport: async (n, request) => {
        storedAtExport = await store.transfers.get(request.transferId);
        record('openExport', n, request.source);
        return manifest;
      },
      closeExport: async (n, id) => record('closeExport', n, id),
      startImport: async (n, request) => record('startImport', n, request),
      cancelImport: async (n, id) => record('cancelImport', n, id),
      deleteVm: async (n, id) => record('deleteVm', n, id),
      deleteTemplate: async (n, id) => record('deleteTemplate', n, id),
      ensureCatalog: async (_n, name) => ({ id: name, name }),
      listTemplates: async () => [],
      renameTemplate: async () => undefined,
    };
    const guard = {
      allowsMany: async (p: Principal, checks: unknown[]) => checks.map(() => !('tenantId' in p && p.tenantId === 'globex')),
      nodePrincipal: async (p: Principal) => p,
    } as unknown as Pick<AccessGuard, 'allowsMany' | 'nodePrincipal'>;
    coordinator = createTransferCoordinator({
      store: store.transfers,
      registry: { find: (_kind, cloudId) => NODES.get(cloudId) },
      guard,
      routes,
      chunkBytes: DEFAULT_CHUNK_BYTES,
      stallMs: 1000,
      publish: (event) => void published.push(event),
      onError: (err, what) => void errors.push(`${what}: ${err.message}`),
      now: () => new Date(clock),
    });
  });

  afterEach(() => {
    coordinator.resumer.stop();
    expect(errors).toEqual([]);
  });

  const total = () => manifest.files.reduce((sum, f) => sum + f.size, 0);
  /** A destination node's report, as its event stream delivers it. */
  const report = (transferId: string, over: Partial<TransferReport>, cloudId = 'dc-west'): TransferEvent => {
    seq++;
    return {
      id: `${cloudId}/cloud-node@e1#${seq}`,
      seq,
      at: new Date(clock).toISOString(),
      cloudId,
      kind: 'transfer',
      transfer: {
        transferId,
        phase: 'COPYING',
        checkpoint: { fileIndex: 1, offset: 0, state: {} },
        bytesDone: 0,
        bytesTotal: total(),
        bytesSent: 0,
        rateBytesPerSec: 0,
        ...over,
      },
    };
  };
  const started = async (spec = copyVm(), principal: Principal = acme) => {
    const record = await coordinator.service.start(principal, spec);
    await coordinator.resumer.settled();
    return record;
  };
  const imports = () => calls.filter((c) => c.op === 'startImport').map((c) => c.arg as ImportRequest);
  const tasksOf = (taskId: string) =>
    published.filter((e): e is Extract<NodeEvent, { kind: 'task' }> => e.kind === 'task' && e.task.id === taskId);

  it('stores the transfer RUNNING and PREPARING before asking the source to export, then hands the destination its grant', async () => {
    const transfer = await started();
    expect(transfer.id).toMatch(/^transfer-[0-9a-f-]{36}$/);
    expect(transfer.taskId).toBe(`dc-west:${transfer.id}`);
    expect(storedAtExport).toMatchObject({ id: transfer.id, state: 'RUNNING', phase: 'PREPARING' });
    const [request] = imports();
    expect(request).toEqual({
      transferId: transfer.id,
      sourceUrl: nodeBaseUrl(NODES.get('dc-east')!.url).toString(),
      grantKey: grantKeyFor(NODES.get('dc-east')!.secret, transfer.id),
      target: { kind: 'vm', vdcId: 'vdc-w', name: 'vm-1' },
      manifest,
      chunkBytes: DEFAULT_CHUNK_BYTES,
    });
    const stored = await coordinator.service.get(acme, transfer.id);
    expect(stored).toMatchObject({ bytesTotal: total(), sourceChecksum: await disk.sha256(), phase: 'COPYING' });
  });

  it('keeps the checkpoint moving forward only, and a report heard twice counts once', async () => {
    const { id, taskId } = await started();
    const ahead = report(id, {
      checkpoint: { fileIndex: 1, offset: 2 * BLOCK_BYTES, state: { session: 's1' } },
      bytesDone: 2 * BLOCK_BYTES,
      bytesSent: 2 * BLOCK_BYTES,
    });
    await coordinator.progress.accept(ahead);
    // Heard again (the bus), then a late, older report.
    await coordinator.progress.accept(ahead);
    await coordinator.progress.accept(
      report(id, {
        checkpoint: { fileIndex: 1, offset: BLOCK_BYTES, state: { session: 'old' } },
        bytesDone: BLOCK_BYTES,
        bytesSent: BLOCK_BYTES,
      }),
    );
    const stored = await store.transfers.get(id);
    expect(stored?.checkpoint).toEqual({ fileIndex: 1, offset: 2 * BLOCK_BYTES, state: { session: 's1' } });
    expect(stored?.bytesDone).toBe(2 * BLOCK_BYTES);
    expect((await coordinator.service.get(acme, id))?.bytesSent).toBe(2 * BLOCK_BYTES);
    expect(tasksOf(taskId).filter((e) => e.id.includes(ahead.id.replace(/[@#]/g, '.')))).toHaveLength(1);
  });

  it('publishes task events with the transfer filled in, about the source VM', async () => {
    const { id, taskId } = await started();
    const half = Math.floor(total() / 2);
    await coordinator.progress.accept(
      report(id, { bytesDone: half, rateBytesPerSec: 1000, checkpoint: { fileIndex: 1, offset: half - descriptor.length, state: {} } }),
    );
    const last = tasksOf(taskId).at(-1)!;
    expect(last.cloudId).toBe('dc-west');
    expect(last.task).toEqual({
      id: taskId,
      operation: 'COPY_VM',
      vmId: 'dc-east:vm-1',
      state: 'RUNNING',
      progress: Math.floor((half / total()) * 100),
      transfer: {
        phase: 'COPYING',
        bytesDone: half,
        bytesTotal: total(),
        percent: Math.floor((half / total()) * 100),
        rateBytesPerSec: 1000,
      },
    });
  });

  it('ignores a report about the import from any cloud but the destination', async () => {
    const { id } = await started();
    await coordinator.progress.accept(report(id, { bytesDone: 5, checkpoint: { fileIndex: 1, offset: 5, state: {} } }, 'nova-eu'));
    expect((await store.transfers.get(id))?.bytesDone).toBe(0);
  });

  it('resumes from the stored checkpoint as a new run, and adds up the bytes sent of every run', async () => {
    const { id } = await started();
    const checkpoint = { fileIndex: 1, offset: BLOCK_BYTES, state: { staging: 'p' } };
    await coordinator.progress.accept(report(id, { checkpoint, bytesDone: BLOCK_BYTES + descriptor.length, bytesSent: 2 * BLOCK_BYTES }));
    await coordinator.resumer.resume(id, 'test');
    expect(imports().at(-1)).toMatchObject({ transferId: id, resume: checkpoint });
    await coordinator.progress.accept(
      report(id, { checkpoint: { ...checkpoint, offset: 2 * BLOCK_BYTES }, bytesDone: 2 * BLOCK_BYTES, bytesSent: BLOCK_BYTES }),
    );
    expect(await coordinator.service.get(acme, id)).toMatchObject({ resumes: 1, bytesSent: 3 * BLOCK_BYTES });
  });

  it('resumes when one of its nodes is back from DOWN, not when a node first comes up or another node is back', async () => {
    const { id } = await started();
    coordinator.resumer.nodeStatusChanged('dc-west', 'UP', 'UNKNOWN');
    coordinator.resumer.nodeStatusChanged('nova-eu', 'UP', 'DOWN');
    await coordinator.resumer.settled();
    expect(imports()).toHaveLength(1);
    coordinator.resumer.nodeStatusChanged('dc-west', 'UP', 'DOWN');
    await waitFor('a second import request after the node came back', () => imports().length === 2);
    await coordinator.resumer.settled();
    expect((await store.transfers.get(id))?.resumes).toBe(1);
  });

  it('resumes a transfer nothing was heard of for the stall time', async () => {
    const { id } = await started();
    await coordinator.resumer.start();
    // The gateway-start resume, then time passes with no report.
    await waitFor('the resume at start', () => imports().length === 2);
    clock += 1000;
    await waitFor('a resume after the stall', () => imports().length === 3);
    await coordinator.resumer.settled();
    expect((await store.transfers.get(id))?.resumes).toBe(2);
  });

  it('succeeds with the source checksum, closes the export and settles its waiters', async () => {
    const { id, taskId } = await started();
    const settled = coordinator.service.settled(id);
    await coordinator.progress.accept(
      report(id, { phase: 'DONE', bytesDone: total(), result: { id: 'vm-w9', sha256: await disk.sha256() } }),
    );
    expect(await settled).toMatchObject({
      state: 'SUCCEEDED',
      phase: 'DONE',
      resultId: 'dc-west:vm-w9',
      targetChecksum: await disk.sha256(),
    });
    expect(calls.filter((c) => c.op === 'closeExport')).toEqual([{ op: 'closeExport', cloudId: 'dc-east', arg: id }]);
    expect(tasksOf(taskId).at(-1)?.task).toMatchObject({ state: 'SUCCEEDED', progress: 100 });
  });

  it('fails on a checksum mismatch and removes the copy at the destination', async () => {
    const { id } = await started();
    const other = await seededDisk('another disk', disk.size).sha256();
    await coordinator.progress.accept(report(id, { phase: 'DONE', bytesDone: total(), result: { id: 'vm-w9', sha256: other } }));
    expect(await coordinator.service.settled(id)).toMatchObject({ state: 'FAILED', error: 'checksum mismatch', targetChecksum: other });
    expect(calls).toContainEqual({ op: 'deleteVm', cloudId: 'dc-west', arg: 'vm-w9' });
    expect(calls).not.toContainEqual(expect.objectContaining({ op: 'deleteVm', cloudId: 'dc-east' }));
  });

  it('moves: removes the source only after the copy matched, then succeeds', async () => {
    const { id, taskId } = await started(copyVm('MOVE_VM'));
    await coordinator.progress.accept(
      report(id, { phase: 'DONE', bytesDone: total(), result: { id: 'vm-w9', sha256: await disk.sha256() } }),
    );
    expect(await coordinator.service.settled(id)).toMatchObject({ state: 'SUCCEEDED', operation: 'MOVE_VM', resultId: 'dc-west:vm-w9' });
    expect(calls).toContainEqual({ op: 'deleteVm', cloudId: 'dc-east', arg: 'vm-1' });
    expect(tasksOf(taskId).map((e) => e.task.transfer?.phase)).toEqual(['PREPARING', 'COPYING', 'REMOVING_SOURCE', 'DONE']);
  });

  it('cancels: stops the import and closes the export; a second cancel is a conflict; another tenant is told it does not exist', async () => {
    const { id } = await started();
    const unknown = 'transfer-00000000-0000-4000-8000-000000000000';
    await expect(coordinator.service.cancel(globex, id)).rejects.toMatchObject({
      message: `Transfer "${id}" not found`,
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(coordinator.service.cancel(globex, unknown)).rejects.toMatchObject({
      message: `Transfer "${unknown}" not found`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await coordinator.service.cancel(acme, id)).toMatchObject({ state: 'FAILED', phase: 'CANCELLED', error: 'cancelled' });
    expect(calls).toEqual(
      expect.arrayContaining([
        { op: 'cancelImport', cloudId: 'dc-west', arg: id },
        { op: 'closeExport', cloudId: 'dc-east', arg: id },
      ]),
    );
    await expect(coordinator.service.cancel(acme, id)).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    // A late report of the stopped import does not bring it back.
    await coordinator.progress.accept(report(id, { bytesDone: 10, checkpoint: { fileIndex: 1, offset: 10, state: {} } }));
    expect(await coordinator.service.get(acme, id)).toMatchObject({ state: 'FAILED', bytesDone: 0 });
  });

  it("shows a tenant its tenant's transfers, an administrator all, and nobody else any", async () => {
    const mine = await started();
    const theirs = await started(copyVm(), admin);
    expect((await coordinator.service.list(acmeViewer, 10)).map((t) => t.id)).toEqual([mine.id]);
    expect((await coordinator.service.list(admin, 10)).map((t) => t.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect(await coordinator.service.get(globex, mine.id)).toBeUndefined();
    expect(await coordinator.service.get(acmeViewer, mine.id)).toMatchObject({ id: mine.id });
  });
});
