/**
 * An sp-node's configuration, from the environment: validated once with zod
 * (defaults here only), then frozen; a bad value fails the start naming the variable.
 */
import { frozenCopy } from '../../schema/values';
import { z } from 'zod';
import type { ApiOptions } from '../shared/apiOptions';
import { NodeEnv, nodeBaseConfig, parseEnv, type NodeBaseConfig } from '../shared/nodeEnv';

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

export interface SpNodeConfig extends NodeBaseConfig {
  cloud: { id: string; name: string };
  director: ApiOptions;
  metrics: ApiOptions;
}

export function loadSpNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<SpNodeConfig> {
  const e = parseEnv(EnvSchema, env, 'sp-node');
  const timeoutMs = e.CLOUD_TIMEOUT_MS;
  return frozenCopy({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID },
    director: { baseUrl: e.DIRECTOR_API_URL, username: e.DIRECTOR_USERNAME, password: e.DIRECTOR_PASSWORD, timeoutMs },
    metrics: { baseUrl: e.METRICS_API_URL, username: e.METRICS_USERNAME, password: e.METRICS_PASSWORD, timeoutMs },
    ...nodeBaseConfig(e),
  });
}
