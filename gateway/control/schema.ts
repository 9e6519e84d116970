/** The control subgraph's executable schema; the gateway serves it in process. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { NodeRegistry } from '../registry';
import { createControlResolvers } from './resolvers';

export function createControlSchema(registry: NodeRegistry): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readSdl('control')), resolvers: createControlResolvers(registry) as never });
}
