/**
 * A cloud-node: the cloud-node subgraph for one cloud, talking to that cloud
 * through its adapter.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readSdl } from '../../schema/kinds';
import { serveSubgraph, type RunningNode } from '../shared/serve';
import type { CloudAdapter } from './adapters/types';
import { createContext, type CloudIdentity } from './context';
import { resolvers } from './resolvers';

export interface CloudNodeOptions {
  cloud: CloudIdentity;
  adapter: CloudAdapter;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Shared with the gateway: only requests it signed are answered. Undefined for a node that registers (see RunningNode.setSecret). */
  secret: string | undefined;
}

export type RunningCloudNode = RunningNode;

export function startCloudNode(options: CloudNodeOptions): Promise<RunningCloudNode> {
  const { cloud, adapter } = options;
  return serveSubgraph({
    kind: 'cloud-node',
    cloudId: cloud.id,
    schema: buildSubgraphSchema({ typeDefs: parse(readSdl('cloud-node')), resolvers: resolvers as never }),
    context: (principal) => createContext(cloud, adapter, principal),
    secret: options.secret,
    host: options.host,
    port: options.port,
    onClose: () => adapter.close(),
  });
}
