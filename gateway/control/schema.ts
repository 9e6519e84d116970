/** The control subgraph's executable schema; the gateway serves it in process. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { readSdl } from '../../schema/kinds';
import { createControlResolvers, type ControlDeps } from './resolvers';

export function createControlSchema(deps: ControlDeps): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readSdl('control')), resolvers: createControlResolvers(deps) as never });
}
