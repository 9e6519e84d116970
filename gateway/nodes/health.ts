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
    // The node may have been deregistered or replaced while we waited.
    const current = this.registry.get(nodeId(node));
    if (current !== node) return;
    const previous = node.status;
    node.status = up ? 'UP' : 'DOWN';
    if (up) {
      node.lastSeen = new Date();
      node.latencyMs = Math.round(performance.now() - started);
    }
    if (node.origin === 'REGISTERED') {
      await this.store.setHealth(nodeId(node), { status: node.status, ...(up ? { lastSeen: node.lastSeen, latencyMs: node.latencyMs } : {}) });
    }
    if (previous !== node.status) this.events.onChange?.(node, previous);
  }
}
