/**
 * An sp-node's configuration, from the environment: validated once with zod
 * (defaults here only), then frozen; a bad value fails the start naming the variable.
 */
import { z } from 'zod';
import { isCloudId } from '../../schema/ids';
import { JoinEnv, joinFrom, type Join } from '../shared/join';
import type { ApiOptions } from './clients/types';

const EnvSchema = z.object({
  /** The multi-tenant cloud this node serves. */
  CLOUD_ID: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  CLOUD_NAME: z.string().min(1).optional(),
  /** Cloud Director API (provider credentials). */
  DIRECTOR_API_URL: z.url(),
  DIRECTOR_USERNAME: z.string().min(1),
  DIRECTOR_PASSWORD: z.string().min(1),
  /** The cloud's metrics application (operations-manager style stats API). */
  METRICS_API_URL: z.url(),
  METRICS_USERNAME: z.string().min(1),
  METRICS_PASSWORD: z.string().min(1),
  ...JoinEnv,
  /** @default 127.0.0.1 */
  NODE_HOST: z.string().default('127.0.0.1'),
  /** @default 0 (a free port) */
  NODE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Per request to the director or the metrics application. @default 5000 */
  CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
});

export interface SpNodeConfig {
  cloud: { id: string; name: string };
  director: ApiOptions;
  metrics: ApiOptions;
  host: string;
  port: number;
  /** How it joins the gateway: a pre-shared secret, or registration. */
  join: Join;
}

export function loadSpNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SpNodeConfig> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid sp-node configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const timeoutMs = e.CLOUD_TIMEOUT_MS;
  return Object.freeze({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID },
    director: { baseUrl: e.DIRECTOR_API_URL, username: e.DIRECTOR_USERNAME, password: e.DIRECTOR_PASSWORD, timeoutMs },
    metrics: { baseUrl: e.METRICS_API_URL, username: e.METRICS_USERNAME, password: e.METRICS_PASSWORD, timeoutMs },
    host: e.NODE_HOST,
    port: e.NODE_PORT,
    join: joinFrom(e),
  });
}
