/**
 * OpenStack content: the nova adapter's ContentAdapter against the mock's Glance v2
 * and Nova snapshots, over HTTP. Templates are the seeded images; a running server
 * is exported through a snapshot and read in ranges; imports are staged and sent in
 * one PUT, booted as a server in the other zone or kept as a template, resumed from
 * what staging holds, and aborted without a trace. Expected bytes and checksums come
 * from the seed (seededDisk(...).sha256()), never from a response.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockCloud } from '../../../mocks';
import { seededDisk } from '../../../mocks/content/seededBytes';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../../../mocks/content/seededContent';
import { novaQuota } from '../../../mocks/nova/limits';
import { buildSeed, type SeedCloud } from '../../../mocks/seed';
import type { MockCloud } from '../../../mocks/server';
import type { ExportManifest, ImportTarget, OpenExport, OpenImport } from '../../../subgraphs/cloud-node/adapters/content';
import { createNovaAdapter } from '../../../subgraphs/cloud-node/adapters/nova';
import { createNovaContent } from '../../../subgraphs/cloud-node/adapters/nova/content';
import { createNovaSession } from '../../../subgraphs/cloud-node/adapters/nova/session';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { keystoneLogin } from '../../support/keystone';
import { waitFor } from '../../support/waitFor';

/** Not a multiple of any chunk size used here, nor of the seeded 64 KiB blocks. */
const DISK_BYTES = 1024 * 1024 + 123;
/** Chunks that do not divide the disk: the last one is short. */
const CHUNK = 300_000;
const IMAGE = '/image/v2/images';

const seed: SeedCloud = buildSeed({ clouds: [{ id: 'nova-eu', kind: 'nova', ownerTenantId: 'globex' }] }).clouds[0]!;
const running = seed.vms.find((v) => v.powerState === 'POWERED_ON')!;
const otherZone = seed.vdcs.find((v) => v.nativeId !== running.vdcNativeId)!.nativeId;
const vmDisk = () => seededDisk(vmDiskKey(seed.id, running.nativeId), DISK_BYTES);
const templateDisk = (name: string) => seededDisk(seedTemplates(seed).find((t) => t.name === name)!.diskKey, DISK_BYTES);

/** Every byte of file 0 of an export, read in CHUNK ranges, hashed. */
async function readAll(exp: OpenExport): Promise<string> {
  const hash = createHash('sha256');
  const size = exp.manifest.files[0]!.size;
  for (let at = 0; at < size; at += CHUNK) hash.update(await exp.read(0, at, Math.min(size, at + CHUNK)));
  return hash.digest('hex');
}

/** Copy `exp` into `imp` from `from` on, chunk by chunk (every file of the manifest). */
async function copy(exp: OpenExport, imp: OpenImport, from = 0): Promise<void> {
  for (const [index, file] of exp.manifest.files.entries()) {
    for (let at = from; at < file.size; at += CHUNK) await imp.write(index, at, await exp.read(index, at, Math.min(file.size, at + CHUNK)));
  }
}

describe('nova content: Glance images and Nova snapshots', () => {
  let mock: MockCloud;
  let adapter: CloudAdapter;
  let token: string;
  let staging: string;
  const adapters: CloudAdapter[] = [];
  const newAdapter = (): CloudAdapter => {
    const made = createNovaAdapter(adapterOptionsFor(mock, 'nova'));
    adapters.push(made);
    return made;
  };
  const glance = (path: string, init: RequestInit = {}) =>
    fetch(`${mock.url}${IMAGE}${path}`, { ...init, headers: { 'X-Auth-Token': token, accept: 'application/json', ...init.headers } });
  /** Images whose property `key` is `value`, as Glance lists them. */
  const imagesWith = async (key: string, value: string): Promise<{ id: string; status: string }[]> =>
    ((await (await glance(`?${key}=${encodeURIComponent(value)}`)).json()) as { images: { id: string; status: string }[] }).images;
  /** Staging files of the import whose state is `state`. */
  const stagedFiles = (state: Record<string, unknown>): string[] => readdirSync(staging).filter((f) => f.includes(String(state.key)));

  beforeAll(async () => {
    staging = mkdtempSync(join(tmpdir(), 'nova-content-staging-'));
    process.env.STAGING_DIR = staging;
    mock = await startMockCloud(seed, { diskBytes: DISK_BYTES });
    adapter = newAdapter();
    ({ token } = await keystoneLogin(mock));
  });
  // What a failed test left behind (snapshots, copied servers) must not fail the next ones.
  afterEach(async () => {
    mock.setFaults({ operationMs: 0 });
    for (const image of await imagesWith('image_type', 'snapshot')) await glance(`/${image.id}`, { method: 'DELETE' });
    const seeded = new Set(seed.vms.map((v) => v.nativeId));
    for (const vm of await adapter.listVms()) if (!seeded.has(vm.id)) await adapter.content.deleteVm(vm.id);
  });
  afterAll(async () => {
    await Promise.all(adapters.map((a) => a.close()));
    await mock.close();
    delete process.env.STAGING_DIR;
    rmSync(staging, { recursive: true, force: true });
  });

  it('lists the seeded templates as the seed catalog, with their sizes, shapes and SHA-256', async () => {
    const expected = await Promise.all(
      seedTemplates(seed).map(async (t) => ({
        name: t.name,
        catalogId: seedCatalogName(seed),
        catalogName: seedCatalogName(seed),
        sizeBytes: DISK_BYTES,
        sha256: await seededDisk(t.diskKey, DISK_BYTES).sha256(),
        cpuCount: t.cpuCount,
        memoryMb: t.memoryMb,
      })),
    );
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const listed = await adapter.content.listTemplates();
    expect(listed.map(({ id: _id, ...rest }) => rest).sort(byName)).toEqual(expected.sort(byName));
    expect(await adapter.content.listTemplates(seedCatalogName(seed))).toHaveLength(expected.length);
    expect(await adapter.content.listCatalogs()).toEqual([{ id: seedCatalogName(seed), name: seedCatalogName(seed) }]);
    expect(await adapter.content.getTemplate(listed[0]!.id)).toEqual(listed[0]);
    expect(adapter.content.exportNeedsPoweredOff).toBe(false);
  });

  it('exports a running server through a snapshot that goes queued, saving, active; its ranges hash to the seeded disk', async () => {
    mock.setFaults({ operationMs: 300 });
    const exporting = adapter.content.exportVm(running.nativeId);
    const snapshot = await waitFor(
      'the snapshot image to appear in Glance',
      async () => (await imagesWith('instance_uuid', running.nativeId))[0],
    );
    expect(['queued', 'saving']).toContain(snapshot.status);
    const exp = await exporting;
    expect(exp.manifest).toEqual({
      descriptor: { name: running.name, cpuCount: running.cpuCount, memoryMb: running.memoryMb },
      files: [{ name: 'disk-0.qcow2', size: DISK_BYTES, sha256: await vmDisk().sha256() }],
    });
    expect(await readAll(exp)).toBe(await vmDisk().sha256());
    // Still running: nova snapshots live.
    expect((await adapter.getVms([running.nativeId])).get(running.nativeId)?.powerState).toBe('POWERED_ON');
    await exp.close();
    expect((await glance(`/${snapshot.id}`)).status).toBe(404);
  });

  it('exports a template without a snapshot, and closing it deletes nothing', async () => {
    const template = (await adapter.content.listTemplates()).find((t) => t.name === 'debian-12')!;
    const exp = await adapter.content.exportTemplate(template.id);
    expect(exp.manifest.files).toEqual([{ name: 'disk-0.qcow2', size: DISK_BYTES, sha256: await templateDisk('debian-12').sha256() }]);
    expect(await readAll(exp)).toBe(await templateDisk('debian-12').sha256());
    await exp.close();
    expect(await adapter.content.getTemplate(template.id)).toEqual(template);
  });

  it('imports a server into the other zone: staged, uploaded once, booted with a fitting flavor; the transfer image is gone', async () => {
    mock.setFaults({ operationMs: 150 });
    const exp = await adapter.content.exportVm(running.nativeId);
    const target: ImportTarget = { kind: 'vm', vdcId: otherZone, name: 'copied-vm' };
    expect(await adapter.content.nameTaken(target)).toBe(false);
    const imp = await adapter.content.beginImport(target, exp.manifest);
    await copy(exp, imp);
    await exp.close();
    const result = await imp.complete();
    expect(result.sha256).toBe(await vmDisk().sha256());

    const vm = (await adapter.listVms([otherZone])).find((v) => v.id === result.id);
    expect(vm).toMatchObject({ name: 'copied-vm', vdcId: otherZone, powerState: 'POWERED_ON' });
    expect(vm!.cpuCount).toBeGreaterThanOrEqual(running.cpuCount);
    expect(vm!.memoryMb).toBeGreaterThanOrEqual(running.memoryMb);
    expect(await adapter.content.nameTaken(target)).toBe(true);
    expect(await imagesWith('overcast_import', String(imp.state.key))).toEqual([]);
    expect(stagedFiles(imp.state)).toEqual([]);

    // The new server's disk is the copied bytes: exported again, it hashes the same.
    const again = await adapter.content.exportVm(result.id);
    expect(await readAll(again)).toBe(await vmDisk().sha256());
    await again.close();

    await adapter.content.deleteVm(result.id);
    expect((await adapter.getVms([result.id])).size).toBe(0);
  });

  it('imports a template into a new catalog; renames and deletes it', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === 'ubuntu-24.04')!;
    const exp = await adapter.content.exportTemplate(source.id);
    const target: ImportTarget = { kind: 'template', catalog: 'imported', name: 'ubuntu-copy' };
    const catalog = await adapter.content.ensureCatalog('imported');
    expect(catalog).toEqual({ id: 'imported', name: 'imported' });
    const imp = await adapter.content.beginImport(target, exp.manifest);
    await copy(exp, imp);
    const result = await imp.complete();
    const expectedSha = await templateDisk('ubuntu-24.04').sha256();
    expect(result.sha256).toBe(expectedSha);
    expect(await adapter.content.listTemplates('imported')).toEqual([
      {
        id: result.id,
        name: 'ubuntu-copy',
        catalogId: 'imported',
        catalogName: 'imported',
        sizeBytes: DISK_BYTES,
        sha256: expectedSha,
        cpuCount: source.cpuCount,
        memoryMb: source.memoryMb,
      },
    ]);
    expect((await adapter.content.listCatalogs()).map((c) => c.id).sort()).toEqual(['imported', seedCatalogName(seed)].sort());
    expect(await adapter.content.nameTaken(target)).toBe(true);

    await adapter.content.renameTemplate(result.id, 'ubuntu-renamed');
    expect((await adapter.content.getTemplate(result.id))?.name).toBe('ubuntu-renamed');
    await adapter.content.deleteTemplate(result.id);
    expect(await adapter.content.getTemplate(result.id)).toBeUndefined();
    await expect(adapter.content.deleteTemplate(result.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('resumes an import in a new adapter from what staging holds', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === 'debian-12')!;
    const exp = await adapter.content.exportTemplate(source.id);
    const target: ImportTarget = { kind: 'template', catalog: 'resumed', name: 'debian-resumed' };
    const first = await adapter.content.beginImport(target, exp.manifest);
    await first.write(0, 0, await exp.read(0, 0, CHUNK));
    await first.write(0, CHUNK, await exp.read(0, CHUNK, 2 * CHUNK));
    const state = JSON.parse(JSON.stringify(first.state)) as Record<string, unknown>;

    const later = newAdapter();
    const resumed = await later.content.beginImport(target, exp.manifest, state);
    const held = await resumed.received(0);
    expect(held).toBe(2 * CHUNK);
    await copy(exp, resumed, held);
    const result = await resumed.complete();
    expect(result.sha256).toBe(await templateDisk('debian-12').sha256());
    await later.content.deleteTemplate(result.id);
  });

  it('aborts an import: staging, the image it made and nothing else are gone; a wait over budget is CLOUD_UNAVAILABLE', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === 'debian-12')!;
    const exp = await adapter.content.exportTemplate(source.id);
    // A short wait budget, and an image that takes longer than it to become active.
    const session = createNovaSession(adapterOptionsFor(mock, 'nova'));
    const content = createNovaContent(session, { waitMs: 200 });
    mock.setFaults({ operationMs: 5000 });
    const imp = await content.beginImport({ kind: 'template', catalog: 'aborted', name: 'never' }, exp.manifest);
    await copy(exp, imp);
    expect(stagedFiles(imp.state)).not.toEqual([]);
    await expect(imp.complete()).rejects.toMatchObject({ code: 'CLOUD_UNAVAILABLE' });
    const made = await imagesWith('overcast_import', String(imp.state.key));
    expect(made.map((i) => i.status)).toEqual(['saving']);

    await imp.abort();
    expect(stagedFiles(imp.state)).toEqual([]);
    expect(await imagesWith('overcast_import', String(imp.state.key))).toEqual([]);
    expect(await imagesWith('overcast_catalog', 'aborted')).toEqual([]);
    expect((await adapter.content.listTemplates(source.catalogId)).map((t) => t.id)).toContain(source.id);
    await session.close();
  });

  it('reports a snapshot that does not become active within the budget as CLOUD_UNAVAILABLE, and removes it', async () => {
    const session = createNovaSession(adapterOptionsFor(mock, 'nova'));
    const content = createNovaContent(session, { waitMs: 200 });
    mock.setFaults({ operationMs: 5000 });
    await expect(content.exportVm(running.nativeId)).rejects.toMatchObject({ code: 'CLOUD_UNAVAILABLE' });
    expect(await imagesWith('instance_uuid', running.nativeId)).toEqual([]);
    await session.close();
  });

  it('answers capacity from the project quota in every zone, and NOT_FOUND for an unknown zone', async () => {
    const quota = novaQuota(seed);
    const expected = {
      cpuCount: quota.cores - seed.vms.reduce((sum, vm) => sum + vm.cpuCount, 0),
      memoryMb: quota.ramMb - seed.vms.reduce((sum, vm) => sum + vm.memoryMb, 0),
      storageBytes: null,
    };
    for (const vdc of seed.vdcs) expect(await adapter.content.capacity(vdc.nativeId)).toEqual(expected);
    await expect(adapter.content.capacity('nova-eu-nowhere')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to export a server or a template that does not exist with NOT_FOUND', async () => {
    await expect(adapter.content.exportVm('0d9c7a10-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(adapter.content.exportTemplate('0d9c7a10-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(adapter.content.deleteVm('0d9c7a10-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('imports an OVF-style manifest (descriptor, then a vmdk disk) as a vmdk image of the disk alone', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === 'debian-12')!;
    const exp = await adapter.content.exportTemplate(source.id);
    const descriptor = Buffer.from('<?xml version="1.0"?><Envelope/>');
    const disk = exp.manifest.files[0]!;
    const manifest: ExportManifest = {
      descriptor: exp.manifest.descriptor,
      files: [
        { name: 'descriptor.ovf', size: descriptor.length, sha256: createHash('sha256').update(descriptor).digest('hex') },
        { ...disk, name: 'disk-0.vmdk' },
      ],
    };
    const imp = await adapter.content.beginImport({ kind: 'template', catalog: 'from-ovf', name: 'debian-vmdk' }, manifest);
    await imp.write(0, 0, descriptor);
    for (let at = 0; at < disk.size; at += CHUNK) await imp.write(1, at, await exp.read(0, at, Math.min(disk.size, at + CHUNK)));
    const result = await imp.complete();
    expect(result.sha256).toBe(await templateDisk('debian-12').sha256());
    const image = (await (await glance(`/${result.id}`)).json()) as { disk_format: string; size: number };
    expect(image).toMatchObject({ disk_format: 'vmdk', size: DISK_BYTES });
    await adapter.content.deleteTemplate(result.id);
  });

  it('refuses a manifest with more than one disk before staging anything', async () => {
    const manifest: ExportManifest = {
      descriptor: { name: 'two-disks', cpuCount: 1, memoryMb: 1024 },
      files: [
        { name: 'disk-0.vmdk', size: 10, sha256: '0'.repeat(64) },
        { name: 'disk-1.vmdk', size: 10, sha256: '0'.repeat(64) },
      ],
    };
    await expect(adapter.content.beginImport({ kind: 'template', catalog: 'x', name: 'y' }, manifest)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  describe('Glance image data over HTTP', () => {
    let templateId: string;
    beforeAll(async () => {
      templateId = (await adapter.content.listTemplates()).find((t) => t.name === 'debian-12')!.id;
    });

    it('answers 200 with the whole data, 206 with Content-Range for a range, and Content-MD5 of the image either way', async () => {
      const disk = templateDisk('debian-12');
      const md5 = createHash('md5');
      for await (const part of disk.open()) md5.update(part as Buffer);
      const checksum = md5.digest('hex');

      const whole = await glance(`/${templateId}/file`);
      expect(whole.status).toBe(200);
      expect(whole.headers.get('content-md5')).toBe(checksum);
      expect(
        createHash('sha256')
          .update(Buffer.from(await whole.arrayBuffer()))
          .digest('hex'),
      ).toBe(await disk.sha256());

      const part = await glance(`/${templateId}/file`, { headers: { Range: `bytes=${CHUNK}-${2 * CHUNK - 1}` } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${CHUNK}-${2 * CHUNK - 1}/${DISK_BYTES}`);
      expect(part.headers.get('content-md5')).toBe(checksum);
      expect(Buffer.from(await part.arrayBuffer()).equals(disk.read(CHUNK, 2 * CHUNK))).toBe(true);

      const tail = await glance(`/${templateId}/file`, { headers: { Range: 'bytes=-123' } });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).equals(disk.read(DISK_BYTES - 123, DISK_BYTES))).toBe(true);
    });

    it('answers 416 for a range past the data, and 204 for an image without data', async () => {
      const past = await glance(`/${templateId}/file`, { headers: { Range: `bytes=${DISK_BYTES}-` } });
      expect(past.status).toBe(416);
      expect(past.headers.get('content-range')).toBe(`bytes */${DISK_BYTES}`);

      const created = await glance('', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'empty', disk_format: 'raw', container_format: 'bare' }),
      });
      expect(created.status).toBe(201);
      const image = (await created.json()) as { id: string; status: string; file: string };
      expect(image).toMatchObject({ status: 'queued', file: `/v2/images/${image.id}/file` });
      expect((await glance(`/${image.id}/file`)).status).toBe(204);
      expect((await glance(`/${image.id}`, { method: 'DELETE' })).status).toBe(204);
    });

    it('takes one PUT of a queued image (409 after), and a body shorter than its Content-Length leaves it queued', async () => {
      const create = async () =>
        (await (
          await glance('', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'put', disk_format: 'raw', container_format: 'bare' }),
          })
        ).json()) as { id: string };
      const image = await create();
      const bytes = Buffer.from('overcast image data');
      const put = (body: Buffer, length = body.length) =>
        glance(`/${image.id}/file`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', 'content-length': String(length) },
          body,
        });
      const shown = async () =>
        (await (await glance(`/${image.id}`)).json()) as {
          status: string;
          size: number | null;
          os_hash_value: string | null;
          os_hash_algo: string | null;
        };

      // A body cut short: the client announces 10 more bytes than it sends, then hangs up.
      const cut = request(`${mock.url}${IMAGE}/${image.id}/file`, {
        method: 'PUT',
        headers: { 'X-Auth-Token': token, 'content-type': 'application/octet-stream', 'content-length': String(bytes.length + 10) },
      });
      cut.on('error', () => undefined);
      cut.write(bytes);
      await waitFor('the upload to start saving', async () => (await shown()).status === 'saving');
      cut.destroy();
      await waitFor('the cut-off upload to leave the image queued', async () => (await shown()).status === 'queued');
      expect(await shown()).toMatchObject({ status: 'queued', size: null });

      expect((await put(bytes)).status).toBe(204);
      expect(await shown()).toMatchObject({
        status: 'active',
        size: bytes.length,
        os_hash_algo: 'sha256',
        os_hash_value: createHash('sha256').update(bytes).digest('hex'),
      });
      expect((await put(bytes)).status).toBe(409);
      expect((await glance(`/${image.id}`, { method: 'DELETE' })).status).toBe(204);
    });

    it('refuses a request without a token in keystone shape, and an unknown image in Glance shape', async () => {
      const anonymous = await fetch(`${mock.url}${IMAGE}`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: 401 } });
      const missing = await glance('/0d9c7a10-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        code: '404 Not Found',
        title: 'Not Found',
        message: 'No image found with ID 0d9c7a10-0000-4000-8000-000000000000',
      });
    });
  });
});
