/**
 * A cloud-node's configuration: read from the environment once, validated with
 * zod (defaults live here and nowhere else), then frozen. A bad value fails the
 * start with a message naming the variable.
 */
import { z } from 'zod';
import { isCloudId } from '../../schema/ids';
import { JoinEnv, joinFrom, type Join } from '../shared/join';

const EnvSchema = z.object({
  /** The cloudId this node serves, a slug such as `dc-east`. */
  CLOUD_ID: z.string().refine(isCloudId, 'must be a slug of [a-z0-9-]'),
  /** Which management API the cloud speaks. */
  CLOUD_KIND: z.enum(['vsphere', 'director', 'nova']),
  /** Display name; @default the cloudId */
  CLOUD_NAME: z.string().min(1).optional(),
  /** Base URL of the cloud's management API. */
  CLOUD_API_URL: z.url(),
  CLOUD_USERNAME: z.string().min(1),
  CLOUD_PASSWORD: z.string().min(1),
  ...JoinEnv,
  /** @default 127.0.0.1 */
  NODE_HOST: z.string().default('127.0.0.1'),
  /** @default 0 (a free port) */
  NODE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Per request to the cloud's API. @default 5000 */
  CLOUD_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How often the cloud is polled for changes (VM events on GET /events); 0 turns it off. @default 2000 */
  WATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
});

export interface NodeConfig {
  cloud: { id: string; name: string; kind: z.infer<typeof EnvSchema>['CLOUD_KIND'] };
  api: { baseUrl: string; username: string; password: string; timeoutMs: number };
  host: string;
  port: number;
  /** How it joins the gateway: a pre-shared secret, or registration. */
  join: Join;
  /** Change polling interval; 0 is off. */
  watchIntervalMs: number;
}

export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): Readonly<NodeConfig> {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid cloud-node configuration: ${problems}`);
  }
  const e = parsed.data;
  return Object.freeze({
    cloud: Object.freeze({ id: e.CLOUD_ID, name: e.CLOUD_NAME ?? e.CLOUD_ID, kind: e.CLOUD_KIND }),
    api: Object.freeze({ baseUrl: e.CLOUD_API_URL, username: e.CLOUD_USERNAME, password: e.CLOUD_PASSWORD, timeoutMs: e.CLOUD_TIMEOUT_MS }),
    host: e.NODE_HOST,
    port: e.NODE_PORT,
    join: joinFrom(e),
    watchIntervalMs: e.WATCH_INTERVAL_MS,
  });
}
