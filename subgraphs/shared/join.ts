/**
 * How a node joins the gateway, from its environment: with a pre-shared
 * NODE_SECRET (the gateway's configuration file lists it), or with GATEWAY_URL and
 * a one-time REGISTRATION_TOKEN (it registers itself and receives its secret). With
 * NODE_DATA_DIR a registered node keeps that secret (./nodeCredential.ts) and
 * rejoins with it after a restart, its own or the gateway's, without a new token.
 */
import { z } from 'zod';
import type { SubgraphKind } from '../../schema/kinds';
import { kindSchemaHash, REJOIN_PATH, type RegistrationResponse, type RejoinRequest, type RejoinResponse } from '../../schema/nodeSettings';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { MIN_SECRET_LENGTH, signRequest } from '../../schema/signing';
import { ErrorCode } from '../../schema/errorCodes';
import { request } from 'undici';

export const JoinEnv = {
  /** Shared with the gateway, which signs every request with it; this node refuses anything else. */
  NODE_SECRET: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  /** The gateway to register with (its GraphQL URL or origin), with REGISTRATION_TOKEN; to rejoin, @default the one registered with. */
  GATEWAY_URL: z.url().optional(),
  /** A one-time token from the gateway's createRegistrationToken. */
  REGISTRATION_TOKEN: z.string().min(1).optional(),
  /** Where a registering node keeps its credential (credential.json), to rejoin after a restart; unset: nothing is kept. */
  NODE_DATA_DIR: z.string().min(1).optional(),
  /** With NODE_DATA_DIR: rejoin when no signed request came from the gateway for this long; 0 never. @default 60000 */
  NODE_REJOIN_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
};

export type Join =
  | { secret: string }
  | { gatewayUrl: string; token: string }
  /** Rejoin with the credential in `dataDir`, or register with `token` (and keep the credential there). */
  | { dataDir: string; gatewayUrl?: string; token?: string; rejoinAfterMs: number };

export function joinFrom(e: {
  NODE_SECRET?: string | undefined;
  GATEWAY_URL?: string | undefined;
  REGISTRATION_TOKEN?: string | undefined;
  NODE_DATA_DIR?: string | undefined;
  NODE_REJOIN_AFTER_MS?: number | undefined;
}): Join {
  if (e.NODE_DATA_DIR) {
    // A pre-shared secret has nothing to keep: one of the two is a mistake.
    if (e.NODE_SECRET) throw new Error('NODE_SECRET (a pre-shared secret) and NODE_DATA_DIR (a registered node’s credential): set one');
    return {
      dataDir: e.NODE_DATA_DIR,
      rejoinAfterMs: e.NODE_REJOIN_AFTER_MS ?? 60_000,
      ...(e.GATEWAY_URL ? { gatewayUrl: e.GATEWAY_URL } : {}),
      ...(e.REGISTRATION_TOKEN ? { token: e.REGISTRATION_TOKEN } : {}),
    };
  }
  if (e.GATEWAY_URL && e.REGISTRATION_TOKEN) return { gatewayUrl: e.GATEWAY_URL, token: e.REGISTRATION_TOKEN };
  if (e.NODE_SECRET) return { secret: e.NODE_SECRET };
  throw new Error(
    'NODE_SECRET, or GATEWAY_URL with REGISTRATION_TOKEN (and NODE_DATA_DIR to keep the credential): set one to join the gateway',
  );
}

/** The gateway answered, and said no: `code` from schema/errorCodes.ts when it gave one. */
export class RegistrationRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** What a TOKEN_USED refusal tells a node that keeps no credential. */
export const TOKEN_USED_HINT =
  'this registration token was already used: if this node registered with it before, set NODE_DATA_DIR so it keeps its credential across restarts; otherwise ask an administrator for a new token (createRegistrationToken)';

type ErrorBody = { errors?: Array<{ message?: string; extensions?: { code?: string } }> };

function refusal(what: string, res: { statusCode: number }, body: ErrorBody): RegistrationRefusedError {
  const code = body.errors?.[0]?.extensions?.code;
  return new RegistrationRefusedError(
    `${what} refused (${code ?? `HTTP ${res.statusCode}`}): ${body.errors?.[0]?.message ?? 'no reason given'}`,
    code,
  );
}

/** Register a running node (its URL known) and return what the gateway issued. */
export async function registerWithGateway(options: {
  gatewayUrl: string;
  token: string;
  kind: SubgraphKind;
  url: string;
  version: string;
}): Promise<RegistrationResponse> {
  const res = await request(new URL('/nodes/register', options.gatewayUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: options.token,
      kind: options.kind,
      url: options.url,
      version: options.version,
      schemaHash: kindSchemaHash(options.kind),
    }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.body.json().catch(() => ({}))) as Partial<RegistrationResponse> & ErrorBody;
  if (res.statusCode !== 201 || typeof body.secret !== 'string') throw refusal('registration', res, body);
  return body as RegistrationResponse;
}

/**
 * Tell the gateway where this registered node listens now, signed with its secret.
 * A refusal (an answer below 500) throws RegistrationRefusedError; an unreachable
 * or failing gateway throws anything else, and is worth retrying.
 */
export async function rejoinGateway(options: {
  gatewayUrl: string;
  nodeId: string;
  secret: string;
  kind: SubgraphKind;
  url: string;
  version: string;
}): Promise<RejoinResponse> {
  const target = new URL(REJOIN_PATH, options.gatewayUrl);
  const payload: RejoinRequest = {
    nodeId: options.nodeId,
    url: options.url,
    version: options.version,
    schemaHash: kindSchemaHash(options.kind),
  };
  const body = JSON.stringify(payload);
  const signed = signRequest({
    secret: options.secret,
    method: 'POST',
    path: `${target.pathname}${target.search}`,
    body,
    principal: SYSTEM_PRINCIPAL,
  });
  const res = await request(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const answer = (await res.body.json().catch(() => ({}))) as Partial<RejoinResponse> & ErrorBody;
  if (res.statusCode === 200 && answer.nodeId === options.nodeId) return answer as RejoinResponse;
  const error = refusal('rejoin', res, answer);
  if (res.statusCode >= 500) throw new Error(error.message);
  throw error;
}

/** Whether a refusal means the gateway does not know this node's credential. */
export function isUnknownNode(err: unknown): boolean {
  return err instanceof RegistrationRefusedError && err.code === ErrorCode.UNKNOWN_NODE;
}
