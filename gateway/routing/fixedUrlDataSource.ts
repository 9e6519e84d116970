/**
 * Supergraph mode: the data source of a subgraph that is not an Overcast kind (no
 * shards, no registry), reached at one fixed URL. Each fetch is one unsigned JSON
 * POST through the gateway's node client (keep-alive undici pool); nothing of the
 * client's request (headers, principal) is forwarded. An entity fetch sends each
 * distinct representation once (./distinctRepresentations.ts). A subgraph that is down, too
 * slow or answers something that is not GraphQL gives one SUBGRAPH_UNAVAILABLE
 * error, and the gateway leaves its part of the answer null.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { subgraphUnavailable } from '../errors';
import { sendDistinct } from './distinctRepresentations';
import { NodeUnavailableError, type GraphQLResult, type NodeClient } from './nodeClient';

export interface FixedUrlDataSourceOptions {
  /** The subgraph's name in the supergraph. */
  name: string;
  /** Its GraphQL endpoint (http or https). */
  url: string;
  client: NodeClient;
  /** Send each distinct representation of an entity fetch once (config `sharing.representations`). */
  distinct: boolean;
}

export class FixedUrlDataSource implements GraphQLDataSource {
  constructor(private readonly options: FixedUrlDataSourceOptions) {
    const protocol = URL.canParse(options.url) ? new URL(options.url).protocol : undefined;
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new Error(`subgraph "${options.name}" has no http(s) URL (got "${options.url}"); set supergraph.subgraphs.${options.name}`);
    }
  }

  async process({ request }: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = request;
    if (!query) return { errors: [{ message: `${this.options.name}: fetch without a query` }] };
    const post = (vars: Record<string, unknown> | undefined): Promise<GraphQLResult> =>
      this.options.client.postUnsigned(this.options.url, {
        query,
        ...(vars ? { variables: vars } : {}),
        ...(operationName ? { operationName } : {}),
      });
    try {
      const representations = variables?.representations;
      return Array.isArray(representations) && this.options.distinct
        ? await sendDistinct(representations, (distinct) => post({ ...variables, representations: distinct }))
        : await post(variables);
    } catch (err) {
      if (err instanceof NodeUnavailableError) return { errors: [subgraphUnavailable(this.options.name, err.message)] };
      throw err;
    }
  }
}
