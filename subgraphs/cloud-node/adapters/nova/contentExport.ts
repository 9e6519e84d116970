/**
 * Exports from OpenStack: a VM is snapshotted into Glance (`createImage`, which nova
 * takes of a running server too) and read from the snapshot's data; a template is a
 * Glance image read as it is. Reads are ranged GETs of the image's `file`; closing
 * a VM export deletes the snapshot made for it (a template's image stays).
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { OpenExport, VmDescriptor } from '../content';
import { novaAnswers, novaError } from './errors';
import { propertyOf, sha256Of, type Glance, type GlanceImage } from './glanceImages';
import { getServer } from './contentServers';
import type { NovaSession } from './session';

/** The property naming the Overcast catalog of a template image (Glance has no catalogs). */
export const CATALOG_PROPERTY = 'overcast_catalog';
/** The vCPU count of a template image (Glance has `min_ram` for memory, nothing for vCPUs). */
export const VCPUS_PROPERTY = 'overcast_vcpus';

/** A template image's shape: `overcast_vcpus` and `min_ram`, else the smallest sensible one (1 vCPU, 1 GiB). */
export function templateShape(image: GlanceImage): { cpuCount: number; memoryMb: number } {
  const cpus = Number(propertyOf(image, VCPUS_PROPERTY));
  return {
    cpuCount: Number.isSafeInteger(cpus) && cpus > 0 ? cpus : 1,
    memoryMb: typeof image.min_ram === 'number' && image.min_ram > 0 ? image.min_ram : 1024,
  };
}

/** An export of `image`'s data; `close` runs when the export ends. */
function openImage(glance: Glance, image: GlanceImage, descriptor: VmDescriptor, close: () => Promise<void>): OpenExport {
  const sha256 = sha256Of(image);
  if (sha256 === null || typeof image.size !== 'number') {
    throw new CloudApiError(ErrorCode.UPSTREAM_ERROR, `OpenStack reports no size or SHA-256 for image ${image.id}`);
  }
  const size = image.size;
  return {
    manifest: { descriptor, files: [{ name: `disk-0.${image.disk_format ?? 'raw'}`, size, sha256 }] },
    read(index, start, end) {
      if (index !== 0 || start < 0 || start > end)
        throw new CloudApiError(ErrorCode.BAD_USER_INPUT, `No bytes ${start}-${end} of file ${index}`);
      return glance.read(image, start, Math.min(end, size));
    },
    close,
  };
}

export async function exportVm(session: NovaSession, glance: Glance, vmId: string, waitMs: number): Promise<OpenExport> {
  const server = await getServer(session, vmId);
  if (server === undefined) throw new CloudApiError(ErrorCode.NOT_FOUND, `Server ${vmId} not found in OpenStack`);
  const subject = `Server ${vmId}`;
  const res = await session.compute({
    method: 'POST',
    path: `/servers/${encodeURIComponent(vmId)}/action`,
    json: { createImage: { name: `overcast-export-${server.name}`.slice(0, 255), metadata: { overcast_export: vmId } } },
  });
  if (res.status !== 202) throw novaError(res, { subject, action: true });
  // From 2.45 (the adapter speaks 2.47 or later) the snapshot's id is in the body.
  const imageId = novaAnswers.parse(z.object({ image_id: z.string() }), res.body, subject, res.status).image_id;
  let image: GlanceImage;
  try {
    image = await glance.waitActive(imageId, waitMs);
  } catch (err) {
    await glance.remove(imageId).catch(() => undefined);
    throw err;
  }
  const descriptor = { name: server.name, cpuCount: server.flavor.vcpus, memoryMb: server.flavor.ram };
  return openImage(glance, image, descriptor, () => glance.remove(imageId));
}

export async function exportTemplate(glance: Glance, templateId: string): Promise<OpenExport> {
  const image = await glance.get(templateId);
  if (image === undefined || propertyOf(image, CATALOG_PROPERTY) === undefined) {
    throw new CloudApiError(ErrorCode.NOT_FOUND, `Template ${templateId} not found in OpenStack`);
  }
  if (image.status !== 'active') throw new CloudApiError(ErrorCode.CONFLICT, `Template ${templateId} is ${image.status}, not active`);
  return openImage(glance, image, { name: image.name ?? image.id, ...templateShape(image) }, () => Promise.resolve());
}
