/** The node registry's read: every node with its health, latencies, version, origin and configuration. */
import { graphql } from '../../../generated/gql';

export const NodeRegistryDocument = graphql(`
  query NodeRegistry {
    nodes {
      id
      kind
      cloudId
      url
      status
      cloudReachable
      cloudLatencyMs
      latencyMs
      lastSeen
      version
      origin
      cloud {
        id
        name
      }
      config {
        version
        appliedVersion
        updatedAt
        settings {
          logLevel
          metricsSamplingIntervalMs
        }
      }
    }
  }
`);
