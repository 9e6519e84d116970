/** What "Copy to another cloud…" reads and writes: the caller's VDCs in every cloud, and copyVm. */
import { graphql } from '../../../generated/gql';

export const CopyTargetsQuery = graphql(`
  query CopyTargets {
    clouds {
      id
      name
      kind
      vdcs {
        id
        name
      }
    }
  }
`);

export const CopyVmMutation = graphql(`
  mutation CopyVm($input: CopyVmInput!) {
    copyVm(input: $input) {
      id
      taskId
      name
      state
      targetCloudId
      targetVdcId
      progress {
        phase
        percent
        rateBytesPerSec
      }
    }
  }
`);
