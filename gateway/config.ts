/**
 * The gateway's configuration: one zod schema with every default, read once from a
 * JSON file (`OVERCAST_CONFIG`) plus environment overrides, then frozen. Unknown
 * keys are rejected and a bad value fails the start with a message naming the key.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isCloudId } from '../schema/ids';
import { SHARDED_KINDS, type SubgraphKind } from '../schema/kinds';
import { MIN_SECRET_LENGTH } from '../schema/signing';

const NodeSchema = z.strictObject({
  cloudId: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  kind: z.enum(SHARDED_KINDS as [SubgraphKind, ...SubgraphKind[]]),
  url: z.url(),
  /** Shared with this node only; the gateway signs every request to it with this secret. */
  secret: z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`),
});

const TenantSchema = z.strictObject({
  id: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  name: z.string().min(1),
  /** Single-tenant clouds it owns whole. */
  clouds: z.array(z.string().refine(isCloudId, 'must be a cloudId')).default([]),
  /** Organizations (global ids) in multi-tenant clouds. */
  orgs: z.array(z.string().min(3)).default([]),
  /** Organization names that mean this tenant, besides its id. */
  orgNames: z.array(z.string().min(1)).default([]),
});

const AuthSchema = z
  .strictObject({
    /**
     * No authentication: every request acts with full rights (as a provider admin).
     * Only with `supergraph`, on a trusted network or for benchmarks.
     */
    disabled: z.literal(true).optional(),
    /** HS256 shared secret for client tokens. */
    hs256Secret: z.string().min(32, 'must be at least 32 characters').optional(),
    /** RS256/ES256 keys: a JWKS URL, or the keys inline. */
    jwks: z.strictObject({ url: z.url().optional(), keys: z.array(z.record(z.string(), z.unknown())).optional() }).optional(),
    /** @default overcast */
    issuer: z.string().default('overcast'),
    /** @default overcast */
    audience: z.string().default('overcast'),
  })
  .refine((a) => a.disabled === true || a.hs256Secret !== undefined || a.jwks?.url !== undefined || a.jwks?.keys !== undefined, 'set hs256Secret or jwks');

const limit = () => z.number().int().positive();

/** Request limits, checked before any node is called (see gateway/limits). */
const LimitsSchema = z.strictObject({
  /** Deepest field nesting; fragments count as if inlined. @default 12 */
  maxDepth: limit().default(12),
  /** Aliases in an operation, those inside fragments counted at every spread. @default 15 */
  maxAliases: limit().default(15),
  /** Directives in an operation, fragments included. @default 10 */
  maxDirectives: limit().default(10),
  /** Lexical tokens in a document (checked while parsing). @default 2000 */
  maxTokens: limit().default(2000),
  /** Largest cost estimate: every field counts 1, times listSizeEstimate per list it sits in. @default 50000 */
  maxCost: limit().default(50_000),
  /** Items assumed for every list field in the cost estimate. @default 10 */
  listSizeEstimate: limit().default(10),
  /** Production mode: introspection off, "Did you mean …" removed from errors. @default NODE_ENV === 'production' */
  production: z.boolean().default(() => process.env.NODE_ENV === 'production'),
});

/**
 * Supergraph mode: serve another supergraph than Overcast's own. Subgraphs named like
 * an Overcast kind keep their routing; any other is a plain subgraph reached at its
 * fixed URL (from the supergraph, or `subgraphs`).
 */
const SupergraphSchema = z.strictObject({
  /** The supergraph SDL file (or `startGateway({ supergraphSdl })`). */
  path: z.string().min(1).optional(),
  /** Subgraph name → GraphQL endpoint, overriding the URL written in the supergraph. */
  subgraphs: z.record(z.string(), z.url()).default({}),
});

export const GatewayConfigSchema = z.strictObject({
  /** Client authentication (JWT bearer tokens). */
  auth: AuthSchema,
  /** Request limits and production hardening; every key has a default. */
  limits: LimitsSchema.prefault({}),
  /** @default 127.0.0.1 */
  host: z.string().default('127.0.0.1'),
  /** @default 4000 */
  port: z.number().int().min(0).max(65535).default(4000),
  /** Longest wait for one node's answer before its cloud counts as unavailable. @default 5000 */
  nodeTimeoutMs: z.number().int().positive().default(5000),
  /** pino level. @default info */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The node registry: which node serves which cloud for which kind. */
  nodes: z.array(NodeSchema).default([]),
  /** The tenant directory. */
  tenants: z.array(TenantSchema).default([]),
  /** Map organizations nobody mapped to the tenant whose id (or orgNames) equals the org's name. @default true */
  autoMatchOrgs: z.boolean().default(true),
  /** How often to look for new organizations in the multi-tenant clouds; 0 turns it off. @default 60000 */
  orgDiscoveryIntervalMs: z.number().int().min(0).default(60_000),
  /**
   * Longest a tenant's view of which VDCs and VMs its organizations own may lag the
   * clouds (an id not yet known also triggers a refresh, at most once a second). @default 15000
   */
  ownershipTtlMs: z.number().int().min(0).default(15_000),
  /** How often every node's /health is asked; 0 turns checks off. @default 5000 */
  healthCheckIntervalMs: z.number().int().min(0).default(5000),
  /** How often the inventory index re-reads every cloud; 0: only on `syncInventory`. @default 30000 */
  inventorySyncIntervalMs: z.number().int().min(0).default(30_000),
  /** Live status feeds (subscriptions). */
  events: z
    .strictObject({
      /** Redis for the event bus shared by gateway replicas; @default REDIS_URL, else in-process. */
      redisUrl: z.string().optional(),
      /** The pub/sub channel replicas share. @default overcast:events */
      redisChannel: z.string().min(1).default('overcast:events'),
      /** Collect events from the nodes (every replica may; duplicates are dropped by id). @default true */
      collect: z.boolean().default(true),
      /** Events a subscriber may have waiting before the oldest are dropped. @default 100 */
      queueCapacity: z.number().int().min(1).max(100_000).default(100),
    })
    .default({ collect: true, queueCapacity: 100, redisChannel: 'overcast:events' }),
  /** Serve this supergraph instead of Overcast's own (see SupergraphSchema); unset: Overcast's graph. */
  supergraph: SupergraphSchema.optional(),
}).refine((c) => c.auth.disabled !== true || c.supergraph !== undefined, {
  path: ['auth', 'disabled'],
  message: 'only allowed with supergraph (a trusted network or a benchmark)',
});

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
/** What a caller may pass: every key with a default is optional. */
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

function fail(source: string, error: z.ZodError): never {
  const problems = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`invalid gateway configuration (${source}): ${problems}`);
}

/** Validate and freeze a configuration object (defaults filled in). */
export function parseGatewayConfig(input: unknown, source = 'options'): Readonly<GatewayConfig> {
  const parsed = GatewayConfigSchema.safeParse(input);
  if (!parsed.success) fail(source, parsed.error);
  return Object.freeze(parsed.data);
}

/** The configuration of a gateway process: the file named by OVERCAST_CONFIG, then GATEWAY_HOST/GATEWAY_PORT. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const path = env.OVERCAST_CONFIG;
  let input: Record<string, unknown> = {};
  if (path) {
    try {
      input = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new Error(`invalid gateway configuration (${path}): ${(err as Error).message}`);
    }
  }
  if (env.GATEWAY_HOST) input.host = env.GATEWAY_HOST;
  if (env.GATEWAY_PORT) input.port = Number(env.GATEWAY_PORT);
  return parseGatewayConfig(input, path ?? 'environment');
}
