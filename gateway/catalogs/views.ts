/**
 * What the API shows of a catalog: its records, with `availableIn` (which cloud holds
 * which version of each item) worked out from what each subscriber recorded. Pure.
 */
import type { CatalogAvailability, CatalogItem, CatalogSubscription } from '../control/generated/graphql';
import type { CatalogCopyRecord, CatalogItemRecord, CatalogRecord, CatalogSubscriptionRecord } from '../store/repositories/catalogs';

export type AvailabilityView = Omit<CatalogAvailability, 'cloud' | '__typename'>;
export type ItemView = Omit<CatalogItem, 'availableIn' | '__typename'> & { availableIn: AvailabilityView[] };
export type SubscriptionView = Omit<CatalogSubscription, 'cloud' | '__typename'>;
export interface CatalogView {
  id: string;
  name: string;
  cloudId: string;
  version: number;
  publishedAt: string;
  items: ItemView[];
  subscriptions: SubscriptionView[];
}

/** One subscriber, as a view needs it: its record, its copies by item name, whether a sync runs now. */
export interface SubscriberState {
  subscription: CatalogSubscriptionRecord;
  copies: ReadonlyMap<string, CatalogCopyRecord>;
  syncing: boolean;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

/**
 * A subscriber's holding of one item. A live item is STALE where the copy is older or
 * missing (the next sync copies it), SYNCING or FAILED as its copy goes. A deleted item
 * has nothing more to copy: the subscriber shows what it recorded (SYNCED with the last
 * version it held, or DELETED), and DELETED where it never held it.
 */
export function availabilityAt(item: CatalogItemRecord, cloudId: string, copy: CatalogCopyRecord | undefined): AvailabilityView {
  const held = { cloudId, version: copy?.version ?? null, syncedAt: iso(copy?.syncedAt ?? null), templateId: copy?.templateId ?? null };
  if (item.deleted) return { ...held, state: copy?.state ?? 'DELETED' };
  if (!copy || copy.state === 'DELETED') return { ...held, state: 'STALE' };
  if (copy.state === 'SYNCED' && (copy.version ?? 0) < item.version) return { ...held, state: 'STALE' };
  return { ...held, state: copy.state };
}

export function itemView(catalog: CatalogRecord, item: CatalogItemRecord, subscribers: readonly SubscriberState[]): ItemView {
  // The publisher first: it holds the item's version by definition (or nothing, once deleted there).
  const publisher: AvailabilityView = {
    cloudId: catalog.cloudId,
    version: item.version,
    syncedAt: item.updatedAt.toISOString(),
    state: item.deleted ? 'DELETED' : 'SYNCED',
    templateId: item.deleted ? null : item.templateId,
  };
  return {
    id: `${catalog.id}/${item.name}`,
    name: item.name,
    version: item.version,
    sizeBytes: item.sizeBytes,
    checksum: item.checksum,
    templateId: item.templateId,
    deleted: item.deleted,
    availableIn: [publisher, ...subscribers.map((s) => availabilityAt(item, s.subscription.cloudId, s.copies.get(item.name)))],
  };
}

export function subscriptionView(subscription: CatalogSubscriptionRecord, syncing: boolean): SubscriptionView {
  return {
    id: subscription.id,
    catalogId: subscription.catalogId,
    cloudId: subscription.cloudId,
    targetCatalog: subscription.targetCatalog,
    syncIntervalSeconds: subscription.syncIntervalSeconds,
    propagateDeletes: subscription.propagateDeletes,
    syncedVersion: subscription.syncedVersion,
    lastSyncAt: iso(subscription.lastSyncAt),
    nextSyncAt: iso(subscription.nextSyncAt),
    syncing,
    lastError: subscription.lastError,
  };
}

export function catalogView(catalog: CatalogRecord, subscribers: readonly SubscriberState[]): CatalogView {
  return {
    id: catalog.id,
    name: catalog.name,
    cloudId: catalog.cloudId,
    version: catalog.version,
    publishedAt: catalog.publishedAt.toISOString(),
    items: catalog.items.map((item) => itemView(catalog, item, subscribers)),
    subscriptions: subscribers.map((s) => subscriptionView(s.subscription, s.syncing)),
  };
}
