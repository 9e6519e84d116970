/**
 * Every knob the benchmarks read from the environment, in one zod schema: a bad
 * value (`BENCH_SUBSCRIBERS=100,lots`) fails the start naming the variable instead
 * of running with NaN. Unset knobs take the default of the scenario that reads
 * them (they differ per scenario), written there once.
 */
import { z } from 'zod';

/** `VAR=` on a command line is how one clears a variable for a command: empty means unset. */
const envVar = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

const positive = () => z.coerce.number({ error: 'must be a positive number' }).positive().optional();
/** A comma-separated list of positive integers, e.g. `100,1000`. */
const sizes = () =>
  z
    .string()
    .transform((text) => text.split(',').map(Number))
    .pipe(z.array(z.number({ error: 'must be positive integers, comma-separated' }).int().positive()))
    .optional();
/** On when set to anything. */
const flag = () =>
  z
    .string()
    .optional()
    .transform((value) => value !== undefined);

export const BenchEnvSchema = z.object({
  /** Seconds per measured run. */
  BENCH_DURATION: envVar(positive()),
  /** Measured runs per setup. */
  BENCH_ROUNDS: envVar(positive()),
  /** Seconds of warm-up before measuring. */
  BENCH_WARMUP: envVar(positive()),
  /** Requests per second of gateway-overhead's fixed-rate run. */
  BENCH_RATE: envVar(positive()),
  /** Events per subscriber count (subscriptions). */
  BENCH_EVENTS: envVar(positive()),
  /** Subscriber counts (subscriptions). */
  BENCH_SUBSCRIBERS: envVar(sizes()),
  /** transfer: bytes of the disk copied. @default 1073741824 (1 GiB) */
  BENCH_TRANSFER_BYTES: envVar(positive()),
  /** Indexed VM counts (inventory-index). */
  BENCH_INDEX_SIZES: envVar(sizes()),
  /** Only the fan-out setups with these cloud counts (while investigating). */
  BENCH_SETUPS: envVar(sizes()),
  /** Gateways write a V8 CPU profile to bench/results/profiles when they stop. */
  BENCH_CPU_PROF: envVar(flag()),
  /** Forward the children's stderr. */
  BENCH_VERBOSE: envVar(flag()),
  /**
   * Overcast's sharing (gateway config `sharing`) in gateway-overhead: only the kinds named are on
   * (`operations,upstream,representations`; `none`: all off). Unset: the defaults, all on.
   */
  BENCH_SHARING: envVar(
    z
      .string()
      .regex(
        /^(none|(operations|upstream|representations)(,(operations|upstream|representations))*)$/,
        'none, or a list of operations, upstream, representations',
      )
      .optional(),
  ),
  /** The supergraph file a benchmark gateway child serves (bench/federation/*Main.ts). */
  BENCH_SUPERGRAPH: envVar(z.string().optional()),
});

export type BenchEnv = z.output<typeof BenchEnvSchema>;

/** Parse `env` with the schema, or fail naming every bad variable. */
export function parseBenchEnv(env: NodeJS.ProcessEnv): BenchEnv {
  const parsed = BenchEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid benchmark environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

let current: BenchEnv | undefined;

/** This process's knobs, read once. */
export function benchEnv(): BenchEnv {
  current ??= parseBenchEnv(process.env);
  return current;
}
