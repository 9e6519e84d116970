/**
 * A cloud's name and kind, for the FOCUS export's RegionName and HostProviderName: read
 * through the supergraph as the gateway (the cloud-node knows them), kept a while, since
 * a cloud's kind does not change. A cloud whose node does not answer is exported with
 * nulls there (both columns allow them) rather than holding the export back.
 */
import { CloudKind } from '../../schema/generated/enums';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type { InternalClient } from '../internal/client';

export interface CloudInfo {
  id: string;
  name: string | null;
  kind: CloudKind | null;
}

const QUERY = 'query BillingCloud($id: ID!) { cloud(id: $id) { id name kind } }';
const KEEP_MS = 300_000;

export class CloudInfoCache {
  private readonly known = new Map<string, { info: CloudInfo; until: number }>();

  constructor(
    private readonly client: InternalClient,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<CloudInfo> {
    const kept = this.known.get(id);
    if (kept && kept.until > this.now()) return kept.info;
    const result = await this.client.execute(QUERY, { id }, { principal: SYSTEM_PRINCIPAL }).catch(() => undefined);
    const cloud = result?.data?.cloud as { name?: string | null; kind?: string | null } | null | undefined;
    const kind = Object.values(CloudKind).find((k) => k === cloud?.kind) ?? null;
    const info: CloudInfo = { id, name: cloud?.name ?? null, kind };
    // Only a full answer is kept: a cloud down now is asked again next time.
    if (cloud?.name && kind) this.known.set(id, { info, until: this.now() + KEEP_MS });
    return info;
  }
}
