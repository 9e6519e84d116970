/**
 * `POST /servers/{id}/action {"createImage": {"name", "metadata"}}`: a snapshot of the
 * server's root disk as a Glance image. Nova creates the image record (queued) before
 * it answers 202 — from 2.45 with `{"image_id"}` in the body, before that with the
 * image's URL in `Location` — and the compute host then uploads the disk: the image
 * is saving until `faults.operationMs` after, then active. Works on a running server
 * (nova snapshots live), not on one building or busy with a task (409).
 */
import type { FastifyReply } from 'fastify';
import type { SeedVm } from '../seed';
import type { Faults } from '../server';
import { novaFault } from './faults';
import { activateLater } from './imageData';
import { digestsOf, newImage } from './images';
import { PROJECT, USER, serverDisk, type NovaState } from './state';
import { atLeast, type Microversion } from './views';

export async function createImage(
  state: NovaState,
  faults: Readonly<Faults>,
  vm: SeedVm,
  body: unknown,
  version: Microversion,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const args = typeof body === 'object' && body !== null ? (body as { createImage?: unknown }).createImage : undefined;
  const { name, metadata } = (typeof args === 'object' && args !== null ? args : {}) as { name?: unknown; metadata?: unknown };
  if (typeof name !== 'string' || name.trim() === '' || name.length > 255) {
    return novaFault(reply, 400, "Invalid input for field/attribute createImage. 'name' is a required property");
  }
  const extra = metadata ?? {};
  if (typeof extra !== 'object' || extra === null || Object.values(extra).some((v) => typeof v !== 'string')) {
    return novaFault(reply, 400, 'Invalid input for field/attribute metadata.');
  }
  const building = state.building.get(vm.nativeId);
  if (building !== undefined && building > Date.now()) {
    return novaFault(reply, 409, `Cannot 'createImage' instance ${vm.nativeId} while it is in vm_state building`);
  }
  const pending = state.pending.get(vm.nativeId);
  if (pending) return novaFault(reply, 409, `Cannot 'createImage' instance ${vm.nativeId} while it is in task_state ${pending.taskState}`);

  const image = newImage(PROJECT.id, {
    name,
    visibility: 'private',
    disk_format: 'qcow2',
    container_format: 'bare',
    min_disk: vm.storageGb,
    min_ram: 0,
    properties: {
      ...(extra as Record<string, string>),
      image_type: 'snapshot',
      instance_uuid: vm.nativeId,
      user_id: USER.id,
      owner_project_name: 'overcast',
      owner_user_name: USER.name,
    },
  });
  state.images.set(image.id, image);
  const disk = serverDisk(state, vm.nativeId);
  const { operationMs } = faults;
  // The compute host's upload: saving while it streams the disk, active when done.
  setImmediate(() => {
    if (state.images.get(image.id) !== image) return;
    image.status = 'saving';
    void digestsOf(disk).then((digests) => activateLater(state, image, disk, digests, operationMs));
  });
  if (atLeast(version, 45)) return reply.code(202).send({ image_id: image.id });
  return reply.code(202).header('Location', `${state.baseUrl}/image/v2/images/${image.id}`).send();
}
