/** What the billing subgraph's resolvers get per request: who is asking (the gateway's context, as the control subgraph gets it). */
export type { ControlContext as BillingContext } from '../control/context';
