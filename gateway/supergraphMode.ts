/**
 * Supergraph mode: the gateway serving another supergraph than Overcast's own (a
 * benchmark's, or a graph that mixes Overcast kinds with other subgraphs). Subgraphs
 * named like an Overcast kind keep their routing; any other is one server at a fixed
 * URL. Everything that differs from serving Overcast's own graph is decided here.
 */
import { readFileSync } from 'node:fs';
import type { GraphQLDataSource } from '@apollo/gateway';
import { SUBGRAPH_KINDS, readSupergraphSdl } from '../schema/kinds';
import type { OperatorPrincipal } from '../schema/principal';
import type { GatewayConfig } from './config';
import { FixedUrlDataSource } from './routing/fixedUrlDataSource';
import type { NodeClient } from './routing/nodeClient';

export interface SupergraphChoice {
  sdl: string;
  /** Overcast's own graph: its role-policy table and subscriptions apply. */
  own: boolean;
}

/** Overcast's own supergraph, or in supergraph mode the one given (as SDL, or the file `supergraph.path`). */
export function chooseSupergraph(config: Pick<GatewayConfig, 'supergraph'>, sdl: string | undefined): SupergraphChoice {
  if (sdl !== undefined) return { sdl, own: false };
  if (!config.supergraph) return { sdl: readSupergraphSdl(), own: true };
  if (!config.supergraph.path) throw new Error('supergraph: set supergraph.path (or pass supergraphSdl to startGateway)');
  return { sdl: readFileSync(config.supergraph.path, 'utf8'), own: false };
}

/** With `auth: { disabled: true }` (allowed in supergraph mode only): every request acts with full rights. */
export const ANONYMOUS_PRINCIPAL: OperatorPrincipal = Object.freeze({ subject: 'anonymous', role: 'provider-admin' });

/**
 * The data source of a subgraph that is no Overcast kind, at its fixed URL
 * (`supergraph.subgraphs[name]`, else the URL in the supergraph); undefined for an Overcast kind.
 */
export function foreignSubgraphSource(
  config: Pick<GatewayConfig, 'supergraph'>,
  { name, url }: { name: string; url?: string },
  client: NodeClient,
  distinct: boolean,
): GraphQLDataSource | undefined {
  if ((SUBGRAPH_KINDS as readonly string[]).includes(name)) return undefined;
  return new FixedUrlDataSource({ name, url: config.supergraph?.subgraphs[name] ?? url ?? '', client, distinct });
}
