/**
 * The overview's reads. Separate documents on purpose: one
 * cloud down fails the fields it serves, and a non-null field failing would null its
 * parents up to the root, so each part of the page has its own query and its own errors.
 */
import { graphql } from '../../../generated/gql';

/** The registry (control): health of every node, also what says a cloud is down when `clouds` leaves it out. */
export const OverviewNodesDocument = graphql(`
  query OverviewNodes {
    nodes {
      id
      kind
      cloudId
      status
      cloudReachable
      lastSeen
    }
  }
`);

/** Every cloud with its VMs' power states (live from the clouds) and, for multi-tenant ones, the provider's capacity. */
export const OverviewCloudsDocument = graphql(`
  query OverviewClouds {
    clouds {
      id
      name
      kind
      tenant {
        id
        name
      }
      vdcs {
        id
        vms {
          id
          powerState
        }
      }
      provider {
        orgCount
        vdcCount
        cpuCapacityMhz
        cpuAllocatedMhz
        memoryCapacityMb
        memoryAllocatedMb
        storageCapacityMb
        storageAllocatedMb
      }
    }
  }
`);

export const OverviewTenantsDocument = graphql(`
  query OverviewTenants {
    tenants {
      id
      name
      cumulativeVdc {
        vdcCount
        vmCount
        poweredOnVmCount
        vcpuCount
        memoryMb
        cpuLimitMhz
        memoryLimitMb
        storageLimitMb
        cpuUsedMhz
        memoryUsedMb
        storageUsedMb
      }
    }
  }
`);

/** Metered hours in (hour, VM) order: the last page holds the latest hour. */
export const BusiestUsageDocument = graphql(`
  query BusiestUsage($period: PeriodInput!, $after: String) {
    usageRecords(period: $period, first: 1000, after: $after) {
      records {
        vmId
        vmName
        cloudId
        tenantId
        hour
        vcpuMax
        cpuUsedMhz
      }
      endCursor
      hasNextPage
    }
  }
`);
