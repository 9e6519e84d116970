/**
 * How a node joins: an administrator creates a one-time token for a cloud and a
 * kind; the node presents it with its URL, version and schema hash, and receives
 * its per-node secret. Tokens are stored only as hashes; a node whose schema is
 * not its kind's in this supergraph is refused with the reason. A registered node
 * rejoins after a restart (its own or the gateway's) with a request signed with that
 * secret, saying where it listens now: no new token.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, httpStatusOf } from '../../schema/errorCodes';
import { isCloudId } from '../../schema/ids';
import { isShardedKind, type ShardedKind } from '../../schema/kinds';
import {
  kindSchemaHash,
  registrationTokenHash,
  type RegistrationRequest,
  type RegistrationResponse,
  type RejoinRequest,
  type RejoinResponse,
} from '../../schema/nodeSettings';
import { NonceRegistry } from '../../schema/nonces';
import { verifyRequest } from '../../schema/signing';
import { isRecord } from '../../schema/values';
import { nodeId, type NodeInstance } from '../registry';
import type { NodeRecord, Store } from '../store/types';
import { fromRecord, type LiveRegistry } from './liveRegistry';

/** The codes a registration is refused with; each one's HTTP status and meaning are the registry's. */
export type RegistrationErrorCode =
  | typeof ErrorCode.BAD_REQUEST
  | typeof ErrorCode.INVALID_TOKEN
  | typeof ErrorCode.TOKEN_USED
  | typeof ErrorCode.TOKEN_EXPIRED
  | typeof ErrorCode.WRONG_KIND
  | typeof ErrorCode.SCHEMA_MISMATCH
  | typeof ErrorCode.UNKNOWN_NODE;

export class RegistrationError extends Error {
  readonly status: number;
  constructor(
    readonly code: RegistrationErrorCode,
    message: string,
  ) {
    super(message);
    this.status = httpStatusOf(code);
  }
}

const HTTP_URL = /^https?:\/\/[^/]+\/\S*$/;

/** A rejoin as received: verified here, before anything of it but the node id is read. */
export interface ReceivedRejoin {
  /** Path and query string as on the request line (what the node signed). */
  path: string;
  /** The raw body bytes. */
  body: Buffer;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export class Registration {
  /** A captured rejoin replayed within its window could move a node back to an old URL: each is taken once. */
  private readonly rejoinNonces = new NonceRegistry();

  constructor(
    private readonly store: Store,
    private readonly registry: LiveRegistry,
    private readonly onRegistered: (node: NodeInstance) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createToken(
    cloudId: string,
    kind: ShardedKind,
    ttlSeconds: number,
  ): Promise<{ token: string; cloudId: string; kind: ShardedKind; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + ttlSeconds * 1000);
    await this.store.registrationTokens.create({ tokenHash: registrationTokenHash(token), cloudId, kind, createdAt, expiresAt });
    return { token, cloudId, kind, expiresAt };
  }

  async register(request: Partial<RegistrationRequest>): Promise<RegistrationResponse> {
    const { token, kind, url, version, schemaHash } = request;
    if (typeof token !== 'string' || typeof url !== 'string' || typeof version !== 'string' || typeof schemaHash !== 'string') {
      throw new RegistrationError(ErrorCode.BAD_REQUEST, 'token, kind, url, version and schemaHash are required');
    }
    if (!isShardedKind(kind)) throw new RegistrationError(ErrorCode.BAD_REQUEST, `unknown node kind "${String(kind)}"`);
    if (!HTTP_URL.test(url)) throw new RegistrationError(ErrorCode.BAD_REQUEST, `"${url}" is not an http(s) URL`);
    // Refused before the token is spent: a node built for another supergraph can retry once fixed.
    if (schemaHash !== kindSchemaHash(kind)) {
      throw new RegistrationError(
        ErrorCode.SCHEMA_MISMATCH,
        `the node's ${kind} schema differs from this gateway's supergraph; deploy matching versions`,
      );
    }
    const consumed = await this.store.registrationTokens.consume(registrationTokenHash(token), this.now());
    if (!consumed.ok) {
      const reason = {
        unknown: [ErrorCode.INVALID_TOKEN, 'unknown registration token'],
        used: [ErrorCode.TOKEN_USED, 'this registration token was already used'],
        expired: [ErrorCode.TOKEN_EXPIRED, 'this registration token has expired'],
      } as const;
      const [code, message] = reason[consumed.reason];
      throw new RegistrationError(code, message);
    }
    if (consumed.token.kind !== kind) {
      throw new RegistrationError(ErrorCode.WRONG_KIND, `this token is for a ${consumed.token.kind}, not a ${kind}`);
    }
    if (!isCloudId(consumed.token.cloudId)) throw new RegistrationError(ErrorCode.BAD_REQUEST, 'token names an invalid cloud');
    const { cloudId } = consumed.token;
    const secret = randomBytes(32).toString('hex');
    const id = nodeId({ cloudId, kind });
    await this.admit({ id, cloudId, kind, url, secret, version, schemaHash, registeredAt: this.now(), status: 'UNKNOWN' });
    return { nodeId: id, cloudId, secret };
  }

  /** Store the node's record, then route to it (health unknown until checked); a new sp-node brings organizations. */
  private async admit(record: NodeRecord): Promise<void> {
    await this.store.nodes.upsert(record);
    const node = fromRecord(record);
    this.registry.put(node);
    this.onRegistered(node);
  }

  /**
   * A registered node back, perhaps at another URL: checked against its stored
   * secret. An unknown node and a bad signature get the same answer, so the
   * endpoint tells nobody which node ids exist. A configured node is not in the
   * store: not rejoinable. An unchanged URL and version keep the registry's entry
   * (and its health): a node rejoins while idle too, and must not flap to UNKNOWN.
   */
  async rejoin(received: ReceivedRejoin): Promise<RejoinResponse> {
    const unknown = () =>
      new RegistrationError(
        ErrorCode.UNKNOWN_NODE,
        "this node is not known to the gateway (deregistered, or the gateway's store was lost): register it with a new token",
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(received.body.toString('utf8'));
    } catch {
      throw unknown();
    }
    // Unverified: used only to pick the secret to check the signature with.
    const id = isRecord(parsed) && typeof parsed.nodeId === 'string' ? parsed.nodeId : undefined;
    const record = id === undefined ? null : await this.store.nodes.get(id);
    if (!record) throw unknown();
    const verified = verifyRequest({
      secret: record.secret,
      method: 'POST',
      path: received.path,
      body: received.body,
      headers: received.headers,
      nonces: this.rejoinNonces,
    });
    if (!verified.ok) throw unknown();
    const { url, version, schemaHash } = parsed as Partial<RejoinRequest>;
    if (typeof url !== 'string' || typeof version !== 'string' || typeof schemaHash !== 'string') {
      throw new RegistrationError(ErrorCode.BAD_REQUEST, 'nodeId, url, version and schemaHash are required');
    }
    if (!HTTP_URL.test(url)) throw new RegistrationError(ErrorCode.BAD_REQUEST, `"${url}" is not an http(s) URL`);
    if (schemaHash !== kindSchemaHash(record.kind)) {
      throw new RegistrationError(
        ErrorCode.SCHEMA_MISMATCH,
        `the node's ${record.kind} schema differs from this gateway's supergraph; deploy matching versions`,
      );
    }
    const answer = { nodeId: record.id, cloudId: record.cloudId };
    const current = this.registry.get(record.id);
    const unchanged = record.url === url && record.version === version && record.schemaHash === schemaHash;
    if (unchanged && current?.origin === 'REGISTERED' && current.url === url) return answer;
    // The secret and registeredAt stay: this is the same registration, moved.
    const { cloudId, kind, secret, registeredAt } = record;
    await this.admit({ id: record.id, cloudId, kind, url, secret, version, schemaHash, registeredAt, status: 'UNKNOWN' });
    return answer;
  }

  async deregister(id: string): Promise<boolean> {
    const stored = await this.store.nodes.remove(id);
    return this.registry.remove(id) || stored;
  }
}
