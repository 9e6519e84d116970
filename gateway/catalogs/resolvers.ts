/** Resolvers of the control subgraph for published catalogs and their subscriptions (roles: gateway/auth/policy.ts). */
import type { Resolvers } from '../control/generated/graphql';
import type { CatalogService } from './service';

export interface CatalogResolverDeps {
  catalogs: CatalogService;
}

/** A Cloud reference: the cloud-node resolves its fields. */
const cloudRef = (parent: { cloudId: string }) => ({ __typename: 'Cloud' as const, id: parent.cloudId });

export function createCatalogResolvers({ catalogs }: CatalogResolverDeps): Resolvers {
  return {
    Query: {
      catalogs: () => catalogs.list(),
      catalog: (_root, { id }) => catalogs.get(id),
    },
    Mutation: {
      publishCatalog: (_root, { cloudId, name }) => catalogs.publish(cloudId, name),
      unpublishCatalog: (_root, { id }) => catalogs.unpublish(id),
      // graphql-js fills in the SDL defaults (3600, false), and non-null inputs refuse null.
      subscribeCatalog: (_root, { input }) => catalogs.subscribe(input),
      unsubscribeCatalog: (_root, { id }) => catalogs.unsubscribe(id),
      syncCatalog: (_root, { id }) => catalogs.syncNow(id),
    },
    Catalog: { cloud: cloudRef },
    CatalogAvailability: { cloud: cloudRef },
    CatalogSubscription: { cloud: cloudRef },
  };
}
