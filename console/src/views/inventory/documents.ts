/** The inventory's documents: one page of the index with its freshness, and the choices its filters offer. */
import { graphql } from '../../../generated/gql';

export const InventoryPageQuery = graphql(`
  query InventoryPage($filter: VmFilter, $orderBy: VmOrder, $first: Int!, $after: String, $withTenant: Boolean!) {
    vms(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        cursor
        node {
          id
          tenant @include(if: $withTenant) {
            id
            name
          }
        }
        lastKnown {
          name
          powerState
          cpuCount
          memoryMb
          syncedAt
          stale
        }
      }
    }
  }
`);

export const InventoryFreshnessQuery = graphql(`
  query InventoryFreshness {
    inventoryFreshness {
      cloud {
        id
        name
      }
      syncedAt
      stale
      lastError
      vmCount
    }
  }
`);

export const InventoryChoicesQuery = graphql(`
  query InventoryChoices($withTenants: Boolean!) {
    clouds {
      id
      name
    }
    tenants @include(if: $withTenants) {
      id
      name
    }
  }
`);
