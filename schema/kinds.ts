/**
 * The subgraph kinds that make up the supergraph, and their SDL files.
 * A kind is composed once however many instances (clouds) serve it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeKind } from './generated/enums';

export const SUBGRAPH_KINDS = ['cloud-node', 'sp-node', 'control', 'billing'] as const;
export type SubgraphKind = (typeof SUBGRAPH_KINDS)[number];

/** Kinds with one instance per cloud; the gateway routes their fetches by cloudId. */
export const SHARDED_KINDS = ['cloud-node', 'sp-node'] as const satisfies readonly SubgraphKind[];
export type ShardedKind = (typeof SHARDED_KINDS)[number];

export function isShardedKind(kind: unknown): kind is ShardedKind {
  return (SHARDED_KINDS as readonly unknown[]).includes(kind);
}

/** The API's `NodeKind` of each sharded kind. */
export const NODE_KIND_OF = { 'cloud-node': NodeKind.CLOUD_NODE, 'sp-node': NodeKind.SP_NODE } as const satisfies Record<
  ShardedKind,
  NodeKind
>;

/** The sharded kind an API `NodeKind` names. */
export function shardedKindOf(kind: NodeKind): ShardedKind {
  return kind === NodeKind.SP_NODE ? 'sp-node' : 'cloud-node';
}

/** `<cloudId>/<kind>`: the one id of a node instance, in the API, the store and event ids. */
export function nodeId(node: { cloudId: string; kind: string }): string {
  return `${node.cloudId}/${node.kind}`;
}

/**
 * URL written into the supergraph for each kind. Sharded kinds are routed by the
 * gateway's registry and in-process kinds never leave the process, so these only
 * name the kind; no request is ever sent to them.
 */
export function kindUrl(kind: SubgraphKind): string {
  return `overcast://${kind}`;
}

export function readSdl(kind: SubgraphKind): string {
  return readFileSync(join(__dirname, `${kind}.graphql`), 'utf8');
}

export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');

export function readSupergraphSdl(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
