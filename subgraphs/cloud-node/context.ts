/** Per-request state of a cloud-node: nothing here outlives the request but the adapter. */
import type { CloudAdapter, CloudKind } from './adapters/types';
import { createLoaders, type Loaders } from './loaders';

export interface CloudIdentity {
  id: string;
  name: string;
  kind: CloudKind;
}

export interface NodeContext {
  cloud: CloudIdentity;
  adapter: CloudAdapter;
  loaders: Loaders;
}

export function createContext(cloud: CloudIdentity, adapter: CloudAdapter): NodeContext {
  return { cloud, adapter, loaders: createLoaders(adapter) };
}
