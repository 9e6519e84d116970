/**
 * Configuration updates: an administrator posts settings for a node; they are
 * validated, stored as a new version, delivered to the node (signed POST /config),
 * applied there and acknowledged. A node that is unreachable keeps the drift
 * (appliedVersion < version) until the health check sees it up and redelivers.
 */
import { NodeSettingsSchema, type NodeSettings } from '../../schema/nodeSettings';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { nodeId, type NodeInstance } from '../registry';
import type { NodeConfigRecord, NodeConfigRepository } from '../store/types';
import type { NodeTransport } from './transport';

export class InvalidSettingsError extends Error {}

export class ConfigUpdates {
  constructor(
    private readonly configs: NodeConfigRepository,
    private readonly transport: Pick<NodeTransport, 'postJson'>,
    private readonly onError: (node: NodeInstance, reason: string) => void = () => undefined,
  ) {}

  /** Validate, store a new version, deliver. Resolves with the record after the delivery attempt. */
  async post(node: NodeInstance, input: Record<string, unknown>): Promise<NodeConfigRecord> {
    const parsed = NodeSettingsSchema.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)));
    if (!parsed.success) {
      throw new InvalidSettingsError(parsed.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const record = await this.configs.post(nodeId(node), parsed.data, new Date());
    await this.deliver(node, record);
    return (await this.configs.get(nodeId(node))) ?? record;
  }

  /** Deliver the latest configuration if the node has not acknowledged it. */
  async redeliver(node: NodeInstance): Promise<void> {
    const record = await this.configs.get(nodeId(node));
    if (record && record.appliedVersion < record.version) await this.deliver(node, record);
  }

  private async deliver(node: NodeInstance, record: NodeConfigRecord): Promise<void> {
    try {
      // The gateway configures its nodes for itself, not for a caller: as the system principal.
      const res = await this.transport.postJson(
        node,
        'config',
        { version: record.version, settings: record.settings as NodeSettings },
        SYSTEM_PRINCIPAL,
      );
      const applied = (res.body as { appliedVersion?: unknown } | undefined)?.appliedVersion;
      if (res.status !== 200 || typeof applied !== 'number') throw new Error(`node answered HTTP ${res.status}`);
      await this.configs.acknowledge(nodeId(node), applied);
    } catch (err) {
      this.onError(node, (err as Error).message);
    }
  }
}
