/**
 * The subgraph kinds that make up the supergraph, and their SDL files.
 * A kind is composed once however many instances (clouds) serve it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUBGRAPH_KINDS = ['cloud-node', 'sp-node', 'control'] as const;
export type SubgraphKind = (typeof SUBGRAPH_KINDS)[number];

/** Kinds with one instance per cloud; the gateway routes their fetches by cloudId. */
export const SHARDED_KINDS: readonly SubgraphKind[] = ['cloud-node', 'sp-node'];

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
