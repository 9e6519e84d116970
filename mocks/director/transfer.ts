/**
 * The cell's transfer service: the URLs it hands out in `upload:default` and
 * `download:default` links, `/transfer/<uuid>/<file>`, behind the same sessions
 * as the API (sessions.ts).
 *
 * Upload, `PUT`:
 * - the descriptor (`descriptor.ovf`, `Content-Type: text/xml`) in one request: the
 *   cell reads the files it references, and the template then lists each with its
 *   own `upload:default` link;
 * - a file in chunks, `Content-Range: bytes a-b/total` (a whole file without one):
 *   a chunk must start at or before the bytes already held (`bytesTransferred`: a
 *   resend overwrites what it repeats), never after (416: a gap), and `total` must
 *   be the file's size. This is what a client resumes an interrupted upload with.
 * - once every file is whole, the template's upload task ends, and after the
 *   operation time the template is resolved (status 8).
 *
 * Download, `GET` with an optional `Range: bytes=a-b` (206; 200 without; 416 with
 * `Content-Range: bytes *\/size` when unsatisfiable), streamed from the stored
 * file, never read whole. A URL whose template was deleted, or whose download was
 * disabled, answers 404.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RangeNotContiguous, type UploadFile } from '../content/storedFiles';
import type { Faults } from '../server';
import { DESCRIPTOR_NAME } from './contentFiles';
import { bufferFile, TEMPLATE_STATUS, type ContentState, type VAppTemplate } from './contentState';
import { sendLegacyError } from './errors';
import { parseOvf } from '../content/ovf';

/** The largest body one PUT may carry (a chunk is held in memory until written). */
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
/** A descriptor is a small XML document. */
const MAX_DESCRIPTOR_BYTES = 1024 * 1024;

type Params = { Params: { transfer: string; file: string } };

const sendNotFound = (reply: FastifyReply, request: FastifyRequest): FastifyReply =>
  sendLegacyError(reply, 404, 'RESOURCE_NOT_FOUND', `No transfer at ${request.url.split('?')[0]}.`);

/** The body (a raw stream, see the content type parser) as one buffer of at most `limit` bytes; undefined when longer. */
async function readBody(body: unknown, limit: number): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body.length <= limit ? body : undefined;
  if (typeof body === 'string') return readBody(Buffer.from(body), limit);
  const parts: Buffer[] = [];
  let length = 0;
  for await (const part of body as Readable) {
    length += (part as Buffer).length;
    if (length > limit) {
      (body as Readable).destroy();
      return undefined;
    }
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

/** `bytes a-b/total` → the parts, or undefined when malformed. */
function contentRange(header: string | undefined): { start: number; end: number; total: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return start <= end && end < total ? { start, end, total } : undefined;
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` against `size` → [start, end) or 'unsatisfiable'; undefined for none or malformed (whole file). */
function byteRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 ? 'unsatisfiable' : [Math.max(0, size - suffix), size];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'unsatisfiable' : [start, end + 1];
}

/** Every file whole: end the upload task, and resolve the template after the operation time. */
function finishIfWhole(state: ContentState, t: VAppTemplate, faults: Readonly<Faults>): void {
  if (!t.descriptor || t.disks.some((d) => d.store.received() < d.store.size) || !t.uploadTask) return;
  const task = t.uploadTask;
  state.tasks.end(task, 'success', faults.operationMs, () => {
    if (!state.templates.includes(t)) return;
    t.status = TEMPLATE_STATUS.RESOLVED;
    if (t.upload) state.transfers.delete(t.upload);
    t.upload = undefined;
    t.uploadTask = undefined;
    t.version++;
    t.catalog.version++;
  });
}

/** Register the transfer routes over `state`. */
export function registerTransfers(app: FastifyInstance, state: ContentState, faults: Readonly<Faults>): void {
  // Upload bodies reach the handler as the raw request stream; it reads one chunk's worth.
  app.addContentTypeParser(['application/octet-stream', 'text/xml', 'application/xml'], (_request, payload, done) => done(null, payload));

  app.put<Params>('/transfer/:transfer/:file', async (request, reply) => {
    const transfer = state.transfers.get(request.params.transfer.toLowerCase());
    if (transfer?.kind !== 'upload') return sendNotFound(reply, request);
    const t = transfer.template;
    const name = request.params.file;

    if (name === DESCRIPTOR_NAME) {
      if (t.descriptor) return sendLegacyError(reply, 400, 'BAD_REQUEST', 'The descriptor of this template was uploaded already.');
      const body = await readBody(request.body, MAX_DESCRIPTOR_BYTES);
      const ovf = body && parseOvf(body.toString('utf8'));
      if (!body || !ovf)
        return sendLegacyError(
          reply,
          400,
          'BAD_REQUEST',
          'The OVF descriptor is not valid: it needs a VirtualSystem with a name, vCPUs, memory and sized files.',
        );
      t.shape = { name: ovf.name, cpuCount: ovf.cpuCount, memoryMb: ovf.memoryMb };
      t.descriptor = bufferFile(body);
      t.disks = ovf.files.map((f) => ({ name: f.name, store: state.newUpload(f.size) }));
      finishIfWhole(state, t, faults);
      return reply.code(200).send();
    }

    const disk = t.disks.find((d) => d.name === name);
    if (!disk) return sendNotFound(reply, request);
    const file = disk.store as UploadFile;
    const header = request.headers['content-range'];
    const range = header === undefined ? { start: 0, end: file.size - 1, total: file.size } : contentRange(header);
    if (!range || range.total !== file.size) {
      return sendLegacyError(reply, 400, 'BAD_REQUEST', `Content-Range must be "bytes a-b/${file.size}" for ${name}.`);
    }
    if (range.start > file.received()) {
      // The bytes before `start` never arrived: the client must resume from what the cell holds.
      return sendLegacyError(
        reply.header('Content-Range', `bytes */${file.received()}`),
        416,
        'BAD_REQUEST',
        `The range starts at ${range.start}, after the ${file.received()} bytes received of ${name}.`,
      );
    }
    const length = range.end - range.start + 1;
    const body = await readBody(request.body, Math.min(length, MAX_CHUNK_BYTES));
    if (!body || body.length !== length) {
      return sendLegacyError(
        reply,
        400,
        'BAD_REQUEST',
        `The body must hold the ${length} bytes its Content-Range names (at most ${MAX_CHUNK_BYTES}).`,
      );
    }
    // Deleted while the chunk was arriving: nothing to write into.
    if (!state.templates.includes(t)) return sendNotFound(reply, request);
    try {
      await file.writeAt(range.start, body);
    } catch (err) {
      if (err instanceof RangeNotContiguous)
        return sendLegacyError(reply, 416, 'BAD_REQUEST', 'The range does not follow the bytes received.');
      throw err;
    }
    finishIfWhole(state, t, faults);
    return reply.code(200).send();
  });

  app.get<Params>('/transfer/:transfer/:file', async (request, reply) => {
    const transfer = state.transfers.get(request.params.transfer.toLowerCase());
    if (transfer?.kind !== 'download') return sendNotFound(reply, request);
    const file = transfer.files().find((f) => f.name === request.params.file);
    if (!file) return sendNotFound(reply, request);
    const { size } = file.store;
    const type = file.name === DESCRIPTOR_NAME ? 'text/xml' : 'application/octet-stream';
    const range = byteRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      return sendLegacyError(
        reply.header('Content-Range', `bytes */${size}`),
        416,
        'BAD_REQUEST',
        `The range is not within the ${size} bytes of ${file.name}.`,
      );
    }
    reply.header('Accept-Ranges', 'bytes').type(type);
    if (!range) return reply.header('Content-Length', size).send(file.store.open(0, size));
    const [start, end] = range;
    return reply
      .code(206)
      .header('Content-Range', `bytes ${start}-${end - 1}/${size}`)
      .header('Content-Length', end - start)
      .send(file.store.open(start, end));
  });
}
