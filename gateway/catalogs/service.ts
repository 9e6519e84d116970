/**
 * Published catalogs and their subscriptions (mobility.md §3.1, §3.3): publish a
 * catalog of one cloud, subscribe other clouds into dedicated target catalogs, keep
 * versions as the publisher changes, sync on a schedule and on demand. One refresh of
 * a publisher at a time, one sync at a time per subscription (a second request joins
 * the running one); subscribers of one catalog sync in parallel.
 */
import { randomUUID } from 'node:crypto';
import { SYSTEM_PRINCIPAL } from '../../schema/principal';
import { ErrorCode, graphQLError } from '../errors';
import { isDuplicateKeyError } from '../store/errors';
import type { CatalogRecord, CatalogRepository, CatalogSubscriptionRecord } from '../store/repositories/catalogs';
import type { NodeContent, Transfers } from '../transfers/types';

export type { SubscribeInput } from './rules';
import { answered } from './nodeErrors';
import { publishable, subscribable, type SubscribeInput } from './rules';
import { SyncTimers } from './scheduler';
import { nativeIn, syncSubscriber, type SyncOutcome } from './sync';
import { foldListing } from './versions';
import { catalogView, subscriptionView, type CatalogView, type SubscriberState, type SubscriptionView } from './views';

export interface CatalogServiceDeps {
  repository: CatalogRepository;
  transfers: Transfers;
  content: NodeContent;
  /** A scheduled sync's failure, which no caller is waiting for: the log. */
  onError: (err: Error) => void;
  /** @default () => new Date() */
  now?: () => Date;
}

/** Refreshes that lost the version race to another gateway before this one gives up. */
const REFRESH_ATTEMPTS = 5;

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class CatalogService {
  private readonly now: () => Date;
  private readonly timers: SyncTimers;
  private readonly running = new Map<string, Promise<SyncOutcome | undefined>>();
  private readonly refreshing = new Map<string, Promise<CatalogRecord | null>>();
  /** Subscriptions being ended: their sync stops between items and nothing re-arms them. */
  private readonly ending = new Set<string>();
  private readonly transferOf = new Map<string, string>();
  private stopped = false;

  constructor(private readonly deps: CatalogServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.timers = new SyncTimers((id) => void this.syncSubscription(id).catch((err: unknown) => deps.onError(toError(err))), this.now);
  }

  /** Re-arm every scheduled subscription at its persisted `nextSyncAt` (at once when it never got one). */
  async start(): Promise<void> {
    this.stopped = false;
    for (const subscription of await this.deps.repository.listSubscriptions()) {
      if (subscription.syncIntervalSeconds > 0) this.timers.arm(subscription.id, subscription.nextSyncAt ?? this.now());
    }
  }

  /** Clear the timers; a sync running now finishes, and arms nothing. */
  stop(): void {
    this.stopped = true;
    this.timers.stop();
  }

  /** Subscriptions with a timer armed. */
  scheduled(): string[] {
    return this.timers.armed();
  }

  async list(): Promise<CatalogView[]> {
    return Promise.all((await this.deps.repository.listCatalogs()).map((catalog) => this.view(catalog)));
  }

  async get(id: string): Promise<CatalogView | null> {
    const catalog = await this.deps.repository.getCatalog(id);
    return catalog ? this.view(catalog) : null;
  }

  /**
   * Publish the catalog `name` of `cloudId` as version 1. A node lists the templates of a
   * catalog it does not have as none, so a catalog must hold a template to be published:
   * NOT_FOUND for none (absent or empty alike).
   */
  async publish(cloudId: string, name: string): Promise<CatalogView> {
    const templates = await publishable(this.deps, cloudId, name);
    const now = this.now();
    const folded = foldListing(cloudId, { version: 0, items: [] }, templates, now);
    const catalog: CatalogRecord = {
      id: `catalog-${randomUUID()}`,
      cloudId,
      name,
      version: folded.version,
      items: folded.items,
      publishedAt: now,
    };
    try {
      await this.deps.repository.insertCatalog(catalog);
    } catch (err) {
      // Another publish of the same catalog got there first (this gateway or another).
      if (isDuplicateKeyError(err)) throw graphQLError(ErrorCode.CONFLICT, `Catalog "${name}" of cloud "${cloudId}" is published already`);
      throw err;
    }
    return this.view(catalog);
  }

  /** End every subscription (deleting their copies where they propagate deletes), then forget the catalog. */
  async unpublish(id: string): Promise<boolean> {
    const catalog = await this.catalogOrFail(id);
    await Promise.all((await this.deps.repository.listSubscriptions(id)).map((subscription) => this.end(subscription)));
    await this.deps.repository.removeCatalog(catalog.id);
    return true;
  }

  /** Subscribe a cloud into a dedicated, empty target catalog; the first sync starts at once. */
  async subscribe(input: SubscribeInput): Promise<SubscriptionView> {
    const { repository } = this.deps;
    const catalog = await this.catalogOrFail(input.catalogId);
    const { cloudId, targetCatalog } = input;
    const interval = await subscribable(this.deps, catalog, input);
    await answered(this.deps.content.ensureCatalog(cloudId, targetCatalog));
    const subscription: CatalogSubscriptionRecord = {
      id: `subscription-${randomUUID()}`,
      catalogId: catalog.id,
      cloudId,
      targetCatalog,
      syncIntervalSeconds: interval,
      propagateDeletes: input.propagateDeletes === true,
      syncedVersion: null,
      lastSyncAt: null,
      nextSyncAt: null,
      lastError: null,
      createdAt: this.now(),
    };
    try {
      await repository.insertSubscription(subscription);
    } catch (err) {
      if (isDuplicateKeyError(err))
        throw graphQLError(ErrorCode.CONFLICT, `Cloud "${cloudId}" or its catalog "${targetCatalog}" is subscribed already`);
      throw err;
    }
    // Not awaited: the mutation answers with the subscription, `syncing` shows the first sync.
    const first = this.syncSubscription(subscription.id);
    first.catch((err: unknown) => this.deps.onError(toError(err)));
    return subscriptionView(subscription, this.running.has(subscription.id));
  }

  /** End one subscription: its copies are deleted where it propagates deletes. */
  async unsubscribe(id: string): Promise<boolean> {
    const subscription = await this.deps.repository.getSubscription(id);
    if (!subscription) throw graphQLError(ErrorCode.NOT_FOUND, `Subscription "${id}" not found`);
    await this.end(subscription);
    return true;
  }

  /** Sync now: refresh the publisher, sync every subscriber, answer the catalog as it is after. */
  async syncNow(id: string): Promise<CatalogView> {
    await this.catalogOrFail(id);
    const catalog = await answered(this.refresh(id));
    if (!catalog) throw graphQLError(ErrorCode.NOT_FOUND, `Catalog "${id}" not found`);
    await Promise.all((await this.deps.repository.listSubscriptions(id)).map((s) => this.syncSubscription(s.id, catalog)));
    const after = await this.deps.repository.getCatalog(id);
    if (!after) throw graphQLError(ErrorCode.NOT_FOUND, `Catalog "${id}" not found`);
    return this.view(after);
  }

  /**
   * One sync of one subscription: the publisher refreshed first unless `catalog` is the
   * refresh just made. Joins a sync of it already running. Undefined when it is gone or ending.
   */
  syncSubscription(id: string, catalog?: CatalogRecord): Promise<SyncOutcome | undefined> {
    let run = this.running.get(id);
    if (!run) {
      run = this.runSync(id, catalog).finally(() => this.running.delete(id));
      this.running.set(id, run);
    }
    return run;
  }

  private async runSync(id: string, given: CatalogRecord | undefined): Promise<SyncOutcome | undefined> {
    const { repository } = this.deps;
    const subscription = await repository.getSubscription(id);
    if (!subscription || this.ending.has(id)) return undefined;
    // Re-armed however the sync ends (a store failure included), so a schedule is never lost.
    try {
      let catalog: CatalogRecord | null;
      try {
        catalog = given ?? (await this.refresh(subscription.catalogId));
      } catch (err) {
        await repository.updateSubscription(id, { lastError: `publisher: ${messageOf(err)}` });
        return undefined;
      }
      if (!catalog) return undefined;
      return await syncSubscriber({ ...this.deps, now: this.now }, catalog, subscription, {
        aborted: () => this.ending.has(id),
        onTransfer: (transferId) => {
          if (!transferId) return void this.transferOf.delete(id);
          this.transferOf.set(id, transferId);
          // Ended while this copy was being started: end() found no transfer to cancel.
          if (this.ending.has(id)) void this.deps.transfers.cancel(SYSTEM_PRINCIPAL, transferId).catch(() => undefined);
        },
      });
    } finally {
      await this.rearm(subscription);
    }
  }

  /** The next scheduled sync, persisted and armed (none for interval 0, or while stopping or ending). */
  private async rearm(subscription: CatalogSubscriptionRecord): Promise<void> {
    if (subscription.syncIntervalSeconds <= 0 || this.stopped || this.ending.has(subscription.id)) return;
    const next = new Date(this.now().getTime() + subscription.syncIntervalSeconds * 1000);
    await this.deps.repository.updateSubscription(subscription.id, { nextSyncAt: next });
    if (!this.stopped && !this.ending.has(subscription.id)) this.timers.arm(subscription.id, next);
  }

  /** Re-read the publisher and fold its listing into versions; joins a refresh of it already running. */
  private refresh(catalogId: string): Promise<CatalogRecord | null> {
    let run = this.refreshing.get(catalogId);
    if (!run) {
      run = this.refreshOnce(catalogId).finally(() => this.refreshing.delete(catalogId));
      this.refreshing.set(catalogId, run);
    }
    return run;
  }

  private async refreshOnce(catalogId: string): Promise<CatalogRecord | null> {
    const { repository, content } = this.deps;
    for (let attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
      const catalog = await repository.getCatalog(catalogId);
      if (!catalog) return null;
      const folded = foldListing(catalog.cloudId, catalog, await content.listTemplates(catalog.cloudId, catalog.name), this.now());
      if (!folded.dirty) return catalog;
      // Compare-and-set on the version: a refresh by another gateway in between makes this one fold again.
      if (await repository.replaceItems(catalog.id, catalog.version, folded.version, folded.items))
        return { ...catalog, version: folded.version, items: folded.items };
    }
    throw new Error(`catalog ${catalogId} kept changing while being refreshed`);
  }

  /** Stop the subscription's sync (cancelling its copy), delete its copies if it propagates deletes, forget it. */
  private async end(subscription: CatalogSubscriptionRecord): Promise<void> {
    const { id, cloudId } = subscription;
    const { repository, content, transfers } = this.deps;
    this.ending.add(id);
    this.timers.clear(id);
    try {
      const transferId = this.transferOf.get(id);
      if (transferId) await transfers.cancel(SYSTEM_PRINCIPAL, transferId).catch(() => undefined);
      await this.running.get(id)?.catch(() => undefined);
      if (subscription.propagateDeletes) {
        for (const copy of await repository.listCopies(id)) {
          if (copy.templateId === null || copy.state === 'DELETED') continue;
          await answered(content.deleteTemplate(cloudId, nativeIn(cloudId, copy.templateId)));
          // Recorded one by one: an unsubscribe that fails half way continues where it stopped when retried.
          await repository.putCopy({ ...copy, state: 'DELETED', templateId: null, syncedAt: this.now() });
        }
      }
      await repository.removeSubscription(id);
    } catch (err) {
      this.ending.delete(id);
      await this.rearm(subscription);
      throw err;
    }
    this.ending.delete(id);
  }

  private async catalogOrFail(id: string): Promise<CatalogRecord> {
    const catalog = await this.deps.repository.getCatalog(id);
    if (!catalog) throw graphQLError(ErrorCode.NOT_FOUND, `Catalog "${id}" not found`);
    return catalog;
  }

  private async view(catalog: CatalogRecord): Promise<CatalogView> {
    const subscribers = await Promise.all(
      (await this.deps.repository.listSubscriptions(catalog.id)).map(async (subscription): Promise<SubscriberState> => ({
        subscription,
        copies: new Map((await this.deps.repository.listCopies(subscription.id)).map((c) => [c.name, c])),
        syncing: this.running.has(subscription.id),
      })),
    );
    return catalogView(catalog, subscribers);
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

export function createCatalogService(deps: CatalogServiceDeps): CatalogService {
  return new CatalogService(deps);
}
