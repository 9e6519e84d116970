/** The catalogs view's documents: every published catalog with who holds which version of each item, and a sync. */
import { graphql } from '../../../generated/gql';

export const CatalogsQuery = graphql(`
  query Catalogs {
    catalogs {
      id
      name
      cloudId
      cloud {
        id
        name
      }
      version
      publishedAt
      items {
        id
        name
        version
        checksum
        sizeBytes
        deleted
        availableIn {
          cloudId
          version
          syncedAt
          state
        }
      }
      subscriptions {
        id
        cloudId
        cloud {
          id
          name
        }
        targetCatalog
        syncedVersion
        lastSyncAt
        nextSyncAt
        syncing
        lastError
      }
    }
  }
`);

export const SyncCatalogMutation = graphql(`
  mutation SyncCatalog($id: ID!) {
    syncCatalog(id: $id) {
      id
      version
    }
  }
`);
