/**
 * What the tenant's home reads: its own tenant (the gateway answers a tenant role for
 * its own id only), each VDC with its VMs' sizes, and the cumulative VDC with one part
 * per cloud. `vmEvents` says when to read it again.
 */
import { graphql } from '../../../generated/gql';

export const TenantHomeQuery = graphql(`
  query TenantHome($id: ID!) {
    tenant(id: $id) {
      id
      name
      clouds {
        id
        name
        kind
      }
      orgs {
        id
        name
        fullName
        cloud {
          id
          name
          kind
        }
        virtualVdc {
          cpuUnlimited
          memoryUnlimited
          storageUnlimited
        }
        vdcs {
          id
          name
          vms {
            id
            powerState
            cpuCount
            memoryMb
          }
        }
      }
      dedicatedClouds {
        id
        name
        kind
        vdcs {
          id
          name
          vms {
            id
            powerState
            cpuCount
            memoryMb
          }
        }
      }
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
        parts {
          cloud {
            id
            name
            kind
          }
          source
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
  }
`);

export const TenantVmEvents = graphql(`
  subscription TenantVmEvents($tenantId: ID) {
    vmEvents(filter: { tenantId: $tenantId }) {
      type
      cloudId
      at
    }
  }
`);
