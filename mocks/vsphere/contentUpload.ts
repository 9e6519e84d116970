/**
 * Update sessions: how content gets into a library item. The client opens a
 * session on an item, adds each file (`source_type: "PUSH"`, its size and SHA-256),
 * PUTs the file's bytes to the `upload_endpoint.uri` it is given, then completes the
 * session; vCenter validates sizes and checksums (a mismatch puts the session in
 * ERROR with an `error_message`) and, after `operationMs`, replaces the item's files
 * and bumps its `content_version` (DONE). The upload endpoint takes a whole file in
 * one PUT: a torn or short body leaves that file empty, so an upload cannot resume.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { UploadFile } from '../content/storedFiles';
import type { Faults } from '../server';
import { field, sendInvalid, sendItemNotFound, sendNotAllowed, sendSessionNotFound } from './contentErrors';
import { now, type ContentState } from './contentState';

type SessionState = 'ACTIVE' | 'DONE' | 'ERROR' | 'CANCELED';

interface UploadEntry {
  name: string;
  size: number;
  checksum: string | undefined;
  /** Addresses the upload endpoint (`/cls/data/<token>/<name>`). */
  token: string;
  upload: UploadFile;
}

interface UpdateSession {
  id: string;
  itemId: string;
  contentVersion: number;
  state: SessionState;
  /** Set by complete: validation and the item's update are under way. */
  completing: boolean;
  error?: string;
  files: Map<string, UploadEntry>;
  expires: string;
}

/** Where the mock serves upload and download endpoints (outside `/api`, like vCenter's `/cls/data`). */
export const DATA_PREFIX = '/cls/data/';

const SESSION_TTL_MS = 5 * 60_000;

const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;

function fileInfo(entry: UploadEntry, origin: string): Record<string, unknown> {
  const held = entry.upload.received();
  return {
    name: entry.name,
    source_type: 'PUSH',
    size: entry.size,
    ...(entry.checksum ? { checksum_info: { algorithm: 'SHA256', checksum: entry.checksum } } : {}),
    status: held === entry.size ? 'READY' : held > 0 ? 'TRANSFERRING' : 'WAITING_FOR_TRANSFER',
    bytes_transferred: held,
    upload_endpoint: { uri: `${origin}${DATA_PREFIX}${entry.token}/${encodeURIComponent(entry.name)}` },
    keep_in_storage: true,
  };
}

function sessionModel(session: UpdateSession): Record<string, unknown> {
  return {
    id: session.id,
    library_item_id: session.itemId,
    library_item_content_version: String(session.contentVersion),
    state: session.state,
    client_progress: 0,
    expiration_time: session.expires,
    ...(session.error
      ? { error_message: { id: 'com.vmware.vdcs.cls-main.update_session_failed', default_message: session.error, args: [] } }
      : {}),
    warning_behavior: [],
  };
}

export function registerUploadRoutes(app: FastifyInstance, state: ContentState, faults: Readonly<Faults>): void {
  const sessions = new Map<string, UpdateSession>();
  const byToken = new Map<string, { session: UpdateSession; entry: UploadEntry }>();

  const discardAll = async (session: UpdateSession): Promise<void> => {
    for (const entry of session.files.values()) {
      byToken.delete(entry.token);
      await state.release(entry.upload);
    }
  };

  /** Validate, wait for the operation, then swap the item's files: what complete sets off. */
  const finish = async (session: UpdateSession): Promise<void> => {
    for (const entry of session.files.values()) {
      const held = entry.upload.received();
      if (held !== entry.size) {
        session.error = `File '${entry.name}': ${held} of ${entry.size} bytes were received.`;
        break;
      }
      if (entry.checksum && (await entry.upload.sha256()) !== entry.checksum.toLowerCase()) {
        session.error = `File '${entry.name}': the checksum does not match the one declared.`;
        break;
      }
    }
    if (session.error) {
      session.state = 'ERROR';
      return;
    }
    if (faults.operationMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.operationMs));
    const item = state.items.get(session.itemId);
    if (!item || session.state !== 'ACTIVE') {
      session.error ??= 'The library item was deleted during the update.';
      session.state = 'ERROR';
      return;
    }
    const replaced = item.files.filter((f) => session.files.has(f.name));
    const version = item.contentVersion + 1;
    item.files = [
      ...item.files.filter((f) => !session.files.has(f.name)),
      ...[...session.files.values()].map((e) => ({ name: e.name, file: e.upload, version })),
    ];
    item.contentVersion = version;
    item.modified = now();
    for (const entry of session.files.values()) byToken.delete(entry.token);
    await Promise.all(replaced.map((f) => state.release(f.file)));
    session.state = 'DONE';
  };

  app.post('/api/content/library/item/update-session', async (request, reply) => {
    const itemId = field(request.body, 'library_item_id');
    if (!itemId) return sendInvalid(reply, 'library_item_id');
    const item = state.items.get(itemId);
    if (!item) return sendItemNotFound(reply, itemId);
    const session: UpdateSession = {
      id: randomUUID(),
      itemId,
      contentVersion: item.contentVersion,
      state: 'ACTIVE',
      completing: false,
      files: new Map(),
      expires: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
    };
    sessions.set(session.id, session);
    return reply.code(201).type('application/json').send(JSON.stringify(session.id));
  });

  app.get('/api/content/library/item/update-session', async () => [...sessions.keys()]);

  app.get<{ Params: { id: string } }>('/api/content/library/item/update-session/:id', async (request, reply) => {
    const session = sessions.get(request.params.id);
    return session ? sessionModel(session) : sendSessionNotFound(reply, request.params.id);
  });

  app.post<{ Params: { id: string }; Querystring: { action?: string } }>(
    '/api/content/library/item/update-session/:id',
    async (request, reply) => {
      const session = sessions.get(request.params.id);
      if (!session) return sendSessionNotFound(reply, request.params.id);
      const { action } = request.query;
      if (action !== 'complete' && action !== 'cancel' && action !== 'keep-alive' && action !== 'fail') return sendInvalid(reply, 'action');
      if (session.state !== 'ACTIVE' || session.completing) {
        return sendNotAllowed(
          reply,
          'com.vmware.vdcs.cls-main.session_not_active',
          `The update session is ${session.completing ? 'completing' : session.state}.`,
          [session.id],
        );
      }
      if (action === 'complete') {
        session.completing = true;
        void finish(session).catch(() => {
          session.error ??= 'The update failed.';
          session.state = 'ERROR';
        });
      } else if (action === 'cancel' || action === 'fail') {
        session.state = action === 'cancel' ? 'CANCELED' : 'ERROR';
        if (action === 'fail') session.error = field(request.body, 'client_error_message') ?? 'The client failed the session.';
        await discardAll(session);
      }
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { id: string } }>('/api/content/library/item/update-session/:id', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    sessions.delete(session.id);
    if (session.state !== 'DONE') {
      // A complete still applying sees the session gone, not discarded files to hand the item.
      session.state = 'CANCELED';
      await discardAll(session);
    }
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/content/library/item/updatesession/:id/file', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    if (session.state !== 'ACTIVE' || session.completing) {
      return sendNotAllowed(reply, 'com.vmware.vdcs.cls-main.session_not_active', `The update session is ${session.state}.`, [session.id]);
    }
    const body = request.body as { size?: unknown } | undefined;
    const name = field(body, 'name');
    if (!name || !/^[A-Za-z0-9._-]{1,255}$/.test(name)) return sendInvalid(reply, 'name');
    if (field(body, 'source_type') !== 'PUSH') return sendInvalid(reply, 'source_type', "Only 'PUSH' uploads are served by this endpoint.");
    const size = body?.size;
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return sendInvalid(reply, 'size');
    const algorithm = field(body, 'checksum_info', 'algorithm');
    const checksum = field(body, 'checksum_info', 'checksum');
    if (checksum !== undefined && (algorithm !== 'SHA256' || !/^[0-9a-fA-F]{64}$/.test(checksum)))
      return sendInvalid(reply, 'checksum_info');
    const previous = session.files.get(name);
    if (previous) {
      byToken.delete(previous.token);
      await state.release(previous.upload);
    }
    const entry: UploadEntry = { name, size, checksum, token: randomUUID(), upload: state.store.create(size) };
    session.files.set(name, entry);
    byToken.set(entry.token, { session, entry });
    return fileInfo(entry, originOf(request));
  });

  app.get<{ Params: { id: string } }>('/api/content/library/item/updatesession/:id/file', async (request, reply) => {
    const session = sessions.get(request.params.id);
    if (!session) return sendSessionNotFound(reply, request.params.id);
    return [...session.files.values()].map((e) => fileInfo(e, originOf(request)));
  });

  app.get<{ Params: { id: string; name: string } }>('/api/content/library/item/updatesession/:id/file/:name', async (request, reply) => {
    const entry = sessions.get(request.params.id)?.files.get(request.params.name);
    return entry ? fileInfo(entry, originOf(request)) : sendSessionNotFound(reply, `${request.params.id}/${request.params.name}`);
  });

  // The upload endpoint: the whole file in one PUT. Bytes stream to the store as they come.
  app.register(async (scope) => {
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.put<{ Params: { token: string; name: string } }>(`${DATA_PREFIX}:token/:name`, async (request, reply) => {
      const found = byToken.get(request.params.token);
      if (!found || found.entry.name !== request.params.name) return sendSessionNotFound(reply, request.params.token);
      const { session, entry } = found;
      if (session.state !== 'ACTIVE' || session.completing) {
        return sendNotAllowed(reply, 'com.vmware.vdcs.cls-main.session_not_active', `The update session is ${session.state}.`, [
          session.id,
        ]);
      }
      // A fresh file per PUT: whatever an earlier, torn attempt left is dropped.
      const upload = state.store.create(entry.size);
      const old = entry.upload;
      entry.upload = upload;
      await state.release(old);
      try {
        await upload.writeAll((request.body ?? []) as AsyncIterable<Buffer>);
      } catch {
        await upload.discard();
        return sendInvalid(reply, 'body', `The body is not the ${entry.size} bytes declared for '${entry.name}'.`);
      }
      return reply.code(200).send();
    });
  });
}
