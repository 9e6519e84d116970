/**
 * Health checks: every node's /health is asked on an interval; status, last seen,
 * latency and the node's report of its cloud's API go to the registry (routing skips
 * DOWN nodes, and DEGRADED ones whose cloud is unreachable, at once instead of
 * waiting for a timeout) and the store. A node seen again is routed to again, and
 * gets any configuration it missed.
 */
import type { CloudHealth } from '../../schema/cloudHealth';
import { nodeId, type NodeInstance } from '../registry';
import type { NodeRepository, NodeStatus } from '../store/types';
import type { LiveRegistry } from './liveRegistry';
import type { HealthAnswer, NodeTransport } from './transport';

export interface HealthEvents {
  /** A node's status changed (UNKNOWN → UP counts). */
  onChange?(node: NodeInstance, previous: NodeInstance['status']): void;
}

/**
 * A node's status from its /health: DOWN when it did not answer; DEGRADED when it
 * answered but its cloud's API did not (or slower than `degradedLatencyMs`), since
 * then the node is alive and every query through it still fails or crawls; else UP.
 * A node that reports no probe (turned off, or an older node) is UP: nothing is
 * known against its cloud, and the node's own queries still report an outage.
 */
export function nodeHealthStatus(answer: HealthAnswer, degradedLatencyMs: number): Exclude<NodeStatus, 'UNKNOWN'> {
  if (!answer.up) return 'DOWN';
  const cloud = answer.cloud;
  if (cloud === undefined) return 'UP';
  return cloud.reachable && cloud.latencyMs !== null && cloud.latencyMs <= degradedLatencyMs ? 'UP' : 'DEGRADED';
}

/** The registry's cloud fields for a node's report: none (undefined) when it made none. */
function cloudFields(cloud: CloudHealth | undefined): Pick<NodeInstance, 'cloudReachable' | 'cloudLatencyMs'> {
  return { cloudReachable: cloud?.reachable, cloudLatencyMs: cloud?.latencyMs ?? undefined };
}

export interface HealthCheckOptions {
  /** See GatewayConfig.degradedLatencyMs. */
  degradedLatencyMs: number;
}

export class HealthChecker {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly store: NodeRepository,
    private readonly transport: Pick<NodeTransport, 'health'>,
    private readonly options: HealthCheckOptions,
    private readonly events: HealthEvents = {},
  ) {}

  start(intervalMs: number): void {
    if (intervalMs > 0) this.timer = setInterval(() => void this.checkAll(), intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Check every node once, in parallel. */
  async checkAll(): Promise<void> {
    await Promise.all(this.registry.all().map((node) => this.check(node)));
  }

  private async check(node: NodeInstance): Promise<void> {
    const started = performance.now();
    const answer = await this.transport.health(node);
    const status = nodeHealthStatus(answer, this.options.degradedLatencyMs);
    // A node that does not answer keeps what it last said (lastSeen, latencies, its cloud): "when last seen".
    const health =
      status === 'DOWN'
        ? { status }
        : { status, lastSeen: new Date(), latencyMs: Math.round(performance.now() - started), ...cloudFields(answer.cloud) };
    // Only if the entry is still the one asked: it may have been deregistered or replaced while we waited.
    const updated = this.registry.replace(node, health);
    if (!updated) return;
    if (updated.origin === 'REGISTERED') {
      // null clears a stored field: the node answered and said nothing of it this time.
      const cloud =
        'cloudReachable' in health ? { cloudReachable: health.cloudReachable ?? null, cloudLatencyMs: health.cloudLatencyMs ?? null } : {};
      await this.store.setHealth(nodeId(updated), { ...health, ...cloud });
    }
    if (node.status !== updated.status) this.events.onChange?.(updated, node.status);
  }
}
