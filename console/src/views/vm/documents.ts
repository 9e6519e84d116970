/** The VM page's documents: the VM, its power events and tasks (copies and moves of it too), the power mutations, and a task read back. */
import { graphql } from '../../../generated/gql';

export const VmDetailQuery = graphql(`
  query VmDetail($id: ID!) {
    vm(id: $id) {
      id
      name
      powerState
      cpuCount
      memoryMb
      cloud {
        id
        name
        kind
      }
      vdc {
        id
        name
      }
      org {
        id
        name
      }
      tenant {
        id
        name
      }
    }
  }
`);

export const VmPowerEventsSubscription = graphql(`
  subscription VmPowerEvents($cloudId: ID!) {
    vmEvents(filter: { cloudId: $cloudId, types: [POWER_STATE_CHANGED] }) {
      type
      at
      powerState
      vm {
        id
      }
    }
  }
`);

export const VmTaskProgressSubscription = graphql(`
  subscription VmTaskProgress($vmId: ID!) {
    taskProgress(vmId: $vmId) {
      taskId
      operation
      vmId
      state
      progress
      error
      at
      vm {
        id
        powerState
      }
      transfer {
        phase
        percent
        rateBytesPerSec
      }
    }
  }
`);

export const VmTaskQuery = graphql(`
  query VmTask($id: ID!) {
    task(id: $id) {
      id
      operation
      vmId
      state
      progress
      error
      at
      vm {
        id
        powerState
      }
    }
  }
`);

export const PowerOnVmMutation = graphql(`
  mutation PowerOnVm($id: ID!) {
    powerOnVm(id: $id) {
      id
      powerState
    }
  }
`);

export const PowerOffVmMutation = graphql(`
  mutation PowerOffVm($id: ID!) {
    powerOffVm(id: $id) {
      id
      powerState
    }
  }
`);
