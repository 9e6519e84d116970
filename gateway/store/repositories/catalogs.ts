/**
 * Published catalogs and their subscriptions (gateway/catalogs/). A catalog keeps its
 * items inside its own document, so a refresh of the publisher moves the catalog's
 * version and its items' versions in one atomic write (compare-and-set on the
 * version: two refreshes never both bump it). What each subscriber holds of each item
 * is one document per (subscription, item), written as its copy moves.
 */
import type { Collection } from '../collection';
import { compact } from './compact';

/** One item of a catalog as the publisher last listed it. */
export interface CatalogItemRecord {
  name: string;
  /** Monotonic from 1: bumped when the checksum or size changes, or when the item is deleted or comes back. */
  version: number;
  sizeBytes: number;
  checksum: string | null;
  /** Global id of the template at the publisher (its last one, for a deleted item). */
  templateId: string;
  deleted: boolean;
  /** When `version` last moved: the publisher's `syncedAt`. */
  updatedAt: Date;
}

export interface CatalogRecord {
  /** `catalog-<uuid>`. */
  id: string;
  /** The publishing cloud; (cloudId, name) is unique: a catalog is published once. */
  cloudId: string;
  name: string;
  version: number;
  items: CatalogItemRecord[];
  publishedAt: Date;
}

export interface CatalogSubscriptionRecord {
  /** `subscription-<uuid>`. */
  id: string;
  catalogId: string;
  /** (catalogId, cloudId) is unique, and so is (cloudId, targetCatalog): a target serves one subscription. */
  cloudId: string;
  targetCatalog: string;
  syncIntervalSeconds: number;
  propagateDeletes: boolean;
  syncedVersion: number | null;
  lastSyncAt: Date | null;
  nextSyncAt: Date | null;
  lastError: string | null;
  createdAt: Date;
}

export type CatalogCopyState = 'SYNCED' | 'SYNCING' | 'FAILED' | 'DELETED';

/** What one subscriber holds of one item. */
export interface CatalogCopyRecord {
  /** `<subscriptionId>/<item name>`: the natural key. */
  key: string;
  subscriptionId: string;
  name: string;
  /** The item version the copy holds; null before a first copy succeeded. */
  version: number | null;
  syncedAt: Date | null;
  state: CatalogCopyState;
  /** Global id of the copy at the subscriber; null when it holds none. */
  templateId: string | null;
  error: string | null;
}

export const CatalogCollections = {
  catalogs: 'catalogs',
  subscriptions: 'catalogSubscriptions',
  copies: 'catalogCopies',
} as const;

export function copyKey(subscriptionId: string, name: string): string {
  return `${subscriptionId}/${name}`;
}

export interface CatalogRepository {
  /** Insert a new catalog: DuplicateKeyError when (cloudId, name) is published already. */
  insertCatalog(catalog: CatalogRecord): Promise<void>;
  getCatalog(id: string): Promise<CatalogRecord | null>;
  findCatalog(cloudId: string, name: string): Promise<CatalogRecord | null>;
  /** By publishing cloud, then name. */
  listCatalogs(): Promise<CatalogRecord[]>;
  /** Write a refresh's result only if the stored version is still `expectedVersion`: false when another refresh won. */
  replaceItems(id: string, expectedVersion: number, version: number, items: readonly CatalogItemRecord[]): Promise<boolean>;
  removeCatalog(id: string): Promise<void>;

  /** DuplicateKeyError when (catalogId, cloudId) or (cloudId, targetCatalog) is taken. */
  insertSubscription(subscription: CatalogSubscriptionRecord): Promise<void>;
  getSubscription(id: string): Promise<CatalogSubscriptionRecord | null>;
  /** Of one catalog, or every one; by cloud. */
  listSubscriptions(catalogId?: string): Promise<CatalogSubscriptionRecord[]>;
  findSubscription(
    filter: { catalogId: string; cloudId: string } | { cloudId: string; targetCatalog: string },
  ): Promise<CatalogSubscriptionRecord | null>;
  /** Set the fields given; an unknown id (ended meanwhile) is left alone. */
  updateSubscription(id: string, fields: Partial<Omit<CatalogSubscriptionRecord, 'id' | 'catalogId' | 'cloudId'>>): Promise<void>;
  /** The subscription and what it recorded of its copies. */
  removeSubscription(id: string): Promise<void>;

  listCopies(subscriptionId: string): Promise<CatalogCopyRecord[]>;
  /** Insert or replace by key, unless the subscription is gone (a sync finishing after unsubscribe writes nothing). */
  putCopy(copy: CatalogCopyRecord): Promise<void>;
}

export class CollectionCatalogRepository implements CatalogRepository {
  constructor(
    private readonly catalogs: Collection<CatalogRecord>,
    private readonly subscriptions: Collection<CatalogSubscriptionRecord>,
    private readonly copies: Collection<CatalogCopyRecord>,
  ) {}

  async insertCatalog(catalog: CatalogRecord): Promise<void> {
    // $setOnInsert on the id: a second publish of (cloudId, name) under a new id meets the unique index.
    await this.catalogs.updateOne({ id: catalog.id }, { $setOnInsert: { ...catalog } }, { upsert: true });
  }

  getCatalog(id: string): Promise<CatalogRecord | null> {
    return this.catalogs.findOne({ id });
  }

  findCatalog(cloudId: string, name: string): Promise<CatalogRecord | null> {
    return this.catalogs.findOne({ cloudId, name });
  }

  listCatalogs(): Promise<CatalogRecord[]> {
    return this.catalogs.find({}, { sort: { cloudId: 1, name: 1 } });
  }

  async replaceItems(id: string, expectedVersion: number, version: number, items: readonly CatalogItemRecord[]): Promise<boolean> {
    const result = await this.catalogs.updateOne({ id, version: expectedVersion }, { $set: { version, items: [...items] } });
    return result.matchedCount > 0;
  }

  async removeCatalog(id: string): Promise<void> {
    await this.catalogs.deleteMany({ id });
  }

  async insertSubscription(subscription: CatalogSubscriptionRecord): Promise<void> {
    await this.subscriptions.updateOne({ id: subscription.id }, { $setOnInsert: { ...subscription } }, { upsert: true });
  }

  getSubscription(id: string): Promise<CatalogSubscriptionRecord | null> {
    return this.subscriptions.findOne({ id });
  }

  listSubscriptions(catalogId?: string): Promise<CatalogSubscriptionRecord[]> {
    return this.subscriptions.find(catalogId === undefined ? {} : { catalogId }, { sort: { catalogId: 1, cloudId: 1 } });
  }

  findSubscription(
    filter: { catalogId: string; cloudId: string } | { cloudId: string; targetCatalog: string },
  ): Promise<CatalogSubscriptionRecord | null> {
    return this.subscriptions.findOne({ ...filter });
  }

  async updateSubscription(id: string, fields: Partial<Omit<CatalogSubscriptionRecord, 'id' | 'catalogId' | 'cloudId'>>): Promise<void> {
    await this.subscriptions.updateOne({ id }, { $set: compact(fields) });
  }

  async removeSubscription(id: string): Promise<void> {
    // The subscription first: a sync still finishing sees it gone and writes no copy after this.
    await this.subscriptions.deleteMany({ id });
    await this.copies.deleteMany({ subscriptionId: id });
  }

  listCopies(subscriptionId: string): Promise<CatalogCopyRecord[]> {
    return this.copies.find({ subscriptionId }, { sort: { subscriptionId: 1, name: 1 } });
  }

  async putCopy(copy: CatalogCopyRecord): Promise<void> {
    if (!(await this.subscriptions.findOne({ id: copy.subscriptionId }))) return;
    await this.copies.upsertMany('key', [copy]);
  }
}
