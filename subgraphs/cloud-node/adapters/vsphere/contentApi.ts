/**
 * The content library calls the vSphere content adapter makes, over the adapter's
 * session (ContentHttp): libraries, items, an item's files, download sessions and
 * their prepared files, and the polling vCenter's asynchronous steps need. Answers
 * that are not the documented shape are UPSTREAM_ERROR; error answers go through
 * ./errors.ts.
 */
import { pollWithin } from '../../../shared/pollWithin';
import { CloudApiError, ErrorCode } from '../../../shared/cloudApiError';
import type { BytesRequest, BytesResponse, HttpRequest, HttpResponse } from '../../../shared/http';
import { isRecord } from '../../../../schema/values';
import { vsphereAnswers, vsphereError } from './errors';

/** How the content adapter reaches vCenter: the adapter's session on its pools. */
export interface ContentHttp {
  /** A read or a quick write, with the session (one new login on a 401). */
  call(req: HttpRequest): Promise<HttpResponse>;
  /** A synchronous operation (capture, deploy, VM delete): its own pool and a long bound. */
  operate(req: HttpRequest): Promise<HttpResponse>;
  /** Bytes to or from a transfer endpoint, with the session; `make` builds each attempt (a stream is opened anew). */
  bytes(make: () => BytesRequest): Promise<BytesResponse>;
}

export interface LibraryInfo {
  id: string;
  name: string;
}

export interface ItemInfo {
  id: string;
  libraryId: string;
  name: string;
  type: string;
  description: string;
  contentVersion: string;
}

export interface FileInfo {
  name: string;
  size: number;
  /** Hex SHA-256 as vCenter reports it, when it reports one. */
  sha256: string | undefined;
}

export interface PreparedFile extends FileInfo {
  uri: string;
}

const LIBRARY = '/api/content/library';
const ITEM = '/api/content/library/item';
const enc = encodeURIComponent;

/** The SHA-256 of a `checksum_info`, when it is one. */
function sha256Of(info: unknown): string | undefined {
  if (!isRecord(info) || info.algorithm !== 'SHA256' || typeof info.checksum !== 'string') return undefined;
  const checksum = info.checksum.toLowerCase();
  return /^[0-9a-f]{64}$/.test(checksum) ? checksum : undefined;
}

function fileInfo(item: unknown, what: string, status: number): FileInfo {
  if (!isRecord(item) || typeof item.name !== 'string' || typeof item.size !== 'number') throw vsphereAnswers.unexpected(what, status);
  return { name: item.name, size: item.size, sha256: sha256Of(item.checksum_info) };
}

function expectId(res: HttpResponse, what: string): string {
  if (res.status !== 200 && res.status !== 201) throw vsphereError(res, what);
  if (typeof res.body !== 'string' || res.body === '') throw vsphereAnswers.unexpected(what, res.status);
  return res.body;
}

function expectNoContent(res: HttpResponse, what: string, missingIsFine = false): void {
  if (missingIsFine && res.status === 404) return;
  if (res.status !== 204 && res.status !== 200) throw vsphereError(res, what);
}

export function contentApi(http: ContentHttp) {
  const get = async (path: string, what: string): Promise<unknown> => {
    const res = await http.call({ method: 'GET', path });
    if (res.status !== 200) throw vsphereError(res, what);
    return res.body;
  };
  const ids = (body: unknown, what: string): string[] => {
    if (!Array.isArray(body) || !body.every((id) => typeof id === 'string')) throw vsphereAnswers.unexpected(what, 200);
    return body as string[];
  };

  const api = {
    async libraries(): Promise<LibraryInfo[]> {
      const list = ids(await get(LIBRARY, 'library list'), 'library list');
      const found = await Promise.all(list.map((id) => api.library(id)));
      return found.filter((l): l is LibraryInfo => l !== undefined);
    },
    /** Undefined when it does not exist (deleted since it was listed). */
    async library(id: string): Promise<LibraryInfo | undefined> {
      const res = await http.call({ method: 'GET', path: `${LIBRARY}/${enc(id)}` });
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw vsphereError(res, `library ${id}`);
      const body = res.body;
      if (!isRecord(body) || typeof body.id !== 'string' || typeof body.name !== 'string')
        throw vsphereAnswers.unexpected(`library ${id}`, res.status);
      return { id: body.id, name: body.name };
    },
    async createLibrary(name: string): Promise<string> {
      const res = await http.call({
        method: 'POST',
        path: '/api/content/local-library',
        json: { name, type: 'LOCAL', description: 'Created by Overcast' },
      });
      return expectId(res, `library ${name}`);
    },
    async itemIds(libraryId: string): Promise<string[]> {
      return ids(await get(`${ITEM}?library_id=${enc(libraryId)}`, `items of library ${libraryId}`), `items of library ${libraryId}`);
    },
    /** Undefined when it does not exist. */
    async item(id: string): Promise<ItemInfo | undefined> {
      const res = await http.call({ method: 'GET', path: `${ITEM}/${enc(id)}` });
      if (res.status === 404) return undefined;
      if (res.status !== 200) throw vsphereError(res, `library item ${id}`);
      const b = res.body;
      if (
        !isRecord(b) ||
        typeof b.id !== 'string' ||
        typeof b.library_id !== 'string' ||
        typeof b.name !== 'string' ||
        typeof b.type !== 'string'
      ) {
        throw vsphereAnswers.unexpected(`library item ${id}`, res.status);
      }
      return {
        id: b.id,
        libraryId: b.library_id,
        name: b.name,
        type: b.type,
        description: typeof b.description === 'string' ? b.description : '',
        contentVersion: String(b.content_version ?? ''),
      };
    },
    async items(libraryId: string): Promise<ItemInfo[]> {
      const found = await Promise.all((await api.itemIds(libraryId)).map((id) => api.item(id)));
      return found.filter((i): i is ItemInfo => i !== undefined);
    },
    async createItem(libraryId: string, name: string, description: string): Promise<string> {
      const res = await http.call({ method: 'POST', path: ITEM, json: { library_id: libraryId, name, type: 'ovf', description } });
      return expectId(res, `library item ${name}`);
    },
    async renameItem(id: string, name: string): Promise<void> {
      expectNoContent(await http.call({ method: 'PATCH', path: `${ITEM}/${enc(id)}`, json: { name } }), `library item ${id}`);
    },
    async deleteItem(id: string, missingIsFine = false): Promise<void> {
      expectNoContent(await http.call({ method: 'DELETE', path: `${ITEM}/${enc(id)}` }), `library item ${id}`, missingIsFine);
    },
    async itemFiles(id: string): Promise<FileInfo[]> {
      const what = `files of library item ${id}`;
      const body = await get(`${ITEM}/${enc(id)}/file`, what);
      if (!Array.isArray(body)) throw vsphereAnswers.unexpected(what, 200);
      return body.map((f) => fileInfo(f, what, 200));
    },

    async openDownload(itemId: string): Promise<string> {
      return expectId(
        await http.call({ method: 'POST', path: `${ITEM}/download-session`, json: { library_item_id: itemId } }),
        `library item ${itemId}`,
      );
    },
    async downloadFiles(session: string): Promise<FileInfo[]> {
      const what = `files of download session ${session}`;
      const body = await get(`${ITEM}/downloadsession/${enc(session)}/file`, what);
      if (!Array.isArray(body)) throw vsphereAnswers.unexpected(what, 200);
      return body.map((f) => fileInfo(f, what, 200));
    },
    /** Ask for `name` to be prepared and wait until it is: its endpoint, size and checksum. */
    async prepare(session: string, name: string, timeoutMs: number): Promise<PreparedFile> {
      const what = `file ${name} of download session ${session}`;
      const res = await http.call({
        method: 'POST',
        path: `${ITEM}/downloadsession/${enc(session)}/file?action=prepare`,
        json: { file_name: name, endpoint_type: 'HTTPS' },
      });
      if (res.status !== 200) throw vsphereError(res, what);
      return pollWithin(`vCenter preparing ${what}`, timeoutMs, async () => {
        const info = await get(`${ITEM}/downloadsession/${enc(session)}/file/${enc(name)}`, what);
        if (!isRecord(info)) throw vsphereAnswers.unexpected(what, 200);
        if (info.status === 'ERROR') throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${what}: vCenter could not prepare it`);
        if (info.status !== 'PREPARED') return undefined;
        const uri = isRecord(info.download_endpoint) ? info.download_endpoint.uri : undefined;
        if (typeof uri !== 'string') throw vsphereAnswers.unexpected(what, 200);
        return { ...fileInfo(info, what, 200), uri };
      });
    },
    async keepAliveDownload(session: string): Promise<void> {
      expectNoContent(
        await http.call({ method: 'POST', path: `${ITEM}/download-session/${enc(session)}?action=keep-alive`, json: {} }),
        `download session ${session}`,
      );
    },
    async closeDownload(session: string): Promise<void> {
      expectNoContent(
        await http.call({ method: 'DELETE', path: `${ITEM}/download-session/${enc(session)}` }),
        `download session ${session}`,
        true,
      );
    },

    async openUpdate(itemId: string): Promise<string> {
      return expectId(
        await http.call({ method: 'POST', path: `${ITEM}/update-session`, json: { library_item_id: itemId } }),
        `library item ${itemId}`,
      );
    },
    /** Add a pushed file to an update session: its upload endpoint. */
    async addFile(session: string, name: string, size: number, sha256: string): Promise<string> {
      const what = `file ${name} of update session ${session}`;
      const res = await http.call({
        method: 'POST',
        path: `${ITEM}/updatesession/${enc(session)}/file`,
        json: { name, source_type: 'PUSH', size, checksum_info: { algorithm: 'SHA256', checksum: sha256 } },
      });
      if (res.status !== 200 && res.status !== 201) throw vsphereError(res, what);
      const uri = isRecord(res.body) && isRecord(res.body.upload_endpoint) ? res.body.upload_endpoint.uri : undefined;
      if (typeof uri !== 'string') throw vsphereAnswers.unexpected(what, res.status);
      return uri;
    },
    async updateAction(session: string, action: 'complete' | 'cancel'): Promise<void> {
      expectNoContent(
        await http.call({ method: 'POST', path: `${ITEM}/update-session/${enc(session)}?action=${action}`, json: {} }),
        `update session ${session}`,
      );
    },
    /** Wait until vCenter has applied a completed update session. */
    async waitUpdate(session: string, timeoutMs: number): Promise<void> {
      const what = `update session ${session}`;
      await pollWithin(`vCenter applying ${what}`, timeoutMs, async () => {
        const info = await get(`${ITEM}/update-session/${enc(session)}`, what);
        if (!isRecord(info)) throw vsphereAnswers.unexpected(what, 200);
        if (info.state === 'DONE') return true;
        // The error_message is vCenter's text: it stays out of what a client reads.
        if (info.state === 'ERROR' || info.state === 'CANCELED') {
          throw new CloudApiError(ErrorCode.CLOUD_OPERATION_FAILED, `${what}: vCenter refused the upload (${String(info.state)})`);
        }
        return undefined;
      });
    },
    async closeUpdate(session: string): Promise<void> {
      expectNoContent(
        await http.call({ method: 'DELETE', path: `${ITEM}/update-session/${enc(session)}` }),
        `update session ${session}`,
        true,
      );
    },
  };
  return api;
}

export type ContentApi = ReturnType<typeof contentApi>;
