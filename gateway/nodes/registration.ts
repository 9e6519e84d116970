/**
 * How a node joins: an administrator creates a one-time token for a cloud and a
 * kind; the node presents it with its URL, version and schema hash, and receives
 * its per-node secret. Tokens are stored only as hashes; a node whose schema is
 * not its kind's in this supergraph is refused with the reason.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ErrorCode, httpStatusOf } from '../../schema/errorCodes';
import { isCloudId } from '../../schema/ids';
import { isShardedKind, type ShardedKind } from '../../schema/kinds';
import { kindSchemaHash, type RegistrationRequest, type RegistrationResponse } from '../../schema/nodeSettings';
import { nodeId, type NodeInstance } from '../registry';
import type { Store } from '../store/types';
import type { LiveRegistry } from './liveRegistry';

/** The codes a registration is refused with; each one's HTTP status and meaning are the registry's. */
export type RegistrationErrorCode =
  | typeof ErrorCode.BAD_REQUEST
  | typeof ErrorCode.INVALID_TOKEN
  | typeof ErrorCode.TOKEN_USED
  | typeof ErrorCode.TOKEN_EXPIRED
  | typeof ErrorCode.WRONG_KIND
  | typeof ErrorCode.SCHEMA_MISMATCH;

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

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class Registration {
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
    await this.store.registrationTokens.create({ tokenHash: hash(token), cloudId, kind, createdAt, expiresAt });
    return { token, cloudId, kind, expiresAt };
  }

  async register(request: Partial<RegistrationRequest>): Promise<RegistrationResponse> {
    const { token, kind, url, version, schemaHash } = request;
    if (typeof token !== 'string' || typeof url !== 'string' || typeof version !== 'string' || typeof schemaHash !== 'string') {
      throw new RegistrationError(ErrorCode.BAD_REQUEST, 'token, kind, url, version and schemaHash are required');
    }
    if (!isShardedKind(kind)) throw new RegistrationError(ErrorCode.BAD_REQUEST, `unknown node kind "${String(kind)}"`);
    if (!/^https?:\/\/[^/]+\/\S*$/.test(url)) throw new RegistrationError(ErrorCode.BAD_REQUEST, `"${url}" is not an http(s) URL`);
    // Refused before the token is spent: a node built for another supergraph can retry once fixed.
    if (schemaHash !== kindSchemaHash(kind)) {
      throw new RegistrationError(
        ErrorCode.SCHEMA_MISMATCH,
        `the node's ${kind} schema differs from this gateway's supergraph; deploy matching versions`,
      );
    }
    const consumed = await this.store.registrationTokens.consume(hash(token), this.now());
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
    const node: NodeInstance = {
      cloudId: consumed.token.cloudId,
      kind: consumed.token.kind,
      url,
      secret: randomBytes(32).toString('hex'),
      status: 'UNKNOWN',
      version,
      origin: 'REGISTERED',
    };
    await this.store.nodes.upsert({
      id: nodeId(node),
      cloudId: node.cloudId,
      kind: node.kind,
      url,
      secret: node.secret,
      version,
      schemaHash,
      registeredAt: this.now(),
      status: 'UNKNOWN',
    });
    this.registry.put(node);
    this.onRegistered(node);
    return { nodeId: nodeId(node), cloudId: node.cloudId, secret: node.secret };
  }

  async deregister(id: string): Promise<boolean> {
    const stored = await this.store.nodes.remove(id);
    return this.registry.remove(id) || stored;
  }
}
