/**
 * What every node kind reads from its environment, and the one way a node's
 * environment is validated: zod, defaults here, a message that names the variable.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isCloudId } from '../../schema/ids';
import type { CloudTls } from './apiOptions';
import { JoinEnv, joinFrom, type Join } from './join';

export const NodeEnv = {
  /** The cloudId this node serves, a slug such as `dc-east`. */
  CLOUD_ID: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  /** Display name; @default the cloudId */
  CLOUD_NAME: z.string().min(1).optional(),
  ...JoinEnv,
  /** @default 127.0.0.1 */
  NODE_HOST: z.string().default('127.0.0.1'),
  /** @default 0 (a free port) */
  NODE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Path prefix of every route, e.g. `/edge` (behind a path-routing proxy). @default '' (at the root) */
  NODE_BASE_PATH: z
    .string()
    .refine(isBasePath, 'must be empty or /segment[/segment…] of [A-Za-z0-9._~-], without a trailing slash')
    .default(''),
  /** PEM certificate (chain) to serve HTTPS with, with NODE_TLS_KEY_FILE; unset: plain HTTP. */
  NODE_TLS_CERT_FILE: z.string().min(1).optional(),
  /** PEM private key of NODE_TLS_CERT_FILE. */
  NODE_TLS_KEY_FILE: z.string().min(1).optional(),
  /** Per request to the cloud's APIs. @default 5000 */
  CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How often the node probes its cloud's API for /health (subgraphs/shared/cloudProbe.ts); 0 turns it off. @default 10000 */
  CLOUD_PROBE_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
};

/**
 * A route prefix a node can serve under: '' or `/a/b`, no trailing slash, no `.` or
 * `..` segment and nothing to escape. Strict because the gateway signs the path as a
 * URL parser normalizes it and the node checks the path as received: a prefix that
 * normalizes to something else would have every request refused.
 */
export function isBasePath(value: string): boolean {
  return /^(\/(?!\.\.?(?:\/|$))[A-Za-z0-9._~-]+)*$/.test(value);
}

/** What every node kind's configuration has: where it listens and how it joins the gateway. */
export interface NodeBaseConfig {
  host: string;
  port: number;
  /** Prefix of every route; '' for the root. */
  basePath: string;
  /** How it joins the gateway: a pre-shared secret, or registration. */
  join: Join;
  /** How the node probes its cloud's API for /health: interval (0: off) and the bound of one probe (the cloud timeout). */
  cloudProbe: { intervalMs: number; timeoutMs: number };
  /** Serve HTTPS with these files; absent: plain HTTP. */
  tls?: NodeTls;
}

/** The PEM files a node serves HTTPS with (read when it starts). */
export interface NodeTls {
  certFile: string;
  keyFile: string;
}

/** The NodeBaseConfig part of a parsed node environment. */
export function nodeBaseConfig(e: z.infer<z.ZodObject<typeof NodeEnv>>): NodeBaseConfig {
  const { NODE_TLS_CERT_FILE: certFile, NODE_TLS_KEY_FILE: keyFile } = e;
  // One without the other is a mistake, not a request for plain HTTP.
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new Error('invalid node configuration: NODE_TLS_CERT_FILE and NODE_TLS_KEY_FILE: set both or neither');
  }
  return {
    host: e.NODE_HOST,
    port: e.NODE_PORT,
    basePath: e.NODE_BASE_PATH,
    join: joinFrom(e),
    cloudProbe: { intervalMs: e.CLOUD_PROBE_INTERVAL_MS, timeoutMs: e.CLOUD_TIMEOUT_MS },
    ...(certFile && keyFile ? { tls: { certFile, keyFile } } : {}),
  };
}

/**
 * A certificate fingerprint as Node reports it (`AB:CD:…`), from any usual spelling
 * (lower case, no colons, vSphere's SHA-1 or the SHA-256 of `openssl x509 -fingerprint -sha256`).
 */
export const Thumbprint = z
  .string()
  .transform((value) =>
    value
      .replace(/^sha(1|256)[:=]/i, '')
      .replace(/[:\s]/g, '')
      .toUpperCase(),
  )
  .refine((hex) => /^([0-9A-F]{40}|[0-9A-F]{64})$/.test(hex), 'must be a SHA-1 (40 hex digits) or SHA-256 (64) fingerprint')
  .transform((hex) => hex.match(/../g)!.join(':'));

/** A Cloud Director API version to pin (`37.2`). */
export const DirectorApiVersion = z.string().regex(/^\d+\.\d+$/, 'must be a version such as 37.2');

/** An API's TLS trust from its `*_CA_FILE` (read now) and `*_TLS_THUMBPRINT` settings; undefined when neither is set. */
export function cloudTlsFrom(
  url: string,
  caFile: string | undefined,
  thumbprint: string | undefined,
  caVariable: string,
): CloudTls | undefined {
  if (caFile === undefined && thumbprint === undefined) return undefined;
  const prefix = caVariable.replace(/_CA_FILE$/, '');
  // A pin replaces the chain check, so a CA beside it would be silently ignored.
  if (caFile !== undefined && thumbprint !== undefined) {
    throw new Error(`invalid node configuration: ${prefix}_CA_FILE, ${prefix}_TLS_THUMBPRINT: set one, not both`);
  }
  // Trust settings for a plain-HTTP URL would be silently ignored: a mistake, not a choice.
  if (new URL(url).protocol !== 'https:') {
    throw new Error(`invalid node configuration: ${prefix}_CA_FILE, ${prefix}_TLS_THUMBPRINT: need an https:// API URL`);
  }
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile, 'utf8');
    } catch (err) {
      throw new Error(
        `invalid node configuration: ${caVariable}: cannot read ${caFile} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new Error(`invalid node configuration: ${caVariable}: ${caFile} holds no PEM certificate`);
  }
  return { ...(ca !== undefined ? { ca } : {}), ...(thumbprint !== undefined ? { thumbprint } : {}) };
}

/** Parse `env` with `schema`, or fail naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, what: string): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid ${what} configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
