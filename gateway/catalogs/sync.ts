/**
 * One subscriber's sync (mobility.md §3.1): every live item it holds in an older
 * version (or not at all) is copied, one at a time, into its target catalog under a
 * temporary name, and swapped in only once the copy succeeded: the old copy deleted,
 * the new one renamed to the item's name, as vCloud Connector did. A failed copy
 * leaves the old one where it was, usable. Items deleted at the publisher are deleted
 * here only when the subscription propagates deletes.
 */
import { parseGlobalId } from '../../schema/ids';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import type {
  CatalogCopyRecord,
  CatalogItemRecord,
  CatalogRecord,
  CatalogRepository,
  CatalogSubscriptionRecord,
} from '../store/repositories/catalogs';
import { copyKey } from '../store/repositories/catalogs';
import type { NodeContent, Transfers } from '../transfers/types';

export interface SyncDeps {
  transfers: Transfers;
  content: NodeContent;
  repository: CatalogRepository;
  now: () => Date;
}

/** How the service steers a running sync: an ending subscription stops it between items and cancels its copy. */
export interface SyncControl {
  aborted(): boolean;
  /** The transfer running now, or undefined between copies. */
  onTransfer(id: string | undefined): void;
}

export interface SyncOutcome {
  copied: string[];
  deleted: string[];
  failed: string[];
}

/** Longest template name a transfer target takes (schema/transfers.ts ImportTargetSchema). */
const MAX_NAME = 128;
/** A temporary name this module made: `<name>.sync-<version>-<yyyymmddhhmm>`. */
const TEMPORARY = /\.sync-\d+-\d{12}$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Where a new version lands before the swap; the name is cut so the suffix always fits. */
export function temporaryName(name: string, version: number, at: Date): string {
  const stamp = `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
  const suffix = `.sync-${version}-${stamp}`;
  return `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}

/** The native id of a template of `cloudId`, from its global id. */
export function nativeIn(cloudId: string, globalId: string): string {
  const parsed = parseGlobalId(globalId);
  if (!parsed || parsed.cloudId !== cloudId || !parsed.nativeId) throw new Error(`"${globalId}" is not a template of cloud "${cloudId}"`);
  return parsed.nativeId;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Sync one subscriber to `catalog` as it is now. Never throws: what failed is in the outcome and in `lastError`. */
export async function syncSubscriber(
  deps: SyncDeps,
  catalog: CatalogRecord,
  subscription: CatalogSubscriptionRecord,
  control: SyncControl,
): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { copied: [], deleted: [], failed: [] };
  const errors: string[] = [];
  try {
    const copies = new Map((await deps.repository.listCopies(subscription.id)).map((c) => [c.name, c]));
    await sweepLeftovers(deps, subscription, copies);
    for (const item of catalog.items) {
      if (control.aborted()) return outcome;
      const copy = copies.get(item.name);
      if (item.deleted) {
        if (subscription.propagateDeletes && copy && copy.state !== 'DELETED') {
          try {
            await deleteCopy(deps, subscription, copy);
            outcome.deleted.push(item.name);
          } catch (err) {
            outcome.failed.push(item.name);
            errors.push(`${item.name}: ${messageOf(err)}`);
          }
        }
        continue;
      }
      if (copy?.state === 'SYNCED' && (copy.version ?? 0) >= item.version) continue;
      const error = await copyItem(deps, subscription, item, copy, control);
      if (error === undefined) outcome.copied.push(item.name);
      else {
        outcome.failed.push(item.name);
        errors.push(`${item.name}: ${error}`);
      }
    }
  } catch (err) {
    errors.push(messageOf(err));
  }
  if (control.aborted()) return outcome;
  await deps.repository.updateSubscription(subscription.id, {
    lastSyncAt: deps.now(),
    lastError: errors.length ? errors.join('; ') : null,
    // Complete only when every item is where the catalog is.
    ...(errors.length ? {} : { syncedVersion: catalog.version }),
  });
  return outcome;
}

/**
 * Temporary copies an interrupted sync left (the gateway stopped between the copy and
 * the swap): the target is dedicated to this subscription, so a temporary name in it
 * that no record points at is ours to remove.
 */
async function sweepLeftovers(deps: SyncDeps, subscription: CatalogSubscriptionRecord, copies: ReadonlyMap<string, CatalogCopyRecord>) {
  const recorded = new Set([...copies.values()].map((c) => c.templateId).filter((id): id is string => id !== null));
  const present = await deps.content.listTemplates(subscription.cloudId, subscription.targetCatalog);
  for (const template of present) {
    const globalId = `${subscription.cloudId}:${template.id}`;
    if (TEMPORARY.test(template.name) && !recorded.has(globalId)) await deps.content.deleteTemplate(subscription.cloudId, template.id);
  }
}

async function deleteCopy(deps: SyncDeps, subscription: CatalogSubscriptionRecord, copy: CatalogCopyRecord): Promise<void> {
  if (copy.templateId) await deps.content.deleteTemplate(subscription.cloudId, nativeIn(subscription.cloudId, copy.templateId));
  await deps.repository.putCopy({ ...copy, state: 'DELETED', templateId: null, syncedAt: deps.now(), error: null });
}

/** Copy one item's current version in and swap it for the old copy: undefined when it succeeded, else why not. */
async function copyItem(
  deps: SyncDeps,
  subscription: CatalogSubscriptionRecord,
  item: CatalogItemRecord,
  copy: CatalogCopyRecord | undefined,
  control: SyncControl,
): Promise<string | undefined> {
  const { cloudId } = subscription;
  const held: CatalogCopyRecord = copy ?? {
    key: copyKey(subscription.id, item.name),
    subscriptionId: subscription.id,
    name: item.name,
    version: null,
    syncedAt: null,
    state: 'SYNCING',
    templateId: null,
    error: null,
  };
  // A DELETED record holds nothing: there is no old copy to swap out.
  const old = held.state === 'DELETED' ? null : held.templateId;
  await deps.repository.putCopy({ ...held, templateId: old, state: 'SYNCING', error: null });
  const failed = async (error: string, kept: Partial<CatalogCopyRecord> = {}) => {
    await deps.repository.putCopy({ ...held, templateId: old, ...kept, state: 'FAILED', error });
    return error;
  };

  let resultId: string;
  try {
    const started = await deps.transfers.start(SYSTEM_PRINCIPAL, {
      operation: 'COPY_TEMPLATE',
      sourceId: item.templateId,
      targetCloudId: cloudId,
      target: { kind: 'template', catalog: subscription.targetCatalog, name: temporaryName(item.name, item.version, deps.now()) },
    });
    control.onTransfer(started.id);
    const settled = await deps.transfers.settled(started.id).finally(() => control.onTransfer(undefined));
    if (settled.state !== 'SUCCEEDED' || !settled.resultId)
      return await failed(settled.error ?? `transfer ${settled.id} ended ${settled.phase}`);
    resultId = settled.resultId;
  } catch (err) {
    return failed(messageOf(err));
  }

  // The swap. Until the old copy is gone the subscriber still has a usable version:
  // a failure here removes the new copy and keeps the old one.
  try {
    if (old) await deps.content.deleteTemplate(cloudId, nativeIn(cloudId, old));
  } catch (err) {
    await deps.content.deleteTemplate(cloudId, nativeIn(cloudId, resultId)).catch(() => undefined);
    return failed(messageOf(err));
  }
  try {
    await deps.content.renameTemplate(cloudId, nativeIn(cloudId, resultId), item.name);
  } catch (err) {
    // The old copy is gone and the new one holds the version under its temporary name:
    // recorded as FAILED, the next sync copies again and swaps this one out.
    return failed(messageOf(err), { templateId: resultId, version: item.version });
  }
  await deps.repository.putCopy({
    ...held,
    version: item.version,
    syncedAt: deps.now(),
    state: 'SYNCED',
    templateId: resultId,
    error: null,
  });
  return undefined;
}
