/**
 * Hive Gateway (@graphql-hive/gateway), started through its own CLI as its users run it:
 *
 *   node node_modules/@graphql-hive/gateway/dist/bin.js supergraph <file> --host 127.0.0.1 --port 0
 *
 * node runs the CLI's JS entry directly (no npx or shell in between), so the pid measured
 * is the process that serves; `--fork` is left at its default of 1 (no cluster workers).
 *
 * Nothing may leave the machine. What in Hive Gateway 2.15 can call out is all opt-in,
 * through CLI flags, a config file or environment variables: usage reporting and tracing
 * (HIVE_TARGET, HIVE_*_TOKEN), the Hive CDN and remote dev composition (HIVE_CDN_*,
 * DEV_REMOTE), Apollo GraphOS uplink (APOLLO_KEY, APOLLO_GRAPH_REF), OpenTelemetry
 * exporters (OPENTELEMETRY, OTEL_EXPORTER_OTLP_ENDPOINT). So it gets none of those flags,
 * an environment with none of our variables (only what node needs), and a working
 * directory with no gateway.config file. The supergraph is a local file, which it watches
 * instead of polling. The scenario checks its sockets while it runs (bench/lib/sockets.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startNode, type BenchChild } from './procs';
import { listeningPorts } from './sockets';

const PACKAGE = join(ROOT, 'node_modules', '@graphql-hive', 'gateway');

/** The CLI's entry, from the package's own `bin`. */
function cliEntry(): string {
  const { bin } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(PACKAGE, bin['hive-gateway']!);
}

/** Only what node needs: nothing of ours, so no Hive, Apollo or OpenTelemetry setting can be inherited. */
function bareEnv(): NodeJS.ProcessEnv {
  const { PATH, HOME, LANG, TZ } = process.env;
  return Object.fromEntries(Object.entries({ PATH, HOME, LANG, TZ }).filter(([, v]) => v !== undefined));
}

/**
 * `supergraphPath` is served from `cwd` (a directory of ours without config files). Port 0:
 * the CLI then logs "Listening on http://127.0.0.1:0", so the real port is read from the
 * process's own listening socket.
 */
export function startHiveGateway(supergraphPath: string, cwd: string, nodeArgs: readonly string[] = []): Promise<BenchChild> {
  const args = [...nodeArgs, cliEntry(), 'supergraph', supergraphPath, '--host', '127.0.0.1', '--port', '0'];
  return startNode(
    'hive',
    args,
    bareEnv(),
    (line, pid) => {
      if (!line.includes('Listening on')) return undefined;
      const [port] = listeningPorts(pid);
      if (!port) throw new Error(`hive logged that it listens, but pid ${pid} has no listening socket`);
      return { event: 'listening', url: `http://127.0.0.1:${port}/graphql` };
    },
    cwd,
  );
}
