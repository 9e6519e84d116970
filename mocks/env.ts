/**
 * The environment of each simulated cloud process: one zod schema per process, so
 * that `MOCK_PORT=abc` fails the start naming the variable instead of becoming NaN.
 * mocks/ import nothing of Overcast's, hence their own copy of the rule the gateway
 * and the nodes follow. Kept apart from the entry points, which
 * start their process when loaded.
 */
import { z } from 'zod';
import type { MockServerOptions } from './server';

/** `VAR=` on a command line is how one clears a variable for a command: empty means unset. */
const envVar = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const port = () => z.coerce.number({ error: 'must be a port number' }).int().min(0).max(65535);

/** Parse `env` with `schema`, or fail naming every bad variable. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv, what: string): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid ${what} environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** A simulated cloud process (mocks/main.ts); unset values take startMockCloud's defaults. */
export const MockCloudEnvSchema = z.object({
  /** The port to serve on. @default 0 (a free port) */
  MOCK_PORT: envVar(port().optional()),
  /** Latency added to every answer. @default 0 */
  MOCK_LATENCY_MS: envVar(z.coerce.number({ error: 'must be a number of milliseconds' }).min(0).optional()),
  /** How long a power operation takes in the cloud (a running task, a synchronous call). @default 0 */
  MOCK_OPERATION_MS: envVar(z.coerce.number({ error: 'must be a number of milliseconds' }).min(0).optional()),
  /** Bytes of every seeded VM's and template's disk (content/seededBytes.ts). @default 4 MiB */
  MOCK_DISK_BYTES: envVar(z.coerce.number({ error: 'must be a whole number of bytes' }).int().positive().optional()),
});

/** startMockCloud's options from a simulated cloud process's environment. */
export function mockCloudOptions(env: NodeJS.ProcessEnv): MockServerOptions {
  const e = parseEnv(MockCloudEnvSchema, env, 'mock cloud');
  return { port: e.MOCK_PORT, latencyMs: e.MOCK_LATENCY_MS, operationMs: e.MOCK_OPERATION_MS, diskBytes: e.MOCK_DISK_BYTES };
}
