/**
 * A cloud-node's configuration: read from the environment once, validated with
 * zod (defaults live here and nowhere else), then frozen. A bad value fails the
 * start with a message naming the variable.
 */
import { frozenCopy } from '../../schema/values';
import { z } from 'zod';
import type { ApiOptions } from '../shared/apiOptions';
import { NodeEnv, nodeBaseConfig, parseEnv, type NodeBaseConfig } from '../shared/nodeEnv';

const EnvSchema = z.object({
  ...NodeEnv,
  /** Which management API the cloud speaks. */
  CLOUD_KIND: z.enum(['vsphere', 'director', 'nova']),
  /** Base URL of the cloud's management API. */
  CLOUD_API_URL: z.url(),
  CLOUD_USERNAME: z.string().min(1),
  CLOUD_PASSWORD: z.string().min(1),
  /** How often the cloud is polled for changes (VM events on GET /events); 0 turns it off. @default 2000 */
  WATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
});

export interface NodeConfig extends NodeBaseConfig {
  cloud: { id: string; name: string; kind: z.infer<typeof EnvSchema>['CLOUD_KIND'] };
  api: ApiOptions;
  /** Change polling interval; 0 is off. */
  watchIntervalMs: number;
}

export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NodeConfig> {
  const e = parseEnv(EnvSchema, env, 'cloud-node');
  return frozenCopy({
    cloud: { id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID, kind: e.CLOUD_KIND },
    api: { baseUrl: e.CLOUD_API_URL, username: e.CLOUD_USERNAME, password: e.CLOUD_PASSWORD, timeoutMs: e.CLOUD_TIMEOUT_MS },
    ...nodeBaseConfig(e),
    watchIntervalMs: e.WATCH_INTERVAL_MS,
  });
}
