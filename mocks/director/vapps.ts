/**
 * vApps on the legacy API. The seed has none: each VM lives in a vApp of its own,
 * named after it (contentState.ts), at `/api/vApp/vapp-<uuid>`.
 * - `GET`: status, the VM inside, and while its download is enabled its Files
 *   (`descriptor.ovf` made from the VM's shape, `disk-0.vmdk` its disk) with
 *   `download:default` links;
 * - `POST .../action/enableDownload`: a Task; refused (400) unless the vApp is
 *   powered off, as a cell refuses to export a running vApp; `.../disableDownload`: 204;
 * - `DELETE`: a Task removing the vApp and its VM; refused (400) while it is powered on;
 * - `POST /api/vdc/<uuid>/action/instantiateVAppTemplate` (InstantiateVAppTemplateParams
 *   `{name, source: {href}}`): 201 with the new vApp and its Task; when the task ends,
 *   its one VM, powered off, with the template's vCPUs, memory and disk, is in the VDC
 *   (and in the adminVM query). A vApp name the VDC already uses is a 400.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SeedCloud, SeedVm } from '../seed';
import { DESCRIPTOR_NAME, link, renderDownloadFiles, transferHref } from './contentFiles';
import { bufferFile, TEMPLATE_STATUS, type ContentFile, type ContentState } from './contentState';
import type { ContentTask, EntityRef } from './contentTasks';
import { sendLegacyError } from './errors';
import { baseUrl, uuidOf, vdcHref, vmHref } from './hrefs';
import { ovfDescriptor } from '../content/ovf';
import { legacyType, sendMissing, sendTask } from './vappTemplates';

const VAPP_TYPE = 'application/vnd.vmware.vcloud.vApp+json';
/** Legacy status codes of a vApp by its VM's power state. */
const VAPP_STATUS: Record<SeedVm['powerState'], number> = { POWERED_ON: 4, POWERED_OFF: 8, SUSPENDED: 3 };

export const vappPath = (state: ContentState, vm: SeedVm): string => `/api/vApp/vapp-${state.vappUuidOf(vm)}`;

/** The files of a VM's vApp as its download offers them. */
function vappFiles(state: ContentState, vm: SeedVm): ContentFile[] {
  const disk = state.diskOf(vm);
  const descriptor = ovfDescriptor({ name: vm.name, cpuCount: vm.cpuCount, memoryMb: vm.memoryMb }, [
    { name: 'disk-0.vmdk', size: disk.size },
  ]);
  return [
    { name: DESCRIPTOR_NAME, store: bufferFile(descriptor) },
    { name: 'disk-0.vmdk', store: disk },
  ];
}

/** Register the vApp routes over `state`. */
/** The cell's refusal of a download or delete of a vApp that is not powered off. */
const sendNotPoweredOff = (reply: FastifyReply, name: string) =>
  sendLegacyError(reply, 400, 'BAD_REQUEST', `The requested operation could not be executed since vApp "${name}" is not powered off.`);

export function registerVApps(app: FastifyInstance, cloud: SeedCloud, state: ContentState): void {
  type Params = { Params: { id: string } };
  const ref = (vm: SeedVm): EntityRef => ({
    href: vappPath(state, vm),
    id: `urn:vcloud:vapp:${state.vappUuidOf(vm)}`,
    type: VAPP_TYPE,
    name: vm.name,
  });
  /** Tasks running on a vApp, shown in its Tasks. */
  const running = new WeakMap<SeedVm, Array<ContentTask>>();
  const track = (vm: SeedVm, task: ContentTask) => {
    running.set(vm, [...(running.get(vm) ?? []).filter((t) => t.status === 'running'), task]);
    return task;
  };

  const render = async (base: string, vm: SeedVm): Promise<Record<string, unknown>> => {
    const href = base + vappPath(state, vm);
    const download = state.vappDownloads.get(vm);
    const tasks = (running.get(vm) ?? []).filter((t) => t.status === 'running');
    return {
      otherAttributes: {},
      link: [
        link('up', vdcHref(base, vm.vdcNativeId), 'application/vnd.vmware.vcloud.vdc+json'),
        link('remove', href),
        ...(vm.powerState === 'POWERED_OFF'
          ? [link(download ? 'disable' : 'enable', `${href}/action/${download ? 'disableDownload' : 'enableDownload'}`)]
          : []),
        ...(download ? [link('download:default', transferHref(base, download, DESCRIPTOR_NAME))] : []),
      ],
      href,
      type: VAPP_TYPE,
      id: ref(vm).id,
      name: vm.name,
      description: '',
      status: VAPP_STATUS[vm.powerState],
      deployed: vm.powerState !== 'POWERED_OFF',
      files: download ? await renderDownloadFiles(base, vappFiles(state, vm), download) : null,
      tasks: tasks.length ? { otherAttributes: {}, link: [], task: tasks.map((t) => state.tasks.render(base, t)) } : null,
      children: {
        otherAttributes: {},
        link: [],
        vm: [
          {
            otherAttributes: {},
            link: [],
            href: vmHref(base, vm.nativeId),
            id: vm.nativeId,
            type: 'application/vnd.vmware.vcloud.vm+json',
            name: vm.name,
            status: VAPP_STATUS[vm.powerState],
          },
        ],
      },
    };
  };

  app.get<Params>('/api/vApp/vapp-:id', async (request, reply) => {
    const vm = state.vmOfVapp(request.params.id);
    if (!vm) return sendMissing(reply, `vapp-${request.params.id}`);
    return reply.type(legacyType(request, VAPP_TYPE)).send(await render(baseUrl(request), vm));
  });

  app.post<Params>('/api/vApp/vapp-:id/action/enableDownload', async (request, reply) => {
    const vm = state.vmOfVapp(request.params.id);
    if (!vm) return sendMissing(reply, `vapp-${request.params.id}`);
    if (vm.powerState !== 'POWERED_OFF') return sendNotPoweredOff(reply, vm.name);
    const task = state.tasks.timed(
      'vappEnableDownload',
      `Enabling download of Virtual Application ${vm.name}(${state.vappUuidOf(vm)})`,
      ref(vm),
      () => {
        if (state.vappDownloads.has(vm) || !cloud.vms.includes(vm)) return;
        const uuid = randomUUID();
        state.vappDownloads.set(vm, uuid);
        state.transfers.set(uuid, { kind: 'download', files: () => vappFiles(state, vm) });
      },
    );
    return sendTask(request, reply, state, track(vm, task));
  });

  app.post<Params>('/api/vApp/vapp-:id/action/disableDownload', async (request, reply) => {
    const vm = state.vmOfVapp(request.params.id);
    if (!vm) return sendMissing(reply, `vapp-${request.params.id}`);
    const download = state.vappDownloads.get(vm);
    if (download) state.transfers.delete(download);
    state.vappDownloads.delete(vm);
    return reply.code(204).send();
  });

  app.delete<Params>('/api/vApp/vapp-:id', async (request, reply) => {
    const vm = state.vmOfVapp(request.params.id);
    if (!vm) return sendMissing(reply, `vapp-${request.params.id}`);
    if (vm.powerState !== 'POWERED_OFF') return sendNotPoweredOff(reply, vm.name);
    const task = state.tasks.timed('vdcDeleteVapp', `Deleting Virtual Application ${vm.name}(${state.vappUuidOf(vm)})`, ref(vm), () => {
      void state.removeVm(vm);
    });
    return sendTask(request, reply, state, track(vm, task));
  });

  app.post<Params>('/api/vdc/:id/action/instantiateVAppTemplate', async (request, reply) => {
    const vdc = cloud.vdcs.find((v) => uuidOf(v.nativeId) === request.params.id.toLowerCase());
    if (!vdc) return sendMissing(reply, `urn:vcloud:vdc:${request.params.id}`);
    const body = (request.body ?? {}) as { name?: unknown; source?: { href?: unknown } };
    const name = typeof body.name === 'string' ? body.name : '';
    const sourceHref = typeof body.source?.href === 'string' ? body.source.href : '';
    if (name.trim() === '' || name.length > 128)
      return sendLegacyError(reply, 400, 'BAD_REQUEST', 'InstantiateVAppTemplateParams needs a name of 1 to 128 characters.');
    const segment = /\/vAppTemplate\/(vappTemplate-[0-9a-f-]{36})$/i.exec(sourceHref)?.[1];
    const t = segment ? state.findTemplate(segment) : undefined;
    if (!t) return sendLegacyError(reply, 400, 'BAD_REQUEST', 'The Source of InstantiateVAppTemplateParams is not a vApp template.');
    if (t.status !== TEMPLATE_STATUS.RESOLVED || !t.shape || t.disks.length === 0) {
      return sendLegacyError(
        reply,
        400,
        'BAD_REQUEST',
        `The requested operation could not be executed since vApp template "${t.name}" is not resolved.`,
      );
    }
    if (cloud.vms.some((vm) => vm.vdcNativeId === vdc.nativeId && vm.name.toLowerCase() === name.toLowerCase())) {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', `DUPLICATE_NAME: the VDC already has a vApp named "${name}".`);
    }
    const disk = t.disks[0]!.store;
    const vm: SeedVm = {
      nativeId: `urn:vcloud:vm:${randomUUID()}`,
      name,
      vdcNativeId: vdc.nativeId,
      powerState: 'POWERED_OFF',
      cpuCount: t.shape.cpuCount,
      memoryMb: t.shape.memoryMb,
      storageGb: Math.max(1, Math.ceil(disk.size / 1024 ** 3)),
      metrics: { cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 },
    };
    // The vApp exists from the answer on; its VM joins the VDC when the task ends.
    const task = state.tasks.timed('vdcInstantiateVapp', `Creating Virtual Application ${name}(${state.vappUuidOf(vm)})`, ref(vm), () => {
      state.setDisk(vm, disk);
      cloud.vms.push(vm);
    });
    const base = baseUrl(request);
    const href = base + vappPath(state, vm);
    return reply
      .code(201)
      .type(legacyType(request, VAPP_TYPE))
      .send({
        otherAttributes: {},
        link: [],
        href,
        type: VAPP_TYPE,
        id: ref(vm).id,
        name,
        description: '',
        status: TEMPLATE_STATUS.UNRESOLVED,
        deployed: false,
        tasks: { otherAttributes: {}, link: [], task: [state.tasks.render(base, track(vm, task))] },
        children: {
          otherAttributes: {},
          link: [],
          vm: [
            { otherAttributes: {}, link: [], href: vmHref(base, vm.nativeId), id: vm.nativeId, name, status: TEMPLATE_STATUS.UNRESOLVED },
          ],
        },
      });
  });
}
