/**
 * Booting and deleting servers: `POST /servers` (name, imageRef, flavorRef,
 * availability_zone, networks — required from 2.37) answers 202 with the new id and
 * the server shows BUILD (vm_state building, task_state spawning) for
 * `faults.operationMs`, then ACTIVE. Its root disk is the image's data (a boot copies
 * the image; data never changes here, so the server shares it). Nova's checks come
 * first: an active image, a known flavor whose disk and memory fit the image's
 * `min_disk`/`min_ram` and size, a known zone, and the project's quota (403).
 * `DELETE /servers/{id}` is 204 and the server is gone at once (nova takes a moment).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Faults } from '../server';
import { novaFault } from './faults';
import { flavorByRef } from './flavors';
import { novaQuota, novaUsed } from './limits';
import { PROJECT, releaseFile, type NovaState } from './state';
import { atLeast } from './views';
import type { RequestContext } from './servers';

const GIB = 1024 * 1024 * 1024;

const bootBody = (body: unknown): Record<string, unknown> | undefined => {
  const server = typeof body === 'object' && body !== null ? (body as { server?: unknown }).server : undefined;
  return typeof server === 'object' && server !== null && !Array.isArray(server) ? (server as Record<string, unknown>) : undefined;
};

export function registerBoot(
  scope: FastifyInstance,
  state: NovaState,
  faults: Readonly<Faults>,
  contextOf: (r: FastifyRequest) => RequestContext,
): void {
  scope.post('/servers', async (request, reply) => {
    const context = contextOf(request);
    const server = bootBody(request.body);
    if (!server) return novaFault(reply, 400, "Invalid input for field/attribute server. Value: None. 'server' is a required property");
    const { name, imageRef, flavorRef, availability_zone: zone, networks, metadata } = server;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
      return novaFault(reply, 400, "Invalid input for field/attribute name. 'name' is a required property");
    }
    if (typeof flavorRef !== 'string')
      return novaFault(reply, 400, "Invalid input for field/attribute flavorRef. 'flavorRef' is a required property");
    if (atLeast(context.version, 37) && networks === undefined) {
      return novaFault(reply, 400, "Invalid input for field/attribute server. 'networks' is a required property");
    }
    if (
      metadata !== undefined &&
      (typeof metadata !== 'object' || metadata === null || Object.values(metadata).some((v) => typeof v !== 'string'))
    ) {
      return novaFault(reply, 400, 'Invalid input for field/attribute metadata.');
    }
    if (context.projectId !== PROJECT.id)
      return novaFault(reply, 403, 'Quota exceeded for instances: Requested 1, but already used 0 of 0 instances');
    const image = typeof imageRef === 'string' ? state.images.get(imageRef.slice(imageRef.lastIndexOf('/') + 1)) : undefined;
    if (!image || (image.owner !== PROJECT.id && image.visibility !== 'public')) {
      return novaFault(reply, 400, `Image ${String(imageRef)} could not be found.`);
    }
    if (image.status !== 'active' || image.data === undefined) return novaFault(reply, 400, `Image ${image.id} is not active.`);
    const flavor = flavorByRef(flavorRef);
    if (!flavor) return novaFault(reply, 400, `Flavor ${flavorRef} could not be found.`);
    if (flavor.disk * GIB < image.data.size || flavor.disk < image.min_disk)
      return novaFault(reply, 400, "Flavor's disk is too small for requested image.");
    if (flavor.ram < image.min_ram) return novaFault(reply, 400, "Flavor's memory is too small for requested image.");
    const az = zone === undefined ? state.cloud.vdcs[0]?.nativeId : zone;
    if (typeof az !== 'string' || !state.cloud.vdcs.some((v) => v.nativeId === az)) {
      return novaFault(reply, 400, 'The requested availability zone is not available');
    }
    const quota = novaQuota(state.cloud);
    const used = novaUsed(state);
    if (used.cores + flavor.vcpus > quota.cores) {
      return novaFault(
        reply,
        403,
        `Quota exceeded for cores: Requested ${flavor.vcpus}, but already used ${used.cores} of ${quota.cores} cores`,
      );
    }
    if (used.ramMb + flavor.ram > quota.ramMb) {
      return novaFault(reply, 403, `Quota exceeded for ram: Requested ${flavor.ram}, but already used ${used.ramMb} of ${quota.ramMb} ram`);
    }

    const id = randomUUID();
    state.cloud.vms.push({
      nativeId: id,
      name,
      vdcNativeId: az,
      powerState: 'POWERED_ON',
      cpuCount: flavor.vcpus,
      memoryMb: flavor.ram,
      storageGb: flavor.disk,
      metrics: { cpuUsageMhz: 0, memoryUsedMb: 0, storageUsedGb: 0, networkKbps: 0 },
    });
    state.disks.set(id, image.data);
    state.metadata.set(id, { ...(metadata as Record<string, string> | undefined) });
    state.building.set(id, Date.now() + faults.operationMs);
    const self = `${context.links}/servers/${id}`;
    return reply
      .code(202)
      .header('Location', self)
      .send({
        server: {
          id,
          links: [
            { rel: 'self', href: self },
            { rel: 'bookmark', href: `${state.baseUrl}/compute/servers/${id}` },
          ],
          'OS-DCF:diskConfig': 'MANUAL',
          security_groups: [{ name: 'default' }],
          adminPass: randomUUID().replaceAll('-', '').slice(0, 12),
        },
      });
  });

  scope.delete<{ Params: { id: string } }>('/servers/:id', async (request, reply) => {
    const context = contextOf(request);
    const index = context.projectId === PROJECT.id ? state.cloud.vms.findIndex((vm) => vm.nativeId === request.params.id) : -1;
    if (index < 0) return novaFault(reply, 404, `Instance ${request.params.id} could not be found.`);
    const [vm] = state.cloud.vms.splice(index, 1);
    const disk = state.disks.get(vm!.nativeId);
    for (const map of [state.disks, state.building, state.metadata, state.pending, state.errored, state.updated]) map.delete(vm!.nativeId);
    await releaseFile(state, disk);
    return reply.code(204).send();
  });
}
