/**
 * Transfers between two real cloud-nodes on loopback, called as the gateway calls
 * them (signed with each node's secret): an export opened at node A, an import at
 * node B that pulls A's chunks grant-signed and writes them into B's cloud, its
 * progress as `transfer` events in B's log. The clouds are test/support/memoryContent.ts
 * (see there why not yet the real adapters and mocks).
 */
import { randomBytes, randomUUID, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import type { NodeEvent } from '../../schema/events';
import type { Principal } from '../../schema/principal';
import { signRequest } from '../../schema/signing';
import {
  CHUNK_SHA256_HEADER,
  grantKeyFor,
  type Checkpoint,
  type ExportManifest,
  type ImportRequest,
  type TransferPhase,
  type TransferReport,
} from '../../schema/transfers';
import { seededDisk } from '../../mocks/content/seededBytes';
import { templateDiskKey, vmDiskKey } from '../../mocks/content/seededContent';
import { startCloudNode, type RunningCloudNode } from '../../subgraphs/cloud-node/server';
import { MemoryCloud } from '../support/memoryContent';
import { freePort } from '../support/ports';
import { waitFor } from '../support/waitFor';

const GATEWAY: Principal = { subject: 'overcast-gateway', role: 'provider-admin' };
const CHUNK = 256 * 1024;
/** Not a whole number of chunks: the last one is short. */
const DISK_BYTES = 3 * 1024 * 1024 + 12_345;
const RETRY = { forMs: 1500, initialMs: 20, maxMs: 100 };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const json = <T = unknown>(answer: Answer): T => JSON.parse(answer.body.toString('utf8')) as T;
interface GraphQLAnswer {
  data: { cloud: { templates: unknown[] }; template: unknown; _entities: unknown[] };
  errors?: Array<{ extensions: { code: string } }>;
}

const baseOf = (node: RunningCloudNode): string => node.url.replace(/\/graphql$/, '');
const newTransferId = (): string => `transfer-${randomUUID()}`;

/** A request signed with `secret` as schema/signing.ts signs it (the gateway's secret, or a grant key). */
async function call(base: string, secret: string, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<Answer> {
  const url = new URL(`${base}${route}`);
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...signRequest({ secret, method, path: url.pathname + url.search, body: text, principal: GATEWAY }),
  };
  const res = await request(url, { method, headers, ...(body === undefined ? {} : { body: text }) });
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) };
}

const reports = (node: RunningCloudNode, transferId: string): TransferReport[] =>
  node.events
    .since(0)
    .flatMap((event: NodeEvent) => (event.kind === 'transfer' && event.transfer.transferId === transferId ? [event.transfer] : []));

const reached = (node: RunningCloudNode, transferId: string, phase: TransferPhase) => () =>
  reports(node, transferId).find((r) => r.phase === phase);

describe('transfers between two cloud-nodes', () => {
  const secretA = randomBytes(32).toString('hex');
  const secretB = randomBytes(32).toString('hex');
  let cloudA: MemoryCloud;
  let cloudB: MemoryCloud;
  let nodeA: RunningCloudNode;
  let nodeB: RunningCloudNode;
  let portB: number;
  /** Node B's log lines. */
  let logLines: Array<{ msg: string; transferId?: string }>;
  // Node A under a base path: both kinds of signature cover the path with its prefix.
  const startA = () =>
    startCloudNode({
      cloud: { id: 'mem-a', name: 'A', kind: 'vsphere' },
      adapter: cloudA.adapter(),
      secret: secretA,
      basePath: '/edge',
      transfers: { retry: RETRY },
    });
  const startB = () =>
    startCloudNode({
      cloud: { id: 'mem-b', name: 'B', kind: 'vsphere' },
      adapter: cloudB.adapter(),
      secret: secretB,
      port: portB,
      transfers: { retry: RETRY },
      log: { destination: { write: (line: string) => void logLines.push(JSON.parse(line) as { msg: string }) } },
    });

  beforeEach(async () => {
    cloudA = new MemoryCloud({
      cloudId: 'mem-a',
      vdcs: [{ id: 'vdc-a', name: 'A' }],
      vms: [{ id: 'vm-1', name: 'web-1', vdcId: 'vdc-a', powerState: 'POWERED_OFF', cpuCount: 2, memoryMb: 2048, diskBytes: DISK_BYTES }],
      templates: [{ id: 'tpl-1', name: 'ubuntu-24.04', catalogName: 'golden', cpuCount: 2, memoryMb: 4096, diskBytes: 1024 * 1024 }],
    });
    cloudB = new MemoryCloud({
      cloudId: 'mem-b',
      vdcs: [
        { id: 'vdc-b', name: 'B' },
        { id: 'vdc-small', name: 'small' },
      ],
      vms: [{ id: 'vm-b1', name: 'taken', vdcId: 'vdc-b', powerState: 'POWERED_ON', cpuCount: 1, memoryMb: 512, diskBytes: 65536 }],
      capacity: { 'vdc-small': { cpuCount: 8, memoryMb: 1024, storageBytes: 1024 } },
    });
    nodeA = await startA();
    portB = await freePort();
    logLines = [];
    nodeB = await startB();
  });
  afterEach(async () => {
    cloudA.releaseReads();
    await Promise.all([nodeA.close(), nodeB.close()]);
  });

  const exportAtA = async (transferId: string, source = { type: 'vm', id: 'vm-1' }): Promise<ExportManifest> => {
    const answer = await call(baseOf(nodeA), secretA, 'POST', '/transfers/exports', { transferId, source });
    expect(answer.status).toBe(200);
    return json<ExportManifest>(answer);
  };
  const importRequest = (transferId: string, manifest: ExportManifest, extra: Partial<ImportRequest> = {}): ImportRequest => ({
    transferId,
    sourceUrl: baseOf(nodeA),
    grantKey: grantKeyFor(secretA, transferId),
    target: { kind: 'vm', vdcId: 'vdc-b', name: 'web-1-copy' },
    manifest,
    chunkBytes: CHUNK,
    ...extra,
  });
  const importAtB = async (body: ImportRequest): Promise<void> => {
    const answer = await call(baseOf(nodeB), secretB, 'POST', '/transfers/imports', body);
    expect(answer.status).toBe(202);
  };
  const vmDiskSha = () => seededDisk(vmDiskKey('mem-a', 'vm-1'), DISK_BYTES).sha256();

  test('a VM exported at one node is imported at the other chunk by chunk, with the source disk’s checksum', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    expect(manifest.files.map((f) => f.size)).toEqual([expect.any(Number), DISK_BYTES]);
    expect(manifest.files[1]!.sha256).toBe(await vmDiskSha());
    // The same transfer again answers the same export, opened once.
    expect(await exportAtA(transferId)).toEqual(manifest);
    expect(cloudA.exportsOpened).toBe(1);

    await importAtB(importRequest(transferId, manifest));
    const done = await waitFor('DONE in node B’s events', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
    const total = manifest.files.reduce((sum, f) => sum + f.size, 0);
    expect(done.result!.sha256).toBe(await vmDiskSha());
    expect(await cloudB.disks.get(done.result!.id)!.sha256()).toBe(await vmDiskSha());
    expect(cloudB.vms.get(done.result!.id)).toMatchObject({ name: 'web-1-copy', vdcId: 'vdc-b', cpuCount: 2, memoryMb: 2048 });
    expect(done).toMatchObject({ bytesDone: total, bytesTotal: total, bytesSent: total });

    const all = reports(nodeB, transferId);
    expect(all.map((r) => r.phase).filter((p, i, a) => p !== a[i - 1])).toEqual(['COPYING', 'IMPORTING', 'DONE']);
    const copying = all.filter((r) => r.phase === 'COPYING');
    // One report before the first chunk, then one per acknowledged chunk: the descriptor's one, and the disk's.
    expect(copying).toHaveLength(1 + 1 + Math.ceil(DISK_BYTES / CHUNK));
    expect(copying.at(-1)!.checkpoint).toEqual({ fileIndex: 1, offset: DISK_BYTES, state: { importId: expect.any(String) } });
    for (let i = 1; i < copying.length; i++) expect(copying[i]!.bytesDone).toBeGreaterThan(copying[i - 1]!.bytesDone);
    // One log line per phase change.
    expect(logLines.filter((line) => line.transferId === transferId).map((line) => line.msg)).toEqual([
      'transfer copying',
      'transfer importing',
      'transfer done',
    ]);

    // Closed by the gateway: the chunk route no longer serves it.
    expect((await call(baseOf(nodeA), secretA, 'DELETE', `/transfers/exports/${transferId}`)).status).toBe(204);
    expect(cloudA.exportsClosed).toBe(1);
    const after = await call(
      baseOf(nodeA),
      grantKeyFor(secretA, transferId),
      'GET',
      `/transfers/exports/${transferId}/files/1?start=0&end=10`,
    );
    expect(after.status).toBe(404);
    expect(json(after)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  test('an import posted again after it finished reports its DONE again, making no second copy', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    await importAtB(importRequest(transferId, manifest));
    const done = await waitFor('DONE', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
    const vmsBefore = cloudB.vms.size;
    const readsBefore = cloudA.reads.length;
    // The gateway was away when the DONE came and resumes from its last checkpoint.
    await importAtB(
      importRequest(transferId, manifest, { resume: reports(nodeB, transferId).filter((r) => r.phase === 'COPYING')[0]!.checkpoint }),
    );
    await waitFor('a second DONE', () => reports(nodeB, transferId).filter((r) => r.phase === 'DONE').length === 2);
    expect(reports(nodeB, transferId).filter((r) => r.phase === 'DONE')[1]).toEqual(done);
    expect(cloudB.vms.size).toBe(vmsBefore);
    expect(cloudA.reads.length).toBe(readsBefore);
  });

  test('a template is imported into a catalog created for it', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId, { type: 'template', id: 'tpl-1' });
    await importAtB(importRequest(transferId, manifest, { target: { kind: 'template', catalog: 'subscribed', name: 'ubuntu-24.04' } }));
    const done = await waitFor('DONE', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
    expect(done.result!.sha256).toBe(await seededDisk(templateDiskKey('mem-a', 'ubuntu-24.04'), 1024 * 1024).sha256());
    expect(cloudB.templates.get(done.result!.id)).toMatchObject({ name: 'ubuntu-24.04', catalogName: 'subscribed' });
  });

  test('an import cut off by the destination node’s restart continues from its checkpoint, not from zero', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    // The descriptor and three disk chunks get through; the fourth disk chunk waits at the source.
    cloudA.holdReadsAfter(4);
    await importAtB(importRequest(transferId, manifest));
    await waitFor('a read held at the source', () => cloudA.heldReads === 1);
    const last = await waitFor('the third disk chunk acknowledged', () =>
      reports(nodeB, transferId).find((r) => r.checkpoint.fileIndex === 1 && r.checkpoint.offset === 3 * CHUNK),
    );
    const firstRun = reports(nodeB, transferId).at(-1)!;
    expect(firstRun).toEqual(last);

    await nodeB.close();
    const readsBefore = cloudA.reads.length;
    cloudA.releaseReads();
    nodeB = await startB();
    const checkpoint: Checkpoint = last.checkpoint;
    await importAtB(importRequest(transferId, manifest, { resume: checkpoint }));
    const done = await waitFor('DONE after the restart', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });

    expect(done.result!.sha256).toBe(await vmDiskSha());
    // The new run's first read is where the checkpoint stood, and neither run sent the whole disk twice.
    expect(cloudA.reads[readsBefore]).toEqual({ index: 1, start: checkpoint.offset, end: checkpoint.offset + CHUNK });
    const total = manifest.files.reduce((sum, f) => sum + f.size, 0);
    expect(firstRun.bytesSent + done.bytesSent).toBeLessThan(2 * DISK_BYTES);
    expect(done.bytesSent).toBe(total - checkpoint.offset - manifest.files[0]!.size);
  });

  test('a second POST of a running import restarts it, from what the cloud holds when that is past the checkpoint given', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    cloudA.holdReadsAfter(5);
    await importAtB(importRequest(transferId, manifest));
    await waitFor('a read held at the source', () => cloudA.heldReads === 1);
    const early = reports(nodeB, transferId).find((r) => r.checkpoint.fileIndex === 1 && r.checkpoint.offset === CHUNK)!;
    await waitFor('four disk chunks acknowledged', () => reports(nodeB, transferId).find((r) => r.checkpoint.offset === 4 * CHUNK));

    await importAtB(importRequest(transferId, manifest, { resume: early.checkpoint }));
    await waitFor('the new run’s first read, held', () => cloudA.heldReads === 2);
    expect(cloudA.reads.at(-1)).toEqual({ index: 1, start: 4 * CHUNK, end: 5 * CHUNK });
    cloudA.releaseReads();
    const done = await waitFor('DONE', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
    expect(done.result!.sha256).toBe(await vmDiskSha());
    expect(reports(nodeB, transferId).filter((r) => r.phase === 'DONE')).toHaveLength(1);
  });

  test('a source whose cloud is unavailable for a while is waited out: WAITING, then DONE', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    cloudA.failReads = 5;
    await importAtB(importRequest(transferId, manifest));
    const done = await waitFor('DONE', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
    expect(done.result!.sha256).toBe(await vmDiskSha());
    const phases = reports(nodeB, transferId).map((r) => r.phase);
    const waiting = reports(nodeB, transferId).find((r) => r.phase === 'WAITING')!;
    expect(waiting.error).toMatch(/503/);
    expect(phases.indexOf('WAITING')).toBeLessThan(phases.indexOf('DONE'));
    expect(cloudA.failReads).toBe(0);
  });

  test('a source out of reach for longer than the retry window fails the import, saying so', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    await nodeA.close();
    try {
      await importAtB(importRequest(transferId, manifest));
      const failed = await waitFor('FAILED', reached(nodeB, transferId, 'FAILED'), { timeoutMs: 10000 });
      expect(failed.error).toMatch(/out of reach .*unreachable/);
      expect(reports(nodeB, transferId).some((r) => r.phase === 'WAITING')).toBe(true);
    } finally {
      // A node A again, for afterEach to close.
      nodeA = await startA();
    }
  });

  test('a cancel stops the import, has the cloud remove what it made, and reports CANCELLED', async () => {
    const transferId = newTransferId();
    const manifest = await exportAtA(transferId);
    cloudA.holdReadsAfter(2);
    await importAtB(importRequest(transferId, manifest));
    await waitFor('a read held at the source', () => cloudA.heldReads === 1);
    const copying = await waitFor('a disk chunk acknowledged', () => reports(nodeB, transferId).find((r) => r.checkpoint.offset === CHUNK));

    expect((await call(baseOf(nodeB), secretB, 'DELETE', `/transfers/imports/${transferId}`)).status).toBe(204);
    const cancelled = reports(nodeB, transferId).at(-1)!;
    expect(cancelled).toMatchObject({ phase: 'CANCELLED', checkpoint: copying.checkpoint });
    expect(cloudB.aborted).toEqual([copying.checkpoint.state.importId]);
    expect(cloudB.imports.size).toBe(0);
    // Nothing runs any more: a second cancel finds nothing.
    const again = await call(baseOf(nodeB), secretB, 'DELETE', `/transfers/imports/${transferId}`);
    expect(again.status).toBe(404);
    expect(json(again)).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  test('the chunk route answers only its own transfer’s grant: the gateway’s secret or another transfer’s key is refused 401', async () => {
    const transferId = newTransferId();
    await exportAtA(transferId);
    const route = `/transfers/exports/${transferId}/files/1?start=0&end=1000`;
    const good = await call(baseOf(nodeA), grantKeyFor(secretA, transferId), 'GET', route);
    expect(good.status).toBe(200);
    expect(good.body).toEqual(seededDisk(vmDiskKey('mem-a', 'vm-1'), DISK_BYTES).read(0, 1000));
    expect(good.headers[CHUNK_SHA256_HEADER]).toBe(createHash('sha256').update(good.body).digest('hex'));

    for (const key of [secretA, grantKeyFor(secretA, newTransferId()), grantKeyFor(secretB, transferId)]) {
      const refused = await call(baseOf(nodeA), key, 'GET', route);
      expect(refused.status).toBe(401);
      expect(json(refused)).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
    }
    // A well-signed grant of an export that is not open: 404, in the same shape.
    const other = newTransferId();
    const missing = await call(baseOf(nodeA), grantKeyFor(secretA, other), 'GET', `/transfers/exports/${other}/files/1?start=0&end=10`);
    expect(missing.status).toBe(404);
    // A range of more than a chunk is bad input, not a read of the whole disk.
    const tooLong = await call(
      baseOf(nodeA),
      grantKeyFor(secretA, transferId),
      'GET',
      `/transfers/exports/${transferId}/files/1?start=0&end=abc`,
    );
    expect(tooLong.status).toBe(400);
  });

  describe('a chunk corrupted between the nodes', () => {
    let proxy: Server;
    const hits = new Map<string, number>();
    /** Flips a byte of the answers for `corrupt` (path and query) while `times` lasts. */
    const startProxy = async (corrupt: string, times: number): Promise<string> => {
      let left = times;
      proxy = createServer(async (req, res) => {
        hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
        const upstream = await request(`${new URL(nodeA.url).origin}${req.url}`, {
          method: 'GET',
          headers: Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.startsWith('x-overcast'))),
        });
        const body = Buffer.from(await upstream.body.arrayBuffer());
        if (req.url === corrupt && left-- > 0) body[7] = body[7]! ^ 0xff;
        res.writeHead(upstream.statusCode, {
          'content-type': 'application/octet-stream',
          [CHUNK_SHA256_HEADER]: String(upstream.headers[CHUNK_SHA256_HEADER]),
        });
        res.end(body);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(proxy.address() as { port: number }).port}/edge`;
    };
    afterEach(() => new Promise((resolve) => proxy.close(resolve)));

    test('is fetched again, and the copy still has the source’s checksum', async () => {
      const transferId = newTransferId();
      const manifest = await exportAtA(transferId);
      const path = `/edge/transfers/exports/${transferId}/files/1?start=${CHUNK}&end=${2 * CHUNK}`;
      const sourceUrl = await startProxy(path, 1);
      await importAtB(importRequest(transferId, manifest, { sourceUrl }));
      const done = await waitFor('DONE', reached(nodeB, transferId, 'DONE'), { timeoutMs: 15000 });
      expect(done.result!.sha256).toBe(await vmDiskSha());
      expect(hits.get(path)).toBe(2);
      expect(done.bytesSent).toBe(manifest.files[0]!.size + DISK_BYTES + CHUNK);
    });

    test('that never matches fails the import after three fetches more', async () => {
      const transferId = newTransferId();
      const manifest = await exportAtA(transferId);
      const path = `/edge/transfers/exports/${transferId}/files/1?start=0&end=${CHUNK}`;
      const sourceUrl = await startProxy(path, Infinity);
      await importAtB(importRequest(transferId, manifest, { sourceUrl }));
      const failed = await waitFor('FAILED', reached(nodeB, transferId, 'FAILED'), { timeoutMs: 15000 });
      expect(failed.error).toMatch(/did not match their checksum in 4 fetches/);
      expect(hits.get(path)).toBe(4);
      // What the failed import made is still at the cloud until the gateway's cancel removes it.
      const importId = String(failed.checkpoint.state.importId);
      expect(cloudB.imports.has(importId)).toBe(true);
      expect((await call(baseOf(nodeB), secretB, 'DELETE', `/transfers/imports/${transferId}`)).status).toBe(204);
      expect(cloudB.aborted).toContain(importId);
      expect(cloudB.imports.has(importId)).toBe(false);
    });
  });

  describe('the gateway-signed routes', () => {
    const post = (node: RunningCloudNode, secret: string, route: string, body: unknown) => call(baseOf(node), secret, 'POST', route, body);

    test('inspect answers a VM’s shape without opening an export, and a template’s size and checksum', async () => {
      const vm = await post(nodeA, secretA, '/transfers/inspect', { source: { type: 'vm', id: 'vm-1' } });
      expect(json(vm)).toEqual({
        name: 'web-1',
        cpuCount: 2,
        memoryMb: 2048,
        sizeBytes: 0,
        powerState: 'POWERED_OFF',
        sha256: null,
        exportNeedsPoweredOff: false,
      });
      expect(cloudA.exportsOpened).toBe(0);
      const template = await post(nodeA, secretA, '/transfers/inspect', { source: { type: 'template', id: 'tpl-1' } });
      expect(json(template)).toMatchObject({ name: 'ubuntu-24.04', sizeBytes: 1024 * 1024, powerState: null });
      const missing = await post(nodeA, secretA, '/transfers/inspect', { source: { type: 'vm', id: 'vm-nope' } });
      expect(missing.status).toBe(404);
      expect(json(missing)).toEqual({ error: { code: 'NOT_FOUND', message: 'VirtualMachine "vm-nope" not found' } });
    });

    test('check refuses a name clash, a VDC without room (naming what lacks) and an unknown VDC', async () => {
      const needs = { sizeBytes: 4096, cpuCount: 2, memoryMb: 2048 };
      const check = async (target: unknown) =>
        json<{ ok: boolean; message?: string }>(await post(nodeB, secretB, '/transfers/check', { target, ...needs }));
      expect(await check({ kind: 'vm', vdcId: 'vdc-b', name: 'fresh' })).toEqual({ ok: true });
      expect(await check({ kind: 'vm', vdcId: 'vdc-b', name: 'taken' })).toEqual({
        ok: false,
        code: 'CONFLICT',
        message: expect.stringContaining('taken'),
      });
      const small = await check({ kind: 'vm', vdcId: 'vdc-small', name: 'fresh' });
      expect(small).toEqual({ ok: false, code: 'CONFLICT', message: expect.stringMatching(/memory .*storage/) });
      expect(small.message).not.toMatch(/CPU/);
      expect(await check({ kind: 'vm', vdcId: 'vdc-nope', name: 'fresh' })).toEqual({
        ok: false,
        code: 'NOT_FOUND',
        message: expect.any(String),
      });
    });

    test('a malformed body is BAD_USER_INPUT (400), never a 500; an unsigned request is refused', async () => {
      for (const [route, body] of [
        ['/transfers/inspect', { source: { type: 'disk', id: 'x' } }],
        ['/transfers/exports', { transferId: 'transfer-1', source: { type: 'vm', id: 'vm-1' } }],
        ['/transfers/imports', { transferId: newTransferId() }],
        ['/transfers/check', 'not an object'],
      ] as const) {
        const answer = await post(nodeB, secretB, route, body);
        expect({ route, status: answer.status }).toEqual({ route, status: 400 });
        expect(json(answer)).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.any(String) } });
      }
      const notJson = await request(`${baseOf(nodeB)}/transfers/inspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      });
      expect(notJson.statusCode).toBe(401);
      await notJson.body.dump();
      // Signed with node A's secret: not node B's gateway.
      expect((await post(nodeB, secretA, '/transfers/inspect', { source: { type: 'vm', id: 'vm-b1' } })).status).toBe(401);
    });

    test('content routes: ensure a catalog, list its templates by name, rename and delete a template, delete a VM', async () => {
      const base = baseOf(nodeA);
      const catalog = json(await call(base, secretA, 'POST', '/content/catalogs', { name: 'golden' }));
      expect(catalog).toEqual({ id: [...cloudA.catalogs.values()].find((c) => c.name === 'golden')!.id, name: 'golden' });
      const listed = json<Array<{ id: string }>>(await call(base, secretA, 'GET', '/content/catalogs/golden/templates'));
      expect(listed.map((t) => t.id)).toEqual(['tpl-1']);
      expect(json(await call(base, secretA, 'GET', '/content/catalogs/absent/templates'))).toEqual([]);
      expect((await call(base, secretA, 'POST', '/content/templates/tpl-1/rename', { name: 'ubuntu-next' })).status).toBe(204);
      expect(cloudA.templates.get('tpl-1')!.name).toBe('ubuntu-next');
      expect((await call(base, secretA, 'DELETE', '/content/templates/tpl-1')).status).toBe(204);
      expect(cloudA.templates.has('tpl-1')).toBe(false);
      expect((await call(base, secretA, 'DELETE', '/content/vms/vm-1')).status).toBe(204);
      expect(cloudA.vms.has('vm-1')).toBe(false);
      const gone = await call(base, secretA, 'DELETE', '/content/vms/vm-1');
      expect(gone.status).toBe(404);
    });

    test('templates in GraphQL: Cloud.templates, Query.template and Template references, under global ids', async () => {
      const query = `{ cloud(id: "mem-a") { templates { id name catalog sizeBytes checksum cpuCount memoryMb cloud { id } } }
        template(id: "mem-a:tpl-1") { id name }
        _entities(representations: [{ __typename: "Template", id: "mem-a:tpl-1" }, { __typename: "Template", id: "mem-b:tpl-1" }]) { ... on Template { id name } } }`;
      const answer = json<GraphQLAnswer>(await call(baseOf(nodeA), secretA, 'POST', '/graphql', { query }));
      expect(answer.errors).toBeUndefined();
      expect(answer.data.cloud.templates).toEqual([
        {
          id: 'mem-a:tpl-1',
          name: 'ubuntu-24.04',
          catalog: 'golden',
          sizeBytes: 1024 * 1024,
          checksum: null,
          cpuCount: 2,
          memoryMb: 4096,
          cloud: { id: 'mem-a' },
        },
      ]);
      expect(answer.data.template).toEqual({ id: 'mem-a:tpl-1', name: 'ubuntu-24.04' });
      expect(answer.data._entities).toEqual([{ id: 'mem-a:tpl-1', name: 'ubuntu-24.04' }, null]);
      const missing = json<GraphQLAnswer>(
        await call(baseOf(nodeA), secretA, 'POST', '/graphql', { query: '{ template(id: "mem-a:nope") { id } }' }),
      );
      expect(missing.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    });
  });
});
