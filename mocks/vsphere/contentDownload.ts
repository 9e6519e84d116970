/**
 * Download sessions: how content leaves a library item. The client opens a session
 * on an item (which pins the item's files as they are), lists its files, asks for
 * each to be prepared (`endpoint_type: "HTTPS"`), polls the file until PREPARED
 * (after `operationMs`) and then GETs the `download_endpoint.uri`, with a `Range`
 * when it wants part of the file (206; 416 for a range outside it). Bytes are
 * streamed from the store, never read whole.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StoredFile } from '../content/storedFiles';
import type { Faults } from '../server';
import { field, sendInvalid, sendItemNotFound, sendSessionNotFound } from './contentErrors';
import type { ContentState } from './contentState';
import { DATA_PREFIX } from './contentUpload';

type FileStatus = 'UNPREPARED' | 'PREPARING' | 'PREPARED' | 'ERROR';

interface DownloadEntry {
  name: string;
  file: StoredFile;
  status: FileStatus;
  checksum?: string;
  token: string;
}

interface DownloadSession {
  id: string;
  itemId: string;
  contentVersion: number;
  files: Map<string, DownloadEntry>;
  expires: string;
}

const SESSION_TTL_MS = 5 * 60_000;

const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;

function fileInfo(entry: DownloadEntry, origin: string): Record<string, unknown> {
  const prepared = entry.status === 'PREPARED';
  return {
    name: entry.name,
    size: entry.file.size,
    bytes_transferred: 0,
    status: entry.status,
    ...(prepared && entry.checksum ? { checksum_info: { algorithm: 'SHA256', checksum: entry.checksum } } : {}),
    ...(prepared ? { download_endpoint: { uri: `${origin}${DATA_PREFIX}${entry.token}/${encodeURIComponent(entry.name)}` } } : {}),
  };
}

/** `[start, end]` (inclusive) of a `Range: bytes=…` header for a file of `size` bytes; 'bad' when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): [number, number] | 'bad' | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'bad';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return suffix === 0 || size === 0 ? 'bad' : [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start >= size || end < start ? 'bad' : [start, end];
}

function serve(request: FastifyRequest, reply: FastifyReply, file: StoredFile): FastifyReply {
  const range = parseRange(request.headers.range, file.size);
  reply.header('accept-ranges', 'bytes').type('application/octet-stream');
  if (range === 'bad') return reply.code(416).header('content-range', `bytes */${file.size}`).send();
  const [start, end] = range ?? [0, file.size - 1];
  const length = Math.max(0, end - start + 1);
  reply.header('content-length', String(length));
  if (range) reply.code(206).header('content-range', `bytes ${start}-${end}/${file.size}`);
  return reply.send(length === 0 ? '' : file.open(start, end + 1));
}

export function registerDownloadRoutes(app: FastifyInstance, state: ContentState, faults: Readonly<Faults>): void {
  const sessions = new Map<string, DownloadSession>();
  const byToken = new Map<string, DownloadEntry>();

  app.post('/api/content/library/item/download-session', async (request, reply) => {
    const itemId = field(request.body, 'library_item_id');
    if (!itemId) return sendInvalid(reply, 'library_item_id');
    const item = state.items.get(itemId);
    if (!item) return sendItemNotFound(reply, itemId);
    const session: DownloadSession = {
      id: randomUUID(),
      itemId,
      contentVersion: item.contentVersion,
      files: new Map(item.files.map((f) => [f.name, { name: f.name, file: f.file, status: 'UNPREPARED', token: randomUUID() }])),
      expires: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    };
    sessions.set(session.id, session);
    return reply.code(201).type('application/json').send(JSON.stringify(session.id));
  });

  app.get<{ Params: { id: string } }>('/api/content/library/item/download-session/:id', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    return {
      id: session.id,
      library_item_id: session.itemId,
      library_item_content_version: String(session.contentVersion),
      state: 'ACTIVE',
      client_progress: 0,
      expiration_time: session.expires,
    };
  });

  app.post<{ Params: { id: string }; Querystring: { action?: string } }>(
    '/api/content/library/item/download-session/:id',
    async (request, reply) => {
      const session = sessions.get(request.params.id);
      if (!session) return sendSessionNotFound(reply, request.params.id);
      const { action } = request.query;
      if (action !== 'keep-alive' && action !== 'cancel' && action !== 'fail') return sendInvalid(reply, 'action');
      if (action === 'keep-alive') session.expires = new Date(Date.now() + SESSION_TTL_MS).toISOString();
      else for (const entry of session.files.values()) byToken.delete(entry.token);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string } }>('/api/content/library/item/download-session/:id', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    sessions.delete(session.id);
    for (const entry of session.files.values()) byToken.delete(entry.token);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/content/library/item/downloadsession/:id/file', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    return [...session.files.values()].map((e) => fileInfo(e, originOf(request)));
  });

  app.get<{ Params: { id: string; name: string } }>('/api/content/library/item/downloadsession/:id/file/:name', async (request, reply) => {
    const entry = sessions.get(request.params.id)?.files.get(request.params.name);
    return entry ? fileInfo(entry, originOf(request)) : sendSessionNotFound(reply, `${request.params.id}/${request.params.name}`);
  });

  app.post<{ Params: { id: string }; Querystring: { action?: string } }>(
    '/api/content/library/item/downloadsession/:id/file',
    async (request, reply) => {
      const session = sessions.get(request.params.id);
      if (!session) return sendSessionNotFound(reply, request.params.id);
      if (request.query.action !== 'prepare') return sendInvalid(reply, 'action');
      const name = field(request.body, 'file_name');
      const entry = name === undefined ? undefined : session.files.get(name);
      if (!entry) return sendInvalid(reply, 'file_name');
      if (field(request.body, 'endpoint_type') !== 'HTTPS' && field(request.body, 'endpoint_type') !== undefined)
        return sendInvalid(reply, 'endpoint_type');
      if (entry.status === 'UNPREPARED' || entry.status === 'ERROR') {
        entry.status = 'PREPARING';
        // Preparing is vCenter reading the file once (its checksum), then the operation's time.
        const ready = Promise.all([entry.file.sha256(), new Promise((resolve) => setTimeout(resolve, faults.operationMs))]);
        void ready.then(
          ([checksum]) => {
            entry.checksum = checksum;
            entry.status = 'PREPARED';
            if (sessions.get(session.id) === session) byToken.set(entry.token, entry);
          },
          () => void (entry.status = 'ERROR'),
        );
      }
      return fileInfo(entry, originOf(request));
    },
  );

  app.get<{ Params: { token: string; name: string } }>(`${DATA_PREFIX}:token/:name`, async (request, reply) => {
    const entry = byToken.get(request.params.token);
    if (!entry || entry.name !== request.params.name) return sendSessionNotFound(reply, request.params.token);
    return serve(request, reply, entry.file);
  });
}
