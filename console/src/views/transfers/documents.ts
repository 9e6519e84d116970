/** The transfers view's documents: the caller's transfers, one transfer's progress feed, and a cancel. */
import { graphql } from '../../../generated/gql';

export const TransfersQuery = graphql(`
  query Transfers($first: Int!) {
    transfers(first: $first) {
      id
      taskId
      operation
      sourceId
      sourceCloudId
      targetCloudId
      targetVdcId
      name
      state
      progress {
        phase
        bytesDone
        bytesTotal
        percent
        rateBytesPerSec
      }
      sourceChecksum
      targetChecksum
      resultId
      resumes
      error
      createdAt
      updatedAt
    }
  }
`);

export const TransferProgressSubscription = graphql(`
  subscription TransferProgress($taskId: ID!) {
    taskProgress(taskId: $taskId) {
      taskId
      state
      error
      at
      transfer {
        phase
        bytesDone
        bytesTotal
        percent
        rateBytesPerSec
      }
    }
  }
`);

export const CancelTransferMutation = graphql(`
  mutation CancelTransfer($id: ID!) {
    cancelTransfer(id: $id) {
      id
      state
      error
      progress {
        phase
        bytesDone
        bytesTotal
        percent
        rateBytesPerSec
      }
    }
  }
`);

/** Names for the clouds and VDCs transfers name by id (what the caller may see; a cloud out of reach leaves ids). */
export const TransferPlacesQuery = graphql(`
  query TransferPlaces {
    clouds {
      id
      name
      vdcs {
        id
        name
      }
    }
  }
`);
