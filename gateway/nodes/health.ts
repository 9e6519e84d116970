/**
 * Health checks: every node's /health is asked on an interval; status, last seen
 * and latency go to the registry (routing skips DOWN nodes at once instead of
 * waiting for a timeout) and the store. A node seen again is routed to again, and
 * gets any configuration it missed.
 */
import { nodeId, type NodeInstance } from '../registry';
import type { NodeRepository } from '../store/types';
import type { LiveRegistry } from './liveRegistry';
import type { NodeTransport } from './transport';

export interface HealthEvents {
  /** A node's status changed (UNKNOWN → UP counts). */
  onChange?(node: NodeInstance, previous: NodeInstance['status']): void;
}

export class HealthChecker {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: LiveRegistry,
    private readonly store: NodeRepository,
    private readonly transport: Pick<NodeTransport, 'health'>,
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
    const up = await this.transport.health(node);
    const health = up
      ? { status: 'UP' as const, lastSeen: new Date(), latencyMs: Math.round(performance.now() - started) }
      : { status: 'DOWN' as const };
    // Only if the entry is still the one asked: it may have been deregistered or replaced while we waited.
    const updated = this.registry.replace(node, health);
    if (!updated) return;
    if (updated.origin === 'REGISTERED') await this.store.setHealth(nodeId(updated), health);
    if (node.status !== updated.status) this.events.onChange?.(updated, node.status);
  }
}
