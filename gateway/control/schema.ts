/** The control subgraph's executable schema; the gateway serves it in process. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { readSdl } from '../../schema/kinds';
import { createControlResolvers } from './resolvers';
import type { TenancyDeps } from './tenantResolvers';

export function createControlSchema(deps: TenancyDeps): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readSdl('control')), resolvers: createControlResolvers(deps) as never });
}
