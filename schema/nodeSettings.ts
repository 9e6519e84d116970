/**
 * The settings an administrator can push to a node (configuration updates), and
 * the registration handshake: the contract between the gateway and every node.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { LogLevel } from './generated/enums';
import { readSdl, type SubgraphKind } from './kinds';

/**
 * Ranges GraphQL cannot say; the enums come from the SDL (schema/control.graphql).
 * Every setting here is applied by the node that receives it, and acknowledged only
 * once applied. (A `syncIntervalMs`, how often the gateway's inventory index re-reads
 * a cloud, was here: the gateway applies that, not the node, so a node's
 * acknowledgement of it meant nothing; it is the gateway's `inventorySyncIntervalMs`.)
 */
export const NodeSettingsSchema = z.strictObject({
  /** The node's log level. */
  logLevel: z.enum(LogLevel).optional(),
  /** How long an sp-node reuses the metrics application's figures. */
  metricsSamplingIntervalMs: z.number().int().min(1000).max(3_600_000).optional(),
});
export type NodeSettings = z.infer<typeof NodeSettingsSchema>;

/** The body of a configuration delivery (POST /config, signed like /graphql). */
export interface ConfigDelivery {
  version: number;
  settings: NodeSettings;
}

/** A node's schema fingerprint: the gateway refuses a node whose kind SDL differs from its supergraph's. */
export function schemaHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}

export function kindSchemaHash(kind: SubgraphKind): string {
  return schemaHash(readSdl(kind));
}

/** POST /nodes/register on the gateway. */
export interface RegistrationRequest {
  token: string;
  kind: SubgraphKind;
  /** The node's GraphQL endpoint, as the gateway should reach it. */
  url: string;
  version: string;
  schemaHash: string;
}

export interface RegistrationResponse {
  nodeId: string;
  cloudId: string;
  /** The per-node request-signing secret; shown once. */
  secret: string;
}

/** Where a registered node rejoins (POST, signed with its secret as SYSTEM_PRINCIPAL over the raw body). */
export const REJOIN_PATH = '/nodes/rejoin';

/**
 * POST /nodes/rejoin: a node that registered before, after its own restart or the
 * gateway's, says where it now listens. `nodeId` only selects the stored secret the
 * signature is checked with; nothing else is read before that check.
 */
export interface RejoinRequest {
  nodeId: string;
  /** The node's GraphQL endpoint now (a restarted node may listen elsewhere). */
  url: string;
  version: string;
  schemaHash: string;
}

export interface RejoinResponse {
  nodeId: string;
  cloudId: string;
}

/**
 * How a registration token is kept, by the gateway (which stores no token) and by a
 * node's credential file (which tells the token it registered with from a new one).
 */
export function registrationTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
