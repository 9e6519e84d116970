/**
 * Glance image data: `PUT /v2/images/{id}/file` (application/octet-stream, one
 * single-shot upload of a queued image, streamed into a FileStore file as it
 * arrives and hashed on the way) and `GET /v2/images/{id}/file` with an optional
 * `Range` (200 whole, 206 partial with Content-Range, 204 when the image has no
 * data, 416 for a range it cannot satisfy; Content-MD5 is the image's checksum).
 *
 * The image goes queued → saving while the body arrives, and from saving to active
 * `faults.operationMs` after the last byte (Glance's store and hash work). A body
 * that is cut off, or longer or shorter than its Content-Length, leaves nothing: the
 * image is queued again, as Glance reverts a failed upload.
 *
 * Divergence: Glance also takes a chunked body without a Content-Length; the mock
 * needs the length up front (411 otherwise), as its FileStore sizes a file at creation.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StoredFile } from '../content/storedFiles';
import type { Faults } from '../server';
import { findImage, noImage } from './imageAccess';
import { glanceError } from './glanceFaults';
import { glanceTime, type GlanceImage } from './images';
import type { NovaState } from './state';

/** Make `image` active with `data` after `operationMs` (unless it was deleted meanwhile). */
export function activateLater(
  state: NovaState,
  image: GlanceImage,
  data: StoredFile,
  digests: { checksum: string; sha256: string },
  operationMs: number,
): void {
  image.status = 'saving';
  const done = (): void => {
    if (state.images.get(image.id) !== image) return;
    Object.assign(image, { data, ...digests, status: 'active', updated_at: glanceTime() });
  };
  if (operationMs > 0) setTimeout(done, operationMs).unref();
  else done();
}

/** A byte range `[start, end)` of `size`, `undefined` for no Range header, `'unsatisfiable'` for one that cannot be served. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined | 'unsatisfiable' {
  if (header === undefined) return undefined;
  // One range only (Glance serves a single range), `bytes=a-b`, `bytes=a-` or `bytes=-n`.
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'unsatisfiable';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(match[1]);
  const last = match[2] === '' ? size - 1 : Number(match[2]);
  if (start >= size || last < start) return 'unsatisfiable';
  return { start, end: Math.min(last + 1, size) };
}

export function registerImageData(scope: FastifyInstance, state: NovaState, faults: Readonly<Faults>): void {
  // The body is handed over as the request stream itself, so nothing buffers it (and no body limit applies).
  scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  scope.put<{ Params: { id: string } }>('/v2/images/:id/file', async (request, reply) => {
    const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (type !== 'application/octet-stream') return glanceError(request, reply, 415, `Unsupported Content-Type ${type}`);
    const image = findImage(state, request, request.params.id);
    if (!image) return noImage(request, reply, request.params.id);
    if (image.status !== 'queued') {
      return glanceError(request, reply, 409, `Image status transition from ${image.status} to saving is not allowed`);
    }
    if (!image.disk_format || !image.container_format) {
      return glanceError(request, reply, 400, 'Properties disk_format, container_format must be set prior to saving data.');
    }
    const declared = request.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) return glanceError(request, reply, 411, 'Content-Length is required.');

    image.status = 'saving';
    const file = state.files.create(Number(declared));
    const md5 = createHash('md5');
    const sha = createHash('sha256');
    async function* hashed(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const part of body) {
        md5.update(part);
        sha.update(part);
        yield part;
      }
    }
    try {
      // fastify gives no body for `Content-Length: 0`: an empty image is an empty upload.
      await file.writeAll(hashed((request.body ?? []) as AsyncIterable<Buffer>));
    } catch {
      await file.discard();
      if (state.images.get(image.id) === image) image.status = 'queued';
      // A cut-off body has no one left to answer; a wrong length is the client's error.
      if (request.raw.destroyed || request.raw.readableAborted) return reply;
      return glanceError(request, reply, 400, 'Size of uploaded data is different than the Content-Length.');
    }
    if (state.images.get(image.id) !== image) {
      await file.discard();
      return noImage(request, reply, image.id);
    }
    activateLater(state, image, file, { checksum: md5.digest('hex'), sha256: sha.digest('hex') }, faults.operationMs);
    return reply.code(204).send();
  });

  scope.get<{ Params: { id: string } }>('/v2/images/:id/file', async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const image = findImage(state, request, request.params.id);
    if (!image) return noImage(request, reply, request.params.id);
    if (image.status !== 'active' || image.data === undefined) {
      return reply.code(204).send();
    }
    const { data } = image;
    const headers = { 'Content-Type': 'application/octet-stream', ...(image.checksum ? { 'Content-MD5': image.checksum } : {}) };
    const range = parseRange(request.headers.range, data.size);
    if (range === 'unsatisfiable') {
      reply.header('Content-Range', `bytes */${data.size}`);
      return glanceError(request, reply, 416, 'Requested range not satisfiable');
    }
    if (range === undefined)
      return reply
        .code(200)
        .headers({ ...headers, 'Content-Length': String(data.size) })
        .send(data.open(0, data.size));
    return reply
      .code(206)
      .headers({
        ...headers,
        'Content-Length': String(range.end - range.start),
        'Content-Range': `bytes ${range.start}-${range.end - 1}/${data.size}`,
      })
      .send(data.open(range.start, range.end));
  });
}
