/**
 * Request limits: what a client's document may cost, all checked while parsing or
 * validating, so a refused request never reaches a node. graphql-armor does depth,
 * aliases, directives and "Did you mean" masking; tokens and the list-size cost
 * estimate are done elsewhere, for the reasons given below.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { GatewayConfig } from '../config';
import { costLimitRule } from './cost';

/** The `limits` section of the gateway configuration, defaults filled in. */
export type LimitsConfig = GatewayConfig['limits'];

/** ApolloServer options, to spread into its configuration (the plugins added to the server's own). */
export interface RequestLimits {
  /** Armor's suggestion masking, in production only. */
  plugins: ApolloServerPlugin[];
  /** Depth, aliases, directives (armor) and cost (./cost). */
  validationRules: ValidationRule[];
  /** The token limit, enforced by graphql-js's parser. */
  parseOptions: ParseOptions;
  introspection: boolean;
  allowBatchedHttpRequests: false;
}

/** The ApolloServer options that enforce `limits`. */
export function requestLimits(limits: LimitsConfig): RequestLimits {
  const armor = new ApolloArmor({
    // Fragments flattened: a spread counts as the fields it stands for, not as a level of its own.
    // Armor ignores a real `__schema` field (only fields, so a fragment or alias of that name does not
    // escape); introspection is refused in production anyway.
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    // Armor's default lets any number of `__typename` aliases through; count them all.
    maxAliases: { n: limits.maxAliases, allowList: [] },
    maxDirectives: { n: limits.maxDirectives },
    // Armor's Apollo token plugin throws from parsingDidStart, which Apollo answers with HTTP 500
    // (and it relabels every unexpected error as a validation failure). graphql-js counts the same
    // tokens in its own parser (parseOptions.maxTokens below): a GRAPHQL_PARSE_FAILED with 400.
    maxTokens: { enabled: false },
    // Multiplies only by `first`/`last` arguments, which this graph has none of: see ./cost.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: limits.production },
  });
  const protection = armor.protect();
  return {
    plugins: protection.plugins,
    validationRules: [...protection.validationRules, costLimitRule({ maxCost: limits.maxCost, listSizeEstimate: limits.listSizeEstimate })],
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: !limits.production,
    // One operation per HTTP request, so the limits bound a request (Apollo's default; armor's too).
    allowBatchedHttpRequests: protection.allowBatchedHttpRequests,
  };
}
