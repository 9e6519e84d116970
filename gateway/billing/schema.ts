/** The billing subgraph's executable schema; the gateway serves it in process, as it does control. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { readSdl } from '../../schema/kinds';
import type { BillingDeps } from './deps';
import { createBillingResolvers } from './resolvers';

export function createBillingSchema(deps: BillingDeps): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(readSdl('billing')), resolvers: createBillingResolvers(deps) as never });
}
