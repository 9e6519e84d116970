/**
 * A cloud-node's configuration: read from the environment once, validated with
 * zod (defaults live here and nowhere else), then frozen. A bad value fails the
 * start with a message naming the variable.
 */
import { z } from 'zod';
import { joinFrom, type Join } from '../shared/join';
import { NodeEnv, parseEnv } from '../shared/nodeEnv';

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

export interface NodeConfig {
  cloud: { id: string; name: string; kind: z.infer<typeof EnvSchema>['CLOUD_KIND'] };
  api: { baseUrl: string; username: string; password: string; timeoutMs: number };
  host: string;
  port: number;
  /** Prefix of every route; '' for the root. */
  basePath: string;
  /** How it joins the gateway: a pre-shared secret, or registration. */
  join: Join;
  /** Change polling interval; 0 is off. */
  watchIntervalMs: number;
}

export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NodeConfig> {
  const e = parseEnv(EnvSchema, env, 'cloud-node');
  return Object.freeze({
    cloud: Object.freeze({ id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID, kind: e.CLOUD_KIND }),
    api: Object.freeze({ baseUrl: e.CLOUD_API_URL, username: e.CLOUD_USERNAME, password: e.CLOUD_PASSWORD, timeoutMs: e.CLOUD_TIMEOUT_MS }),
    host: e.NODE_HOST,
    port: e.NODE_PORT,
    basePath: e.NODE_BASE_PATH,
    join: joinFrom(e),
    watchIntervalMs: e.WATCH_INTERVAL_MS,
  });
}
