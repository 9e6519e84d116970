/**
 * The node registry the gateway routes with: nodes from the configuration file
 * plus nodes registered by token (kept in the store, so they survive a restart),
 * with the health each last showed. Entries are never changed in place: registration,
 * deregistration and health checks put new ones, so a reader holding an entry holds
 * one consistent state. Routing reads it on every fetch without a store round trip.
 */
import type { SubgraphKind } from '../../schema/kinds';
import { nodeId, type NodeInstance, type NodeRegistry } from '../registry';
import type { NodeRecord, NodeRepository } from '../store/types';

export class LiveRegistry implements NodeRegistry {
  private readonly nodes = new Map<string, NodeInstance>();
  private byKind = new Map<SubgraphKind, NodeInstance[]>();

  constructor(configured: readonly NodeInstance[]) {
    for (const node of configured) {
      if (this.nodes.has(nodeId(node))) throw new Error(`node registry: two ${node.kind} instances for cloud "${node.cloudId}"`);
      this.nodes.set(nodeId(node), { status: 'UNKNOWN', origin: 'CONFIGURED', ...node });
    }
    this.reindex();
  }

  /** Configured nodes plus every registered node in the store (a registration overrides a configured entry). */
  static async load(configured: readonly NodeInstance[], store: NodeRepository): Promise<LiveRegistry> {
    const registry = new LiveRegistry(configured);
    for (const record of await store.list()) registry.put(fromRecord(record));
    return registry;
  }

  list(kind: SubgraphKind): readonly NodeInstance[] {
    return this.byKind.get(kind) ?? [];
  }

  find(kind: SubgraphKind, cloudId: string): NodeInstance | undefined {
    return this.nodes.get(nodeId({ cloudId, kind }));
  }

  all(): readonly NodeInstance[] {
    return [...this.nodes.values()];
  }

  get(id: string): NodeInstance | undefined {
    return this.nodes.get(id);
  }

  put(node: NodeInstance): void {
    this.nodes.set(nodeId(node), node);
    this.reindex();
  }

  /**
   * Put `node` with `changes` applied in its place, if `node` is still the entry for its
   * id (a compare-and-set); the new entry, or undefined when it was replaced or removed.
   */
  replace(
    node: NodeInstance,
    changes: Partial<Pick<NodeInstance, 'status' | 'lastSeen' | 'latencyMs' | 'cloudReachable' | 'cloudLatencyMs'>>,
  ): NodeInstance | undefined {
    if (this.nodes.get(nodeId(node)) !== node) return undefined;
    const updated = Object.freeze({ ...node, ...changes });
    this.put(updated);
    return updated;
  }

  remove(id: string): boolean {
    const removed = this.nodes.delete(id);
    this.reindex();
    return removed;
  }

  private reindex(): void {
    const byKind = new Map<SubgraphKind, NodeInstance[]>();
    for (const node of [...this.nodes.values()].sort((a, b) => (a.cloudId < b.cloudId ? -1 : a.cloudId > b.cloudId ? 1 : 0))) {
      byKind.set(node.kind, [...(byKind.get(node.kind) ?? []), node]);
    }
    this.byKind = byKind;
  }
}

export function fromRecord(record: NodeRecord): NodeInstance {
  return {
    cloudId: record.cloudId,
    kind: record.kind,
    url: record.url,
    secret: record.secret,
    status: record.status,
    ...(record.lastSeen ? { lastSeen: record.lastSeen } : {}),
    ...(record.latencyMs !== undefined ? { latencyMs: record.latencyMs } : {}),
    ...(record.cloudReachable !== undefined ? { cloudReachable: record.cloudReachable } : {}),
    ...(record.cloudLatencyMs !== undefined ? { cloudLatencyMs: record.cloudLatencyMs } : {}),
    version: record.version,
    origin: 'REGISTERED',
  };
}
