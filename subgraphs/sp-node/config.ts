/**
 * An sp-node's configuration, from the environment: validated once with zod
 * (defaults here only), then frozen; a bad value fails the start naming the variable.
 */
import { z } from 'zod';
import { joinFrom, type Join } from '../shared/join';
import { NodeEnv, parseEnv } from '../shared/nodeEnv';
import type { ApiOptions } from './clients/types';

const EnvSchema = z.object({
  ...NodeEnv,
  /** Cloud Director API (provider credentials). */
  DIRECTOR_API_URL: z.url(),
  DIRECTOR_USERNAME: z.string().min(1),
  DIRECTOR_PASSWORD: z.string().min(1),
  /** The cloud's metrics application (operations-manager style stats API). */
  METRICS_API_URL: z.url(),
  METRICS_USERNAME: z.string().min(1),
  METRICS_PASSWORD: z.string().min(1),
});

export interface SpNodeConfig {
  cloud: { id: string; name: string };
  director: ApiOptions;
  metrics: ApiOptions;
  host: string;
  port: number;
  /** Prefix of every route; '' for the root. */
  basePath: string;
  /** How it joins the gateway: a pre-shared secret, or registration. */
  join: Join;
}

export function loadSpNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SpNodeConfig> {
  const e = parseEnv(EnvSchema, env, 'sp-node');
  const timeoutMs = e.CLOUD_TIMEOUT_MS;
  return Object.freeze({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID },
    director: { baseUrl: e.DIRECTOR_API_URL, username: e.DIRECTOR_USERNAME, password: e.DIRECTOR_PASSWORD, timeoutMs },
    metrics: { baseUrl: e.METRICS_API_URL, username: e.METRICS_USERNAME, password: e.METRICS_PASSWORD, timeoutMs },
    host: e.NODE_HOST,
    port: e.NODE_PORT,
    basePath: e.NODE_BASE_PATH,
    join: joinFrom(e),
  });
}
