/**
 * The destination node's side of the chunk route: a grant-signed GET to the source
 * node for bytes [start, end) of one export file (schema/transfers.ts). A source out
 * of reach (connection refused or reset, a timeout, 502/503/504: the node is down or
 * its cloud is) is `SourceUnreachable`, which the import waits out; any other refusal
 * is a TransferFailure. Bodies are bounded by MAX_CHUNK_BYTES whatever the source says.
 */
import { Agent, request } from 'undici';
import type { Principal } from '../../../schema/principal';
import { signRequest } from '../../../schema/signing';
import { CHUNK_SHA256_HEADER } from '../../../schema/transfers';
import { transportReason, UNREACHABLE_STATUSES } from '../../shared/http';
import { TransferFailure } from './httpErrors';
import { MAX_CHUNK_BYTES, type ByteRange } from './ranges';

/** The source could not be reached or its cloud is down: retry later. */
export class SourceUnreachable extends Error {
  override readonly name = 'SourceUnreachable';
}

export interface ChunkRequest {
  /** The source node's base URL (base path included). */
  sourceUrl: string;
  grantKey: string;
  transferId: string;
  fileIndex: number;
  range: ByteRange;
  /** Stops the request (the import stopped). */
  signal: AbortSignal;
}

export interface Chunk {
  bytes: Buffer;
  /** The hex SHA-256 the source sent with them (empty when it sent none). */
  sha256: string;
}

export interface ChunkClientOptions {
  /** Who the destination node says it is: the source reads nothing from it (the grant is what authorises). */
  principal: Principal;
  /** One chunk request, from connecting to the last byte. @default 120000 */
  timeoutMs?: number;
}

export class ChunkClient {
  private readonly agent = new Agent({ maxResponseSize: MAX_CHUNK_BYTES, connect: { timeout: 10_000 } });
  private readonly timeoutMs: number;

  constructor(private readonly options: ChunkClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  async fetch(req: ChunkRequest): Promise<Chunk> {
    const base = req.sourceUrl.replace(/\/+$/, '');
    const url = new URL(`${base}/transfers/exports/${encodeURIComponent(req.transferId)}/files/${req.fileIndex}`);
    url.searchParams.set('start', String(req.range.start));
    url.searchParams.set('end', String(req.range.end));
    // Signed over the path as it goes on the request line, which is what the source verifies.
    const headers = signRequest({
      secret: req.grantKey,
      method: 'GET',
      path: url.pathname + url.search,
      body: '',
      principal: this.options.principal,
    });
    const what = `file ${req.fileIndex} bytes ${req.range.start}-${req.range.end}`;
    let res;
    try {
      res = await request(url, {
        method: 'GET',
        headers: { ...headers },
        dispatcher: this.agent,
        signal: AbortSignal.any([req.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      if (res.statusCode !== 200) {
        const code = await errorCodeOf(res.body);
        if (UNREACHABLE_STATUSES.has(res.statusCode))
          throw new SourceUnreachable(`the source node answered ${res.statusCode}${code ? ` (${code})` : ''} for ${what}`);
        throw new TransferFailure(`The source node refused ${what}: ${res.statusCode}${code ? ` (${code})` : ''}`);
      }
      const bytes = Buffer.from(await res.body.arrayBuffer());
      const sha256 = res.headers[CHUNK_SHA256_HEADER];
      return { bytes, sha256: typeof sha256 === 'string' ? sha256 : '' };
    } catch (err) {
      // Stopped on purpose: not an outage.
      if (req.signal.aborted || err instanceof SourceUnreachable || err instanceof TransferFailure) throw err;
      if (errnoOf(err) === UNDICI_TOO_LARGE) throw new TransferFailure(`The source node sent more than a chunk for ${what}`);
      // The reason in our words (no errno, no address): it reaches the client as the transfer's error.
      throw new SourceUnreachable(`the source node cannot be reached for ${what}: ${transportReason(err, this.timeoutMs)}`);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The `code` of an error answer (the source's `{ error: { code } }`), never its message: only what we can vouch for is passed on. */
async function errorCodeOf(body: { json(): Promise<unknown> }): Promise<string | undefined> {
  try {
    const code = ((await body.json()) as { error?: { code?: unknown } } | null)?.error?.code;
    return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}

/** undici's error code of an answer past `maxResponseSize` (not ours: schema/errorCodes.ts has Overcast's). */
const UNDICI_TOO_LARGE = 'UND_ERR_RES_EXCEEDED_MAX_SIZE';

function errnoOf(err: unknown): string | undefined {
  const value = (err as { code?: unknown } | undefined)?.code;
  return typeof value === 'string' ? value : undefined;
}
