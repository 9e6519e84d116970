/**
 * vSphere content through the real adapter over HTTP against the mock vCenter:
 * the seeded template library, a VM exported by OVF capture and read in ranges
 * from a download session, imports staged on the node and uploaded through an
 * update session (deployed as a VM, or kept as a template), an interrupted import
 * resumed by another adapter from the state, and abort. Expected values come from
 * the seed: each disk's checksum is seededDisk(key, DISK_BYTES).sha256().
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockCloud } from '../../../mocks';
import { seededDisk } from '../../../mocks/content/seededBytes';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../../../mocks/content/seededContent';
import { buildSeed, type SeedCloud, type SeedVm } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import type { OpenExport, OpenImport } from '../../../subgraphs/cloud-node/adapters/content';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { createVsphereAdapter } from '../../../subgraphs/cloud-node/adapters/vsphere';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { waitFor } from '../../support/waitFor';

/** Small, and no power of two: chunks never line up with the disk's end or its 64 KiB blocks. */
const DISK_BYTES = 1024 * 1024 + 123;
/** Does not divide DISK_BYTES. */
const CHUNK = 300_007;
const TRANSFERS = 'overcast-transfers';

const seed: SeedCloud = buildSeed({ clouds: [{ id: 'vc-content', kind: 'vsphere' }], vmsPerVdc: 16 }).clouds[0]!;
const [dc1] = seed.vdcs;

describe('vSphere content libraries and OVF transfers', () => {
  let mock: MockCloud;
  let staging: string;
  let previousStaging: string | undefined;
  const adapters: CloudAdapter[] = [];
  const used = new Set<string>();

  const adapter = (): CloudAdapter => {
    const created = createVsphereAdapter(adapterOptionsFor(mock, 'vsphere'));
    adapters.push(created);
    return created;
  };
  /** A seeded VM in `state` that no other test has touched. */
  const freshVm = (state: SeedVm['powerState']): SeedVm => {
    const vm = seed.vms.find((v) => v.powerState === state && !used.has(v.nativeId));
    if (!vm) throw new Error(`the seed has no ${state} VM left`);
    used.add(vm.nativeId);
    return vm;
  };
  /** The datacenter `vm` is not in. */
  const otherDc = (vm: SeedVm): string => seed.vdcs.find((dc) => dc.nativeId !== vm.vdcNativeId)!.nativeId;
  const diskSha = (vm: SeedVm): Promise<string> => seededDisk(vmDiskKey(seed.id, vm.nativeId), DISK_BYTES).sha256();

  /** The Automation API as a plain client sees it (to look at what the adapter left behind). */
  let token: string | undefined;
  async function vcenter(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    if (!token) {
      const basic = Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64');
      token = (await (
        await fetch(`${mock.url}/api/session`, { method: 'POST', headers: { authorization: `Basic ${basic}` } })
      ).json()) as string;
    }
    return fetch(path.startsWith('http') ? path : `${mock.url}${path}`, {
      method,
      headers: { 'vmware-api-session-id': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await vcenter(method, path, body)).json()) as T;
  /** Names of the items of the library named `name` (none when it does not exist). */
  async function itemsOf(name: string): Promise<string[]> {
    for (const id of await json<string[]>('GET', '/api/content/library')) {
      const library = await json<{ name: string }>('GET', `/api/content/library/${id}`);
      if (library.name !== name) continue;
      const ids = await json<string[]>('GET', `/api/content/library/item?library_id=${id}`);
      return Promise.all(ids.map(async (item) => (await json<{ name: string }>('GET', `/api/content/library/item/${item}`)).name));
    }
    return [];
  }

  /** Hex SHA-256 of file `index` of an export, read in CHUNK ranges. */
  async function readInRanges(source: OpenExport, index: number): Promise<string> {
    const hash = createHash('sha256');
    const { size } = source.manifest.files[index]!;
    for (let at = 0; at < size; at += CHUNK) hash.update(await source.read(index, at, Math.min(size, at + CHUNK)));
    return hash.digest('hex');
  }

  /** Copy every file from where the import stands; answers the bytes written. */
  async function copy(source: OpenExport, target: OpenImport, stopAfter = Infinity): Promise<number> {
    let written = 0;
    let chunks = 0;
    for (const [index, file] of source.manifest.files.entries()) {
      for (let at = await target.received(index); at < file.size; at += CHUNK) {
        if (chunks++ >= stopAfter) return written;
        const bytes = await source.read(index, at, Math.min(file.size, at + CHUNK));
        await target.write(index, at, bytes);
        written += bytes.length;
      }
    }
    return written;
  }

  beforeAll(async () => {
    previousStaging = process.env.STAGING_DIR;
    staging = await mkdtemp(join(tmpdir(), 'overcast-vsphere-staging-'));
    process.env.STAGING_DIR = staging;
    mock = await startMockCloud(seed, { diskBytes: DISK_BYTES });
  });
  afterEach(() => mock.setFaults({ operationMs: 0 }));
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock.close();
    if (previousStaging === undefined) delete process.env.STAGING_DIR;
    else process.env.STAGING_DIR = previousStaging;
    await rm(staging, { recursive: true, force: true });
  });

  it('lists the seeded library with the seed templates, their shapes and disk checksums', async () => {
    const vsphere = adapter();
    expect((await vsphere.content.listCatalogs()).map((c) => c.name)).toEqual([seedCatalogName(seed)]);
    const expected = await Promise.all(
      seedTemplates(seed).map(async (t) => ({
        name: t.name,
        catalogName: seedCatalogName(seed),
        cpuCount: t.cpuCount,
        memoryMb: t.memoryMb,
        sizeBytes: DISK_BYTES,
        sha256: await seededDisk(t.diskKey, DISK_BYTES).sha256(),
      })),
    );
    const listed = (await vsphere.content.listTemplates()).map(({ name, catalogName, cpuCount, memoryMb, sizeBytes, sha256 }) => ({
      name,
      catalogName,
      cpuCount,
      memoryMb,
      sizeBytes,
      sha256,
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(listed.sort(byName)).toEqual(expected.sort(byName));
  });

  it('reads a template descriptor once per content version', async () => {
    const vsphere = adapter();
    const [first] = await vsphere.content.listTemplates();
    mock.resetRequests();
    expect(await vsphere.content.getTemplate(first!.id)).toEqual(first);
    expect(mock.countRequests('/api/content/library/item/download-session')).toBe(0);
  });

  it('exports a powered-off VM as its descriptor and disk, read in ranges that hash to the seeded disk', async () => {
    const vm = freshVm('POWERED_OFF');
    const source = await adapter().content.exportVm(vm.nativeId);
    expect(source.manifest.descriptor).toEqual({ name: vm.name, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb });
    expect(source.manifest.files.map((f) => f.name)).toEqual(['descriptor.ovf', 'disk-0.vmdk']);
    expect(source.manifest.files[1]).toMatchObject({ size: DISK_BYTES, sha256: await diskSha(vm) });
    expect(await readInRanges(source, 1)).toBe(await diskSha(vm));
    expect(await readInRanges(source, 0)).toBe(source.manifest.files[0]!.sha256);
    expect(await itemsOf(TRANSFERS)).toHaveLength(1);
    await source.close();
    expect(await itemsOf(TRANSFERS)).toEqual([]);
  });

  it('refuses to export a running VM (CONFLICT) and captures nothing', async () => {
    const vm = freshVm('POWERED_ON');
    await expect(adapter().content.exportVm(vm.nativeId)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    await expect(adapter().content.exportVm('vm-999999')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    expect(await itemsOf(TRANSFERS)).toEqual([]);
  });

  it('serves ranges of a prepared file with 206 and refuses a range outside it with 416', async () => {
    const template = (await adapter().content.listTemplates())[0]!;
    const session = await json<string>('POST', '/api/content/library/item/download-session', { library_item_id: template.id });
    await json('POST', `/api/content/library/item/downloadsession/${session}/file?action=prepare`, {
      file_name: 'disk-0.vmdk',
      endpoint_type: 'HTTPS',
    });
    const prepared = await waitFor('disk-0.vmdk prepared', async () => {
      const info = await json<{ status: string; download_endpoint?: { uri: string } }>(
        'GET',
        `/api/content/library/item/downloadsession/${session}/file/disk-0.vmdk`,
      );
      return info.status === 'PREPARED' && info.download_endpoint?.uri;
    });
    const part = await vcenter('GET', prepared, undefined, { range: `bytes=${CHUNK}-${2 * CHUNK - 1}` });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes ${CHUNK}-${2 * CHUNK - 1}/${DISK_BYTES}`);
    const disk = seedTemplates(seed).find((t) => t.name === template.name)!;
    expect(Buffer.from(await part.arrayBuffer()).equals(seededDisk(disk.diskKey, DISK_BYTES).read(CHUNK, 2 * CHUNK))).toBe(true);
    const outside = await vcenter('GET', prepared, undefined, { range: `bytes=${DISK_BYTES}-` });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${DISK_BYTES}`);
    const without = await fetch(prepared, { headers: { range: 'bytes=0-9' } });
    expect(without.status).toBe(401);
    expect((await vcenter('DELETE', `/api/content/library/item/download-session/${session}`)).status).toBe(204);
  });

  it('imports an export as a VM into the other datacenter, powered off, with the checksum of the source disk', async () => {
    const vm = freshVm('POWERED_OFF');
    const vsphere = adapter();
    // vCenter takes its time preparing files and applying the upload: the adapter follows it.
    mock.setFaults({ operationMs: 150 });
    const source = await vsphere.content.exportVm(vm.nativeId);
    const target = { kind: 'vm' as const, vdcId: otherDc(vm), name: `${vm.name}-copy` };
    expect(await vsphere.content.nameTaken(target)).toBe(false);
    const into = await vsphere.content.beginImport(target, source.manifest);
    await copy(source, into);
    const result = await into.complete();
    await source.close();
    expect(result.sha256).toBe(await diskSha(vm));
    expect(mock.cloud.vms.find((v) => v.nativeId === result.id)).toMatchObject({
      name: target.name,
      vdcNativeId: otherDc(vm),
      powerState: 'POWERED_OFF',
      cpuCount: vm.cpuCount,
      memoryMb: vm.memoryMb,
    });
    expect(await vsphere.content.nameTaken(target)).toBe(true);
    // The new VM's disk is the copy: exported in turn, it reads back the source's bytes.
    const again = await vsphere.content.exportVm(result.id);
    expect(await readInRanges(again, 1)).toBe(await diskSha(vm));
    await again.close();
    expect(await itemsOf(TRANSFERS)).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
    await vsphere.content.deleteVm(result.id);
    expect(mock.cloud.vms.some((v) => v.nativeId === result.id)).toBe(false);
  });

  it('imports an export as a template into a catalog it creates, then renames and deletes it', async () => {
    const vm = freshVm('POWERED_OFF');
    const vsphere = adapter();
    const source = await vsphere.content.exportVm(vm.nativeId);
    const target = { kind: 'template' as const, catalog: 'imported', name: `${vm.name}-template` };
    const into = await vsphere.content.beginImport(target, source.manifest);
    await copy(source, into);
    const result = await into.complete();
    await source.close();
    expect(result.sha256).toBe(await diskSha(vm));
    const template = await vsphere.content.getTemplate(result.id);
    expect(template).toMatchObject({
      name: target.name,
      catalogName: 'imported',
      sha256: await diskSha(vm),
      sizeBytes: DISK_BYTES,
      cpuCount: vm.cpuCount,
      memoryMb: vm.memoryMb,
    });
    expect((await vsphere.content.listCatalogs()).map((c) => c.name).sort()).toEqual(['imported', seedCatalogName(seed)].sort());
    expect(await vsphere.content.nameTaken(target)).toBe(true);
    await vsphere.content.renameTemplate(result.id, 'renamed');
    expect((await vsphere.content.getTemplate(result.id))?.name).toBe('renamed');
    await vsphere.content.deleteTemplate(result.id);
    expect(await vsphere.content.getTemplate(result.id)).toBeUndefined();
  });

  it('resumes an interrupted import in a new adapter from what the first one received', async () => {
    const vm = freshVm('POWERED_OFF');
    // The source stays up; the destination's adapter (its node) goes away.
    const source = await adapter().content.exportVm(vm.nativeId);
    const first = adapter();
    const target = { kind: 'template' as const, catalog: 'resumed', name: vm.name };
    const interrupted = await first.content.beginImport(target, source.manifest);
    // The descriptor and two chunks of the disk, then the node goes away.
    await copy(source, interrupted, 3);
    const held = await interrupted.received(1);
    expect(held).toBe(2 * CHUNK);
    adapters.splice(adapters.indexOf(first), 1);
    await first.close();

    const second = adapter();
    const resumed = await second.content.beginImport(target, source.manifest, interrupted.state);
    expect(await resumed.received(0)).toBe(source.manifest.files[0]!.size);
    expect(await resumed.received(1)).toBe(held);
    const written = await copy(source, resumed);
    expect(written).toBe(DISK_BYTES - held);
    const result = await resumed.complete();
    expect(result.sha256).toBe(await diskSha(vm));
    expect((await second.content.getTemplate(result.id))?.sha256).toBe(await diskSha(vm));
    await source.close();
  });

  it('aborts an import whose upload vCenter refused, leaving no item, session or staging behind', async () => {
    const vm = freshVm('POWERED_OFF');
    const vsphere = adapter();
    const source = await vsphere.content.exportVm(vm.nativeId);
    // A manifest whose disk checksum is not the bytes': vCenter's validation puts the session in ERROR.
    const wrong = { ...source.manifest, files: source.manifest.files.map((f, i) => (i === 1 ? { ...f, sha256: '0'.repeat(64) } : f)) };
    const into = await vsphere.content.beginImport({ kind: 'vm', vdcId: otherDc(vm), name: `${vm.name}-refused` }, wrong);
    await copy(source, into);
    await source.close();
    await expect(into.complete()).rejects.toMatchObject({ code: ErrorCode.CLOUD_OPERATION_FAILED });
    expect(await itemsOf(TRANSFERS)).toHaveLength(1);
    await into.abort();
    expect(await itemsOf(TRANSFERS)).toEqual([]);
    expect(await readdir(staging)).toEqual([]);
    expect(mock.cloud.vms.some((v) => v.name === `${vm.name}-refused`)).toBe(false);
  });

  it('aborts a half-written import from another adapter with only its state', async () => {
    const vm = freshVm('POWERED_OFF');
    const source = await adapter().content.exportVm(vm.nativeId);
    const target = { kind: 'vm' as const, vdcId: otherDc(vm), name: `${vm.name}-abandoned` };
    const begun = await adapter().content.beginImport(target, source.manifest);
    await copy(source, begun, 2);
    expect(await readdir(staging)).not.toEqual([]);
    const again = await adapter().content.beginImport(target, source.manifest, begun.state);
    await again.abort();
    await source.close();
    expect(await readdir(staging)).toEqual([]);
    expect(await itemsOf(TRANSFERS)).toEqual([]);
  });

  it('takes an upload in one PUT only: a short or torn body leaves the file empty, and complete then fails the session', async () => {
    const libraries = await json<string[]>('GET', '/api/content/library');
    const item = await json<string>('POST', '/api/content/library/item', { library_id: libraries[0], name: 'torn-upload', type: 'ovf' });
    const session = await json<string>('POST', '/api/content/library/item/update-session', { library_item_id: item });
    const bytes = seededDisk('torn-upload', 200_000).read(0, 200_000);
    const added = await json<{ upload_endpoint: { uri: string } }>('POST', `/api/content/library/item/updatesession/${session}/file`, {
      name: 'disk-0.vmdk',
      source_type: 'PUSH',
      size: bytes.length,
      checksum_info: { algorithm: 'SHA256', checksum: createHash('sha256').update(bytes).digest('hex') },
    });
    const uri = new URL(added.upload_endpoint.uri);
    expect(uri.origin).toBe(mock.url);
    const fileInfo = () =>
      json<{ bytes_transferred: number; status: string }>('GET', `/api/content/library/item/updatesession/${session}/file/disk-0.vmdk`);
    const short = await vcenter('PUT', uri.href, undefined, { 'content-type': 'application/octet-stream' });
    expect(short.status).toBe(400);
    expect(await fileInfo()).toMatchObject({ bytes_transferred: 0, status: 'WAITING_FOR_TRANSFER' });
    // Half the body, then the connection is cut.
    await new Promise<void>((resolve) => {
      const put = request(uri, {
        method: 'PUT',
        headers: { 'vmware-api-session-id': token!, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
      });
      put.on('error', () => resolve());
      put.write(bytes.subarray(0, bytes.length / 2), () => setTimeout(() => put.destroy(), 50));
    });
    await waitFor(
      'the torn upload dropped',
      async () => (await fileInfo()).status === 'WAITING_FOR_TRANSFER' && (await fileInfo()).bytes_transferred === 0,
    );
    expect((await vcenter('POST', `/api/content/library/item/update-session/${session}?action=complete`, {})).status).toBe(204);
    const failed = await waitFor('the session in ERROR', async () => {
      const info = await json<{ state: string; error_message?: { default_message: string } }>(
        'GET',
        `/api/content/library/item/update-session/${session}`,
      );
      return info.state === 'ERROR' && info;
    });
    expect(failed.error_message?.default_message).toMatch(/disk-0\.vmdk/);
    expect((await vcenter('DELETE', `/api/content/library/item/${item}`)).status).toBe(204);
  });

  it('reports no quota for a datacenter, NOT_FOUND for an unknown one, and refuses to delete a running VM', async () => {
    const vsphere = adapter();
    expect(await vsphere.content.capacity(dc1!.nativeId)).toEqual({ cpuCount: null, memoryMb: null, storageBytes: null });
    await expect(vsphere.content.capacity('datacenter-999')).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const running = freshVm('POWERED_ON');
    await expect(vsphere.content.deleteVm(running.nativeId)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    expect(mock.cloud.vms.some((v) => v.nativeId === running.nativeId)).toBe(true);
  });
});
