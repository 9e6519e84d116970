/**
 * Content libraries and their items (`/api/content/library…`, `/api/content/local-library`):
 * list, read, create, rename and delete, and an item's file listing with the
 * SHA-256 vCenter keeps of each file. Create answers 201 with the new id as a JSON
 * string, as the `/api` family does.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { field, sendInvalid, sendItemNotFound, sendLibraryNotFound } from './contentErrors';
import { now, type ContentState, type Item, type Library } from './contentState';

type Query = Record<string, string | undefined>;

function libraryModel(library: Library): Record<string, unknown> {
  return {
    id: library.id,
    name: library.name,
    description: library.description,
    type: 'LOCAL',
    storage_backings: [{ type: 'DATASTORE', datastore_id: library.datastoreId }],
    publish_info: { published: false, authentication_method: 'NONE', persist_json_enabled: false },
    creation_time: library.created,
    last_modified_time: library.modified,
    version: String(library.version),
    server_guid: 'mock-vcenter',
  };
}

function itemModel(item: Item): Record<string, unknown> {
  return {
    id: item.id,
    library_id: item.libraryId,
    name: item.name,
    description: item.description,
    type: item.type,
    size: item.files.reduce((sum, f) => sum + f.file.size, 0),
    content_version: String(item.contentVersion),
    metadata_version: String(item.metadataVersion),
    cached: true,
    creation_time: item.created,
    last_modified_time: item.modified,
  };
}

/** A new, empty item (what POST /api/content/library/item and a capture start from). */
export function createItem(state: ContentState, libraryId: string, name: string, type: string, description = ''): Item {
  const stamp = now();
  const item: Item = {
    id: randomUUID(),
    libraryId,
    name,
    description,
    type,
    created: stamp,
    modified: stamp,
    contentVersion: 1,
    metadataVersion: 1,
    files: [],
  };
  state.items.set(item.id, item);
  return item;
}

/** Whether `library` already holds an item named `name`. */
export function itemNameTaken(state: ContentState, libraryId: string, name: string, except?: string): boolean {
  return [...state.items.values()].some((i) => i.libraryId === libraryId && i.name === name && i.id !== except);
}

export async function deleteItem(state: ContentState, item: Item): Promise<void> {
  state.items.delete(item.id);
  await Promise.all(item.files.map((f) => state.release(f.file)));
}

export function registerLibraryRoutes(app: FastifyInstance, state: ContentState): void {
  app.get('/api/content/library', async () => [...state.libraries.keys()]);

  app.get<{ Params: { id: string } }>('/api/content/library/:id', async (request, reply) => {
    const library = state.libraries.get(request.params.id);
    return library ? libraryModel(library) : sendLibraryNotFound(reply, request.params.id);
  });

  app.post('/api/content/local-library', async (request, reply) => {
    const name = field(request.body, 'name');
    if (!name) return sendInvalid(reply, 'name');
    if ([...state.libraries.values()].some((l) => l.name === name)) {
      return sendInvalid(reply, 'name', `A library with the name '${name}' already exists.`);
    }
    const backings = (request.body as { storage_backings?: { datastore_id?: unknown }[] }).storage_backings;
    const datastore = Array.isArray(backings) && typeof backings[0]?.datastore_id === 'string' ? backings[0].datastore_id : 'datastore-1';
    const stamp = now();
    const library: Library = {
      id: randomUUID(),
      name,
      description: field(request.body, 'description') ?? '',
      datastoreId: datastore,
      created: stamp,
      modified: stamp,
      version: 1,
    };
    state.libraries.set(library.id, library);
    return reply.code(201).type('application/json').send(JSON.stringify(library.id));
  });

  app.delete<{ Params: { id: string } }>('/api/content/local-library/:id', async (request, reply) => {
    const library = state.libraries.get(request.params.id);
    if (!library) return sendLibraryNotFound(reply, request.params.id);
    for (const item of [...state.items.values()].filter((i) => i.libraryId === library.id)) await deleteItem(state, item);
    state.libraries.delete(library.id);
    return reply.code(204).send();
  });

  app.get<{ Querystring: Query }>('/api/content/library/item', async (request, reply) => {
    const libraryId = request.query.library_id;
    if (!libraryId) return sendInvalid(reply, 'library_id');
    if (!state.libraries.has(libraryId)) return sendLibraryNotFound(reply, libraryId);
    return [...state.items.values()].filter((i) => i.libraryId === libraryId).map((i) => i.id);
  });

  app.post('/api/content/library/item', async (request, reply) => {
    const libraryId = field(request.body, 'library_id');
    const name = field(request.body, 'name');
    if (!libraryId) return sendInvalid(reply, 'library_id');
    if (!name) return sendInvalid(reply, 'name');
    if (!state.libraries.has(libraryId)) return sendLibraryNotFound(reply, libraryId);
    if (itemNameTaken(state, libraryId, name)) return sendInvalid(reply, 'name', `An item named '${name}' already exists in the library.`);
    const item = createItem(state, libraryId, name, field(request.body, 'type') ?? 'ovf', field(request.body, 'description'));
    return reply.code(201).type('application/json').send(JSON.stringify(item.id));
  });

  app.get<{ Params: { id: string } }>('/api/content/library/item/:id', async (request, reply) => {
    const item = state.items.get(request.params.id);
    return item ? itemModel(item) : sendItemNotFound(reply, request.params.id);
  });

  app.patch<{ Params: { id: string } }>('/api/content/library/item/:id', async (request, reply) => {
    const item = state.items.get(request.params.id);
    if (!item) return sendItemNotFound(reply, request.params.id);
    const name = field(request.body, 'name');
    if (name !== undefined && name !== item.name) {
      if (itemNameTaken(state, item.libraryId, name, item.id))
        return sendInvalid(reply, 'name', `An item named '${name}' already exists in the library.`);
      item.name = name;
      item.metadataVersion++;
      item.modified = now();
    }
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string } }>('/api/content/library/item/:id', async (request, reply) => {
    const item = state.items.get(request.params.id);
    if (!item) return sendItemNotFound(reply, request.params.id);
    await deleteItem(state, item);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/api/content/library/item/:id/file', async (request, reply) => {
    const item = state.items.get(request.params.id);
    if (!item) return sendItemNotFound(reply, request.params.id);
    return Promise.all(
      item.files.map(async (f) => ({
        name: f.name,
        size: f.file.size,
        checksum_info: { algorithm: 'SHA256', checksum: await f.file.sha256() },
        version: String(f.version),
        cached: true,
      })),
    );
  });
}
