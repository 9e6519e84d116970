/**
 * Glance v2 under `/image` (devstack's layout): its versions document (no token), the
 * keystonemiddleware token check, and the image records: list (filters on name,
 * status, visibility, formats and any additional property such as
 * `overcast_catalog=`; `limit`/`marker` paging with a `next` link, newest first),
 * create, show, JSON-patch update and delete. Image data lives in imageData.ts.
 *
 * A token sees the images its project owns and public ones.
 */
import type { FastifyInstance } from 'fastify';
import type { Faults } from '../server';
import { AUTH_REQUIRED, keystoneError } from './faults';
import { glanceError } from './glanceFaults';
import { findImage, noImage, projects, visibleImages } from './imageAccess';
import { registerImageData } from './imageData';
import { CONTAINER_FORMATS, CORE, DISK_FORMATS, READ_ONLY, glanceTime, imageView, newImage, type GlanceImage } from './images';
import { releaseFile, validToken, type NovaState } from './state';

/** Glance's `api_limit_max` default; its default page size is 25. */
const LIMIT_MAX = 1000;
const DEFAULT_LIMIT = 25;
const PATCH_TYPES = ['application/openstack-images-v2.1-json-patch', 'application/openstack-images-v2.0-json-patch'];
/** Query parameters that are not property filters. */
const CONTROL = new Set(['limit', 'marker', 'sort_key', 'sort_dir', 'sort', 'member_status', 'os_hidden']);

type Query = Record<string, string | string[] | undefined>;
const lastValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v);

/** The value of one filter for an image (core attributes, else its property). */
function attribute(image: GlanceImage, key: string): string | undefined {
  const view = imageView(image);
  const value = view[key];
  return value === null || value === undefined ? undefined : String(value);
}

/** Validate and apply one attribute set by create or patch; a string is the error (status, message). */
function setAttribute(image: GlanceImage, key: string, value: unknown): [number, string] | undefined {
  if (READ_ONLY.has(key)) return [403, `Attribute '${key}' is read-only.`];
  const invalid = (): [number, string] => [400, `Provided object does not match schema 'image': Invalid value for '${key}'`];
  switch (key) {
    case 'name':
      if (value !== null && (typeof value !== 'string' || value.length > 255)) return invalid();
      image.name = value;
      return undefined;
    case 'visibility':
      if (value !== 'public' && value !== 'private' && value !== 'shared' && value !== 'community') return invalid();
      image.visibility = value;
      return undefined;
    case 'protected':
      if (typeof value !== 'boolean') return invalid();
      image.protected = value;
      return undefined;
    case 'disk_format':
    case 'container_format': {
      const allowed = key === 'disk_format' ? DISK_FORMATS : CONTAINER_FORMATS;
      if (value !== null && (typeof value !== 'string' || !allowed.has(value))) return invalid();
      if (image.status !== 'queued') return [403, `Attribute ${key} can be only replaced for a queued image.`];
      image[key] = value;
      return undefined;
    }
    case 'min_ram':
    case 'min_disk':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return invalid();
      image[key] = value;
      return undefined;
    case 'tags':
      if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) return invalid();
      image.tags = [...new Set(value as string[])];
      return undefined;
    case 'os_hidden':
      return typeof value === 'boolean' ? undefined : invalid();
    default:
      // Additional properties are strings of up to 255 characters.
      if (typeof value !== 'string' || value.length > 255 || key.length > 255) return invalid();
      image.properties[key] = value;
      return undefined;
  }
}

/** Register Glance's routes (`/image/...`). */
export function registerGlance(app: FastifyInstance, state: NovaState, faults: Readonly<Faults>): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (request.routeOptions.url === '/image/' || request.routeOptions.url === '/image') return undefined;
        const token = validToken(state, request.headers['x-auth-token']);
        if (!token) {
          return keystoneError(reply.header('WWW-Authenticate', `Keystone uri="${state.baseUrl}/identity"`), 401, AUTH_REQUIRED);
        }
        projects.set(request, token.projectId);
        await state.imagesReady;
        return undefined;
      });

      scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
        const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500;
        return glanceError(request, reply, status, status === 415 ? 'Unsupported Content-Type' : 'The request could not be processed.');
      });

      const versions = async () => ({
        versions: [{ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${state.baseUrl}/image/v2/` }] }],
      });
      scope.get('/', versions);

      scope.get<{ Querystring: Query }>('/v2/images', async (request, reply) => {
        const query = request.query;
        const limitRaw = lastValue(query.limit);
        if (limitRaw !== undefined && !/^-?\d+$/.test(limitRaw)) return glanceError(request, reply, 400, 'limit param must be an integer');
        if (limitRaw !== undefined && Number(limitRaw) < 0) return glanceError(request, reply, 400, 'limit param must be positive');
        const limit = Math.min(limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw), LIMIT_MAX);

        let images = visibleImages(state, request);
        const marker = lastValue(query.marker);
        if (marker !== undefined) {
          const at = images.findIndex((i) => i.id === marker);
          if (at < 0) return glanceError(request, reply, 400, `Marker ${marker} could not be found.`);
          images = images.slice(at + 1);
        }
        for (const [key, raw] of Object.entries(query)) {
          const value = lastValue(raw);
          if (CONTROL.has(key) || value === undefined) continue;
          if (key === 'size_min') images = images.filter((i) => (i.data?.size ?? -1) >= Number(value));
          else if (key === 'size_max') images = images.filter((i) => i.data !== undefined && i.data.size <= Number(value));
          else if (key === 'tag') images = images.filter((i) => i.tags.includes(value));
          // Glance's `in:` operator (name=in:a,b) and exact matches; anything else is a property.
          else if (value.startsWith('in:'))
            images = images.filter((i) =>
              value
                .slice(3)
                .split(',')
                .includes(attribute(i, key) ?? ''),
            );
          else images = images.filter((i) => attribute(i, key) === value);
        }
        const page = images.slice(0, limit);
        const body: Record<string, unknown> = { images: page.map(imageView), first: '/v2/images', schema: '/v2/schemas/images' };
        // As Glance does, a full page gets a next link (even when nothing follows).
        if (limit > 0 && page.length === limit) {
          const params = new URLSearchParams();
          for (const [key, raw] of Object.entries(query))
            if (key !== 'marker' && key !== 'limit' && raw !== undefined) params.set(key, lastValue(raw)!);
          params.set('marker', page[page.length - 1]!.id);
          params.set('limit', String(limit));
          body.next = `/v2/images?${params.toString()}`;
        }
        return body;
      });

      scope.post('/v2/images', async (request, reply) => {
        const body = request.body;
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return glanceError(request, reply, 400, 'Body expected in request.');
        }
        const fields = body as Record<string, unknown>;
        const project = projects.get(request);
        if (project === undefined) return glanceError(request, reply, 403, 'You are not authorized to complete add_image action.');
        const image = newImage(project);
        if (typeof fields.id === 'string') {
          if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(fields.id)) {
            return glanceError(request, reply, 400, `Provided object does not match schema 'image': Invalid value for 'id'`);
          }
          if (state.images.has(fields.id)) return glanceError(request, reply, 409, `Image with identifier ${fields.id} already exists!`);
          image.id = fields.id;
        }
        for (const [key, value] of Object.entries(fields)) {
          if (key === 'id') continue;
          const refused = setAttribute(image, key, value);
          if (refused) return glanceError(request, reply, refused[0], refused[1]);
        }
        state.images.set(image.id, image);
        return reply.code(201).header('Location', `${state.baseUrl}/image/v2/images/${image.id}`).send(imageView(image));
      });

      scope.get<{ Params: { id: string } }>('/v2/images/:id', async (request, reply) => {
        const image = findImage(state, request, request.params.id);
        return image ? imageView(image) : noImage(request, reply, request.params.id);
      });

      scope.patch<{ Params: { id: string } }>('/v2/images/:id', async (request, reply) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
        if (!PATCH_TYPES.includes(type)) {
          return glanceError(request, reply.header('Accept-Patch', PATCH_TYPES.join(', ')), 415, `Unsupported Content-Type ${type}`);
        }
        const image = findImage(state, request, request.params.id);
        if (!image) return noImage(request, reply, request.params.id);
        const ops = request.body;
        if (!Array.isArray(ops)) return glanceError(request, reply, 400, 'Request body must be a JSON array of operation objects.');
        // All or nothing, as Glance applies a patch to a copy and saves it once.
        const draft: GlanceImage = { ...image, properties: { ...image.properties }, tags: [...image.tags] };
        for (const op of ops as { op?: unknown; path?: unknown; value?: unknown }[]) {
          if (typeof op !== 'object' || op === null || typeof op.path !== 'string' || !/^\/[^/]+$/.test(op.path)) {
            return glanceError(request, reply, 400, 'Unable to find `path` in the operation, or it is not a single member.');
          }
          const key = op.path.slice(1).replaceAll('~1', '/').replaceAll('~0', '~');
          if (op.op === 'add' || op.op === 'replace') {
            if (!('value' in op))
              return glanceError(request, reply, 400, 'Operation objects must contain exactly one member named "value".');
            if (op.op === 'replace' && !CORE.has(key) && !(key in draft.properties)) {
              return glanceError(request, reply, 409, `Property ${key} does not exist.`);
            }
            const refused = setAttribute(draft, key, op.value);
            if (refused) return glanceError(request, reply, refused[0], refused[1]);
          } else if (op.op === 'remove') {
            if (CORE.has(key)) return glanceError(request, reply, 403, `Attribute '${key}' is read-only.`);
            if (!(key in draft.properties)) return glanceError(request, reply, 409, `Property ${key} does not exist.`);
            delete draft.properties[key];
          } else {
            return glanceError(
              request,
              reply,
              400,
              'Operation objects must contain exactly one member named "add", "remove", or "replace".',
            );
          }
        }
        Object.assign(image, draft, { updated_at: glanceTime() });
        return imageView(image);
      });

      scope.delete<{ Params: { id: string } }>('/v2/images/:id', async (request, reply) => {
        const image = findImage(state, request, request.params.id);
        if (!image) return noImage(request, reply, request.params.id);
        if (image.protected) return glanceError(request, reply, 403, `Image ${image.id} is protected and cannot be deleted.`);
        if (image.owner !== projects.get(request)) return glanceError(request, reply, 403, 'You are not permitted to delete this image.');
        state.images.delete(image.id);
        image.status = 'deleted';
        await releaseFile(state, image.data);
        return reply.code(204).send();
      });

      registerImageData(scope, state, faults);
    },
    { prefix: '/image' },
  );
}
