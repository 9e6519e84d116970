/**
 * The Glance v2 calls content needs, over the adapter's session: list (paged by
 * `next`), show, create, JSON-patch, delete, the single-shot data upload, ranged
 * reads, and waiting for an image to become active. Only the fields read are kept
 * (zod drops the rest); additional properties are kept as strings.
 */
import { z } from 'zod';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import { pollWithin } from '../../../shared/pollWithin';
import { novaAnswers } from './errors';
import { glanceError } from './glanceErrors';
import type { NovaSession } from './session';

/** Glance's `api_limit_max` default: the largest page it serves. */
const PAGE_SIZE = 1000;
const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

export const glanceImage = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    status: z.string(),
    size: z.number().nullish(),
    min_ram: z.number().nullish(),
    disk_format: z.string().nullish(),
    checksum: z.string().nullish(),
    os_hash_algo: z.string().nullish(),
    os_hash_value: z.string().nullish(),
    file: z.string().nullish(),
  })
  .catchall(z.unknown());
export type GlanceImage = z.infer<typeof glanceImage>;

const imagePage = z.object({ images: z.array(glanceImage), next: z.string().optional() });

/** A string property of an image (additional properties are top-level strings). */
export const propertyOf = (image: GlanceImage, key: string): string | undefined => {
  const value = image[key];
  return typeof value === 'string' ? value : undefined;
};

/** The image's SHA-256 as Glance reports it (the multihash, when the deployment hashes with sha256). */
export const sha256Of = (image: GlanceImage): string | null =>
  image.os_hash_algo === 'sha256' && typeof image.os_hash_value === 'string' ? image.os_hash_value : null;

export interface Glance {
  list(filters?: Record<string, string>): Promise<GlanceImage[]>;
  /** Undefined on 404. */
  get(id: string): Promise<GlanceImage | undefined>;
  create(fields: Record<string, unknown>): Promise<GlanceImage>;
  patch(id: string, ops: { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }[]): Promise<void>;
  /** Deleted, or already gone. */
  remove(id: string): Promise<void>;
  /** The one PUT of the data: `open` gives the whole file (called again if the session re-logs in). */
  upload(id: string, size: number, open: () => NodeJS.ReadableStream, timeoutMs: number): Promise<void>;
  /** Bytes [start, end) of the image's data. */
  read(image: GlanceImage, start: number, end: number): Promise<Buffer>;
  /** Poll until the image is active (answering it); `killed`/`deleted` fail; over the budget, CLOUD_UNAVAILABLE. */
  waitActive(id: string, budgetMs: number): Promise<GlanceImage>;
}

export function createGlance(session: NovaSession): Glance {
  const get = async (id: string): Promise<GlanceImage | undefined> => {
    const subject = `Image ${id}`;
    const res = await session.image({ method: 'GET', path: `/v2/images/${encodeURIComponent(id)}` });
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw glanceError(res, subject);
    return novaAnswers.parse(glanceImage, res.body, subject, res.status);
  };

  return {
    async list(filters = {}) {
      const images: GlanceImage[] = [];
      let path: string | undefined = `/v2/images?${new URLSearchParams({ ...filters, limit: String(PAGE_SIZE) }).toString()}`;
      while (path !== undefined) {
        const res = await session.image({ method: 'GET', path });
        if (res.status !== 200) throw glanceError(res, 'image list');
        const page = novaAnswers.parse(imagePage, res.body, 'image list', res.status);
        images.push(...page.images);
        // `next` is relative to the endpoint; an empty page ends the walk, so a bad link cannot loop.
        path = page.images.length > 0 && page.next?.startsWith('/v2/images') ? page.next : undefined;
      }
      return images;
    },

    get,

    async create(fields) {
      const res = await session.image({ method: 'POST', path: '/v2/images', json: fields });
      if (res.status !== 201) throw glanceError(res, 'new image');
      return novaAnswers.parse(glanceImage, res.body, 'new image', res.status);
    },

    async patch(id, ops) {
      const res = await session.image({
        method: 'PATCH',
        path: `/v2/images/${encodeURIComponent(id)}`,
        json: ops,
        headers: { 'content-type': PATCH_TYPE },
      });
      if (res.status !== 200) throw glanceError(res, `Image ${id}`);
    },

    async remove(id) {
      const res = await session.image({ method: 'DELETE', path: `/v2/images/${encodeURIComponent(id)}` });
      if (res.status !== 204 && res.status !== 404) throw glanceError(res, `Image ${id}`);
    },

    async upload(id, size, open, timeoutMs) {
      const res = await session.imageBytes({
        method: 'PUT',
        path: `/v2/images/${encodeURIComponent(id)}/file`,
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
        body: open,
        timeoutMs,
      });
      if (res.status !== 204) throw glanceError(res, `Data of image ${id}`);
    },

    async read(image, start, end) {
      if (end <= start) return Buffer.alloc(0);
      const res = await session.imageBytes({
        method: 'GET',
        path: image.file ?? `/v2/images/${encodeURIComponent(image.id)}/file`,
        headers: { range: `bytes=${start}-${end - 1}` },
      });
      const subject = `Data of image ${image.id}`;
      if (res.status !== 206) throw glanceError(res, subject);
      if (res.body.length !== end - start) {
        throw new CloudApiError(
          ErrorCode.UPSTREAM_ERROR,
          `OpenStack answered ${res.body.length} bytes for a range of ${end - start} of image ${image.id}`,
        );
      }
      return res.body;
    },

    waitActive: (id, budgetMs) =>
      pollWithin(`Image ${id} becoming active in OpenStack`, budgetMs, async () => {
        const image = await get(id);
        if (image === undefined) throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack image ${id} disappeared`);
        if (image.status === 'active') return image;
        if (image.status === 'killed' || image.status === 'deleted' || image.status === 'deactivated') {
          throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `OpenStack image ${id} ended ${image.status}`);
        }
        return undefined;
      }),
  };
}
