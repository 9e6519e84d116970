/**
 * What may be published and subscribed to (mobility.md §3.1, after vCloud Connector's
 * Content Sync): a catalog is published once and is never a subscription's target; a
 * target is empty when subscribed, managed by that one subscription alone, and in
 * another cloud than the publisher. The store's unique indexes hold the same rules
 * against a racing request (another gateway's included).
 */
import { isCloudId } from '../../schema/ids';
import { ErrorCode, graphQLError } from '../errors';
import type { CatalogRecord, CatalogRepository } from '../store/repositories/catalogs';
import type { NodeContent, NodeTemplate } from '../transfers/types';
import { answered } from './nodeErrors';

export interface SubscribeInput {
  catalogId: string;
  cloudId: string;
  targetCatalog: string;
  /** Optional in the generated input type only: graphql-js fills in the SDL's default (3600); absent is refused. */
  syncIntervalSeconds?: number;
  /** Likewise (SDL default false). */
  propagateDeletes?: boolean;
}

interface RuleDeps {
  repository: CatalogRepository;
  content: NodeContent;
}

/** Longest catalog name a transfer target takes (schema/transfers.ts ImportTargetSchema). */
const MAX_CATALOG_NAME = 128;

function checkNames(cloudId: string, name: string, field: string): void {
  if (!isCloudId(cloudId)) throw graphQLError(ErrorCode.BAD_USER_INPUT, `"${cloudId}" is not a cloudId`);
  if (!name || name.length > MAX_CATALOG_NAME)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `${field} must be 1 to ${MAX_CATALOG_NAME} characters`);
}

/**
 * The templates of a catalog that may be published. A node lists a catalog it does not
 * have as holding none, so a catalog must hold a template to be published: NOT_FOUND
 * for none (absent or empty alike).
 */
export async function publishable({ repository, content }: RuleDeps, cloudId: string, name: string): Promise<NodeTemplate[]> {
  checkNames(cloudId, name, 'name');
  const published = await repository.findCatalog(cloudId, name);
  if (published) throw graphQLError(ErrorCode.CONFLICT, `Catalog "${name}" of cloud "${cloudId}" is published already (${published.id})`);
  if (await repository.findSubscription({ cloudId, targetCatalog: name }))
    throw graphQLError(ErrorCode.CONFLICT, `Catalog "${name}" of cloud "${cloudId}" is a subscription's target: it cannot be published`);
  const templates = await answered(content.listTemplates(cloudId, name));
  if (templates.length === 0) throw graphQLError(ErrorCode.NOT_FOUND, `Cloud "${cloudId}" has no catalog "${name}" with templates`);
  return templates;
}

/** Check a subscription of `catalog`: its sync interval when it may be made. */
export async function subscribable({ repository, content }: RuleDeps, catalog: CatalogRecord, input: SubscribeInput): Promise<number> {
  const { cloudId, targetCatalog } = input;
  checkNames(cloudId, targetCatalog, 'targetCatalog');
  if (cloudId === catalog.cloudId)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, `Cloud "${cloudId}" publishes this catalog: subscribe another cloud`);
  const interval = input.syncIntervalSeconds;
  if (interval === undefined || !Number.isInteger(interval) || interval < 0)
    throw graphQLError(ErrorCode.BAD_USER_INPUT, 'syncIntervalSeconds must be 0 (only on syncCatalog) or more');
  const existing = await repository.findSubscription({ catalogId: catalog.id, cloudId });
  if (existing) throw graphQLError(ErrorCode.CONFLICT, `Cloud "${cloudId}" subscribes to this catalog already (${existing.id})`);
  if (await repository.findCatalog(cloudId, targetCatalog))
    throw graphQLError(
      ErrorCode.CONFLICT,
      `Catalog "${targetCatalog}" of cloud "${cloudId}" is published: it cannot be a subscription's target`,
    );
  if (await repository.findSubscription({ cloudId, targetCatalog }))
    throw graphQLError(ErrorCode.CONFLICT, `Catalog "${targetCatalog}" of cloud "${cloudId}" is another subscription's target`);
  if ((await answered(content.listTemplates(cloudId, targetCatalog))).length > 0)
    throw graphQLError(
      ErrorCode.CONFLICT,
      `Catalog "${targetCatalog}" of cloud "${cloudId}" is not empty: a subscription's target must be`,
    );
  return interval;
}
