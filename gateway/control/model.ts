/** What the control subgraph's resolvers pass between each other (codegen mappers). */
import type { NodeInstance } from '../registry';

export type NodeModel = NodeInstance;

/** A Cloud as control knows it: by its cloudId only. */
export interface CloudRefModel {
  id: string;
}

/** A VirtualMachine reference: control never resolves VM fields itself. */
export interface VmRefModel {
  id: string;
}
