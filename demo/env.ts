/**
 * The demo launcher's environment (`npm start`), validated once: `PORT=abc` fails the
 * start naming the variable instead of becoming NaN. The launcher imports nothing of
 * Overcast's but the seed, hence its own copy of the small env helpers that mocks/env.ts
 * and the nodes have.
 */
import { join } from 'node:path';
import { z } from 'zod';

/** `VAR=` on a command line is how one clears a variable for a command: empty means unset. */
const envVar = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const port = () => z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);

/**
 * The gateway process's own overrides. The demo writes the gateway's port into the
 * configuration it generates, so one of these in the shell would silently move the
 * gateway away from what the demo prints: refused, naming the variable to use.
 */
const gatewayOnly = (instead: string) =>
  envVar(z.undefined({ error: `is read by gateway/main.ts, not by npm start: unset it (the demo reads ${instead})` }));

/** The demo's data directory when OVERCAST_DEMO_DIR is unset: `.overcast/` at the repository root. */
export const DEFAULT_DEMO_DIR = join(__dirname, '..', '.overcast');

export const DemoEnvSchema = z.object({
  /** The gateway's port; 0 takes a free one. @default 4000 */
  PORT: envVar(port().default(4000)),
  /**
   * Where the demo keeps its gateway configuration (`demo.json`), its token secret
   * (`hs256.secret`), the gateway's store (`store/`), its lock (`demo.lock`), the
   * nodes' environments and the logs.
   * @default DEFAULT_DEMO_DIR (`.overcast/`)
   */
  OVERCAST_DEMO_DIR: envVar(z.string().min(1).optional()),
  GATEWAY_PORT: gatewayOnly('PORT'),
  GATEWAY_HOST: gatewayOnly('nothing: every part listens on 127.0.0.1'),
});

export type DemoEnv = z.output<typeof DemoEnvSchema>;

/** The demo's environment, validated; throws naming every bad variable. */
export function demoEnv(env: NodeJS.ProcessEnv): DemoEnv {
  const parsed = DemoEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid demo environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** The demo's data directory (see OVERCAST_DEMO_DIR). */
export function demoDir(env: DemoEnv): string {
  return env.OVERCAST_DEMO_DIR ?? DEFAULT_DEMO_DIR;
}

/**
 * Variables of one child process each (a port, a node's join, the gateway's file), not
 * of the demo: the launcher sets them per child and never passes the shell's on, or
 * MOCK_PORT=4101 would put all three clouds on one port.
 */
export const PER_CHILD_VARS = [
  'OVERCAST_CONFIG',
  'MOCK_PORT',
  'NODE_HOST',
  'NODE_PORT',
  'NODE_BASE_PATH',
  'NODE_SECRET',
  'GATEWAY_URL',
  'REGISTRATION_TOKEN',
  'NODE_DATA_DIR',
  'NODE_REJOIN_AFTER_MS',
] as const;
