/**
 * Cloud Director content, the adapter over HTTP against the mock cell: the seeded
 * catalog and templates, exports read in ranges through transfer URLs, imports
 * written in Content-Range chunks (as a VM into another org's VDC, and as a
 * template), an import resumed by a new adapter from the bytes the cell holds,
 * abort, refusals (a running VM, a bad range, a gap), capacity, delete and rename.
 * Disks are 1 MiB + 123 bytes and chunks do not divide them. Expected values come
 * from buildSeed() and the seeded disks (seededDisk(key, size).sha256()).
 */
import { createHash } from 'node:crypto';
import { startMockCloud, type MockCloud } from '../../../mocks';
import { seededDisk } from '../../../mocks/content/seededBytes';
import { seedCatalogName, seedTemplates, vmDiskKey } from '../../../mocks/content/seededContent';
import { buildSeed, type SeedVdc, type SeedVm } from '../../../mocks/seed';
import type { OpenExport, OpenImport } from '../../../subgraphs/cloud-node/adapters/content';
import { createDirectorAdapter } from '../../../subgraphs/cloud-node/adapters/director';
import type { CloudAdapter } from '../../../subgraphs/cloud-node/adapters/types';
import { ErrorCode } from '../../../subgraphs/shared/cloudApiError';
import { adapterOptionsFor } from '../../support/cloudOptions';
import { expectCode } from '../../support/cloudErrors';
import { waitFor } from '../../support/waitFor';

const DISK_BYTES = 1024 * 1024 + 123;
const cloud = buildSeed().clouds.find((c) => c.kind === 'director')!;
const orgOf = (vdcId: string) => cloud.vdcs.find((v) => v.nativeId === vdcId)!.orgNativeId;
const offVms = cloud.vms.filter((vm) => vm.powerState === 'POWERED_OFF');
const onVm = cloud.vms.find((vm) => vm.powerState === 'POWERED_ON')!;
const diskSha = (vm: SeedVm) => seededDisk(vmDiskKey(cloud.id, vm.nativeId), DISK_BYTES).sha256();
const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => a.name.localeCompare(b.name));

jest.setTimeout(30_000);

describe('Cloud Director content', () => {
  let mock: MockCloud;
  let adapter: CloudAdapter;
  const open: OpenExport[] = [];

  /** Headers of a provider session of our own, to read what the adapter does not show. */
  async function session(): Promise<Record<string, string>> {
    const login = await fetch(`${mock.url}/cloudapi/1.0.0/sessions/provider`, {
      method: 'POST',
      headers: {
        accept: 'application/json;version=38.0',
        authorization: `Basic ${Buffer.from(`${mock.credentials.username}:${mock.credentials.password}`).toString('base64')}`,
      },
    });
    return { accept: 'application/*+json;version=38.0', authorization: `Bearer ${login.headers.get('x-vmware-vcloud-access-token')}` };
  }
  const query = async (type: string, filter: string): Promise<Array<Record<string, unknown>>> => {
    const res = await fetch(`${mock.url}/api/query?type=${type}&format=records&filter=${encodeURIComponent(filter)}`, {
      headers: await session(),
    });
    return ((await res.json()) as { record: Array<Record<string, unknown>> }).record;
  };

  /** Every byte of file `index` of an export, read in `chunk`-byte ranges. */
  async function sha256Of(exp: OpenExport, index: number, chunk: number): Promise<string> {
    const hash = createHash('sha256');
    const { size } = exp.manifest.files[index]!;
    for (let at = 0; at < size; at += chunk) hash.update(await exp.read(index, at, Math.min(size, at + chunk)));
    return hash.digest('hex');
  }

  /** Copy every file from where the import stands, in `chunk`-byte writes; answers the bytes written. */
  async function copy(exp: OpenExport, imp: OpenImport, chunk: number, stopAfter = Infinity): Promise<number> {
    let written = 0;
    for (const [index, file] of exp.manifest.files.entries()) {
      for (let at = await imp.received(index); at < file.size && written < stopAfter; at += chunk) {
        const bytes = await exp.read(index, at, Math.min(file.size, at + chunk));
        await imp.write(index, at, bytes);
        written += bytes.length;
      }
    }
    return written;
  }

  const exportVm = async (vm: SeedVm): Promise<OpenExport> => {
    const exp = await adapter.content.exportVm(vm.nativeId);
    open.push(exp);
    return exp;
  };

  beforeAll(async () => {
    mock = await startMockCloud(cloud, { diskBytes: DISK_BYTES });
    adapter = createDirectorAdapter(adapterOptionsFor(mock, 'director'), 10_000);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
    mock.setFaults({ operationMs: 0 });
  });
  afterAll(async () => {
    await adapter.close();
    await mock.close();
  });

  it('lists the seeded catalog of the System org and its templates as the seed has them', async () => {
    const catalog = (await adapter.content.listCatalogs()).find((c) => c.name === seedCatalogName(cloud))!;
    expect(catalog).toBeDefined();
    const expected = await Promise.all(
      seedTemplates(cloud).map(async (t) => ({
        name: t.name,
        catalogId: catalog.id,
        catalogName: catalog.name,
        sizeBytes: DISK_BYTES,
        sha256: await seededDisk(t.diskKey, DISK_BYTES).sha256(),
        cpuCount: t.cpuCount,
        memoryMb: t.memoryMb,
      })),
    );
    const listed = await adapter.content.listTemplates(catalog.id);
    expect(byName(listed.map(({ id: _id, ...rest }) => rest))).toEqual(byName(expected));
    expect(await adapter.content.getTemplate(listed[0]!.id)).toEqual(listed[0]);
    expect(await adapter.content.getTemplate('vappTemplate-00000000-0000-4000-a000-00000000dead')).toBeUndefined();
  });

  it('exports a powered-off VM whose ranges read back as its seeded disk, and closing ends the download', async () => {
    const vm = offVms[0]!;
    const exp = await exportVm(vm);
    expect(exp.manifest.descriptor).toEqual({ name: vm.name, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb });
    expect(exp.manifest.files.map((f) => f.name)).toEqual(['descriptor.ovf', 'disk-0.vmdk']);
    expect(exp.manifest.files[1]).toEqual({ name: 'disk-0.vmdk', size: DISK_BYTES, sha256: await diskSha(vm) });
    expect(await sha256Of(exp, 1, 300_001)).toBe(await diskSha(vm));
    expect(await sha256Of(exp, 0, 1000)).toBe(exp.manifest.files[0]!.sha256);
    await exp.close();
    await expectCode(exp.read(1, 0, 10), ErrorCode.NOT_FOUND);
  });

  it('follows the enable-download task while it runs', async () => {
    mock.setFaults({ operationMs: 400 });
    const exp = await exportVm(offVms[0]!);
    expect(await sha256Of(exp, 1, 524_288)).toBe(await diskSha(offVms[0]!));
  });

  it('reports CLOUD_UNAVAILABLE when the download task outlives its budget', async () => {
    mock.setFaults({ operationMs: 3000 });
    const hurried = createDirectorAdapter(adapterOptionsFor(mock, 'director'), 300);
    try {
      await expectCode(hurried.content.exportVm(offVms.at(-1)!.nativeId), ErrorCode.CLOUD_UNAVAILABLE);
    } finally {
      await hurried.close();
    }
  });

  it('refuses to export a running VM (CONFLICT) before asking for a download', async () => {
    mock.resetRequests();
    await expectCode(adapter.content.exportVm(onVm.nativeId), ErrorCode.CONFLICT);
    expect(mock.requests.filter((r) => r.url.includes('enableDownload'))).toEqual([]);
    // The cell itself refuses too.
    const vapp = (await query('adminVM', `id==${onVm.nativeId}`))[0]!.container as string;
    expect((await fetch(`${vapp}/action/enableDownload`, { method: 'POST', headers: await session() })).status).toBe(400);
    await expectCode(adapter.content.exportVm('urn:vcloud:vm:00000000-0000-4000-a000-00000000dead'), ErrorCode.NOT_FOUND);
  });

  it('refuses a range outside a file: the adapter before asking, the cell with a 416', async () => {
    const exp = await exportVm(offVms[0]!);
    await expectCode(exp.read(1, 0, DISK_BYTES + 1), ErrorCode.BAD_USER_INPUT);
    await expectCode(exp.read(1, 10, 10), ErrorCode.BAD_USER_INPUT);
    const vapp = (await query('adminVM', `id==${offVms[0]!.nativeId}`))[0]!.container as string;
    const headers = await session();
    const body = (await (await fetch(vapp, { headers })).json()) as {
      files: { file: Array<{ name: string; link: Array<{ rel: string; href: string }> }> };
    };
    const href = body.files.file.find((f) => f.name === 'disk-0.vmdk')!.link.find((l) => l.rel === 'download:default')!.href;
    const refused = await fetch(href, { headers: { ...headers, range: `bytes=${DISK_BYTES}-` } });
    expect(refused.status).toBe(416);
    expect(refused.headers.get('content-range')).toBe(`bytes */${DISK_BYTES}`);
    const tail = await fetch(href, { headers: { ...headers, range: `bytes=${DISK_BYTES - 23}-` } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(
      seededDisk(vmDiskKey(cloud.id, offVms[0]!.nativeId), DISK_BYTES).read(DISK_BYTES - 23, DISK_BYTES),
    );
    expect((await fetch(href, { headers: { range: 'bytes=0-9' } })).status).toBe(401);
  });

  it('imports a VM into a VDC of another org: same checksum, listed powered off, transfer template gone', async () => {
    const vm = offVms[0]!;
    // Not the VDC whose capacity a later test computes from the seed.
    const vdc = cloud.vdcs.find((v) => v.orgNativeId !== orgOf(vm.vdcNativeId) && v.allocationModel !== 'AllocationPool')!;
    const target = { kind: 'vm' as const, vdcId: vdc.nativeId, name: 'imported-vm' };
    expect(await adapter.content.nameTaken(target)).toBe(false);
    const exp = await exportVm(vm);
    mock.setFaults({ operationMs: 200 });
    const imp = await adapter.content.beginImport(target, exp.manifest);
    expect(await copy(exp, imp, 200_003)).toBe(DISK_BYTES);
    const result = await imp.complete();
    expect(result.sha256).toBe(await diskSha(vm));
    const listed = (await adapter.listVms([vdc.nativeId])).find((v) => v.name === target.name);
    expect(listed).toEqual({
      id: result.id,
      name: target.name,
      vdcId: vdc.nativeId,
      powerState: 'POWERED_OFF',
      cpuCount: vm.cpuCount,
      memoryMb: vm.memoryMb,
    });
    expect(await adapter.content.nameTaken(target)).toBe(true);
    expect(await query('adminVAppTemplate', 'catalogName==overcast-transfers')).toEqual([]);
    // The bytes are the VM's disk now: export the new VM and read it back.
    const copyExport = await exportVm({ ...vm, nativeId: result.id });
    expect(await sha256Of(copyExport, 1, 65_537)).toBe(await diskSha(vm));
  });

  it('imports a template into a catalog it creates: listed with the source checksum', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === seedTemplates(cloud)[0]!.name)!;
    const exp = await adapter.content.exportTemplate(source.id);
    open.push(exp);
    const target = { kind: 'template' as const, catalog: 'imported-templates', name: 'ubuntu-copy' };
    const imp = await adapter.content.beginImport(target, exp.manifest);
    await copy(exp, imp, 300_001);
    const result = await imp.complete();
    expect(result.sha256).toBe(await seededDisk(seedTemplates(cloud)[0]!.diskKey, DISK_BYTES).sha256());
    const catalog = (await adapter.content.listCatalogs()).find((c) => c.name === target.catalog)!;
    expect(await adapter.content.getTemplate(result.id)).toEqual({
      ...source,
      id: result.id,
      name: target.name,
      catalogId: catalog.id,
      catalogName: catalog.name,
    });
    expect(await adapter.content.nameTaken(target)).toBe(true);
    expect((await adapter.content.ensureCatalog(target.catalog)).id).toBe(catalog.id);
  });

  it('resumes an import in a new adapter from the bytes the cell holds, resending allowed', async () => {
    const vm = offVms[1] ?? offVms[0]!;
    const exp = await exportVm(vm);
    const target = { kind: 'template' as const, catalog: 'resumed', name: 'resumed-disk' };
    const first = await adapter.content.beginImport(target, exp.manifest);
    const sentFirst = await copy(exp, first, 65_537, 3 * 65_537);
    expect(await first.received(1)).toBe(sentFirst);
    const state = JSON.parse(JSON.stringify(first.state)) as typeof first.state;

    const second = createDirectorAdapter(adapterOptionsFor(mock, 'director'), 10_000);
    try {
      const resumed = await second.content.beginImport(target, exp.manifest, state);
      expect(await resumed.received(1)).toBe(sentFirst);
      // A resend of the last chunk overwrites what it repeats.
      await resumed.write(1, sentFirst - 65_537, await exp.read(1, sentFirst - 65_537, sentFirst));
      // A gap is refused.
      await expectCode(resumed.write(1, sentFirst + 1, Buffer.alloc(10)), ErrorCode.BAD_USER_INPUT);
      const sentSecond = await copy(exp, resumed, 65_537);
      expect(sentSecond).toBe(DISK_BYTES - sentFirst);
      expect((await resumed.complete()).sha256).toBe(await diskSha(vm));
    } finally {
      await second.close();
    }
  });

  it('aborts an import: no template, no VM, and its upload URL answers 404', async () => {
    const vm = offVms[0]!;
    const vdc: SeedVdc = cloud.vdcs.find((v) => v.nativeId !== vm.vdcNativeId)!;
    const exp = await exportVm(vm);
    const before = (await adapter.listVms([vdc.nativeId])).length;
    const imp = await adapter.content.beginImport({ kind: 'vm', vdcId: vdc.nativeId, name: 'aborted-vm' }, exp.manifest);
    await copy(exp, imp, 100_000, 200_000);
    expect(await query('adminVAppTemplate', 'catalogName==overcast-transfers')).toHaveLength(1);
    await imp.abort();
    await waitFor(
      'the transfer template to be deleted',
      async () => (await query('adminVAppTemplate', 'catalogName==overcast-transfers')).length === 0,
    );
    expect(await adapter.listVms([vdc.nativeId])).toHaveLength(before);
    const url = (imp.state.uploads as Record<string, string>)['disk-0.vmdk']!;
    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...(await session()), 'content-type': 'application/octet-stream', 'content-range': 'bytes 0-9/' + DISK_BYTES },
      body: Buffer.alloc(10),
    });
    expect(put.status).toBe(404);
  });

  it('reports free capacity of a VDC from its limits and what its VMs use; NOT_FOUND for an unknown VDC', async () => {
    const vdc = cloud.vdcs.find((v) => v.allocationModel === 'AllocationPool')!;
    const vms = cloud.vms.filter((vm) => vm.vdcNativeId === vdc.nativeId);
    const running = vms.filter((vm) => vm.powerState === 'POWERED_ON');
    expect(await adapter.content.capacity(vdc.nativeId)).toEqual({
      cpuCount: null,
      memoryMb: vdc.memoryLimitMb - running.reduce((sum, vm) => sum + vm.memoryMb, 0),
      storageBytes: (vdc.storageLimitMb - vms.reduce((sum, vm) => sum + vm.storageGb * 1024, 0)) * 1024 * 1024,
    });
    const payg = cloud.vdcs.find((v) => v.allocationModel === 'AllocationVApp')!;
    expect((await adapter.content.capacity(payg.nativeId)).memoryMb).toBeNull();
    await expectCode(adapter.content.capacity('urn:vcloud:vdc:00000000-0000-4000-a000-00000000dead'), ErrorCode.NOT_FOUND);
  });

  it('renames and deletes a template, and refuses to delete a running VM', async () => {
    const source = (await adapter.content.listTemplates()).find((t) => t.name === seedTemplates(cloud)[1]!.name)!;
    await adapter.content.renameTemplate(source.id, 'debian-renamed');
    expect((await adapter.content.getTemplate(source.id))?.name).toBe('debian-renamed');
    await adapter.content.deleteTemplate(source.id);
    expect(await adapter.content.getTemplate(source.id)).toBeUndefined();
    await expectCode(adapter.content.deleteVm(onVm.nativeId), ErrorCode.CONFLICT);
    expect((await adapter.getVms([onVm.nativeId])).has(onVm.nativeId)).toBe(true);
  });
});
