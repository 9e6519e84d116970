/**
 * The gateway as deployed (gateway/main.ts, its own process) over a topology's nodes,
 * so that its CPU, memory and latency are its own. Background loops are off: they
 * would add upstream requests to what a scenario counts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GatewayConfigSchema, type GatewayConfigInput } from '../../gateway/config';
import type { Topology } from '../../test/support/topology';
import { benchEnv } from './env';
import { startChild, type BenchChild } from './procs';
import { RESULTS_DIR } from './report';

/** What the gateway's configuration names: the nodes (with their secrets), the tenants, the client-token settings. */
export interface GatewayTarget {
  nodes: NonNullable<GatewayConfigInput['nodes']>;
  tenants: Array<{ id: string; name: string; clouds: string[] }>;
  auth: { hs256Secret: string; issuer: string; audience: string };
  /** Clouds, for the child's label. */
  clouds: number;
}

/** The gateway over the nodes of a topology started in this process. */
export function startGatewayProcess(topology: Topology, configPath: string): Promise<BenchChild> {
  const { seed } = topology;
  return startGatewayOver(
    {
      nodes: topology.gateway.registry.all().map(({ cloudId, kind, url, secret }) => ({ cloudId, kind, url, secret })),
      tenants: seed.tenants.map((t) => ({
        id: t.id,
        name: t.name,
        clouds: seed.clouds.filter((c) => c.ownerTenantId === t.id).map((c) => c.id),
      })),
      auth: topology.auth,
      clouds: seed.clouds.length,
    },
    configPath,
  );
}

/** The gateway over nodes running anywhere (e.g. in other processes): its configuration file is written to `configPath`. */
export async function startGatewayOver(target: GatewayTarget, configPath: string): Promise<BenchChild> {
  const known = GatewayConfigSchema.shape as Record<string, unknown>;
  // Background loops off when this version of the gateway has them: they would add upstream requests.
  const loopsOff = Object.fromEntries(
    ['healthCheckIntervalMs', 'inventorySyncIntervalMs'].filter((key) => key in known).map((key) => [key, 0]),
  );
  const config = {
    host: '127.0.0.1',
    port: 0,
    logLevel: 'warn',
    nodeTimeoutMs: 5000,
    auth: target.auth,
    nodes: target.nodes,
    tenants: target.tenants,
    orgDiscoveryIntervalMs: 0,
    ...loopsOff,
    // The usage meter too: it reads weeks of history from every cloud, in the measured runs otherwise.
    ...('billing' in known ? { billing: { meter: { enabled: false } } } : {}),
  };
  writeFileSync(configPath, JSON.stringify(config));
  // BENCH_CPU_PROF=1: the gateway writes a V8 CPU profile to bench/results/profiles when it stops.
  const nodeArgs = benchEnv().BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', join(RESULTS_DIR, 'profiles')] : [];
  return startChild(`gateway (${target.clouds} clouds)`, 'gateway/main.ts', { OVERCAST_CONFIG: configPath }, nodeArgs);
}
