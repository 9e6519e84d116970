/**
 * The gateway's configuration: one zod schema with every default, read once from a
 * JSON file (`OVERCAST_CONFIG`) or options plus the environment (GatewayEnvSchema,
 * the only reader of `process.env` for the gateway), then deep-frozen. Unknown keys
 * are rejected and a bad value fails the start with a message naming the key.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isCloudId } from '../schema/ids';
import { SHARDED_KINDS } from '../schema/kinds';
import { MIN_SECRET_LENGTH } from '../schema/signing';
import { DEFAULT_CHUNK_BYTES } from '../schema/transfers';
import { frozenCopy, isRecord } from '../schema/values';

const NodeSchema = z.strictObject({
  cloudId: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  kind: z.enum(SHARDED_KINDS),
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
    /** RS256/ES256 keys: a JWKS URL, or the keys inline (JWKs, each with its `kty`; the rest is jose's to judge). */
    jwks: z.strictObject({ url: z.url().optional(), keys: z.array(z.looseObject({ kty: z.string().min(1) })).optional() }).optional(),
    /** @default overcast */
    issuer: z.string().default('overcast'),
    /** @default overcast */
    audience: z.string().default('overcast'),
  })
  .refine(
    (a) => a.disabled === true || a.hs256Secret !== undefined || a.jwks?.url !== undefined || a.jwks?.keys !== undefined,
    'set hs256Secret or jwks',
  );

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
  /**
   * Production mode: introspection off, "Did you mean …" removed from errors.
   * `NODE_ENV=production` makes it true unless the configuration says otherwise. @default false
   */
  production: z.boolean().default(false),
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

const MongoUri = z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must be a mongodb:// or mongodb+srv:// connection string');
const RedisUrl = z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' });

/** Persistence (see gateway/store). */
const StoreSchema = z.strictObject({
  /** MongoDB to persist to; unset: the embedded store. @default MONGODB_URI, else embedded */
  mongodbUri: MongoUri.optional(),
  /** Where the embedded store keeps its data (one gateway per directory); unset: in memory, gone at exit. @default OVERCAST_DATA_DIR */
  dataDir: z.string().min(1).optional(),
});

/** Live status feeds (subscriptions). */
const EventsSchema = z.strictObject({
  /** Redis for the event bus shared by gateway replicas. @default REDIS_URL, else in-process */
  redisUrl: RedisUrl.optional(),
  /** The pub/sub channel replicas share. @default overcast:<namespace>:events (see eventChannel in events/bus.ts) */
  redisChannel: z.string().min(1).optional(),
  /** This deployment's part of the default channel: two deployments on one Redis must differ. @default a hash of store.mongodbUri, else `default` */
  namespace: z.optional(z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 of [A-Za-z0-9._-]')),
  /** Collect events from the nodes (every replica may; duplicates are dropped by id). @default true */
  collect: z.boolean().default(true),
  /** Events a subscriber may have waiting before the oldest are dropped. @default 100 */
  queueCapacity: z.number().int().min(1).max(100_000).default(100),
  /** How long events a node's seq jumped over may take to arrive before subscribers are told to resync. @default 2000 */
  gapGraceMs: z.number().int().min(0).max(60_000).default(2000),
});

/** An origin as a browser sends it: scheme, host and port, nothing more (`https://console.example.com`). */
const Origin = z.string().refine((value) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}, 'must be an origin such as https://console.example.com (scheme, host, optional port; no path, no trailing slash)');

/** Cross-origin browser access (see gateway/http/cors.ts). */
const CorsSchema = z.strictObject({
  /** Origins whose pages may call the API; empty: cross-origin access is off. @default [] */
  origins: z.array(Origin).default([]),
});

/** WebSocket subscriptions (see gateway/subscriptions/server.ts). */
const SubscriptionsSchema = z.strictObject({
  /** A ping this often; a socket that left the previous one unanswered is closed (4410 Keepalive timeout). @default 12000 */
  keepAliveMs: z.number().int().min(1000).default(12_000),
});

/** How the gateway trusts nodes served over HTTPS. */
const NodeTlsSchema = z.strictObject({
  /** PEM CA certificate(s) trusted for node URLs besides Node's bundled roots (a private CA). @default NODE_CA_FILE, else none */
  caFile: z.string().min(1).optional(),
});

/** Metering and billing (gateway/billing). */
const BillingSchema = z.strictObject({
  meter: z
    .strictObject({
      /** Collect usage from the nodes in the background. @default true */
      enabled: z.boolean().default(true),
      /** How often to collect the whole hours not collected yet. @default 300000 */
      intervalMs: z.number().int().min(1000).default(300_000),
      /** The first hour to meter (ISO 8601, whole UTC hour). @default the first day of the previous UTC month, at start */
      from: z.iso.datetime().optional(),
      /** Hours asked of a node per request. @default 24 */
      windowHours: z.number().int().min(1).max(744).default(24),
      /** How long after an hour ends it is collected (the clouds publish an hour's figures minutes late). @default 900000 */
      settleMs: z.number().int().min(0).max(86_400_000).default(900_000),
    })
    .prefault({}),
  /** FOCUS `InvoiceIssuerName` and `ServiceProviderName`: who bills. @default Overcast */
  issuerName: z.string().min(1).default('Overcast'),
});

/** How the gateway spares itself and the nodes repeated work; each is on by default, off only to measure it. */
const SharingSchema = z.strictObject({
  /** Identical queries in flight, for principals that see the same data, are executed once (gateway/execution/sharedOperations.ts). @default true */
  operations: z.boolean().default(true),
  /** Identical queries in flight to one node, for principals that see the same data, wait for one answer (gateway/routing/inFlight.ts). @default true */
  upstream: z.boolean().default(true),
  /** An entity fetch sends each distinct representation once and fans the answers back out (gateway/routing/distinctRepresentations.ts). @default true */
  representations: z.boolean().default(true),
});

/** Transfers between clouds (gateway/transfers/). */
const TransfersSchema = z.strictObject({
  /** Bytes per chunk a destination node pulls from the source node (each checksummed, each a checkpoint). @default DEFAULT_CHUNK_BYTES (4 MiB) */
  chunkBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(64 * 1024 * 1024)
    .default(DEFAULT_CHUNK_BYTES),
  /** A running transfer with no progress from its destination node for this long is resumed from its checkpoint. @default 30000 */
  stallMs: z.number().int().min(100).default(30_000),
});

/** The web console (gateway/console/): the static app built from console/, served at `/`. */
const ConsoleSchema = z.strictObject({
  /** Serve it. @default true */
  enabled: z.boolean().default(true),
  /** Where its built assets are (`npm run build:console` writes them). @default console/dist of this repository */
  dir: z.string().min(1).optional(),
});

export const GatewayConfigSchema = z
  .strictObject({
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
    /** Sharing of repeated work; every key has a default. */
    sharing: SharingSchema.prefault({}),
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
    /** A node whose cloud's API answered its probe slower than this is DEGRADED (gateway/nodes/health.ts). @default 2000 */
    degradedLatencyMs: z.number().int().positive().default(2000),
    /** How often the inventory index re-reads every cloud; 0: only on `syncInventory`. @default 30000 */
    inventorySyncIntervalMs: z.number().int().min(0).default(30_000),
    /** Persistence; every key has a default. */
    store: StoreSchema.prefault({}),
    /** Live status feeds (subscriptions); every key has a default. */
    events: EventsSchema.prefault({}),
    /** Browsers on other origins; off by default. */
    cors: CorsSchema.prefault({}),
    /** WebSocket subscriptions; every key has a default. */
    subscriptions: SubscriptionsSchema.prefault({}),
    /** Trust for https:// node URLs; every key has a default. */
    nodeTls: NodeTlsSchema.prefault({}),
    /** Metering and billing; every key has a default. */
    billing: BillingSchema.prefault({}),
    /** Transfers between clouds; every key has a default. */
    transfers: TransfersSchema.prefault({}),
    /** The web console at `/`; every key has a default. */
    console: ConsoleSchema.prefault({}),
    /** Serve this supergraph instead of Overcast's own (see SupergraphSchema); unset: Overcast's graph. */
    supergraph: SupergraphSchema.optional(),
  })
  .refine((c) => c.auth.disabled !== true || c.supergraph !== undefined, {
    path: ['auth', 'disabled'],
    message: 'only allowed with supergraph (a trusted network or a benchmark)',
  });

export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
/** What a caller may pass: every key with a default is optional. */
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

/** `VAR=` on a command line is how one clears a variable for a command: empty means unset. */
const envVar = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/**
 * Every environment variable the gateway reads, validated like the configuration
 * (a bad value fails the start naming the variable). MONGODB_URI, REDIS_URL,
 * NODE_CA_FILE, BILLING_METER and NODE_ENV are defaults: a value in the file or the options wins, so a test or an
 * embedding program is not changed behind its back by the shell it runs in.
 * GATEWAY_HOST and GATEWAY_PORT are overrides of the file (loadGatewayConfig), so
 * one file serves several replicas.
 */
export const GatewayEnvSchema = z.object({
  /** The JSON configuration file read by loadGatewayConfig; unset: configuration from the environment alone. */
  OVERCAST_CONFIG: envVar(z.string()),
  /** Overrides `host` of the file. */
  GATEWAY_HOST: envVar(z.string()),
  /** Overrides `port` of the file. */
  GATEWAY_PORT: envVar(z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535)),
  /** `store.mongodbUri` when the configuration has none. */
  MONGODB_URI: envVar(MongoUri),
  /** `store.dataDir` when the configuration has none. */
  OVERCAST_DATA_DIR: envVar(z.string().min(1)),
  /** `events.redisUrl` when the configuration has none. */
  REDIS_URL: envVar(RedisUrl),
  /** `production` turns `limits.production` on when the configuration does not set it. */
  NODE_ENV: envVar(z.string()),
  /** `nodeTls.caFile` when the configuration has none. */
  NODE_CA_FILE: envVar(z.string().min(1)),
  /** `billing.meter.enabled` when the configuration does not set it: `off` meters only on `meterUsage` (the test suites). */
  BILLING_METER: envVar(z.enum(['on', 'off'])),
});

export type GatewayEnv = z.infer<typeof GatewayEnvSchema>;

function fail(source: string, error: z.ZodError): never {
  const problems = error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new Error(`invalid gateway configuration (${source}): ${problems}`);
}

function readEnv(env: NodeJS.ProcessEnv): GatewayEnv {
  const parsed = GatewayEnvSchema.safeParse(env);
  if (!parsed.success) fail('environment', parsed.error);
  return parsed.data;
}

/**
 * `over` laid on `under`, objects merged key by key. An undefined value in `over`
 * leaves `under`'s (as `redisUrl: undefined` always fell back to REDIS_URL); any
 * other non-object wins whole, and the schema judges it.
 */
function layer(under: Record<string, unknown>, over: unknown): unknown {
  if (!isRecord(over)) return over;
  const merged = { ...under };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const below = merged[key];
    merged[key] = isRecord(below) && isRecord(value) ? layer(below, value) : value;
  }
  return merged;
}

/** The keys the environment fills when the configuration leaves them unset. */
function envDefaults(env: GatewayEnv): Record<string, unknown> {
  return {
    ...(env.NODE_ENV === 'production' ? { limits: { production: true } } : {}),
    ...(env.MONGODB_URI || env.OVERCAST_DATA_DIR
      ? {
          store: {
            ...(env.MONGODB_URI ? { mongodbUri: env.MONGODB_URI } : {}),
            ...(env.OVERCAST_DATA_DIR ? { dataDir: env.OVERCAST_DATA_DIR } : {}),
          },
        }
      : {}),
    ...(env.REDIS_URL ? { events: { redisUrl: env.REDIS_URL } } : {}),
    ...(env.NODE_CA_FILE ? { nodeTls: { caFile: env.NODE_CA_FILE } } : {}),
    ...(env.BILLING_METER ? { billing: { meter: { enabled: env.BILLING_METER === 'on' } } } : {}),
  };
}

function validate(input: unknown, source: string, env: GatewayEnv): Readonly<GatewayConfig> {
  const parsed = GatewayConfigSchema.safeParse(layer(envDefaults(env), input));
  if (!parsed.success) fail(source, parsed.error);
  return frozenCopy(parsed.data);
}

/**
 * Validate a configuration object, fill its defaults (the environment's included, see
 * GatewayEnvSchema) and deep-freeze it.
 */
export function parseGatewayConfig(input: unknown, source = 'options', env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  return validate(input, source, readEnv(env));
}

/** The configuration of a gateway process: the file named by OVERCAST_CONFIG, then GATEWAY_HOST/GATEWAY_PORT (see GatewayEnvSchema). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const e = readEnv(env);
  const path = e.OVERCAST_CONFIG;
  let file: unknown = {};
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`invalid gateway configuration (${path}): ${(err as Error).message}`);
    }
  }
  // Not an object: left whole for the schema to refuse.
  const input = isRecord(file) ? layer(file, { host: e.GATEWAY_HOST, port: e.GATEWAY_PORT }) : file;
  return validate(input, path ?? 'environment', e);
}
