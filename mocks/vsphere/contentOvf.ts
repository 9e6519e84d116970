/**
 * OVF capture and deploy (`/api/vcenter/ovf/library-item`), and VM delete, over the
 * content state: capture turns a powered-off VM into an `ovf` library item whose
 * disk file is the VM's disk (the same bytes, not a copy); deploy makes a
 * powered-off VM of an item, in the datacenter its target names, with the vCPUs and
 * memory of the item's descriptor and the item's disk as its own. Both are
 * synchronous in this API and take `operationMs`, like power calls (./vms.ts).
 *
 * Placement: the mock models a datacenter as one cluster with one root resource pool
 * (`resgroup-<n>` of `datacenter-<n>`, listed by GET /api/vcenter/resource-pool) and
 * one VM folder (`group-v<n>`, the datacenter's `vm_folder`); a deploy target names
 * either, and a VM lands in the datacenter it belongs to.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredFile } from '../content/storedFiles';
import type { SeedCloud } from '../seed';
import type { Faults } from '../server';
import { ovfDescriptor, parseOvf, type OvfShape } from '../content/ovf';
import { field, sendInvalid, sendItemNotFound, sendLibraryNotFound, sendNotAllowed } from './contentErrors';
import { createItem, itemNameTaken } from './contentLibrary';
import { bufferFile, DESCRIPTOR_FILE, DISK_FILE, type ContentState, type Item } from './contentState';
import { sendVmNotFound } from './errors';
import { queryList } from './vms';

const DESCRIPTOR_LIMIT = 1024 * 1024;

const dcNumber = (datacenter: string): string => datacenter.replace(/^datacenter-/, '');

/** The datacenter a deploy target places the VM in, or undefined when it names none of ours. */
function placement(cloud: SeedCloud, target: unknown): string | undefined {
  const pool = field(target, 'resource_pool_id');
  const folder = field(target, 'folder_id');
  const byPool = pool === undefined ? undefined : cloud.vdcs.find((dc) => `resgroup-${dcNumber(dc.nativeId)}` === pool);
  const byFolder = folder === undefined ? undefined : cloud.vdcs.find((dc) => `group-v${dcNumber(dc.nativeId)}` === folder);
  if ((pool !== undefined && !byPool) || (folder !== undefined && !byFolder)) return undefined;
  if (byPool && byFolder && byPool !== byFolder) return undefined;
  return (byPool ?? byFolder)?.nativeId;
}

async function readSmall(file: StoredFile): Promise<string | undefined> {
  if (file.size > DESCRIPTOR_LIMIT) return undefined;
  const parts: Buffer[] = [];
  for await (const part of file.open(0, file.size)) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

/** The shape and disk of an item, as deploy reads them; undefined when it is no deployable OVF. */
async function ovfOf(item: Item): Promise<{ shape: OvfShape; disk: StoredFile } | undefined> {
  const descriptor = item.files.find((f) => f.name.endsWith('.ovf'));
  const disk = item.files.find((f) => f.name.endsWith('.vmdk'));
  if (!descriptor || !disk) return undefined;
  const xml = await readSmall(descriptor.file);
  const shape = xml === undefined ? undefined : parseOvf(xml);
  return shape ? { shape, disk: disk.file } : undefined;
}

const operation = (faults: Readonly<Faults>): Promise<void> =>
  faults.operationMs > 0 ? new Promise((resolve) => setTimeout(resolve, faults.operationMs)) : Promise.resolve();

export function registerOvfRoutes(app: FastifyInstance, cloud: SeedCloud, state: ContentState, faults: Readonly<Faults>): void {
  const findVm = (id: string) => cloud.vms.find((vm) => vm.nativeId === id);
  const poweredOn = (reply: FastifyReply, vm: string, state: string) =>
    sendNotAllowed(
      reply,
      'com.vmware.api.vcenter.vm.power_state_not_allowed',
      `The operation is not allowed in the power state '${state}' of virtual machine '${vm}'.`,
      [vm, state],
    );

  app.get<{ Querystring: Record<string, string | string[] | undefined> }>('/api/vcenter/resource-pool', async (request) => {
    const datacenters = queryList(request.query, 'datacenters');
    const pools = queryList(request.query, 'resource_pools');
    return cloud.vdcs
      .filter((dc) => datacenters.length === 0 || datacenters.includes(dc.nativeId))
      .map((dc) => ({ resource_pool: `resgroup-${dcNumber(dc.nativeId)}`, name: 'Resources' }))
      .filter((p) => pools.length === 0 || pools.includes(p.resource_pool));
  });

  app.post('/api/vcenter/ovf/library-item', async (request, reply) => {
    const body = request.body;
    if (field(body, 'source', 'type') !== 'VirtualMachine') return sendInvalid(reply, 'source.type');
    const vmId = field(body, 'source', 'id');
    const libraryId = field(body, 'target', 'library_id');
    const name = field(body, 'create_spec', 'name');
    if (!vmId) return sendInvalid(reply, 'source.id');
    if (!libraryId) return sendInvalid(reply, 'target.library_id');
    if (!name) return sendInvalid(reply, 'create_spec.name');
    const vm = findVm(vmId);
    if (!vm) return sendVmNotFound(reply, vmId);
    if (!state.libraries.has(libraryId)) return sendLibraryNotFound(reply, libraryId);
    if (vm.powerState !== 'POWERED_OFF') return poweredOn(reply, vm.nativeId, vm.powerState);
    if (itemNameTaken(state, libraryId, name))
      return sendInvalid(reply, 'create_spec.name', `An item named '${name}' already exists in the library.`);
    await operation(faults);
    const disk = state.vmDisk(vm.nativeId);
    const item = createItem(state, libraryId, name, 'ovf', field(body, 'create_spec', 'description'));
    item.files = [
      { name: DESCRIPTOR_FILE, file: bufferFile(ovfDescriptor(vm, [{ name: DISK_FILE, size: disk.size }])), version: 1 },
      { name: DISK_FILE, file: disk, version: 1 },
    ];
    return reply.code(201).send({ succeeded: true, ovf_library_item_id: item.id });
  });

  app.post<{ Params: { id: string }; Querystring: { action?: string } }>('/api/vcenter/ovf/library-item/:id', async (request, reply) => {
    if (request.query.action !== 'deploy') return sendInvalid(reply, 'action');
    const item = state.items.get(request.params.id);
    if (!item) return sendItemNotFound(reply, request.params.id);
    const body = request.body as { target?: unknown; deployment_spec?: { accept_all_EULA?: unknown } } | undefined;
    const datacenter = placement(cloud, body?.target);
    if (!datacenter) return sendInvalid(reply, 'target', 'The target names no resource pool or folder of this vCenter.');
    const name = field(body, 'deployment_spec', 'name');
    if (!name) return sendInvalid(reply, 'deployment_spec.name');
    if (body?.deployment_spec?.accept_all_EULA !== true) return sendInvalid(reply, 'deployment_spec.accept_all_EULA');
    const ovf = item.type === 'ovf' ? await ovfOf(item) : undefined;
    if (!ovf) return sendInvalid(reply, 'ovf_library_item_id', `Library item '${item.id}' holds no OVF package that can be deployed.`);
    await operation(faults);
    const next = Math.max(1000, ...cloud.vms.map((vm) => Number(/^vm-(\d+)$/.exec(vm.nativeId)?.[1] ?? 0))) + 1;
    const vmId = `vm-${next}`;
    cloud.vms.push({
      nativeId: vmId,
      name,
      vdcNativeId: datacenter,
      powerState: 'POWERED_OFF',
      cpuCount: ovf.shape.cpuCount,
      memoryMb: ovf.shape.memoryMb,
      storageGb: Math.max(1, Math.ceil(ovf.disk.size / 1024 ** 3)),
      metrics: { cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 },
    });
    state.setVmDisk(vmId, ovf.disk);
    return { succeeded: true, resource_id: { type: 'VirtualMachine', id: vmId } };
  });

  app.delete<{ Params: { vm: string } }>('/api/vcenter/vm/:vm', async (request, reply) => {
    const vm = findVm(request.params.vm);
    if (!vm) return sendVmNotFound(reply, request.params.vm);
    if (vm.powerState !== 'POWERED_OFF') return poweredOn(reply, vm.nativeId, vm.powerState);
    await operation(faults);
    const at = cloud.vms.indexOf(vm);
    if (at >= 0) cloud.vms.splice(at, 1);
    const disk = state.vmDisk(vm.nativeId);
    state.dropVmDisk(vm.nativeId);
    await state.release(disk);
    return reply.code(204).send();
  });
}
