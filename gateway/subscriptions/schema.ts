/**
 * The gateway's own Subscription type, over the supergraph's API schema:
 * @apollo/gateway does not execute subscriptions, so Overcast does. Payload VMs
 * are the supergraph's VirtualMachine, resolved through it.
 */
import { extendSchema, parse, type GraphQLSchema } from 'graphql';

export const SUBSCRIPTION_SDL = /* GraphQL */ `
  enum VmEventType {
    VM_CREATED
    VM_DELETED
    POWER_STATE_CHANGED
    VM_MOVED
  }

  input VmEventFilter {
    tenantId: ID
    cloudId: ID
    types: [VmEventType!]
  }

  "Something changed about a VM in one of the clouds."
  type VmEvent {
    type: VmEventType!
    "When the node saw it (ISO 8601)."
    at: String!
    cloudId: ID!
    "Resolved through the supergraph; a deleted VM still has its last known id, name, power state and size."
    vm: VirtualMachine
    previousPowerState: PowerState
    previousVdcId: ID
  }

  "A node's health changed (from the gateway's health checks)."
  type NodeStatusEvent {
    nodeId: ID!
    cloudId: ID!
    kind: NodeKind!
    status: NodeStatus!
    previous: NodeStatus
    at: String!
  }

  enum TaskOperation {
    POWER_ON
    POWER_OFF
  }

  enum TaskState {
    RUNNING
    SUCCEEDED
    FAILED
  }

  "Progress of a long operation (power operations)."
  type TaskEvent {
    taskId: ID!
    operation: TaskOperation!
    vmId: ID!
    state: TaskState!
    progress: Int!
    error: String
    at: String!
    vm: VirtualMachine
  }

  extend schema {
    subscription: Subscription
  }

  type Subscription {
    "VM changes across all clouds the caller may see."
    vmEvents(filter: VmEventFilter): VmEvent!
    "Node health changes (of the clouds the caller may see)."
    nodeStatus: NodeStatusEvent!
    "Progress of one task, or of every task on one VM."
    taskProgress(taskId: ID, vmId: ID): TaskEvent!
  }
`;

export function subscriptionSchema(apiSchema: GraphQLSchema): GraphQLSchema {
  return extendSchema(apiSchema, parse(SUBSCRIPTION_SDL));
}
